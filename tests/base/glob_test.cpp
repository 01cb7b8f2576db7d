// Tests for the glob and ignore engine (core/base/glob.h): gitignore rule lists, the
// wildcard dialects (gitignore, Pants globs, Python fnmatch), Pants path globs and
// `sources` lists with `!` excludes.
//
// The gitignore expectations were checked against `git check-ignore --no-index -v -n`
// (git 2.x) in a scratch repository; this test does not need git. git check-ignore
// answers for a path and its ancestors (IgnoreRules::isPathIgnored); match() answers for
// the entry alone, which differs only where an ancestor decides (noted per row).
// The fnmatch rows were checked against Python's fnmatch.fnmatchcase.
#include "core/base/glob.h"

#include <QTest>

using namespace trellis;
using namespace trellis::base;

namespace {

const QStringList kPantsDefaults = {".*/", "/dist/", "__pycache__", "!.semgrep/", "!.github/"};

std::vector<std::string> toStd(const QStringList &l)
{
    std::vector<std::string> out;
    for (const QString &s : l)
        out.push_back(s.toStdString());
    return out;
}

QString matchName(IgnoreRules::Match m)
{
    switch (m) {
    case IgnoreRules::Match::None: return "none";
    case IgnoreRules::Match::Ignore: return "ignore";
    case IgnoreRules::Match::Include: return "include";
    }
    return {};
}

} // namespace

Q_DECLARE_METATYPE(trellis::base::GlobSyntax)

class GlobTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testGitignoreMatch_data();
    void testGitignoreMatch();
    void testPantsIgnoreDefaults_data();
    void testPantsIgnoreDefaults();
    void testIsPathIgnored_data();
    void testIsPathIgnored();
    void testFromText();
    void testWildcard_data();
    void testWildcard();
    void testGlobMatches_data();
    void testGlobMatches();
    void testNormalizedComponents_data();
    void testNormalizedComponents();
    void testSourceGlobs_data();
    void testSourceGlobs();
    void testSourceGlobsIncludes();
};

