// Lockfile format detection and parsing: pex JSON, uv.lock, poetry.lock,
// requirements.txt; malformed input with exact positions.
#include "core/lockfile/lockfile.h"

#include <QFile>
#include <QTest>

#include <map>

using namespace trellis::lockfile;

namespace {

std::string fixture(const char *name)
{
    QFile f(QStringLiteral(TRELLIS_TEST_DATA "/fixtures/lockfile-formats/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll().toStdString();
}

QString summary(const Lockfile &lock)
{
    QStringList parts;
    for (const LockedPackage &p : lock.packages) {
        QString s = QString::fromStdString(p.name + "=" + p.version);
        QStringList deps;
        for (const auto &d : p.dependencies)
            deps << QString::fromStdString(d);
        for (const auto &d : p.requiredBy)
            deps << QLatin1Char('<') + QString::fromStdString(d);
        if (!deps.isEmpty())
            s += QLatin1Char('(') + deps.join(QLatin1Char(',')) + QLatin1Char(')');
        parts << s;
    }
    return parts.join(QLatin1Char(' '));
}

QString joined(const std::vector<std::string> &v)
{
    QStringList l;
    for (const auto &s : v)
        l << QString::fromStdString(s);
    return l.join(QLatin1Char(','));
}

} // namespace

class LockfileTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testFormats_data();
    void testFormats();
    void testMalformed_data();
    void testMalformed();
    void testIncludeCycle();
    void testIncludeThroughSymlinkBounded();
    void testLineColumn();
};

void LockfileTest::testFormats_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("packages");
    QTest::addColumn<QString>("topLevel");
    QTest::addColumn<QString>("resolve");
    QTest::newRow("pex") << "python.lock" << int(LockfileFormat::Pex)
        << "aiohttp=3.13.2(multidict,yarl) annotated-types=0.7.0 multidict=6.1.0 "
           "pydantic=2.9.2(annotated-types,email-validator) yarl=1.17.1(multidict)"
        << "aiohttp,pydantic" << "python-default";
    QTest::newRow("uv") << "uv.lock" << int(LockfileFormat::Uv)
        << "anyio=4.6.2(idna,sniffio) httpx=0.27.2(anyio,idna,h2) idna=3.10 sniffio=1.3.1"
        << "httpx" << "web";
    QTest::newRow("poetry") << "poetry.lock" << int(LockfileFormat::Poetry)
        << "certifi=2024.8.30 requests=2.32.3(certifi,charset-normalizer,urllib3) urllib3=2.2.3"
        << "" << "";
    QTest::newRow("requirements") << "requirements.txt" << int(LockfileFormat::Requirements)
        << "channels=4.1.0 django=4.2.16 asgiref=3.8.1(<django,<channels) sqlparse=0.5.1 tzdata=2024.2(<django)"
        << "channels,django" << "";
}

void LockfileTest::testFormats()
{
    QFETCH(QString, file);
    QFETCH(int, format);
    QFETCH(QString, packages);
    QFETCH(QString, topLevel);
    QFETCH(QString, resolve);
    const std::string path = std::string(TRELLIS_TEST_DATA "/fixtures/lockfile-formats/") + file.toStdString();
    const std::string text = fixture(file.toUtf8().constData());
    QVERIFY(!text.empty());
    QCOMPARE(int(*detectFormat(text)), format);
    auto lock = parseLockfile(text, path);
    QVERIFY2(lock.ok(), lock.ok() ? "" : lock.diagnostics().front().format().c_str());
    QCOMPARE(int(lock->format), format);
    QCOMPARE(summary(*lock), packages);
    QCOMPARE(joined(lock->topLevel), topLevel);
    QCOMPARE(QString::fromStdString(lock->resolve), resolve);
}

