// Tests for Options: layering of pants.toml, extra config files, rc files, PANTS_* env
// vars and flags; interpolation; list edits and dict merges (spec §1); error messages.
#include "core/workspace/options.h"
#include "core/workspace/optionvalueparser_p.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace trellis;
using namespace trellis::workspace;

namespace {

/// Compact rendering of a HostValue: strings quoted with ', lists [..], dicts {k: v}.
std::string render(const HostValue &v)
{
    switch (v.kind()) {
    case HostValue::Kind::None: return "None";
    case HostValue::Kind::Bool: return v.asBool() ? "true" : "false";
    case HostValue::Kind::Int: return std::to_string(v.asInt());
    case HostValue::Kind::Float: {
        QString s = QString::number(v.asFloat());
        return s.toStdString();
    }
    case HostValue::Kind::String: return "'" + v.str() + "'";
    case HostValue::Kind::List:
    case HostValue::Kind::Tuple:
    case HostValue::Kind::Set: {
        std::string s = "[";
        for (size_t i = 0; i < v.items().size(); ++i)
            s += (i ? ", " : "") + render(v.items()[i]);
        return s + "]";
    }
    case HostValue::Kind::Dict: {
        std::string s = "{";
        bool first = true;
        for (const auto &[k, val] : v.entries()) {
            s += (first ? "" : ", ") + k.str() + ": " + render(val);
            first = false;
        }
        return s + "}";
    }
    default: return "?";
    }
}

void writeFile(const QString &path, const QString &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content.toUtf8());
}

/// A temporary buildroot with a private HOME, and a request for it.
struct Repo {
    QTemporaryDir dir;
    OptionsRequest request;

    Repo()
    {
        request.buildRoot = root();
        request.environment = {{"HOME", root() + "/home"}, {"USER", "tester"}};
        request.readPantsrc = false;
        QDir().mkpath(QString::fromStdString(root() + "/home"));
    }
    std::string root() const { return dir.path().toStdString(); }
    void write(const QString &rel, const QString &content) { writeFile(dir.path() + "/" + rel, content); }
    /// "KEY=VALUE" entries.
    void setEnv(const QStringList &env)
    {
        for (const QString &e : env) {
            const qsizetype eq = e.indexOf('=');
            request.environment[e.left(eq).toStdString()] = e.mid(eq + 1).toStdString();
        }
    }
    /// "scope|option|value" entries.
    void setFlags(const QStringList &flags)
    {
        for (const QString &f : flags) {
            const QStringList parts = f.split('|');
            request.flags.push_back({parts[0].toStdString(), parts[1].toStdString(), parts.mid(2).join('|').toStdString()});
        }
    }
    QString subst(QString s) const
    {
        return s.replace("<root>", dir.path()).replace("<home>", dir.path() + "/home");
    }
};

std::string formatAll(const base::Diagnostics &diags)
{
    std::string s;
    for (const auto &d : diags)
        s += (s.empty() ? "" : "\n") + d.format();
    return s;
}

} // namespace

class OptionsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testResolve_data();
    void testResolve();
    void testListEditExamples_data();
    void testListEditExamples();
    void testParseListEdits_data();
    void testParseListEdits();
    void testParseDictEdit_data();
    void testParseDictEdit();
    void testConfigFiles_data();
    void testConfigFiles();
    void testRcFiles();
    void testErrors_data();
    void testErrors();
    void testUnknownKept();
    void testAccessors();
    void testPantsIgnore();
    void testDefaultsWithoutPantsToml();
    void testFindBuildRoot_data();
    void testFindBuildRoot();
    void testShellSplit_data();
    void testShellSplit();
};

