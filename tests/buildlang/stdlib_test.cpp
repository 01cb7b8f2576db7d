// The parser accepts real Python: every .py file of the installed Python standard
// library (/usr/lib/python3.*/) parses without a syntax error. Files that CPython itself
// rejects (test data with deliberate syntax errors, such as lib2to3/tests/data or
// test/badsyntax_*) are excluded by asking python3 to compile each file we reject.
#include "core/buildlang/parser.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace trellis::buildlang;

class StdlibTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testParsesEveryFile();
};

namespace {

/// Files among `paths` that python3 cannot compile either (one python3 process).
QStringList rejectedByCPython(const QString &python, const QStringList &paths)
{
    static const char script[] =
        "import sys\n"
        "for line in sys.stdin.read().splitlines():\n"
        "    try:\n"
        "        with open(line, 'rb') as f:\n"
        "            compile(f.read(), line, 'exec', dont_inherit=True)\n"
        "    except (SyntaxError, ValueError, UnicodeDecodeError):\n"
        "        print(line)\n";
    QProcess p;
    p.start(python, {QStringLiteral("-c"), QString::fromLatin1(script)});
    if (!p.waitForStarted())
        return {};
    p.write(paths.join(QLatin1Char('\n')).toUtf8());
    p.closeWriteChannel();
    p.waitForFinished(120000);
    return QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace

void StdlibTest::testParsesEveryFile()
{
    // TRELLIS_PARSE_ROOTS=dir1:dir2 parses other trees instead (.py and BUILD files, e.g.
    // the checkouts under /work/corpus).
    QStringList roots;
    const QString custom = qEnvironmentVariable("TRELLIS_PARSE_ROOTS");
    if (!custom.isEmpty()) {
        roots = custom.split(QLatin1Char(':'), Qt::SkipEmptyParts);
    } else {
        for (const QString &d : QDir(QStringLiteral("/usr/lib")).entryList({QStringLiteral("python3.*")}, QDir::Dirs))
            roots << QStringLiteral("/usr/lib/") + d;
    }
    if (roots.isEmpty())
        QSKIP("no Python standard library under /usr/lib/python3.*/");
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        QSKIP("python3 is not installed: cannot tell deliberate syntax errors in test data from parser bugs");

    QElapsedTimer timer;
    timer.start();
    int files = 0;
    qint64 bytes = 0;
    QStringList failed;
    QHash<QString, QString> messages;
    for (const QString &root : roots) {
        QStringList patterns{QStringLiteral("*.py")};
        if (!custom.isEmpty()) // other trees: their BUILD files too
            patterns << QStringLiteral("BUILD") << QStringLiteral("BUILD.*");
        QDirIterator it(root, patterns, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QByteArray data = f.readAll();
            ++files;
            bytes += data.size();
            SyntaxError err;
            auto m = parsePython(path.toStdString(), std::string_view(data.constData(), std::size_t(data.size())), false,
                                 err, true);
            if (!m) {
                failed << path;
                messages[path] = QStringLiteral("%1:%2:%3: %4").arg(path).arg(err.line).arg(err.column)
                                     .arg(QString::fromStdString(err.message));
            }
        }
    }
    const qint64 ms = timer.elapsed();
    qInfo("parsed %d files (%lld KiB) in %lld ms; %lld rejected", files, bytes / 1024, ms, qint64(failed.size()));
    for (const QString &path : failed)
        qInfo("rejected (CPython is asked too): %s", qPrintable(messages[path]));
    QVERIFY(files > 0);
    const QStringList cpythonRejects = rejectedByCPython(python, failed);
    QStringList wrong;
    for (const QString &path : failed)
        if (!cpythonRejects.contains(path))
            wrong << messages[path];
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(StdlibTest)
#include "stdlib_test.moc"
