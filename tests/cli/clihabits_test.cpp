// The command-line conventions of Pants and GNU tools (issue 23, "CLI habits"): options
// that take a value accept `--opt value` and `--opt=value`; unknown options are errors
// with a suggestion; `--sep` / `--output-file` on the listing goals; peek prints every
// field of a generator; `--changed-*` in the help; "did you mean" for paths; the
// lockfile-diff note about whose BUILD files reach counts on.
#include "app/cli/goal.h"

#include "../vcs/gitfixture.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sstream>

using namespace trellis;

namespace {
const std::string kBasic = std::string(TRELLIS_TEST_DATA) + "/fixtures/ws-basic";

struct Outcome {
    int code;
    std::string out;
    std::string err;
};

Outcome runIn(const std::string &root, std::vector<std::string> args)
{
    std::ostringstream out, err;
    args.insert(args.begin(), {"--root", root});
    const int code = cli::run(args, out, err);
    return {code, out.str(), err.str()};
}

Outcome runCli(std::vector<std::string> args)
{
    return runIn(kBasic, std::move(args));
}

bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

std::string readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return "<unreadable>";
    return f.readAll().toStdString();
}
} // namespace

class CliHabitsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testValueWithSpace_data();
    void testValueWithSpace();
    void testBooleanKeepsSpec();
    void testMissingValue();
    void testUnknownOptions_data();
    void testUnknownOptions();
    void testKnownOptionsAccepted_data();
    void testKnownOptionsAccepted();
    void testSepAndOutputFile();
    void testPeekGenerator();
    void testHelpHasChanged();
    void testPathSuggestions();
    void testLockfileDiffReachNote();
};

// `--opt value` means the same as `--opt=value` for options that take a value.
void CliHabitsTest::testValueWithSpace_data()
{
    QTest::addColumn<QStringList>("spaced");
    QTest::addColumn<QStringList>("joined");
    QTest::newRow("global filter") << QStringList{"--filter-target-type", "python_test", "list", "src::"}
                                   << QStringList{"--filter-target-type=python_test", "list", "src::"};
    QTest::newRow("global tag") << QStringList{"--tag", "entry", "list", "src::"}
                                << QStringList{"--tag=entry", "list", "src::"};
    QTest::newRow("goal option") << QStringList{"list", "--sep", ",", "src/app:"}
                                 << QStringList{"list", "--sep=,", "src/app:"};
    QTest::newRow("filter goal option") << QStringList{"filter", "--target-type", "python_tests", "src::"}
                                        << QStringList{"filter", "--target-type=python_tests", "src::"};
    QTest::newRow("format") << QStringList{"dependencies", "--format", "json", "src/app/main.py:lib"}
                            << QStringList{"dependencies", "--format=json", "src/app/main.py:lib"};
}

void CliHabitsTest::testValueWithSpace()
{
    QFETCH(QStringList, spaced);
    QFETCH(QStringList, joined);
    auto toStd = [](const QStringList &l) {
        std::vector<std::string> r;
        for (const QString &s : l)
            r.push_back(s.toStdString());
        return r;
    };
    const Outcome a = runCli(toStd(spaced));
    const Outcome b = runCli(toStd(joined));
    QCOMPARE(a.code, 0);
    QCOMPARE(b.code, 0);
    QVERIFY(!a.out.empty());
    QCOMPARE(QString::fromStdString(a.out), QString::fromStdString(b.out));
    QCOMPARE(QString::fromStdString(a.err), QString::fromStdString(b.err));
}