void OptionsTest::testResolve_data()
{
    QTest::addColumn<QString>("pantsToml");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QString>("scope");
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("expected"); // render(), "<unset>" when absent

    const QStringList none;
    // Built-in defaults (spec §1.2, §5.1, §7, §8).
    QTest::newRow("default pants_ignore") << "" << none << none << "GLOBAL" << "pants_ignore"
                                          << "['.*/', '/dist/', '__pycache__', '!.semgrep/', '!.github/']";
    QTest::newRow("default build_patterns") << "" << none << none << "GLOBAL" << "build_patterns" << "['BUILD', 'BUILD.*']";
    QTest::newRow("default root_patterns")
        << "" << none << none << "source" << "root_patterns"
        << "['/', 'src', 'src/python', 'src/py', 'src/thrift', 'src/protobuf', 'src/protos', 'src/scala', 'src/java']";
    QTest::newRow("default resolves") << "" << none << none << "python" << "resolves"
                                      << "{python-default: '3rdparty/python/default.lock'}";
    QTest::newRow("interpreter_constraints unset") << "" << none << none << "python" << "interpreter_constraints" << "<unset>";
    QTest::newRow("default unowned behavior") << "" << none << none << "python-infer" << "unowned_dependency_behavior" << "'warning'";
    QTest::newRow("default string_imports_min_dots") << "" << none << none << "python-infer" << "string_imports_min_dots" << "2";
    QTest::newRow("default init_files") << "" << none << none << "python-infer" << "init_files" << "'content_only'";
    QTest::newRow("default attempts") << "" << none << none << "test" << "attempts_default" << "1";
    QTest::newRow("timeout_default unset") << "" << none << none << "test" << "timeout_default" << "<unset>";
    QTest::newRow("execution_slot_var unset") << "" << none << none << "pytest" << "execution_slot_var" << "<unset>";
    QTest::newRow("default pytest args") << "" << none << none << "pytest" << "args" << "[]";
    QTest::newRow("default env_vars") << "" << none << none << "subprocess-environment" << "env_vars"
                                      << "['LANG', 'LC_CTYPE', 'LC_ALL', 'SSL_CERT_FILE', 'SSL_CERT_DIR']";
    QTest::newRow("default changed dependents") << "" << none << none << "changed" << "dependents" << "'none'";
    QTest::newRow("default lockfile diff") << "" << none << none << "generate-lockfiles" << "diff" << "true";
    QTest::newRow("default show_rerun without CI") << "" << none << none << "test" << "show_rerun_command" << "false";
    QTest::newRow("default show_rerun with CI") << "" << QStringList{"CI=1"} << none << "test" << "show_rerun_command" << "true";
    QTest::newRow("default workdir") << "" << none << none << "GLOBAL" << "pants_workdir" << "'<root>/.pants.d'";

    // Scalars: config < env < flags.
    QTest::newRow("toml scalar") << "[test]\ntimeout_default = 60\n" << none << none << "test" << "timeout_default" << "60";
    QTest::newRow("env beats toml") << "[test]\ntimeout_default = 60\n" << QStringList{"PANTS_TEST_TIMEOUT_DEFAULT=90"}
                                    << none << "test" << "timeout_default" << "90";
    QTest::newRow("flag beats env") << "[test]\ntimeout_default = 60\n" << QStringList{"PANTS_TEST_TIMEOUT_DEFAULT=90"}
                                    << QStringList{"test|timeout_default|120"} << "test" << "timeout_default" << "120";
    QTest::newRow("last flag wins") << "" << none << QStringList{"test|attempts_default|2", "test|attempts_default|3"}
                                    << "test" << "attempts_default" << "3";
    QTest::newRow("dashed scope env") << "" << QStringList{"PANTS_PYTHON_INFER_UNOWNED_DEPENDENCY_BEHAVIOR=error"} << none
                                      << "python-infer" << "unowned_dependency_behavior" << "'error'";
    QTest::newRow("bool env any case") << "" << QStringList{"PANTS_PYTHON_INFER_IMPORTS=FaLsE"} << none
                                       << "python-infer" << "imports" << "false";
    QTest::newRow("bool bare flag") << "" << none << QStringList{"test|debug|"} << "test" << "debug" << "true";
    QTest::newRow("bool string in toml") << "[test]\ndebug = \"true\"\n" << none << none << "test" << "debug" << "true";
    QTest::newRow("global PANTS_X") << "" << QStringList{"PANTS_TAG=+['a']"} << none << "GLOBAL" << "tag" << "['a']";
    QTest::newRow("global PANTS_GLOBAL_X first") << "" << QStringList{"PANTS_GLOBAL_TAG=['g']", "PANTS_TAG=['a']"} << none
                                                 << "GLOBAL" << "tag" << "['g']";
    QTest::newRow("bare PANTS_IGNORE") << "" << QStringList{"PANTS_IGNORE=/build/"} << none << "GLOBAL" << "pants_ignore"
                                       << "['.*/', '/dist/', '__pycache__', '!.semgrep/', '!.github/', '/build/']";
    QTest::newRow("DEFAULT fallback scalar") << "[DEFAULT]\nbatch_size = 64\n" << none << none << "lint" << "batch_size" << "64";
    QTest::newRow("scope beats DEFAULT") << "[DEFAULT]\nbatch_size = 64\n[lint]\nbatch_size = 32\n" << none << none
                                         << "lint" << "batch_size" << "32";

    // Lists (spec §1.4).
    QTest::newRow("toml replace") << "[GLOBAL]\nbuild_patterns = [\"BUILD.pants\"]\n" << none << none << "GLOBAL"
                                  << "build_patterns" << "['BUILD.pants']";
    QTest::newRow("toml add+remove") << "[GLOBAL]\nbuild_patterns.add = [\"X\"]\nbuild_patterns.remove = [\"BUILD\"]\n"
                                     << none << none << "GLOBAL" << "build_patterns" << "['BUILD.*', 'X']";
    QTest::newRow("toml edit string") << "[GLOBAL]\nbuild_patterns = \"+['c'],-['BUILD']\"\n" << none << none << "GLOBAL"
                                      << "build_patterns" << "['BUILD.*', 'c']";
    QTest::newRow("toml tuple replace") << "[GLOBAL]\nbuild_patterns = \"('x',)\"\n" << none << none << "GLOBAL"
                                        << "build_patterns" << "['x']";
    QTest::newRow("toml add, env remove") << "[GLOBAL]\nbuild_patterns.add = [\"c\"]\n"
                                          << QStringList{"PANTS_BUILD_PATTERNS=-['BUILD']"} << none << "GLOBAL"
                                          << "build_patterns" << "['BUILD.*', 'c']";
    QTest::newRow("toml remove beats flag add") << "[GLOBAL]\nbuild_patterns.remove = [\"c\"]\n" << none
                                                << QStringList{"GLOBAL|build_patterns|c"} << "GLOBAL" << "build_patterns"
                                                << "['BUILD', 'BUILD.*']";
    QTest::newRow("flag replace drops toml add") << "[GLOBAL]\nbuild_patterns.add = [\"c\"]\n" << none
                                                 << QStringList{"GLOBAL|build_patterns|['z']"} << "GLOBAL"
                                                 << "build_patterns" << "['z']";
    QTest::newRow("flag replace drops pending removal") << "[GLOBAL]\nbuild_patterns.remove = [\"z\"]\n" << none
                                                        << QStringList{"GLOBAL|build_patterns|['z']"} << "GLOBAL"
                                                        << "build_patterns" << "['z']";
    QTest::newRow("empty flag adds empty string") << "" << none << QStringList{"GLOBAL|tag|"} << "GLOBAL" << "tag" << "['']";
    QTest::newRow("repeated flags add") << "" << none << QStringList{"GLOBAL|tag|a", "GLOBAL|tag|b"} << "GLOBAL" << "tag"
                                        << "['a', 'b']";
    QTest::newRow("DEFAULT list edits first") << "[DEFAULT]\ntag.add = [\"d\"]\n[GLOBAL]\ntag.add = [\"g\"]\n" << none << none
                                              << "GLOBAL" << "tag" << "['d', 'g']";
    QTest::newRow("shell list split") << "[pytest]\nargs = [\"-vv --no-header\", \"-k 'a b'\"]\n" << none << none
                                      << "pytest" << "args" << "['-vv', '--no-header', '-k', 'a b']";
    QTest::newRow("shell list env add") << "[pytest]\nargs = [\"-v\"]\n" << QStringList{"PANTS_PYTEST_ARGS=-x --pdb"}
                                        << none << "pytest" << "args" << "['-v', '-x', '--pdb']";

    // Dicts (spec §1.5).
    QTest::newRow("dict table replaces") << "[python.resolves]\nb = \"b.lock\"\na = \"a.lock\"\n" << none << none << "python"
                                         << "resolves" << "{b: 'b.lock', a: 'a.lock'}";
    QTest::newRow("dict add merges") << "[python]\nresolves = {add = {x = \"x.lock\"}}\n" << none << none << "python"
                                     << "resolves" << "{python-default: '3rdparty/python/default.lock', x: 'x.lock'}";
    QTest::newRow("dict string merge from env") << "" << QStringList{"PANTS_PYTHON_RESOLVES=+{'y': 'y.lock'}"} << none
                                                << "python" << "resolves"
                                                << "{python-default: '3rdparty/python/default.lock', y: 'y.lock'}";
    QTest::newRow("dict string replace from flag") << "" << none << QStringList{"python|resolves|{\"z\": \"z.lock\", 'n': 1}"}
                                                   << "python" << "resolves" << "{z: 'z.lock', n: 1}";
    QTest::newRow("dict with nested values") << "" << none
                                             << QStringList{"cli|alias|{'a': ['x', ('y', 2.5)], 'b': {'c': True}}"}
                                             << "cli" << "alias" << "{a: ['x', ['y', 2.5]], b: {c: true}}";
    QTest::newRow("dict table with add and more replaces") << "[cli.alias]\nadd = {x = \"y\"}\nother = \"o\"\n" << none
                                                           << none << "cli" << "alias" << "{add: {x: 'y'}, other: 'o'}";

    // Interpolation (spec §1.3).
    QTest::newRow("buildroot") << "[GLOBAL]\npythonpath = [\"%(buildroot)s/plugins\"]\n" << none << none << "GLOBAL"
                               << "pythonpath" << "['<root>/plugins']";
    QTest::newRow("DEFAULT chain") << "[DEFAULT]\nbase = \"%(buildroot)s/tools\"\n[GLOBAL]\npythonpath = [\"%(base)s/plugins\"]\n"
                                   << none << none << "GLOBAL" << "pythonpath" << "['<root>/tools/plugins']";
    QTest::newRow("same section shadows DEFAULT")
        << "[DEFAULT]\nname = \"d\"\n[pytest]\nname = \"s\"\nexecution_slot_var = \"%(name)s\"\n" << none << none << "pytest"
        << "execution_slot_var" << "'s'";
    QTest::newRow("env value") << "[pytest]\nexecution_slot_var = \"%(env.SLOT)s_%(user)s\"\n" << QStringList{"SLOT=X"}
                               << none << "pytest" << "execution_slot_var" << "'X_tester'";
    QTest::newRow("homedir") << "[pytest]\nconfig = \"%(homedir)s/pytest.ini\"\n" << none << none << "pytest" << "config"
                             << "'<home>/pytest.ini'";
    QTest::newRow("workdir and distdir") << "[pytest]\nconfig = \"%(pants_workdir)s|%(pants_distdir)s\"\n"
                                         << QStringList{"PANTS_DISTDIR=out"} << none << "pytest" << "config"
                                         << "'<root>/.pants.d|<root>/out'";
    QTest::newRow("nested table") << "[cli.alias]\nk = [\"%(buildroot)s\", {x = \"%(buildroot)s\"}]\n" << none << none
                                  << "cli" << "alias" << "{k: ['<root>', {x: '<root>'}]}";
    QTest::newRow("not a placeholder") << "[pytest]\nconfig = \"100%(x) and %()s\"\n" << none << none << "pytest"
                                       << "config" << "'100%(x) and %()s'";
}

