// SourceViewer: one file of the workspace, read-only, syntax-highlighted with
// KSyntaxHighlighting (BUILD files as Python), with line numbers, a path bar and an
// "Open in External Editor" button. The theme follows the palette unless the user chose one.
//
//   SourceViewer viewer(&repository);            // one Repository per application
//   viewer.openFile("/repo/src/app/BUILD", "src/app/BUILD", 12);
#pragma once

#include "ui/appsettings.h"

#include <QDateTime>
#include <QWidget>

class QLabel;
class QToolButton;

namespace KSyntaxHighlighting {
class Repository;
class SyntaxHighlighter;
}

namespace trellis::ui {

class CodeEditor;

class SourceViewer : public QWidget {
    Q_OBJECT
public:
    explicit SourceViewer(KSyntaxHighlighting::Repository *repository, QWidget *parent = nullptr);

    /// Loads a file and jumps to `line` (0 = keep the top). Returns false (and shows the
    /// reason in the viewer) when the file cannot be read.
    bool openFile(const QString &absolutePath, const QString &displayPath, int line = 0);
    /// Re-reads the file from disk, keeping the scroll position and marked line.
    void reloadFromDisk();
    void goToLine(int line);
    void setThemeMode(ThemeMode mode);

    QString filePath() const { return m_absolutePath; }
    QString displayPath() const { return m_displayPath; }
    int currentLine() const;
    /// Name of the syntax definition in use ("Python", "TOML", ...; "" for plain text).
    QString definitionName() const;
    CodeEditor *editor() const { return m_editor; }

Q_SIGNALS:
    void openExternallyRequested(const QString &absolutePath, int line);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyTheme();
    void onOpenExternally();

    KSyntaxHighlighting::Repository *m_repository;        // not owned; shared by all viewers
    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter; // owned by the document
    CodeEditor *m_editor;
    QLabel *m_pathLabel;
    QLabel *m_infoLabel;
    QToolButton *m_externalButton;
    QString m_absolutePath;
    qint64 m_shownSize = -1;  // stamp of the file as shown, for reloadFromDisk()
    QDateTime m_shownModified;
    QString m_displayPath;
    ThemeMode m_themeMode = ThemeMode::System;
};

} // namespace trellis::ui
