// AppSettings: typed access to the GUI's QSettings keys (language, theme, editor command,
// jobs, cache, Python interpreter, recent workspaces). Cheap to construct; not a singleton.
//
//   AppSettings settings;
//   settings.setEditorCommand("code -g {file}:{line}");
//   int jobs = settings.effectiveJobs();
#pragma once

#include <QSettings>
#include <QString>
#include <QStringList>

namespace trellis::ui {

enum class ThemeMode { System, Light, Dark };

class AppSettings {
public:
    AppSettings() = default;

    /// "" follows the system locale; otherwise a language code ("en", "ko", "ja").
    QString language() const;
    void setLanguage(const QString &code);

    ThemeMode theme() const;
    void setTheme(ThemeMode mode);

    /// External editor command with {file} and {line} placeholders; "" = system default.
    QString editorCommand() const;
    void setEditorCommand(const QString &command);

    /// Parallel jobs for loading and inference; 0 = one per core.
    int jobs() const;
    void setJobs(int jobs);
    /// jobs(), with 0 resolved to the ideal thread count.
    int effectiveJobs() const;

    /// Cache directory; "" = the default per-user cache.
    QString cacheDir() const;
    void setCacheDir(const QString &dir);
    /// cacheDir() with "" resolved to the default location.
    QString effectiveCacheDir() const;
    /// Upper bound for the cache in MiB (0 = unlimited).
    int cacheSizeLimitMiB() const;
    void setCacheSizeLimitMiB(int mib);

    /// Python interpreter used to run tools; "" = first python3 on PATH.
    QString pythonInterpreter() const;
    void setPythonInterpreter(const QString &path);
    /// Where pytest's interpreter comes from for a resolve with a lockfile: "auto" (the
    /// default), "lockfile" or "search", as `trellis test --python-env`.
    QString pythonEnvMode() const;
    void setPythonEnvMode(const QString &mode);
    /// Run each test process in a sandbox of its inputs (default true); false = in place,
    /// uncached, as `trellis test --no-sandbox`.
    bool testSandbox() const;
    void setTestSandbox(bool sandbox);

    /// Most recently opened workspaces, newest first, at most kMaxRecent.
    QStringList recentWorkspaces() const;
    void addRecentWorkspace(const QString &path);
    void clearRecentWorkspaces();

    /// Where export dialogs start: the last directory exported to (when it still exists),
    /// else the current (most recent) workspace root, else the home directory — never the
    /// process's working directory.
    QString exportDirectory() const;
    void setLastExportDirectory(const QString &dir);

    /// Open in External Editor without a command: use the desktop's default application
    /// without asking again.
    bool useDesktopDefaultEditor() const;
    void setUseDesktopDefaultEditor(bool use);

    QByteArray windowGeometry() const;
    QByteArray windowState() const;
    void setWindowGeometry(const QByteArray &geometry);
    void setWindowState(const QByteArray &state);

    static constexpr int kMaxRecent = 10;

private:
    mutable QSettings m_settings;
};

} // namespace trellis::ui