void OptionsTest::testResolve()
{
    QFETCH(QString, pantsToml);
    QFETCH(QStringList, env);
    QFETCH(QStringList, flags);
    QFETCH(QString, scope);
    QFETCH(QString, option);
    QFETCH(QString, expected);

    Repo repo;
    repo.write("pants.toml", pantsToml);
    repo.setEnv(env);
    repo.setFlags(flags);
    const auto opts = Options::load(repo.request);
    QVERIFY2(opts.ok(), formatAll(opts.diagnostics()).c_str());
    const auto v = opts->value(scope.toStdString(), option.toStdString());
    const QString actual = v ? QString::fromStdString(render(*v)) : QStringLiteral("<unset>");
    QCOMPARE(actual, repo.subst(expected));
}

void OptionsTest::testListEditExamples_data()
{
    // The worked examples of spec §1.4 with default ["a", "b"], as sources in rank order.
    QTest::addColumn<QStringList>("sources"); // each "toml:add:c", "toml:remove:c" or "text:<edit string>"
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("toml add, env remove a") << QStringList{"toml:add:c", "text:-['a']"} << QStringList{"b", "c"};
    QTest::newRow("toml remove c, flag c") << QStringList{"toml:remove:c", "text:c"} << QStringList{"a", "b"};
    QTest::newRow("toml add, flag replace") << QStringList{"toml:add:c", "text:['z']"} << QStringList{"z"};
    QTest::newRow("remove after later add") << QStringList{"text:-['a']", "text:a", "text:+['a']"} << QStringList{"b"};
    QTest::newRow("replace clears removals") << QStringList{"text:-['z']", "text:['z','a']"} << QStringList{"z", "a"};
    QTest::newRow("remove then add other") << QStringList{"text:+['c'],-['a']"} << QStringList{"b", "c"};
}