void GlobTest::testGitignoreMatch_data()
{
    QTest::addColumn<QStringList>("patterns");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("isDir");
    QTest::addColumn<QString>("expected"); // none / ignore / include

    // git check-ignore reports "ignore" for "foo star not grandchild" through the ignored
    // directory foo/bar; the entry itself matches no line (see testIsPathIgnored).
    QTest::newRow("literal any depth") << QStringList{"build"} << "a/b/build" << false << "ignore";
    QTest::newRow("literal matches dir") << QStringList{"build"} << "a/build" << true << "ignore";
    QTest::newRow("literal top") << QStringList{"build"} << "build" << false << "ignore";
    QTest::newRow("literal no partial") << QStringList{"build"} << "rebuild" << false << "none";
    QTest::newRow("star ext") << QStringList{"hello.*"} << "hello.txt" << false << "ignore";
    QTest::newRow("star ext nested") << QStringList{"hello.*"} << "x/hello.c" << false << "ignore";
    QTest::newRow("star matches dotfile") << QStringList{"*"} << ".env" << false << "ignore";
    QTest::newRow("leading slash anchors") << QStringList{"/*.c"} << "cat-file.c" << false << "ignore";
    QTest::newRow("leading slash not nested") << QStringList{"/*.c"} << "mozilla-sha1/sha1.c" << false << "none";
    QTest::newRow("dir only nested") << QStringList{"frotz/"} << "a/frotz" << true << "ignore";
    QTest::newRow("dir only not file") << QStringList{"frotz/"} << "a/frotz" << false << "none";
    QTest::newRow("inner slash anchors") << QStringList{"doc/frotz"} << "a/doc/frotz" << true << "none";
    QTest::newRow("inner slash top") << QStringList{"doc/frotz"} << "doc/frotz" << true << "ignore";
    QTest::newRow("inner slash dir-only top") << QStringList{"doc/frotz/"} << "doc/frotz" << true << "ignore";
    QTest::newRow("leading and inner slash same") << QStringList{"/doc/frotz"} << "doc/frotz" << false << "ignore";
    QTest::newRow("foo star child file") << QStringList{"foo/*"} << "foo/test.json" << false << "ignore";
    QTest::newRow("foo star child dir") << QStringList{"foo/*"} << "foo/bar" << true << "ignore";
    QTest::newRow("foo star not grandchild") << QStringList{"foo/*"} << "foo/bar/hello.c" << false << "none";
    QTest::newRow("leading doublestar") << QStringList{"**/foo"} << "x/y/foo" << false << "ignore";
    QTest::newRow("leading doublestar top") << QStringList{"**/foo"} << "foo" << true << "ignore";
    QTest::newRow("leading doublestar pair") << QStringList{"**/foo/bar"} << "a/foo/bar" << false << "ignore";
    QTest::newRow("leading doublestar pair top") << QStringList{"**/foo/bar"} << "foo/bar" << false << "ignore";
    QTest::newRow("trailing doublestar inside") << QStringList{"abc/**"} << "abc/x/y" << false << "ignore";
    QTest::newRow("trailing doublestar not itself") << QStringList{"abc/**"} << "abc" << true << "none";
    QTest::newRow("middle doublestar zero") << QStringList{"a/**/b"} << "a/b" << false << "ignore";
    QTest::newRow("middle doublestar one") << QStringList{"a/**/b"} << "a/x/b" << false << "ignore";
    QTest::newRow("middle doublestar many") << QStringList{"a/**/b"} << "a/x/y/b" << false << "ignore";
    QTest::newRow("middle doublestar no prefix") << QStringList{"a/**/b"} << "x/a/b" << false << "none";
    QTest::newRow("doublestar in name is star") << QStringList{"foo**bar"} << "fooxbar" << false << "ignore";
    QTest::newRow("doublestar in name no slash") << QStringList{"a/foo**bar"} << "a/foo/x/bar" << false << "none";
    QTest::newRow("doublestar alone") << QStringList{"**"} << "a/b/c" << false << "ignore";
    QTest::newRow("question one char") << QStringList{"?.txt"} << "a.txt" << false << "ignore";
    QTest::newRow("question not two") << QStringList{"?.txt"} << "ab.txt" << false << "none";
    QTest::newRow("question not slash") << QStringList{"a?b"} << "a/b" << false << "none";
    QTest::newRow("star not slash anchored") << QStringList{"a*b"} << "a/b" << false << "none";
    QTest::newRow("range") << QStringList{"[a-c].py"} << "b.py" << false << "ignore";
    QTest::newRow("range miss") << QStringList{"[a-c].py"} << "d.py" << false << "none";
    QTest::newRow("bang negated set") << QStringList{"[!a].py"} << "a.py" << false << "none";
    QTest::newRow("caret negated set") << QStringList{"[^a].py"} << "b.py" << false << "ignore";
    QTest::newRow("posix class") << QStringList{"[[:digit:]]*"} << "1abc" << false << "ignore";
    QTest::newRow("posix class miss") << QStringList{"[[:digit:]]*"} << "abc" << false << "none";
    QTest::newRow("close bracket first") << QStringList{"[]]x"} << "]x" << false << "ignore";
    QTest::newRow("negation last wins") << QStringList{"*.log", "!keep.log"} << "x/keep.log" << false << "include";
    QTest::newRow("negation earlier loses") << QStringList{"!keep.log", "*.log"} << "keep.log" << false << "ignore";
    QTest::newRow("re-exclude") << QStringList{"*.log", "!*.log", "debug.log"} << "debug.log" << false << "ignore";
    QTest::newRow("negation of dir") << QStringList{"/*", "!/foo"} << "foo" << true << "include";
    QTest::newRow("except foo bar top") << QStringList{"/*", "!/foo", "/foo/*", "!/foo/bar"} << "foo/bar" << true << "include";
    QTest::newRow("except foo bar other") << QStringList{"/*", "!/foo", "/foo/*", "!/foo/bar"} << "foo/baz" << true << "ignore";
    QTest::newRow("except foo bar top file") << QStringList{"/*", "!/foo", "/foo/*", "!/foo/bar"} << "x.txt" << false << "ignore";
    QTest::newRow("comment") << QStringList{"#foo"} << "#foo" << false << "none";
    QTest::newRow("escaped hash") << QStringList{"\\#foo"} << "#foo" << false << "ignore";
    QTest::newRow("escaped bang") << QStringList{"\\!important"} << "!important" << false << "ignore";
    QTest::newRow("escaped star literal") << QStringList{"\\*x"} << "*x" << false << "ignore";
    QTest::newRow("escaped star not wildcard") << QStringList{"\\*x"} << "ax" << false << "none";
    QTest::newRow("trailing spaces trimmed") << QStringList{"foo   "} << "foo" << false << "ignore";
    QTest::newRow("escaped trailing space") << QStringList{"foo\\ "} << "foo " << false << "ignore";
    QTest::newRow("inner space kept") << QStringList{"a b"} << "a b" << false << "ignore";
    QTest::newRow("blank line") << QStringList{""} << "x" << false << "none";
    QTest::newRow("suffix") << QStringList{"*.pyc"} << "deep/dir/x.pyc" << false << "ignore";
    QTest::newRow("dir-only doublestar") << QStringList{"**/gen/"} << "a/gen" << true << "ignore";
    QTest::newRow("dir-only doublestar file") << QStringList{"**/gen/"} << "a/gen" << false << "none";
    QTest::newRow("anchored dir-only file") << QStringList{"/out/"} << "out" << false << "none";
    QTest::newRow("case sensitive") << QStringList{"*.PY"} << "a.py" << false << "none";
    QTest::newRow("crlf line") << QStringList{"foo\r"} << "foo" << false << "ignore";
    QTest::newRow("pycache file too") << QStringList{"__pycache__"} << "a/__pycache__" << false << "ignore";
    QTest::newRow("trailing tab kept") << QStringList{"foo\t"} << "foo" << false << "none";
    QTest::newRow("only a slash") << QStringList{"/"} << "x" << true << "none";
    QTest::newRow("negated dir-only") << QStringList{"*", "!*/"} << "sub" << true << "include";
    QTest::newRow("negated dir-only keeps files ignored") << QStringList{"*", "!*/"} << "sub/a.txt" << false << "ignore";
    QTest::newRow("deep anchored") << QStringList{"a/b/c"} << "a/b/c" << false << "ignore";
    QTest::newRow("deep anchored not shifted") << QStringList{"a/b/c"} << "x/a/b/c" << false << "none";
    QTest::newRow("escaped class bracket") << QStringList{"\\[x]"} << "[x]" << false << "ignore";
    QTest::newRow("unclosed bracket matches nothing") << QStringList{"[ab"} << "[ab" << false << "none";
}

