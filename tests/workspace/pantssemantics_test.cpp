// Loader behaviour that must match Pants on real repositories: any-match glob
// conjunction for `sources`, directory symlinks inside the build root followed (no loops,
// not outside the root), globs escaping the BUILD directory or the build root as clean
// errors (was an uncaught std::out_of_range: exit 134), pip VCS lines in requirements
// files. Each case builds a small repository in a temporary directory.
#include "core/workspace/workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace trellis;
using namespace trellis::workspace;

namespace {

void write(const QString &root, const QString &rel, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(root + "/" + rel).absolutePath());
    QFile f(root + "/" + rel);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

std::shared_ptr<const Workspace> load(const QString &root)
{
    LoadRequest req;
    req.options.buildRoot = root.toStdString();
    req.options.readPantsrc = false;
    req.options.environment = {{"HOME", root.toStdString()}};
    auto ws = loadWorkspace(req);
    return ws ? *ws : nullptr;
}

QStringList problems(const Workspace &ws)
{
    QStringList r;
    for (const auto &d : ws.diagnostics())
        r << QString::fromStdString(d.format());
    return r;
}

QStringList sourcesOf(const Workspace &ws, const char *address)
{
    QStringList r;
    if (const Target *t = ws.find(*Address::parse(address)))
        for (const std::string &s : t->sources)
            r << QString::fromStdString(s);
    else
        r << "<no target>";
    return r;
}

const char *kToml = "[GLOBAL]\npants_version = \"2.32.0\"\nbackend_packages = [\"pants.backend.python\"]\n"
                    "unmatched_build_file_globs = \"error\"\n";

} // namespace

class PantsSemanticsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void anyMatchGlobConjunction()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        write(root, "pants.toml", kToml);
        write(root, "res/a.json", "{}");
        write(root, "res/BUILD",
              "resources(name=\"some\", sources=[\"*.json\", \"missing/*.txt\", \"nope.yaml\"])\n"
              "resources(name=\"none\", sources=[\"missing/*.txt\", \"nope.yaml\", \"!a.json\"])\n"
              "resource(name=\"one\", source=\"absent.txt\")\n");
        auto ws = load(root);
        QVERIFY(ws);
        QCOMPARE(sourcesOf(*ws, "res:some"), QStringList{"res/a.json"});
        const QStringList p = problems(*ws);
        QCOMPARE(p.size(), 2);
        QVERIFY2(p[0].contains("error: Unmatched globs from res:none's `sources` field: "
                               "[\"res/missing/*.txt\", \"res/nope.yaml\"], exclude: [\"res/a.json\"]"),
                 qPrintable(p.join('\n')));
        QVERIFY2(p[1].contains("Unmatched glob from res:one's `source` field: \"res/absent.txt\""),
                 qPrintable(p.join('\n')));
    }

    void directorySymlinksAreFollowed()
    {
        QTemporaryDir dir, outside;
        const QString root = dir.path();
        write(root, "pants.toml", kToml);
        write(root, "shared/schemas/a.json", "{}");
        write(root, "shared/schemas/deep/b.json", "{}");
        write(outside.path(), "secret.json", "{}");
        write(root, "pkg/BUILD", "resources(name=\"schemas\", sources=[\"schemas/**/*.json\"])\n"
                                 "resources(name=\"outside\", sources=[\"out/*.json\"])\n");
        QVERIFY(::symlink("../shared/schemas", qPrintable(root + "/pkg/schemas")) == 0);
        QVERIFY(::symlink("..", qPrintable(root + "/shared/schemas/deep/up")) == 0);      // a loop
        QVERIFY(::symlink(qPrintable(outside.path()), qPrintable(root + "/pkg/out")) == 0); // leaves the root
        // Two links into each other's trees: followed once each, never around the cycle.
        write(root, "x/f.txt", "");
        write(root, "y/g.txt", "");
        QVERIFY(::symlink("../y", qPrintable(root + "/x/to_y")) == 0);
        QVERIFY(::symlink("../x", qPrintable(root + "/y/to_x")) == 0);
        auto ws = load(root);
        QVERIFY(ws);
        QCOMPARE(sourcesOf(*ws, "pkg:schemas"), (QStringList{"pkg/schemas/a.json", "pkg/schemas/deep/b.json"}));
        QCOMPARE(sourcesOf(*ws, "pkg:outside"), QStringList{});
        const auto &files = ws->files()->files();
        QVERIFY(std::find(files.begin(), files.end(), "x/to_y/g.txt") != files.end());
        QVERIFY(std::find(files.begin(), files.end(), "x/to_y/to_x/f.txt") == files.end());
        for (const std::string &f : files)
            QVERIFY2(f.find("/up/") == std::string::npos && f.find("secret") == std::string::npos, f.c_str());
        QStringList p = problems(*ws);
        QCOMPARE(p.size(), 1); // pkg:outside matched nothing
        QVERIFY2(p[0].contains("Unmatched glob from pkg:outside"), qPrintable(p.join('\n')));
    }

    void globsEscapingTheDirectoryOrRoot()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        write(root, "pants.toml", kToml);
        write(root, "top.txt", "");
        write(root, "z.txt", "");
        write(root, "x", ""); // shorter than "a/b/": cutting it at 4 threw std::out_of_range
        write(root, "a/b/BUILD", "files(name=\"b\", sources=[\"../../*\"])\n"
                                 "files(\n    name=\"c\",\n    sources=[\"x.txt\", \"../../../*\"],\n)\n");
        write(root, "a/b/x.txt", "");
        auto ws = load(root); // used to abort: substr past the end before the containment check
        QVERIFY(ws);
        const QStringList p = problems(*ws);
        QCOMPARE(p.size(), 2);
        QVERIFY2(p[0].contains(QRegularExpression("^a/b/BUILD:1:\\d+: error: The file pants.toml matched by a/b's "
                                                  "`sources` is not in or below its directory")),
                 qPrintable(p.join('\n')));
        QVERIFY2(p[1].contains(QRegularExpression("^a/b/BUILD:4:\\d+: error: Invalid glob \"../../../\\*\" in the "
                                                  "`sources` field of a/b:c: globs may not traverse outside the build "
                                                  "root")),
                 qPrintable(p.join('\n')));
        QCOMPARE(sourcesOf(*ws, "a/b:b"), (QStringList{"pants.toml", "top.txt", "x", "z.txt"}));
    }

    void requirementsWithVcsLines()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        write(root, "pants.toml", kToml);
        write(root, "3rdparty/BUILD", "python_requirements(name=\"reqs\")\n");
        write(root, "3rdparty/requirements.txt",
              "-e git+https://github.com/x/editable.git#egg=editable\n"
              "git+https://github.com/django/django.git@stable/2.1.x#egg=Django\n"
              "attrs==23.1.0 \\\n    --hash=sha256:aaaa\n");
        auto ws = load(root);
        QVERIFY(ws);
        QVERIFY2(problems(*ws).isEmpty(), qPrintable(problems(*ws).join('\n')));
        QVERIFY(ws->find(*Address::parse("3rdparty:reqs#Django")));
        QVERIFY(ws->find(*Address::parse("3rdparty:reqs#attrs")));
        QVERIFY(!ws->find(*Address::parse("3rdparty:reqs#editable")));
    }
    void parametrizeInOverridesAndDefaults()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        write(root, "pants.toml",
              QByteArray(kToml) + "\n[python]\nenable_resolves = true\n"
                                  "resolves = { a = \"a.lock\", b = \"b.lock\", cpu = \"c.lock\", gpu = \"g.lock\" }\n");
        // EmbarkStudios/emote tests/BUILD: a generated type's defaults parametrized.
        write(root, "tests/BUILD", "__defaults__({python_source: dict(resolve=parametrize(\"cpu\", \"gpu\"))})\n"
                                   "python_sources(name=\"utils\")\n");
        write(root, "tests/helpers.py", "");
        write(root, "src/BUILD", "python_sources(overrides={\"m.py\": {\"resolve\": parametrize(\"a\", \"b\")}})\n");
        write(root, "src/m.py", "");
        write(root, "src/n.py", "");
        auto ws = load(root);
        QVERIFY(ws);
        QVERIFY2(problems(*ws).isEmpty(), qPrintable(problems(*ws).join('\n')));
        for (const char *addr : {"tests/helpers.py:utils@resolve=cpu", "tests/helpers.py:utils@resolve=gpu",
                                 "src/m.py@resolve=a", "src/m.py@resolve=b", "src/n.py"}) {
            const Target *t = ws->find(*Address::parse(addr));
            QVERIFY2(t, addr);
        }
        QCOMPARE(ws->find(*Address::parse("src/m.py@resolve=b"))->resolve, std::string("b"));
        QVERIFY(!ws->find(*Address::parse("src/m.py")));
    }

    void buildIgnoreIsGitignoreSyntax()
    {
        // Pants reads build_ignore as gitignore patterns: `!` re-includes (it was taken as
        // a literal path), and nothing inside an ignored directory comes back.
        QTemporaryDir dir;
        const QString root = dir.path();
        write(root, "pants.toml",
              QByteArray(kToml)
                  + "build_ignore = [\"/legacy/*\", \"!/legacy/ok/\", \"examples/\", \"!examples/keep/\", "
                    "\"BUILD.*\", \"!BUILD.pants\"]\n");
        for (const char *f : {"BUILD", "legacy/BUILD", "legacy/old/BUILD", "legacy/ok/BUILD", "examples/keep/BUILD",
                              "src/BUILD.old", "src/BUILD.pants"})
            write(root, f, "");
        auto ws = load(root);
        QVERIFY(ws);
        QVERIFY2(problems(*ws).isEmpty(), qPrintable(problems(*ws).join('\n')));
        QStringList buildFiles;
        for (const std::string &f : ws->buildFiles())
            buildFiles << QString::fromStdString(f);
        QCOMPARE(buildFiles, (QStringList{"BUILD", "legacy/ok/BUILD", "src/BUILD.pants"}));
    }

    void buildFileDirIsAPathAndDictsAreIterated()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        write(root, "pants.toml", kToml);
        write(root, ".pants.bootstrap", "export TEAM=platform\n");
        write(root, "src/pkg.d/BUILD",
              "d = build_file_dir()\n"
              "python_sources(\n"
              "    name=d.name,\n"
              "    description=str(d) + \"|\" + d.parent.name + \"|\" + \"/\".join(d.parts) + \"|\" + d.stem + d.suffix\n"
              "        + \"|\" + str(d.parent.parent) + \"|\" + env(\"TEAM\", \"none\"),\n"
              "    tags={\"x\": 1, \"y\": 2},\n"
              ")\n");
        write(root, "src/pkg.d/a.py", "");
        auto ws = load(root);
        QVERIFY(ws);
        QVERIFY2(problems(*ws).isEmpty(), qPrintable(problems(*ws).join('\n')));
        const Target *t = nullptr;
        for (const Target &c : ws->targets())
            if (c.type == "python_sources")
                t = &c;
        QVERIFY(t);
        QCOMPARE(t->address.toString(), std::string("src/pkg.d")); // name=d.name
        QCOMPARE(t->field("description")->value.str(), std::string("src/pkg.d|src|src/pkg.d|pkg.d|.|platform"));
        QCOMPARE(t->tags, (std::vector<std::string>{"x", "y"}));
    }
};

QTEST_GUILESS_MAIN(PantsSemanticsTest)
#include "pantssemantics_test.moc"