void OptionsTest::testListEditExamples()
{
    QFETCH(QStringList, sources);
    QFETCH(QStringList, expected);
    std::vector<ListEdit> edits = {{ListEdit::Action::Replace, {"a", "b"}}};
    for (const QString &s : sources) {
        if (s.startsWith("toml:")) {
            const QStringList parts = s.split(':');
            edits.push_back({parts[1] == "add" ? ListEdit::Action::Add : ListEdit::Action::Remove, {parts[2].toStdString()}});
        } else {
            const auto parsed = OptionValueParser::parseListEdits(s.mid(5).toStdString());
            QVERIFY2(parsed, parsed.error.c_str());
            edits.insert(edits.end(), parsed.value->begin(), parsed.value->end());
        }
    }
    QStringList actual;
    for (const std::string &s : OptionValueParser::applyListEdits(edits))
        actual << QString::fromStdString(s);
    QCOMPARE(actual, expected);
}

void OptionsTest::testParseListEdits_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // "+[a|b] -[c] =[d]" or "error: ..."
    QTest::newRow("empty") << "" << "+[]";
    QTest::newRow("implicit add") << "foo bar" << "+[foo bar]";
    QTest::newRow("implicit add with quote") << "it's" << "+[it's]";
    QTest::newRow("implicit add escape") << "a\\tb" << "+[a\tb]";
    QTest::newRow("replace list") << "['a', \"b\"]" << "=[a|b]";
    QTest::newRow("replace tuple trailing comma") << "('a',)" << "=[a]";
    QTest::newRow("replace with spaces") << "  [ 'a' , 'b' , ]  " << "=[a|b]";
    QTest::newRow("edits") << "+['c'],-['a']" << "+[c] -[a]";
    QTest::newRow("edits with tuples and spaces") << "+('c', 'd') , -['a']" << "+[c|d] -[a]";
    QTest::newRow("escaped quote") << "['it\\'s']" << "=[it's]";
    QTest::newRow("hex escape") << "['\\x41']" << "=[A]";
    QTest::newRow("unknown escape kept") << "['\\d']" << "=[\\d]";
    QTest::newRow("unterminated list") << "['a'" << "error: expected ',' or ']' at column 5";
    QTest::newRow("unquoted item") << "[a]" << "error: expected a quoted string at column 2";
    QTest::newRow("junk after replace") << "['a'] x" << "error: expected end of value at column 7";
    QTest::newRow("missing action") << "+['a'],['b']" << "error: expected '+' (add) or '-' (remove) at column 8";
    QTest::newRow("bad hex escape") << "x\\xZZ" << "error: expected two hex digits at column 4";
}