void GlobTest::testGitignoreMatch()
{
    QFETCH(QStringList, patterns);
    QFETCH(QString, path);
    QFETCH(bool, isDir);
    QFETCH(QString, expected);
    const IgnoreRules rules = IgnoreRules::fromLines(toStd(patterns));
    QCOMPARE(matchName(rules.match(path.toStdString(), isDir)), expected);
    // A file list joined into .gitignore text reads the same.
    QCOMPARE(matchName(IgnoreRules::fromText(patterns.join('\n').toStdString()).match(path.toStdString(), isDir)),
             expected);
}

void GlobTest::testPantsIgnoreDefaults_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("isDir");
    QTest::addColumn<QString>("expected");
    // Pants' default pants_ignore plus its workdir/distdir entries.
    QTest::newRow("dot dir") << ".venv" << true << "ignore";
    QTest::newRow("dot dir nested") << "src/.cache" << true << "ignore";
    QTest::newRow("dot file kept") << ".flake8" << false << "none";
    QTest::newRow("github re-included") << ".github" << true << "include";
    QTest::newRow("semgrep re-included") << ".semgrep" << true << "include";
    QTest::newRow("dist anchored") << "dist" << true << "ignore";
    QTest::newRow("dist nested kept") << "src/dist" << true << "none";
    QTest::newRow("pycache anywhere") << "a/b/__pycache__" << true << "ignore";
    QTest::newRow("pycache file too") << "a/__pycache__" << false << "ignore";
}

void GlobTest::testPantsIgnoreDefaults()
{
    QFETCH(QString, path);
    QFETCH(bool, isDir);
    QFETCH(QString, expected);
    QCOMPARE(matchName(IgnoreRules::fromLines(toStd(kPantsDefaults)).match(path.toStdString(), isDir)), expected);
}

