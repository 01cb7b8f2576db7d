#include "ui/views/codeeditor.h"

#include <KSyntaxHighlighting/Theme>

#include <QFontDatabase>
#include <QPainter>
#include <QTextBlock>

namespace trellis::ui {

namespace {

/// The gutter: delegates painting to its editor.
class LineNumberArea : public QWidget {
public:
    explicit LineNumberArea(CodeEditor *editor) : QWidget(editor), m_editor(editor) {}
    QSize sizeHint() const override { return {m_editor->lineNumberAreaWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintLineNumberArea(event); }

private:
    CodeEditor *m_editor; // not owned (parent)
};

} // namespace

CodeEditor::CodeEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_lineNumberArea(new LineNumberArea(this))
{
    setReadOnly(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    // Read-only: no blinking caret (the current line is highlighted instead).
    setCursorWidth(0);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFrameShape(QFrame::NoFrame);
    m_gutterBackground = palette().color(QPalette::Window);
    m_gutterText = palette().color(QPalette::PlaceholderText);
    m_gutterCurrentText = palette().color(QPalette::Text);
    m_currentLineBackground = palette().color(QPalette::AlternateBase);
    m_markedLineBackground = palette().color(QPalette::Highlight).lighter(170);

    connect(this, &QPlainTextEdit::blockCountChanged, this, &CodeEditor::onBlockCountChanged);
    connect(this, &QPlainTextEdit::updateRequest, this, &CodeEditor::onUpdateRequest);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &CodeEditor::updateExtraSelections);
    onBlockCountChanged();
}

void CodeEditor::applyTheme(const KSyntaxHighlighting::Theme &theme)
{
    using KSyntaxHighlighting::Theme;
    QPalette pal = palette();
    pal.setColor(QPalette::Base, QColor::fromRgba(theme.editorColor(Theme::BackgroundColor)));
    pal.setColor(QPalette::Text, QColor::fromRgba(theme.textColor(Theme::Normal)));
    pal.setColor(QPalette::Highlight, QColor::fromRgba(theme.editorColor(Theme::TextSelection)));
    pal.setColor(QPalette::HighlightedText, QColor::fromRgba(theme.textColor(Theme::Normal)));
    setPalette(pal);
    m_gutterBackground = QColor::fromRgba(theme.editorColor(Theme::IconBorder));
    m_gutterText = QColor::fromRgba(theme.editorColor(Theme::LineNumbers));
    m_gutterCurrentText = QColor::fromRgba(theme.editorColor(Theme::CurrentLineNumber));
    m_currentLineBackground = QColor::fromRgba(theme.editorColor(Theme::CurrentLine));
    m_markedLineBackground = QColor::fromRgba(theme.editorColor(Theme::SearchHighlight));
    m_markedLineBackground.setAlpha(110);
    updateExtraSelections();
    m_lineNumberArea->update();
}

void CodeEditor::goToLine(int line)
{
    const QTextBlock block = document()->findBlockByNumber(qBound(1, line, qMax(1, blockCount())) - 1);
    if (!block.isValid())
        return;
    m_markedLine = block.blockNumber() + 1;
    QTextCursor cursor(block);
    setTextCursor(cursor);
    centerCursor();
    updateExtraSelections();
}

int CodeEditor::currentLine() const { return textCursor().blockNumber() + 1; }

int CodeEditor::lineNumberAreaWidth() const
{
    int digits = 1;
    for (int max = qMax(1, blockCount()); max >= 10; max /= 10)
        ++digits;
    return 16 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * qMax(3, digits);
}

void CodeEditor::onBlockCountChanged() { setViewportMargins(lineNumberAreaWidth(), 0, 0, 0); }

void CodeEditor::onUpdateRequest(const QRect &rect, int dy)
{
    if (dy)
        m_lineNumberArea->scroll(0, dy);
    else
        m_lineNumberArea->update(0, rect.y(), m_lineNumberArea->width(), rect.height());
}

void CodeEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    m_lineNumberArea->setGeometry(QRect(cr.left(), cr.top(), lineNumberAreaWidth(), cr.height()));
}

void CodeEditor::paintLineNumberArea(QPaintEvent *event)
{
    QPainter painter(m_lineNumberArea);
    painter.fillRect(event->rect(), m_gutterBackground);
    painter.setFont(font());
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    const int current = textCursor().blockNumber();
    const int width = m_lineNumberArea->width() - 8;
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top()) {
            painter.setPen(block.blockNumber() == current ? m_gutterCurrentText : m_gutterText);
            painter.drawText(0, top, width, fontMetrics().height(), Qt::AlignRight, QString::number(block.blockNumber() + 1));
        }
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
    }
}

void CodeEditor::updateExtraSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    QTextEdit::ExtraSelection current;
    current.format.setBackground(m_currentLineBackground);
    current.format.setProperty(QTextFormat::FullWidthSelection, true);
    current.cursor = textCursor();
    current.cursor.clearSelection();
    selections << current;
    if (m_markedLine > 0) {
        QTextEdit::ExtraSelection marked;
        marked.format.setBackground(m_markedLineBackground);
        marked.format.setProperty(QTextFormat::FullWidthSelection, true);
        marked.cursor = QTextCursor(document()->findBlockByNumber(m_markedLine - 1));
        selections << marked;
    }
    setExtraSelections(selections);
    m_lineNumberArea->update();
}

} // namespace trellis::ui