void OptionsTest::testParseListEdits()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto parsed = OptionValueParser::parseListEdits(text.toStdString());
    QString actual;
    if (!parsed) {
        actual = "error: " + QString::fromStdString(parsed.error);
    } else {
        for (const ListEdit &e : *parsed.value) {
            const char *sigil = e.action == ListEdit::Action::Add ? "+" : e.action == ListEdit::Action::Remove ? "-" : "=";
            QStringList items;
            for (const std::string &s : e.items)
                items << QString::fromStdString(s);
            actual += (actual.isEmpty() ? "" : " ") + QString(sigil) + "[" + items.join('|') + "]";
        }
    }
    QCOMPARE(actual, expected);
}

void OptionsTest::testParseDictEdit_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("replace") << "{'a': 'x', \"b\": 2}" << "= {a: 'x', b: 2}";
    QTest::newRow("merge") << "+{'a': -1.5e3}" << "+ {a: -1500}";
    QTest::newRow("empty") << "{}" << "= {}";
    QTest::newRow("nested") << " {'a': {'b': [1, 'c', false]},} " << "= {a: {b: [1, 'c', false]}}";
    QTest::newRow("duplicate key keeps last") << "{'a': 1, 'a': 2}" << "= {a: 2}";
    QTest::newRow("not a dict") << "['a']" << "error: expected '{' or '+{' at column 1";
    QTest::newRow("bad value") << "{'a': nope}" << "error: expected a value (string, number, bool, list, tuple or dict) at column 7";
    QTest::newRow("missing colon") << "{'a' 1}" << "error: expected ':' at column 6";
}

void OptionsTest::testParseDictEdit()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto parsed = OptionValueParser::parseDictEdit(text.toStdString());
    QString actual;
    if (!parsed)
        actual = "error: " + QString::fromStdString(parsed.error);
    else
        actual = QString(parsed.value->merge ? "+ " : "= ")
                 + QString::fromStdString(render(HostValue::dict(parsed.value->entries)));
    QCOMPARE(actual, expected);
}

void OptionsTest::testConfigFiles_data()
{
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QStringList>("expectedFiles");
    QTest::addColumn<QString>("expectedArgs");
    QTest::newRow("pants.toml only") << QStringList{} << QStringList{} << QStringList{"pants.toml"} << "['-v']";
    QTest::newRow("PANTS_CONFIG_FILES implicit add")
        << QStringList{"PANTS_CONFIG_FILES=pants.ci.toml"} << QStringList{} << QStringList{"pants.toml", "pants.ci.toml"}
        << "['-vv', '--no-header']";
    QTest::newRow("PANTS_CONFIG_FILES replace drops pants.toml")
        << QStringList{"PANTS_CONFIG_FILES=['pants.ci.toml']"} << QStringList{} << QStringList{"pants.ci.toml"}
        << "['-vv', '--no-header']";
    QTest::newRow("--config adds") << QStringList{} << QStringList{"pants.ci.toml"}
                                   << QStringList{"pants.toml", "pants.ci.toml"} << "['-vv', '--no-header']";
    QTest::newRow("absolute path") << QStringList{"PANTS_CONFIG_FILES=<root>/pants.ci.toml"} << QStringList{}
                                   << QStringList{"pants.toml", "pants.ci.toml"} << "['-vv', '--no-header']";
}

void OptionsTest::testConfigFiles()
{
    QFETCH(QStringList, env);
    QFETCH(QStringList, extra);
    QFETCH(QStringList, expectedFiles);
    QFETCH(QString, expectedArgs);
    Repo repo;
    repo.write("pants.toml", "[pytest]\nargs = [\"-v\"]\n");
    repo.write("pants.ci.toml", "[pytest]\nargs = [\"-vv --no-header\"]\n");
    for (const QString &e : env)
        repo.setEnv({repo.subst(e)});
    for (const QString &f : extra)
        repo.request.extraConfigFiles.push_back(f.toStdString());
    const auto opts = Options::load(repo.request);
    QVERIFY2(opts.ok(), formatAll(opts.diagnostics()).c_str());
    QStringList files;
    for (const std::string &f : opts->configFiles())
        files << QString::fromStdString(f);
    QStringList expected;
    for (const QString &f : expectedFiles)
        expected << repo.dir.path() + "/" + f;
    QCOMPARE(files, expected);
    QCOMPARE(QString::fromStdString(render(*opts->value("pytest", "args"))), expectedArgs);
    QCOMPARE(opts->list("GLOBAL", "pants_config_files"), opts->configFiles());
}