void GlobTest::testIsPathIgnored_data()
{
    QTest::addColumn<QStringList>("patterns");
    QTest::addColumn<QString>("path"); // a file
    QTest::addColumn<bool>("ignored");
    QTest::newRow("dir pattern hides files below") << QStringList{"abc/"} << "abc/x.py" << true;
    QTest::newRow("cannot re-include below ignored dir") << QStringList{"abc/", "!abc/keep.py"} << "abc/keep.py" << true;
    QTest::newRow("re-include via dir star") << QStringList{"/abc/*", "!/abc/keep.py"} << "abc/keep.py" << false;
    QTest::newRow("dir star still hides others") << QStringList{"/abc/*", "!/abc/keep.py"} << "abc/drop.py" << true;
    QTest::newRow("foo star hides grandchild") << QStringList{"foo/*"} << "foo/bar/hello.c" << true;
    QTest::newRow("unanchored dir hides at depth") << QStringList{"node_modules"} << "a/node_modules/x/y.js" << true;
    QTest::newRow("anchored only at root") << QStringList{"/tmp"} << "src/tmp/b.py" << false;
    QTest::newRow("negated dir keeps inside") << QStringList{".*/", "!.github/"} << ".github/workflows/ci.yml" << false;
    QTest::newRow("dot dir hides inside") << QStringList{".*/", "!.github/"} << ".venv/lib/x.py" << true;
    QTest::newRow("file negation") << QStringList{"*.log", "!keep.log"} << "a/keep.log" << false;
    QTest::newRow("except foo bar inside") << QStringList{"/*", "!/foo", "/foo/*", "!/foo/bar"} << "foo/bar/x.c" << false;
    QTest::newRow("except foo bar sibling") << QStringList{"/*", "!/foo", "/foo/*", "!/foo/bar"} << "foo/baz/x.c" << true;
    QTest::newRow("dir-only does not hide same-named file") << QStringList{"logs/"} << "logs" << false;
    QTest::newRow("doublestar pattern") << QStringList{"a/**/test_*.py"} << "a/b/c/test_x.py" << true;
    QTest::newRow("doublestar not other") << QStringList{"a/**/test_*.py"} << "a/z.py" << false;
    QTest::newRow("trailing doublestar hides") << QStringList{"abc/**", "!abc/keep"} << "abc/keep" << false;
    QTest::newRow("no rules") << QStringList{} << "a/b.py" << false;
}

void GlobTest::testIsPathIgnored()
{
    QFETCH(QStringList, patterns);
    QFETCH(QString, path);
    QFETCH(bool, ignored);
    QCOMPARE(IgnoreRules::fromLines(toStd(patterns)).isPathIgnored(path.toStdString(), false), ignored);
}

void GlobTest::testFromText()
{
    const IgnoreRules rules = IgnoreRules::fromText("# build output\r\n\r\n/build/\n*.o\n\n!keep.o\n   \n");
    QCOMPARE(rules.size(), size_t(3));
    QVERIFY(rules.isIgnored("build", true));
    QVERIFY(!rules.isIgnored("build", false));
    QVERIFY(rules.isIgnored("src/x.o", false));
    QCOMPARE(rules.match("src/keep.o", false), IgnoreRules::Match::Include);
    QVERIFY(IgnoreRules().isEmpty());
    QCOMPARE(IgnoreRules().match("x", false), IgnoreRules::Match::None);
}