// A boolean flag never takes the next argument: it stays a spec.
void CliHabitsTest::testBooleanKeepsSpec()
{
    const Outcome a = runCli({"dependencies", "--transitive", "src/app/main.py:lib"});
    const Outcome b = runCli({"dependencies", "--transitive=true", "src/app/main.py:lib"});
    QCOMPARE(a.code, 0);
    QVERIFY(!a.out.empty());
    QCOMPARE(a.out, b.out);
    // The scoped spelling before the goal sets the same goal option.
    QCOMPARE(runCli({"--dependencies-transitive", "dependencies", "src/app/main.py:lib"}).out, a.out);
    QCOMPARE(runCli({"--dependencies-format", "json", "dependencies", "src/app/main.py:lib"}).out,
             runCli({"dependencies", "--format=json", "src/app/main.py:lib"}).out);
    // `--changed-dependents` takes a value; `--python-infer-string-imports` does not.
    const Outcome c = runCli({"--python-infer-string-imports", "list", "src/app:"});
    QCOMPARE(c.code, 0);
    QVERIFY(contains(c.out, "src/app:lib\n"));
}

void CliHabitsTest::testMissingValue()
{
    const Outcome a = runCli({"--changed-since"});
    QCOMPARE(a.code, 2);
    QCOMPARE(a.err, std::string("error: --changed-since needs a value (--changed-since=VALUE or --changed-since VALUE)\n"));
    const Outcome b = runCli({"list", "--sep", "--documented", "src/app:"});
    QCOMPARE(b.code, 2);
    QVERIFY(contains(b.err, "--sep needs a value"));
}

void CliHabitsTest::testUnknownOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("err");
    QTest::newRow("scoped") << QStringList{"--test-bogus-option=1", "list", "src/app:"}
                            << "error: unknown flag `--test-bogus-option=1` (scope `test` has no option `bogus-option`)\n";
    QTest::newRow("scoped typo") << QStringList{"--changed-sinc=HEAD", "list"}
                                 << "error: unknown flag `--changed-sinc=HEAD` (scope `changed` has no option `sinc`) "
                                    "(did you mean --changed-since?)\n";
    QTest::newRow("goal-local") << QStringList{"list", "--bogus", "src/app:"}
                                << "error: unknown flag `--bogus` for goal `list`\n";
    QTest::newRow("goal-local typo") << QStringList{"list", "--output-fil=x", "src/app:"}
                                     << "error: unknown flag `--output-fil=x` for goal `list` (did you mean --output-file?)\n";
    QTest::newRow("global typo") << QStringList{"--pants-ignor=x", "list", "src/app:"}
                                 << "error: unknown flag `--pants-ignor=x` (did you mean --pants-ignore?)\n";
    QTest::newRow("goal scope") << QStringList{"--list-bogus=1", "list", "src/app:"}
                                << "error: unknown flag `--list-bogus=1` (scope `list` has no option `bogus`)\n";
}

void CliHabitsTest::testUnknownOptions()
{
    QFETCH(QStringList, args);
    QFETCH(QString, err);
    std::vector<std::string> a;
    for (const QString &s : args)
        a.push_back(s.toStdString());
    const Outcome o = runCli(a);
    QCOMPARE(o.code, 2);
    QCOMPARE(QString::fromStdString(o.err), err);
    QVERIFY(o.out.empty());
}

// Options Trellis models, real Pants options it ignores and options of subsystems it
// does not model stay accepted.
void CliHabitsTest::testKnownOptionsAccepted_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("schema") << QStringList{"--test-timeout-default=60", "list", "src/app:"};
    QTest::newRow("schema spaced") << QStringList{"--changed-dependents", "transitive", "list", "src/app:"};
    QTest::newRow("pants-only") << QStringList{"--pytest-version=8.0", "list", "src/app:"};
    QTest::newRow("pants-only python") << QStringList{"--python-pip-version=24.0", "list", "src/app:"};
    QTest::newRow("unmodelled tool") << QStringList{"--mypy-args=--strict", "list", "src/app:"};
    QTest::newRow("subsystem prefixed by a known scope") << QStringList{"--python-bootstrap-search-path=<PATH>", "list", "src/app:"};
    QTest::newRow("tool subsystem") << QStringList{"--pyright-args=--verbose", "list", "src/app:"};
    QTest::newRow("goal option scoped") << QStringList{"--dependencies-transitive", "dependencies", "src/app/main.py:lib"};
    QTest::newRow("global bool") << QStringList{"--no-pantsd", "--colors", "list", "src/app:"};
    QTest::newRow("goal scope") << QStringList{"--list-documented", "list", "src/app:"};
    QTest::newRow("goal schema option") << QStringList{"list", "--python-infer-imports", "src/app:"};
}