void OptionsTest::testRcFiles()
{
    Repo repo;
    repo.write("pants.toml", "[test]\nattempts_default = 2\ntimeout_default = 5\n");
    repo.write("home/.pants.rc", "[test]\nattempts_default = 3\nbatch_size = 7\n");
    repo.write(".pants.rc", "[test]\nattempts_default = 4\n");

    repo.request.readPantsrc = true;
    auto opts = Options::load(repo.request);
    QVERIFY2(opts.ok(), formatAll(opts.diagnostics()).c_str());
    QCOMPARE(opts->integer("test", "attempts_default"), 4); // <root>/.pants.rc ranks last
    QCOMPARE(opts->integer("test", "batch_size"), 7);
    QCOMPARE(opts->integer("test", "timeout_default"), 5);
    QCOMPARE(opts->configFiles().size(), size_t(3));

    repo.setEnv({"PANTS_PANTSRC=false"});
    opts = Options::load(repo.request);
    QVERIFY(opts.ok());
    QCOMPARE(opts->integer("test", "attempts_default"), 2);

    repo.request.environment.erase("PANTS_PANTSRC");
    repo.request.readPantsrc = false;
    opts = Options::load(repo.request);
    QVERIFY(opts.ok());
    QCOMPARE(opts->integer("test", "attempts_default"), 2);
    QCOMPARE(opts->configFiles().size(), size_t(1));
}

void OptionsTest::testErrors_data()
{
    QTest::addColumn<QString>("pantsToml");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QString>("expected");
    const QStringList none;
    QTest::newRow("malformed toml")
        << "[GLOBAL]\npants_version = \"2.32.0\"\nbackend_packages = [\n  \"a\",\n  oops\n]\n" << none << none
        << "pants.toml:5:3: error: Error while parsing value: could not determine value type\n  oops\n  ^";
    QTest::newRow("duplicate key")
        << "[test]\ndebug = true\ndebug = false\n" << none << none
        << "pants.toml:3:9: error: Error while parsing key-value pair: cannot redefine existing boolean 'debug'\n"
           "debug = false\n        ^";
    QTest::newRow("bool given a string") << "[test]\ndebug = \"yes\"\n" << none << none
                                         << "pants.toml:2:9: error: [test].debug: expected 'true' or 'false', got 'yes'\n"
                                            "debug = \"yes\"\n        ^";
    QTest::newRow("int given a bool") << "[test]\ntimeout_default = true\n" << none << none
                                      << "pants.toml:2:19: error: [test].timeout_default: expected int, got bool\n"
                                         "timeout_default = true\n                  ^";
    QTest::newRow("enum not a choice") << "[changed]\ndependents = \"all\"\n" << none << none
                                       << "pants.toml:2:14: error: [changed].dependents: expected one of 'none', "
                                          "'direct', 'transitive', got 'all'\ndependents = \"all\"\n             ^";
    QTest::newRow("list item not a string") << "[GLOBAL]\ntag = [\"a\", 3]\n" << none << none
                                            << "pants.toml:2:13: error: [GLOBAL].tag: expected an array of strings, "
                                               "got integer\ntag = [\"a\", 3]\n            ^";
    QTest::newRow("list table with other key") << "[GLOBAL]\ntag = {append = [\"a\"]}\n" << none << none
                                               << "pants.toml:2:7: error: [GLOBAL].tag: expected a table with 'add' "
                                                  "and/or 'remove' arrays\ntag = {append = [\"a\"]}\n      ^";
    QTest::newRow("bad list string") << "[GLOBAL]\ntag = \"['a'\"\n" << none << none
                                     << "pants.toml:2:7: error: [GLOBAL].tag: invalid list value '['a'': expected ',' "
                                        "or ']' at column 5\ntag = \"['a'\"\n      ^";
    QTest::newRow("unknown placeholder") << "[GLOBAL]\npythonpath = [\"%(nope)s\"]\n" << none << none
                                         << "pants.toml:2:15: error: unknown value for placeholder `nope` in section "
                                            "[GLOBAL], key pythonpath\npythonpath = [\"%(nope)s\"]\n              ^";
    QTest::newRow("placeholder cycle") << "[DEFAULT]\na = \"%(b)s\"\nb = \"%(a)s\"\n" << none << none
                                       << "pants.toml:2:5: error: placeholders in section [DEFAULT], key a do not stop "
                                          "expanding (a cycle?)\na = \"%(b)s\"\n    ^\n"
                                          "pants.toml:3:5: error: placeholders in section [DEFAULT], key b do not stop "
                                          "expanding (a cycle?)\nb = \"%(a)s\"\n    ^";
    QTest::newRow("section not a table") << "x = 1\n" << none << none
                                         << "pants.toml:1:1: error: expected a table per section, but `x` is not a table\n"
                                            "x = 1\n^";
    QTest::newRow("bad env bool") << "" << QStringList{"PANTS_TEST_DEBUG=yes"} << none
                                  << "PANTS_TEST_DEBUG: error: [test].debug: expected 'true' or 'false', got 'yes'";
    QTest::newRow("bad flag int") << "" << none << QStringList{"test|timeout_default|soon"}
                                  << "--test-timeout-default: error: [test].timeout_default: expected an integer, got 'soon'";
    QTest::newRow("bad env dict") << "" << QStringList{"PANTS_PYTHON_RESOLVES=a=b"} << none
                                  << "PANTS_PYTHON_RESOLVES: error: [python].resolves: invalid dict value 'a=b': "
                                     "expected '{' or '+{' at column 1";
    QTest::newRow("missing config file") << "" << QStringList{"PANTS_CONFIG_FILES=missing.toml"} << none
                                         << "missing.toml: error: cannot read config file";
    QTest::newRow("errors collected") << "[test]\ndebug = 1\nattempts_default = \"x\"\n" << none << none
                                      << "pants.toml:3:20: error: [test].attempts_default: expected an integer, got 'x'\n"
                                         "attempts_default = \"x\"\n                   ^\n"
                                         "pants.toml:2:9: error: [test].debug: expected bool, got integer\n"
                                         "debug = 1\n        ^";
}

