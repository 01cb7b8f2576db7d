#include "ui/appsettings.h"

#include "core/base/paths.h"

#include <QDir>
#include <QThread>

namespace trellis::ui {

namespace {
constexpr auto kLanguage = "ui/language";
constexpr auto kTheme = "ui/theme";
constexpr auto kEditor = "editor/command";
constexpr auto kJobs = "engine/jobs";
constexpr auto kCacheDir = "cache/dir";
constexpr auto kCacheLimit = "cache/sizeLimitMiB";
constexpr auto kPython = "python/interpreter";
constexpr auto kPythonEnv = "python/envMode";
constexpr auto kSandbox = "test/sandbox";
constexpr auto kRecent = "workspace/recent";
constexpr auto kExportDir = "export/lastDir";
constexpr auto kDesktopEditor = "editor/useDesktopDefault";
constexpr auto kGeometry = "window/geometry";
constexpr auto kState = "window/state";
} // namespace

QString AppSettings::language() const { return m_settings.value(kLanguage).toString(); }
void AppSettings::setLanguage(const QString &code) { m_settings.setValue(kLanguage, code); }

ThemeMode AppSettings::theme() const
{
    const QString v = m_settings.value(kTheme).toString();
    if (v == QLatin1String("light"))
        return ThemeMode::Light;
    if (v == QLatin1String("dark"))
        return ThemeMode::Dark;
    return ThemeMode::System;
}

void AppSettings::setTheme(ThemeMode mode)
{
    switch (mode) {
    case ThemeMode::Light: m_settings.setValue(kTheme, QStringLiteral("light")); break;
    case ThemeMode::Dark: m_settings.setValue(kTheme, QStringLiteral("dark")); break;
    case ThemeMode::System: m_settings.setValue(kTheme, QStringLiteral("system")); break;
    }
}

QString AppSettings::editorCommand() const { return m_settings.value(kEditor).toString(); }
void AppSettings::setEditorCommand(const QString &command) { m_settings.setValue(kEditor, command); }

int AppSettings::jobs() const { return qMax(0, m_settings.value(kJobs, 0).toInt()); }
void AppSettings::setJobs(int jobs) { m_settings.setValue(kJobs, qMax(0, jobs)); }
int AppSettings::effectiveJobs() const { return jobs() > 0 ? jobs() : qMax(1, QThread::idealThreadCount()); }

QString AppSettings::cacheDir() const { return m_settings.value(kCacheDir).toString(); }
void AppSettings::setCacheDir(const QString &dir) { m_settings.setValue(kCacheDir, dir); }
QString AppSettings::effectiveCacheDir() const
{
    const QString dir = cacheDir();
    return dir.isEmpty() ? QString::fromStdString(base::cacheDir()) : dir;
}
int AppSettings::cacheSizeLimitMiB() const { return qMax(0, m_settings.value(kCacheLimit, 1024).toInt()); }
void AppSettings::setCacheSizeLimitMiB(int mib) { m_settings.setValue(kCacheLimit, qMax(0, mib)); }

QString AppSettings::exportDirectory() const
{
    const QString last = m_settings.value(kExportDir).toString();
    if (!last.isEmpty() && QDir(last).exists())
        return last;
    const QStringList recent = recentWorkspaces();
    if (!recent.isEmpty() && QDir(recent.first()).exists())
        return recent.first();
    return QDir::homePath();
}

void AppSettings::setLastExportDirectory(const QString &dir) { m_settings.setValue(kExportDir, dir); }

bool AppSettings::useDesktopDefaultEditor() const { return m_settings.value(kDesktopEditor, false).toBool(); }
void AppSettings::setUseDesktopDefaultEditor(bool use) { m_settings.setValue(kDesktopEditor, use); }

QString AppSettings::pythonInterpreter() const { return m_settings.value(kPython).toString(); }
void AppSettings::setPythonInterpreter(const QString &path) { m_settings.setValue(kPython, path); }

QString AppSettings::pythonEnvMode() const
{
    const QString v = m_settings.value(kPythonEnv).toString();
    return v == QLatin1String("lockfile") || v == QLatin1String("search") ? v : QStringLiteral("auto");
}
void AppSettings::setPythonEnvMode(const QString &mode) { m_settings.setValue(kPythonEnv, mode); }

bool AppSettings::testSandbox() const { return m_settings.value(kSandbox, true).toBool(); }
void AppSettings::setTestSandbox(bool sandbox) { m_settings.setValue(kSandbox, sandbox); }

QStringList AppSettings::recentWorkspaces() const { return m_settings.value(kRecent).toStringList(); }

void AppSettings::addRecentWorkspace(const QString &path)
{
    const QString clean = QDir::cleanPath(path);
    QStringList list = recentWorkspaces();
    list.removeAll(clean);
    list.prepend(clean);
    while (list.size() > kMaxRecent)
        list.removeLast();
    m_settings.setValue(kRecent, list);
}

void AppSettings::clearRecentWorkspaces() { m_settings.remove(kRecent); }

QByteArray AppSettings::windowGeometry() const { return m_settings.value(kGeometry).toByteArray(); }
QByteArray AppSettings::windowState() const { return m_settings.value(kState).toByteArray(); }
void AppSettings::setWindowGeometry(const QByteArray &geometry) { m_settings.setValue(kGeometry, geometry); }
void AppSettings::setWindowState(const QByteArray &state) { m_settings.setValue(kState, state); }

} // namespace trellis::ui
