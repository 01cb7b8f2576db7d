#include "ui/views/sourceviewer.h"

#include "ui/uitr.h"
#include "ui/views/codeeditor.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollBar>
#include <QStringDecoder>
#include <QToolButton>
#include <QVBoxLayout>

namespace trellis::ui {

namespace {
constexpr qint64 kMaxFileBytes = 8 * 1024 * 1024;

bool isBuildFile(const QString &name)
{
    return name == QLatin1String("BUILD") || name.startsWith(QLatin1String("BUILD."));
}
} // namespace

SourceViewer::SourceViewer(KSyntaxHighlighting::Repository *repository, QWidget *parent)
    : QWidget(parent)
    , m_repository(repository)
    , m_editor(new CodeEditor(this))
    , m_pathLabel(new QLabel(this))
    , m_infoLabel(new QLabel(this))
    , m_externalButton(new QToolButton(this))
{
    m_highlighter = new KSyntaxHighlighting::SyntaxHighlighter(m_editor->document());
    m_pathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_infoLabel->setForegroundRole(QPalette::PlaceholderText);
    m_externalButton->setText(Tr::tr("Open in External Editor"));
    m_externalButton->setToolTip(Tr::tr("Open this file at the current line in the configured external editor"));
    m_externalButton->setIcon(QIcon::fromTheme(QStringLiteral("document-open")));
    m_externalButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_externalButton->setAutoRaise(true);
    connect(m_externalButton, &QToolButton::clicked, this, &SourceViewer::onOpenExternally);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(8, 3, 4, 3);
    bar->addWidget(m_pathLabel, 1);
    bar->addWidget(m_infoLabel);
    bar->addWidget(m_externalButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_editor, 1);
    applyTheme();
}

bool SourceViewer::openFile(const QString &absolutePath, const QString &displayPath, int line)
{
    m_absolutePath = absolutePath;
    m_displayPath = displayPath.isEmpty() ? absolutePath : displayPath;
    m_pathLabel->setText(QStringLiteral("<b>%1</b>").arg(m_displayPath.toHtmlEscaped()));
    m_pathLabel->setToolTip(absolutePath);

    QFile file(absolutePath);
    if (file.size() > kMaxFileBytes) {
        m_editor->setPlainText(Tr::tr("%1 is too large to show (%2 MiB).").arg(m_displayPath).arg(file.size() / (1024 * 1024)));
        m_infoLabel->clear();
        return false;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        m_editor->setPlainText(Tr::tr("Cannot read %1: %2").arg(m_displayPath, file.errorString()));
        m_infoLabel->clear();
        return false;
    }
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(file.readAll());
    const QFileInfo stamp(absolutePath);
    m_shownSize = stamp.size();
    m_shownModified = stamp.lastModified();

    const QString name = QFileInfo(absolutePath).fileName();
    KSyntaxHighlighting::Definition def = isBuildFile(name) ? m_repository->definitionForName(QStringLiteral("Python"))
                                                             : m_repository->definitionForFileName(name);
    m_highlighter->setDefinition(def);
    m_editor->setPlainText(text);
    m_infoLabel->setText(def.isValid() ? def.translatedName() : Tr::tr("Plain text"));
    if (line > 0)
        m_editor->goToLine(line);
    return true;
}

void SourceViewer::reloadFromDisk()
{
    if (m_absolutePath.isEmpty())
        return;
    // Reloads follow every change in the workspace; highlighting a large file again
    // when it did not change would only freeze the window.
    const QFileInfo stamp(m_absolutePath);
    if (stamp.exists() && stamp.size() == m_shownSize && stamp.lastModified() == m_shownModified)
        return;
    const int scroll = m_editor->verticalScrollBar()->value();
    const int marked = m_editor->markedLine();
    openFile(m_absolutePath, m_displayPath, marked);
    m_editor->verticalScrollBar()->setValue(scroll);
}

void SourceViewer::goToLine(int line) { m_editor->goToLine(line); }
int SourceViewer::currentLine() const { return m_editor->currentLine(); }

QString SourceViewer::definitionName() const
{
    return m_highlighter->definition().isValid() ? m_highlighter->definition().name() : QString();
}

void SourceViewer::setThemeMode(ThemeMode mode)
{
    m_themeMode = mode;
    applyTheme();
}

void SourceViewer::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_themeMode == ThemeMode::System)
        applyTheme();
}

void SourceViewer::applyTheme()
{
    bool dark = false;
    switch (m_themeMode) {
    case ThemeMode::System: dark = palette().color(QPalette::Window).lightness() < 128; break;
    case ThemeMode::Light: dark = false; break;
    case ThemeMode::Dark: dark = true; break;
    }
    const KSyntaxHighlighting::Theme theme = m_repository->defaultTheme(
        dark ? KSyntaxHighlighting::Repository::DarkTheme : KSyntaxHighlighting::Repository::LightTheme);
    if (m_highlighter->theme().name() == theme.name())
        return;
    m_highlighter->setTheme(theme);
    m_highlighter->rehighlight();
    m_editor->applyTheme(theme);
}

void SourceViewer::onOpenExternally()
{
    if (!m_absolutePath.isEmpty())
        Q_EMIT openExternallyRequested(m_absolutePath, m_editor->currentLine());
}

} // namespace trellis::ui