void OptionsTest::testErrors()
{
    QFETCH(QString, pantsToml);
    QFETCH(QStringList, env);
    QFETCH(QStringList, flags);
    QFETCH(QString, expected);
    Repo repo;
    repo.write("pants.toml", pantsToml);
    repo.setEnv(env);
    repo.setFlags(flags);
    const auto opts = Options::load(repo.request);
    QVERIFY(!opts.ok());
    QCOMPARE(QString::fromStdString(formatAll(opts.diagnostics())), expected);
}

void OptionsTest::testUnknownKept()
{
    Repo repo;
    repo.write("pants.toml",
               "[GLOBAL]\nfuture_option = 3\n"
               "[platform-specific-resources]\ntargets = [\"a\", \"b\"]\nmode = {x = 1}\n"
               "[empty-scope]\n"
               "[DEFAULT]\nhelper = \"h\"\n");
    repo.write("pants.ci.toml", "[platform-specific-resources]\nmode = \"replaced\"\n");
    repo.setEnv({"PANTS_CONFIG_FILES=pants.ci.toml"});
    repo.setFlags({"plugin-x|speed|fast"});
    const auto opts = Options::load(repo.request);
    QVERIFY2(opts.ok(), formatAll(opts.diagnostics()).c_str());
    QCOMPARE(QString::fromStdString(render(*opts->value("GLOBAL", "future_option"))), "3");
    QCOMPARE(QString::fromStdString(render(*opts->value("platform-specific-resources", "targets"))), "['a', 'b']");
    QCOMPARE(QString::fromStdString(render(*opts->value("platform-specific-resources", "mode"))), "'replaced'");
    QCOMPARE(QString::fromStdString(render(*opts->value("plugin-x", "speed"))), "'fast'");
    QVERIFY(!opts->value("python", "helper"));
    const std::vector<std::string> scopes = opts->scopes();
    for (const char *s : {"GLOBAL", "platform-specific-resources", "empty-scope", "plugin-x", "python", "source"})
        QVERIFY2(std::find(scopes.begin(), scopes.end(), s) != scopes.end(), s);
    QVERIFY(std::find(scopes.begin(), scopes.end(), "DEFAULT") == scopes.end());
    QVERIFY(std::is_sorted(scopes.begin(), scopes.end()));
}

void OptionsTest::testAccessors()
{
    Repo repo;
    repo.write("pants.toml", "[python.resolves]\npython-default = \"python.lock\"\ntools = \"tools.lock\"\n"
                             "[test]\ntimeout_default = 60\n");
    const auto opts = Options::load(repo.request);
    QVERIFY(opts.ok());
    QCOMPARE(opts->boolean("python", "enable_resolves", true), false);
    QCOMPARE(opts->boolean("python", "no_such", true), true);
    QCOMPARE(opts->boolean("test", "timeout_default", true), true); // wrong kind -> fallback
    QCOMPARE(opts->integer("test", "timeout_default"), 60);
    QCOMPARE(opts->integer("test", "timeout_maximum", -1), -1);
    QCOMPARE(opts->string("python", "default_resolve"), std::string("python-default"));
    QCOMPARE(opts->string("pytest", "execution_slot_var", "none"), std::string("none"));
    QCOMPARE(opts->list("subprocess-environment", "env_vars").size(), size_t(5));
    QVERIFY(opts->list("python", "interpreter_constraints").empty());
    const auto resolves = opts->dict("python", "resolves");
    QCOMPARE(resolves.size(), size_t(2));
    QCOMPARE(resolves[0].first, std::string("python-default"));
    QCOMPARE(resolves[0].second.str(), std::string("python.lock"));
    QCOMPARE(resolves[1].first, std::string("tools"));
    QCOMPARE(opts->buildRoot(), repo.root());
}