void LockfileTest::testMalformed_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("pex bad json")
        << "// header\n{\n  \"locked_resolves\": [\n    {\"locked_requirements\": [}\n  ]\n}\n"
        << "x.lock:4:30: error: invalid JSON in pex lockfile: object is missing after a comma\n    {\"locked_requirements\": [}\n                             ^";
    QTest::newRow("pex no resolves") << "{\"requirements\": []}\n"
        << "x.lock:1:1: error: pex lockfile without a 'locked_resolves' list\n{\"requirements\": []}\n^";
    QTest::newRow("pex missing version")
        << "{\"locked_resolves\": [{\"locked_requirements\": [\n{\"project_name\": \"six\"}]}]}"
        << "x.lock:2:1: error: locked_resolves[0].locked_requirements[0] (six): missing 'version'\n{\"project_name\": \"six\"}]}]}\n^";
    QTest::newRow("uv bad toml") << "version = 1\n\n[[package]]\nname = \"idna\nversion = \"3.10\"\n"
        << "x.lock:4:13: error: invalid TOML: Error while parsing string: unescaped control characters other than TAB (U+0009) are explicitly prohibited\nname = \"idna\n            ^";
    QTest::newRow("poetry no version") << "[[package]]\nname = \"six\"\n\n[metadata]\nlock-version = \"2.0\"\n"
        << "x.lock:1:1: error: [[package]] 'six' without a 'version'\n[[package]]\n^";
    QTest::newRow("requirements bad version") << "six==1.16.0\nrequests==2.x1\n"
        << "x.lock:2:12: error: invalid version '2.x1': unexpected '.'\nrequests==2.x1\n           ^";
    QTest::newRow("requirements continuation") << "a==1\n  b==\\\n   \n"
        << "x.lock:2:6: error: expected a version after '=='\n  b==\\\n     ^";
    QTest::newRow("not a lockfile") << "hello world: this is\nnot a lockfile\n"
        << "x.lock:1:1: error: unrecognised lockfile format (not a pex, uv or Poetry lockfile, nor requirements pins)\nhello world: this is\n^";
    QTest::newRow("missing include") << "-r missing.txt\n"
        << "x.lock:1:1: error: included requirements file 'missing.txt' not found\n-r missing.txt\n^";
}

void LockfileTest::testMalformed()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    const FileReader none = [](const std::string &) { return std::optional<std::string>(); };
    auto lock = parseLockfile(text.toStdString(), "x.lock", none);
    QVERIFY(!lock.ok());
    QCOMPARE(QString::fromStdString(lock.diagnostics().front().format()), error);
}

void LockfileTest::testIncludeThroughSymlinkBounded()
{
    // A directory symlink `a -> .` makes every `a/x.txt` a new path text for the same file;
    // with two includes per file the chain used to grow exponentially (a fuzzer timeout).
    int reads = 0;
    const FileReader reader = [&](const std::string &p) -> std::optional<std::string> {
        ++reads;
        if (p.size() > 4096)
            return std::nullopt;
        return std::optional<std::string>("six==1.16.0\n-r a/x.txt\n-r a/./x.txt\n");
    };
    auto lock = parseLockfile("-r a/x.txt\n", "x.txt", reader);
    QVERIFY(!lock.ok());
    QVERIFY2(reads <= 1000, qPrintable(QString::number(reads)));
    QVERIFY(QString::fromStdString(lock.diagnostics().front().format()).contains(QStringLiteral("nested too deeply or too many")));
}

void LockfileTest::testIncludeCycle()
{
    std::map<std::string, std::string> files{
        {"req/a.txt", "six==1.16.0\n-r b.txt\n"},
        {"req/b.txt", "idna==3.10 --hash=sha256:00\n-r ./a.txt\n"},
    };
    const FileReader reader = [&](const std::string &p) -> std::optional<std::string> {
        auto it = files.find(p);
        return it == files.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    auto lock = parseLockfile(files["req/a.txt"], "req/a.txt", reader);
    QVERIFY(!lock.ok());
    QCOMPARE(QString::fromStdString(lock.diagnostics().front().format()),
             QStringLiteral("req/b.txt:2:1: error: requirements include cycle: req/a.txt -> req/b.txt -> req/a.txt\n-r ./a.txt\n^"));

    files["req/b.txt"] = "idna==3.10 --hash=sha256:00\nsix>=1\n";
    auto ok = parseLockfile(files["req/a.txt"], "req/a.txt", reader);
    QVERIFY(ok.ok());
    QCOMPARE(summary(*ok), QStringLiteral("six=1.16.0 idna=3.10"));
    QCOMPARE(ok.diagnostics().size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(ok.diagnostics().front().headline()),
             QStringLiteral("req/b.txt:2:1: warning: requirement 'six>=1' is not pinned with '=='; ignored"));
}

void LockfileTest::testLineColumn()
{
    QCOMPARE(lineColumnOf("ab\ncd", 4), std::make_pair(2, 2));
    QCOMPARE(lineColumnOf("\xc3\xa9x", 2), std::make_pair(1, 2)); // é is one code point
    QCOMPARE(lineColumnOf("abc", 99), std::make_pair(1, 4));
}

QTEST_GUILESS_MAIN(LockfileTest)
#include "lockfile_test.moc"