void GlobTest::testWildcard_data()
{
    QTest::addColumn<GlobSyntax>("syntax");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("expected");
    const GlobSyntax git = GlobSyntax::Gitignore, pants = GlobSyntax::PantsGlob, fn = GlobSyntax::Fnmatch;
    QTest::newRow("star") << git << "*.py" << "a.py" << true;
    QTest::newRow("star empty") << git << "*.py" << ".py" << true;
    QTest::newRow("star backtrack") << git << "a*b*c" << "aXbYbZc" << true;
    QTest::newRow("star no match") << git << "a*b" << "aXc" << false;
    QTest::newRow("stars collapse") << git << "a***" << "a" << true;
    QTest::newRow("question") << git << "a?c" << "abc" << true;
    QTest::newRow("question needs a char") << git << "a?" << "a" << false;
    QTest::newRow("range") << git << "[a-c]x" << "bx" << true;
    QTest::newRow("range miss") << git << "[a-c]x" << "dx" << false;
    QTest::newRow("reversed range matches nothing") << git << "[c-a]" << "b" << false;
    QTest::newRow("dash after range is literal") << git << "[a-c-e]" << "-" << true;
    QTest::newRow("dash after range no range") << git << "[a-c-e]" << "d" << false;
    QTest::newRow("dash last literal") << git << "[a-]" << "-" << true;
    QTest::newRow("dash first literal") << git << "[-a]" << "-" << true;
    QTest::newRow("bracket close first") << git << "[]a]" << "]" << true;
    QTest::newRow("negated close first") << git << "[!]a]" << "]" << false;
    QTest::newRow("caret negation") << git << "[^a]" << "b" << true;
    QTest::newRow("bang negation") << git << "[!a]" << "a" << false;
    QTest::newRow("posix alpha") << git << "[[:alpha:]]1" << "x1" << true;
    QTest::newRow("posix mixed") << git << "[[:digit:]x]" << "x" << true;
    QTest::newRow("posix unknown matches nothing") << git << "[[:nope:]]" << "n" << false;
    QTest::newRow("unclosed bracket fails the pattern") << git << "[ab" << "[ab" << false;
    QTest::newRow("pants unclosed bracket literal") << pants << "x[ab" << "x[ab" << true;
    QTest::newRow("escape") << git << "\\*" << "*" << true;
    QTest::newRow("escape no wildcard") << git << "\\*" << "x" << false;
    QTest::newRow("escape in class") << git << "[\\]]" << "]" << true;
    QTest::newRow("trailing backslash literal") << git << "a\\" << "a\\" << true;
    QTest::newRow("case sensitive") << git << "A*" << "a" << false;
    QTest::newRow("pants star") << pants << "*_test.py" << "x_test.py" << true;
    QTest::newRow("pants backslash ordinary") << pants << "a\\b" << "a\\b" << true;
    QTest::newRow("pants backslash not escape") << pants << "\\*" << "*" << false;
    QTest::newRow("pants caret negation") << pants << "[^a]" << "b" << true;
    QTest::newRow("fnmatch star") << fn << "*.txt" << "notes.txt" << true;
    QTest::newRow("fnmatch star crosses slash") << fn << "*.py" << "a/b.py" << true;
    QTest::newRow("fnmatch question any char") << fn << "?" << "/" << true;
    QTest::newRow("fnmatch bang negation") << fn << "[!abc].md" << "b.md" << false;
    QTest::newRow("fnmatch caret literal") << fn << "[^a]" << "^" << true;
    QTest::newRow("fnmatch caret not negation") << fn << "[^a]" << "b" << false;
    QTest::newRow("fnmatch no posix classes") << fn << "[[:digit:]]" << "1" << false;
    QTest::newRow("fnmatch class is a set then bracket") << fn << "[[:digit:]]" << ":]" << true;
    QTest::newRow("fnmatch backslash ordinary") << fn << "a\\b" << "a\\b" << true;
    QTest::newRow("fnmatch reversed range") << fn << "[z-a]" << "m" << false;
    QTest::newRow("fnmatch dash after range") << fn << "[a-c-e]" << "-" << true;
    QTest::newRow("fnmatch negated close first") << fn << "[!]a]" << "b" << true;
    QTest::newRow("fnmatch unclosed") << fn << "[ab" << "[ab" << true;
    QTest::newRow("fnmatch backtrack") << fn << "*a*b" << "xaxxbxb" << true;
    QTest::newRow("fnmatch dotted module") << fn << "foo.*.bar" << "foo.x.y.bar" << true;
}

void GlobTest::testWildcard()
{
    QFETCH(GlobSyntax, syntax);
    QFETCH(QString, pattern);
    QFETCH(QString, text);
    QFETCH(bool, expected);
    QCOMPARE(wildcardMatch(pattern.toStdString(), text.toStdString(), syntax), expected);
}

void GlobTest::testGlobMatches_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("expected");
    QTest::newRow("component star") << "*.py" << "a.py" << true;
    QTest::newRow("star not crossing") << "*.py" << "sub/a.py" << false;
    QTest::newRow("sub glob") << "sub/*.py" << "sub/a.py" << true;
    QTest::newRow("doublestar zero") << "**/a.py" << "a.py" << true;
    QTest::newRow("doublestar many") << "**/a.py" << "x/y/a.py" << true;
    QTest::newRow("doublestar middle") << "a/**/b.py" << "a/x/y/b.py" << true;
    QTest::newRow("doublestar doubled") << "a/**/**/b.py" << "a/b.py" << true;
    QTest::newRow("trailing doublestar") << "x/**" << "x/y/z" << true;
    QTest::newRow("trailing doublestar the dir itself") << "x/**" << "x" << true;
    QTest::newRow("doublestar in name is a star") << "a**.py" << "ab/c.py" << false;
    QTest::newRow("literal") << "main.py" << "main.py" << true;
    QTest::newRow("literal miss") << "main.py" << "main.pyi" << false;
    QTest::newRow("class") << "[ab].py" << "b.py" << true;
    QTest::newRow("extra slashes") << "a//b.py" << "a/b.py" << true;
    QTest::newRow("empty pattern") << "" << "a" << false;
    QTest::newRow("empty both") << "" << "" << true;
}

void GlobTest::testGlobMatches()
{
    QFETCH(QString, pattern);
    QFETCH(QString, path);
    QFETCH(bool, expected);
    QCOMPARE(globMatches(pattern.toStdString(), path.toStdString()), expected);
}