void OptionsTest::testPantsIgnore()
{
    Repo repo;
    repo.write("pants.toml", "[GLOBAL]\npants_ignore.add = [\"/generated/\"]\n");
    repo.setEnv({"PANTS_WORKDIR=<root>/work", "PANTS_DISTDIR=/elsewhere/dist"});
    repo.request.environment["PANTS_WORKDIR"] = repo.root() + "/work";
    const auto opts = Options::load(repo.request);
    QVERIFY(opts.ok());
    const std::vector<std::string> expected = {".*/", "/dist/", "__pycache__", "!.semgrep/", "!.github/", "/generated/",
                                               "/work"};
    QCOMPARE(opts->pantsIgnore(), expected);

    const Options defaults = Options::defaults("/repo");
    const std::vector<std::string> expectedDefaults = {".*/", "/dist/", "__pycache__", "!.semgrep/", "!.github/",
                                                       "/.pants.d", "/dist"};
    QCOMPARE(defaults.pantsIgnore(), expectedDefaults);
}

void OptionsTest::testDefaultsWithoutPantsToml()
{
    Repo repo;
    repo.write("BUILD_ROOT", "");
    const auto opts = Options::load(repo.request);
    QVERIFY(opts.ok());
    QVERIFY(opts->configFiles().empty());
    QCOMPARE(opts->string("python-infer", "init_files"), std::string("content_only"));

    OptionsRequest bad;
    bad.buildRoot = repo.root() + "/does-not-exist";
    const auto missing = Options::load(bad);
    QVERIFY(!missing.ok());
    QCOMPARE(QString::fromStdString(missing.diagnostics().front().format()),
             QString::fromStdString(bad.buildRoot + ": error: build root is not a directory"));
}

void OptionsTest::testFindBuildRoot_data()
{
    QTest::addColumn<QString>("sentinel");
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("expected");
    QTest::newRow("pants.toml in start") << "pants.toml" << "" << "";
    QTest::newRow("pants.toml above") << "pants.toml" << "a/b" << "";
    QTest::newRow("BUILD_ROOT above") << "BUILD_ROOT" << "a/b" << "";
    QTest::newRow("BUILDROOT above") << "BUILDROOT" << "a" << "";
    QTest::newRow("nearest wins") << "a/pants.toml" << "a/b" << "a";
    QTest::newRow("a directory is no sentinel") << "a/b/pants.toml/x" << "a/b" << "<none>";
}

void OptionsTest::testFindBuildRoot()
{
    QFETCH(QString, sentinel);
    QFETCH(QString, start);
    QFETCH(QString, expected);
    QTemporaryDir outer;
    const QString root = outer.path() + "/repo";
    writeFile(root + "/" + sentinel, "");
    QDir().mkpath(root + "/" + start);
    const std::string found = findBuildRoot((root + "/" + start).toStdString());
    if (expected == "<none>") {
        // Nothing between the start and the temporary directory's parents; any hit
        // must lie outside the test's directory.
        QVERIFY(found.rfind(outer.path().toStdString(), 0) != 0);
    } else {
        QCOMPARE(QString::fromStdString(found), expected.isEmpty() ? root : root + "/" + expected);
    }
}

void OptionsTest::testShellSplit_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("simple") << "-vv --no-header" << QStringList{"-vv", "--no-header"};
    QTest::newRow("extra spaces") << "  a \t b  " << QStringList{"a", "b"};
    QTest::newRow("single quotes") << "-k 'a and b'" << QStringList{"-k", "a and b"};
    QTest::newRow("double quotes with escapes") << R"(-m "x \"y\" \$z \n")" << QStringList{"-m", R"(x "y" $z \n)"};
    QTest::newRow("backslash space") << R"(a\ b c)" << QStringList{"a b", "c"};
    QTest::newRow("adjacent quoting") << R"(pre'mid'"post")" << QStringList{"premidpost"};
    QTest::newRow("empty quotes") << "'' \"\"" << QStringList{"", ""};
    QTest::newRow("empty") << "" << QStringList{};
    QTest::newRow("unterminated quote") << "'abc" << QStringList{"abc"};
}

void OptionsTest::testShellSplit()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QStringList actual;
    for (const std::string &s : shellSplit(text.toStdString()))
        actual << QString::fromStdString(s);
    QCOMPARE(actual, expected);
}

QTEST_GUILESS_MAIN(OptionsTest)
#include "options_test.moc"
