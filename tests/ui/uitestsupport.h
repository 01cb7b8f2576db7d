// Helpers shared by the ui tests: isolated settings/cache directories and fixture
// workspaces written to temporary folders.
#pragma once

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>

namespace trellis::ui::testing {

/// Points QSettings, XDG cache and data at `dir` so tests never touch the user's files.
inline void isolateUserDirectories(const QString &dir)
{
    qputenv("XDG_CACHE_HOME", QDir(dir).filePath(QStringLiteral("cache")).toUtf8());
    qputenv("XDG_DATA_HOME", QDir(dir).filePath(QStringLiteral("data")).toUtf8());
    qputenv("XDG_CONFIG_HOME", QDir(dir).filePath(QStringLiteral("config")).toUtf8());
    QStandardPaths::setTestModeEnabled(true);
}

/// Writes `content` to root/relPath, creating directories.
inline bool writeFile(const QString &root, const QString &relPath, const QByteArray &content)
{
    const QString path = QDir(root).filePath(relPath);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(content) == content.size();
}

/// pants.toml of a Python-only workspace with its sources under /src.
inline bool writePythonPantsToml(const QString &root)
{
    return writeFile(root, QStringLiteral("pants.toml"),
                     "[GLOBAL]\npants_version = \"2.32.0\"\nbackend_packages = [\"pants.backend.python\"]\n\n"
                     "[source]\nroot_patterns = [\"/src\"]\n");
}

/// A synthetic workspace of `packages` packages, each with a BUILD file, `filesPerPackage`
/// modules importing the previous package, and a test file.
inline bool writeLargeWorkspace(const QString &root, int packages, int filesPerPackage)
{
    bool ok = writePythonPantsToml(root);
    for (int p = 0; p < packages; ++p) {
        const QString dir = QStringLiteral("src/big/pkg%1").arg(p, 4, 10, QLatin1Char('0'));
        ok = ok && writeFile(root, dir + QStringLiteral("/BUILD"), "python_sources()\npython_tests(name=\"tests\")\n");
        ok = ok && writeFile(root, dir + QStringLiteral("/__init__.py"), "");
        for (int f = 0; f < filesPerPackage; ++f) {
            QByteArray text = "import os\n";
            if (p > 0)
                text += QStringLiteral("from big.pkg%1 import mod0\n").arg(p - 1, 4, 10, QLatin1Char('0')).toUtf8();
            text += "\n\ndef f():\n    return os.getcwd()\n";
            ok = ok && writeFile(root, dir + QStringLiteral("/mod%1.py").arg(f), text);
        }
        ok = ok && writeFile(root, dir + QStringLiteral("/mod_test.py"),
                             QStringLiteral("from big.pkg%1 import mod0\n\ndef test_f():\n    assert mod0.f()\n").arg(p, 4, 10, QLatin1Char('0')).toUtf8());
    }
    return ok;
}

} // namespace trellis::ui::testing
