// CodeEditor: a read-only QPlainTextEdit with a line-number gutter, current-line and
// target-line highlighting, coloured from a KSyntaxHighlighting theme.
//
//   CodeEditor editor;
//   editor.setPlainText(text);
//   editor.goToLine(42);   // scrolls there, selects the line and marks it
#pragma once

#include <QPlainTextEdit>

namespace KSyntaxHighlighting { class Theme; }

namespace trellis::ui {

class CodeEditor : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit CodeEditor(QWidget *parent = nullptr);

    /// Applies the editor colours of a theme (background, gutter, current line).
    void applyTheme(const KSyntaxHighlighting::Theme &theme);
    /// Moves the cursor to a 1-based line, centres it and marks it until the next jump.
    void goToLine(int line);
    /// 1-based line of the cursor.
    int currentLine() const;
    /// The line marked by the last goToLine() (0 = none).
    int markedLine() const { return m_markedLine; }

    int lineNumberAreaWidth() const;
    void paintLineNumberArea(QPaintEvent *event);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void onBlockCountChanged();
    void onUpdateRequest(const QRect &rect, int dy);
    void updateExtraSelections();

    QWidget *m_lineNumberArea; // owned by this (child widget)
    int m_markedLine = 0;
    QColor m_gutterBackground;
    QColor m_gutterText;
    QColor m_gutterCurrentText;
    QColor m_currentLineBackground;
    QColor m_markedLineBackground;
};

} // namespace trellis::ui
