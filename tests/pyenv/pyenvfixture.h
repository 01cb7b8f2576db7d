// Helpers shared by the pyenv tests: a fixture repository written by makefixture.py
// (wheels built at test time, lockfiles holding their sha256), the Python to build on,
// and the options of a fixture.
#pragma once

#include "core/workspace/options.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

#include <map>
#include <string>

namespace pyenvfixture {

/// The interpreter the tests build on: /usr/bin/python3 (Debian's, with pip and venv)
/// when present, else python3 on PATH.
inline std::string python()
{
    if (QFileInfo::exists(QStringLiteral("/usr/bin/python3")))
        return "/usr/bin/python3";
    return QStandardPaths::findExecutable(QStringLiteral("python3")).toStdString();
}

/// Runs makefixture.py into `dir` with `args`; "" on success, else its output.
inline QString make(const QString &dir, const QStringList &args)
{
    QProcess p;
    p.start(QString::fromStdString(python()),
            QStringList{QStringLiteral(TRELLIS_TEST_DATA "/pyenv/makefixture.py"), dir} + args);
    p.waitForFinished(60000);
    if (p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0)
        return {};
    return QString::fromUtf8(p.readAllStandardError() + p.readAllStandardOutput());
}

/// Runs `program args`; returns (exit code, stdout + stderr).
inline std::pair<int, QString> run(const std::string &program, const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QString::fromStdString(program), args);
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAll()).trimmed()};
}

inline trellis::workspace::Options options(const QString &root)
{
    trellis::workspace::OptionsRequest req;
    req.buildRoot = root.toStdString();
    req.readPantsrc = false;
    auto o = trellis::workspace::Options::load(req);
    return o ? *o : trellis::workspace::Options::defaults(req.buildRoot);
}

/// PATH and HOME for builds; PATH without uv, so pip is what installs.
inline std::map<std::string, std::string> environment(const QString &home)
{
    return {{"PATH", "/usr/bin:/bin"}, {"HOME", home.toStdString()}};
}

/// Replaces `from` (which must be there) by `to` in a fixture file; "" on success, else why.
inline QString replaceIn(const QString &path, const QByteArray &from, const QByteArray &to)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return path + QStringLiteral(": cannot read");
    QByteArray data = f.readAll();
    f.close();
    if (!data.contains(from))
        return path + QStringLiteral(" has no ") + QString::fromUtf8(from);
    data.replace(from, to);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(data) != data.size())
        return path + QStringLiteral(": cannot write");
    return {};
}

} // namespace pyenvfixture