void GlobTest::testNormalizedComponents_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected"); // joined with '/', "<above>" for nullopt
    QTest::newRow("plain") << "a/b" << "a/b";
    QTest::newRow("dot") << "./a/./b/" << "a/b";
    QTest::newRow("dotdot") << "a/b/../c" << "a/c";
    QTest::newRow("to root") << "a/.." << "";
    QTest::newRow("above") << "a/../.." << "<above>";
    QTest::newRow("out of doublestar") << "**/../a" << "<above>";
}

void GlobTest::testNormalizedComponents()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    const auto comps = normalizedComponents(path.toStdString());
    QString actual = "<above>";
    if (comps) {
        QStringList parts;
        for (const std::string &c : *comps)
            parts << QString::fromStdString(c);
        actual = parts.join('/');
    }
    QCOMPARE(actual, expected);
}

void GlobTest::testSourceGlobs_data()
{
    QTest::addColumn<QString>("dir");
    QTest::addColumn<QStringList>("patterns");
    QTest::addColumn<QString>("path"); // buildroot-relative
    QTest::addColumn<bool>("expected");
    const QStringList lib = {"*.py", "!*_test.py", "!conftest.py"};
    QTest::newRow("include") << "src/app" << lib << "src/app/main.py" << true;
    QTest::newRow("star stays in dir") << "src/app" << lib << "src/app/sub/x.py" << false;
    QTest::newRow("exclude") << "src/app" << lib << "src/app/util_test.py" << false;
    QTest::newRow("other dir") << "src/app" << lib << "src/lib/a.py" << false;
    QTest::newRow("doublestar") << "src" << QStringList{"**/*.py"} << "src/a/b/c.py" << true;
    // An exclude joined to a non-root directory has a slash, so it is anchored there.
    QTest::newRow("joined exclude is anchored") << "src" << QStringList{"**/*.py", "!conftest.py"}
                                                << "src/a/conftest.py" << true;
    QTest::newRow("root exclude matches at depth") << "" << QStringList{"**/*.py", "!conftest.py"}
                                                   << "src/a/conftest.py" << false;
    QTest::newRow("exclude a directory") << "src" << QStringList{"**/*.py", "!sub"} << "src/sub/a/x.py" << false;
    QTest::newRow("anchored exclude only its dir") << "src" << QStringList{"**/*.py", "!a/*.py"} << "src/b/a/x.py"
                                                   << true;
    QTest::newRow("anchored exclude hit") << "src" << QStringList{"**/*.py", "!a/*.py"} << "src/a/x.py" << false;
    QTest::newRow("exclude relative to dir") << "src" << QStringList{"**/*.py", "!/x.py"} << "x.py" << false;
    QTest::newRow("dotdot include") << "src/app" << QStringList{"../lib/*.py"} << "src/lib/a.py" << true;
    QTest::newRow("above root never matches") << "" << QStringList{"../x.py"} << "x.py" << false;
    QTest::newRow("root dir") << "" << QStringList{"*.py"} << "setup.py" << true;
    QTest::newRow("no includes") << "" << QStringList{"!*.py"} << "setup.py" << false;
}

void GlobTest::testSourceGlobs()
{
    QFETCH(QString, dir);
    QFETCH(QStringList, patterns);
    QFETCH(QString, path);
    QFETCH(bool, expected);
    QCOMPARE(SourceGlobs(dir.toStdString(), toStd(patterns)).matches(path.toStdString()), expected);
}

void GlobTest::testSourceGlobsIncludes()
{
    const SourceGlobs globs("src/app", {"*.py", "", "!x.py", "../lib/**", "../../../up.py", "!../gen/"});
    QCOMPARE(globs.includes().size(), size_t(3));
    QCOMPARE(globs.includes()[0].pattern, std::string("*.py"));
    QCOMPARE(*globs.includes()[0].components, (std::vector<std::string>{"src", "app", "*.py"}));
    QCOMPARE(*globs.includes()[1].components, (std::vector<std::string>{"src", "lib", "**"}));
    QVERIFY(!globs.includes()[2].components);
    QCOMPARE(globs.excludes().size(), size_t(2));
    QVERIFY(globs.isExcluded("src/app/x.py"));
    QVERIFY(!globs.isExcluded("src/app/sub/x.py")); // an anchored exclude (it had a slash once joined)
    QVERIFY(globs.isExcluded("src/gen/a.py"));      // the directory pattern hides what is below
}

QTEST_GUILESS_MAIN(GlobTest)
#include "glob_test.moc"