void CliHabitsTest::testKnownOptionsAccepted()
{
    QFETCH(QStringList, args);
    std::vector<std::string> a;
    for (const QString &s : args)
        a.push_back(s.toStdString());
    const Outcome o = runCli(a);
    QVERIFY2(o.code == 0, o.err.c_str());
    QVERIFY2(!contains(o.err, "unknown flag"), o.err.c_str());
}

void CliHabitsTest::testSepAndOutputFile()
{
    const std::string lines = runCli({"list", "src/app:"}).out;
    QVERIFY(contains(lines, "src/app:lib\n"));
    std::string commas = lines;
    std::replace(commas.begin(), commas.end(), '\n', ',');
    QCOMPARE(runCli({"list", "--sep=,", "src/app:"}).out, commas);
    QCOMPARE(runCli({"--list-sep=,", "list", "src/app:"}).out, commas);
    std::string nul = lines;
    std::replace(nul.begin(), nul.end(), '\n', '\0');
    QCOMPARE(runCli({"list", "--sep=\\0", "src/app:"}).out, nul);
    QCOMPARE(runCli({"filter", "--sep=,", "src/app:"}).out, commas);

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("sub/out.txt"));
    const Outcome o = runCli({"list", "--output-file", file.toStdString(), "src/app:"});
    QCOMPARE(o.code, 0);
    QVERIFY(o.out.empty());
    QCOMPARE(readAll(file), lines);
    const Outcome scoped = runCli({"--list-output-file=" + file.toStdString(), "--list-sep=,", "list", "src/app:"});
    QCOMPARE(scoped.code, 0);
    QCOMPARE(readAll(file), commas);

    const std::string peek = runCli({"peek", "src/app:lib"}).out;
    const QString json = dir.filePath(QStringLiteral("peek.json"));
    const Outcome p = runCli({"peek", "--output-file=" + json.toStdString(), "src/app:lib"});
    QCOMPARE(p.code, 0);
    QVERIFY(p.out.empty());
    QCOMPARE(readAll(json), peek);

    // An unwritable path is an error naming it; stdout stays empty.
    const Outcome bad = runCli({"list", "--output-file=/proc/no/such/dir/x", "src/app:"});
    QCOMPARE(bad.code, 1);
    QVERIFY(bad.out.empty());
    QVERIFY2(contains(bad.err, "/proc/no"), bad.err.c_str());
}

// A generator prints every field of its type, as Pants does: the moved ones with the
// BUILD value (taken from a generated target without an override) or the default.
void CliHabitsTest::testPeekGenerator()
{
    const Outcome o = runCli({"peek", "src/app:lib", "src/app:tests"});
    QCOMPARE(o.code, 0);
    for (const char *key : {"\"dependencies_raw\": null", "\"sources_raw\": [", "\"interpreter_constraints\": null",
                            "\"resolve\": null", "\"restartable\": false", "\"skip_black\": false",
                            "\"description\": null", "\"timeout\": 30", "\"skip_tests\": false"})
        QVERIFY2(contains(o.out, key), key);
    // src/app:lib has overrides={"main.py": {"tags": ["entry"]}}: its tags stay the BUILD's.
    QVERIFY(contains(o.out, "\"tags\": [\n      \"src\"\n    ]"));

    // A moved field written in the generator's BUILD call keeps its value.
    QVERIFY(contains(runCli({"peek", "src/a:tests"}).out,
                     "\"dependencies_raw\": [\n      \":lib\",\n      \"//3rdparty/python:reqs#PyYAML\"\n    ]"));

    const Outcome d = runCli({"peek", "--exclude-defaults", "src/app:tests"});
    QVERIFY(contains(d.out, "\"timeout\": 30"));
    QVERIFY(!contains(d.out, "dependencies_raw"));
    QVERIFY(!contains(d.out, "skip_tests"));
}

void CliHabitsTest::testHelpHasChanged()
{
    const Outcome o = runCli({"help"});
    QCOMPARE(o.code, 0);
    for (const char *opt : {"--changed-since=REV", "--changed-diffspec=", "--changed-dependents=none|direct|transitive"})
        QVERIFY2(contains(o.out, opt), opt);
    const Outcome l = runCli({"help", "list"});
    QVERIFY(contains(l.out, "--sep"));
    QVERIFY(contains(l.out, "--output-file"));
}

void CliHabitsTest::testPathSuggestions()
{
    const Outcome dir = runCli({"list", "src/ap::"});
    QCOMPARE(dir.code, 1);
    QVERIFY2(contains(dir.err, "Unmatched glob from CLI arguments: \"src/ap/**\" (did you mean src/app::?)"),
             dir.err.c_str());
    const Outcome glob = runCli({"list", "src/ap:"});
    QVERIFY2(contains(glob.err, "(did you mean src/app:?)"), glob.err.c_str());
    const Outcome file = runCli({"list", "src/app/utl.py"});
    QCOMPARE(file.code, 1);
    QVERIFY2(contains(file.err, "(did you mean src/app/util.py?)"), file.err.c_str());
    const Outcome both = runCli({"list", "src/ap/util.py"});
    QVERIFY2(contains(both.err, "(did you mean src/app/util.py?)"), both.err.c_str());
    const Outcome none = runCli({"list", "zzzzzzzz/qqqq::"});
    QVERIFY(!contains(none.err, "did you mean"));
}

// Reach is counted on the working tree's BUILD files; with --head=REV the CLI says so.
void CliHabitsTest::testLockfileDiffReachNote()
{
    QTemporaryDir dir;
    GitFixture g(dir.path());
    auto lock = [](const char *version) {
        return QByteArray("{\"locked_resolves\": [{\"locked_requirements\": [{\"project_name\": \"six\", \"version\": \"")
               + version + "\", \"requires_dists\": [], \"artifacts\": []}]}]}\n";
    };
    g.write(QStringLiteral("pants.toml"),
            "[GLOBAL]\npants_version = \"2.32.0\"\nbackend_packages = [\"pants.backend.python\"]\n"
            "[python]\ninterpreter_constraints = [\"==3.11.*\"]\nenable_resolves = true\n"
            "resolves = { python-default = \"python.lock\" }\n");
    g.write(QStringLiteral("BUILD"), "python_requirement(name=\"six\", requirements=[\"six\"])\n");
    g.write(QStringLiteral("python.lock"), lock("1.16.0"));
    const std::string first = g.commitAll("base");
    g.write(QStringLiteral("python.lock"), lock("1.17.0"));
    g.commitAll("head");
    const std::string root = dir.path().toStdString();

    const Outcome rev = runIn(root, {"lockfile-diff", "--base", first, "--head", "HEAD"});
    QVERIFY2(rev.code == 0, rev.err.c_str());
    QVERIFY2(contains(rev.out, "six"), rev.out.c_str());
    QVERIFY2(contains(rev.out, "Reach counted on the BUILD files of the working tree"), rev.out.c_str());
    QVERIFY2(contains(rev.err, "note: reach is counted on the working tree's BUILD files, not on those of HEAD\n"),
             rev.err.c_str());

    // Against the working tree there is nothing to say.
    g.write(QStringLiteral("python.lock"), lock("1.18.0"));
    const Outcome wt = runIn(root, {"lockfile-diff", "--base=HEAD"});
    QVERIFY2(wt.code == 0, wt.err.c_str());
    QVERIFY(contains(wt.out, "six"));
    QVERIFY2(!contains(wt.err, "note: reach"), wt.err.c_str());
}

QTEST_GUILESS_MAIN(CliHabitsTest)
#include "clihabits_test.moc"
