// Target generators of non-Python backends that Trellis expands statically, as Pants'
// generator rules do: go_mod reads go.mod (go_third_party_package per required module,
// go.mod/go.sum file targets) and package_json reads package.json (node_package,
// node_third_party_package per dependency, one target per build/run script). The files
// read are load inputs, so a snapshot reloads when they change.
#include "core/workspace/workspace.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace trellis::workspace;

namespace {

void write(const QTemporaryDir &dir, const QString &rel, const QByteArray &text)
{
    const QString path = dir.filePath(rel);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

std::shared_ptr<const Workspace> load(const QTemporaryDir &dir)
{
    LoadRequest req;
    req.options.buildRoot = dir.path().toStdString();
    req.options.readPantsrc = false;
    auto ws = loadWorkspace(req);
    return ws ? *ws : nullptr;
}

QStringList addresses(const Workspace &ws)
{
    QStringList r;
    for (const Target &t : ws.targets())
        r << QString::fromStdString(t.address.toString());
    r.sort();
    return r;
}

QStringList errors(const Workspace &ws)
{
    QStringList r;
    for (const auto &d : ws.diagnostics())
        if (d.severity == trellis::base::Severity::Error)
            r << QString::fromStdString(d.format());
    return r;
}

const Target *find(const Workspace &ws, const char *address)
{
    const auto addr = Address::parse(address);
    return addr ? ws.find(*addr) : nullptr;
}

QString fieldRepr(const Workspace &ws, const char *address, const char *field)
{
    const Target *t = find(ws, address);
    if (!t)
        return QStringLiteral("<no target>");
    const Field *f = t->field(field);
    return f ? QString::fromStdString(f->value.repr()) : QStringLiteral("<no field>");
}

QStringList explicitDeps(const Workspace &ws, const char *address)
{
    QStringList r;
    if (const Target *t = find(ws, address))
        for (const DependencySpec &d : t->explicitDependencies)
            r << QString::fromStdString(d.address.toString());
    r.sort();
    return r;
}

const QByteArray kGoToml = "[GLOBAL]\npants_version = \"2.31.0\"\nbackend_packages = [\"pants.backend.experimental.go\"]\n";

const QByteArray kGoMod = R"(// a comment
module example.com/app

go 1.21

require github.com/google/uuid v1.6.0

require (
	github.com/spf13/pflag v1.0.10
	"gopkg.in/yaml.v3" v3.0.1 // indirect
)

replace example.com/other => ../other
)";

} // namespace

class NonPythonGeneratorsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void goModGeneratesThirdPartyPackages()
    {
        QTemporaryDir dir;
        write(dir, "pants.toml", kGoToml);
        write(dir, "BUILD", "go_mod(name=\"root\", tags=[\"go\"])\n");
        write(dir, "go.mod", kGoMod);
        write(dir, "go.sum", "github.com/google/uuid v1.6.0 h1:x\n");
        auto ws = load(dir);
        QVERIFY(ws);
        QCOMPARE(errors(*ws), QStringList());
        QCOMPARE(addresses(*ws), (QStringList{"//:root", "//:root#github.com/google/uuid",
                                              "//:root#github.com/spf13/pflag", "//:root#gopkg.in/yaml.v3",
                                              "//go.mod:root", "//go.sum:root"}));
        QCOMPARE(QString::fromStdString(find(*ws, "//:root#github.com/google/uuid")->type),
                 QStringLiteral("go_third_party_package"));
        QCOMPARE(fieldRepr(*ws, "//:root#gopkg.in/yaml.v3", "import_path"), QStringLiteral("'gopkg.in/yaml.v3'"));
        QCOMPARE(fieldRepr(*ws, "//:root#github.com/spf13/pflag", "tags"), QStringLiteral("['go']"));
        QCOMPARE(explicitDeps(*ws, "//:root#github.com/spf13/pflag"), (QStringList{"//go.mod:root", "//go.sum:root"}));
        QVERIFY(ws->find(*Address::parse("//:root"))->isGenerator);
        const auto &inputs = ws->loadInputs();
        QVERIFY(std::find(inputs.begin(), inputs.end(), "go.mod") != inputs.end());
    }

    void goModModuleGranularityAndSubdirectory()
    {
        QTemporaryDir dir;
        write(dir, "pants.toml", kGoToml + "[golang]\nthird_party_target_granularity = \"module\"\n");
        write(dir, "src/go/BUILD", "go_mod()\n");
        write(dir, "src/go/go.mod", "module x\n\nrequire (\n\tgithub.com/a/b v1.0.0\n)\n");
        auto ws = load(dir);
        QVERIFY(ws);
        QCOMPARE(errors(*ws), QStringList());
        QCOMPARE(addresses(*ws), (QStringList{"src/go", "src/go#github.com/a/b", "src/go/go.mod"}));
        QCOMPARE(QString::fromStdString(find(*ws, "src/go#github.com/a/b")->type),
                 QStringLiteral("go_third_party_module"));
        QCOMPARE(explicitDeps(*ws, "src/go#github.com/a/b"), QStringList{"src/go/go.mod"});
    }

    void goModWithoutGoModFileIsAnError()
    {
        QTemporaryDir dir;
        write(dir, "pants.toml", kGoToml);
        write(dir, "BUILD", "go_mod(name=\"root\")\n");
        auto ws = load(dir);
        QVERIFY(ws);
        QCOMPARE(errors(*ws).size(), 1);
        QVERIFY(errors(*ws).front().contains("go.mod"));
    }

    void packageJsonGeneratesNodeTargets()
    {
        QTemporaryDir dir;
        write(dir, "pants.toml",
              "[GLOBAL]\npants_version = \"2.28.0\"\nbackend_packages = [\"pants.backend.experimental.javascript\"]\n");
        write(dir, "web/BUILD", R"(package_json(
    name="pkg",
    tags=["js"],
    scripts=[
        node_test_script(coverage_args=["--coverage"]),
        node_build_script(entry_point="build", output_files=["dist/index.js"]),
    ],
)
)");
        write(dir, "web/package.json", R"({
  "name": "@acme/web",
  "version": "1.2.3",
  "scripts": {"build": "esbuild", "test": "jest"},
  "dependencies": {"react": "^18.0.0"},
  "devDependencies": {"@types/node": "20.0.0", "jest": "^29"},
  "peerDependencies": {"react-dom": "^18.0.0"}
})");
        auto ws = load(dir);
        QVERIFY(ws);
        QCOMPARE(errors(*ws), QStringList());
        QCOMPARE(addresses(*ws),
                 (QStringList{"web:pkg", "web:pkg#__acme/web", "web:pkg#__types/node", "web:pkg#build", "web:pkg#jest",
                              "web:pkg#react", "web:pkg#react-dom", "web:pkg#web/package.json"}));
        QCOMPARE(QString::fromStdString(find(*ws, "web:pkg#__acme/web")->type), QStringLiteral("node_package"));
        QCOMPARE(fieldRepr(*ws, "web:pkg#__acme/web", "version"), QStringLiteral("'1.2.3'"));
        QCOMPARE(QString::fromStdString(find(*ws, "web:pkg#__types/node")->type),
                 QStringLiteral("node_third_party_package"));
        QCOMPARE(fieldRepr(*ws, "web:pkg#__types/node", "package"), QStringLiteral("'@types/node'"));
        QCOMPARE(fieldRepr(*ws, "web:pkg#react", "tags"), QStringLiteral("['js']"));
        QCOMPARE(QString::fromStdString(find(*ws, "web:pkg#build")->type), QStringLiteral("_node_build_script"));
        QCOMPARE(explicitDeps(*ws, "web:pkg#react"), QStringList{"web:pkg#web/package.json"});
        QVERIFY(explicitDeps(*ws, "web:pkg#build").contains("web:pkg#__acme/web"));
        const auto &inputs = ws->loadInputs();
        QVERIFY(std::find(inputs.begin(), inputs.end(), "web/package.json") != inputs.end());
    }

    void packageJsonDependencyOnAFirstPartyPackageIsNoThirdPartyTarget()
    {
        QTemporaryDir dir;
        write(dir, "pants.toml",
              "[GLOBAL]\npants_version = \"2.28.0\"\nbackend_packages = [\"pants.backend.experimental.javascript\"]\n");
        write(dir, "app/BUILD", "package_json()\n");
        write(dir, "app/package.json", R"({"name": "@acme/app", "dependencies": {"@acme/lib": "*", "left-pad": "1"}})");
        write(dir, "lib/BUILD", "package_json()\n");
        write(dir, "lib/package.json", R"({"name": "@acme/lib", "version": "0.1.0"})");
        auto ws = load(dir);
        QVERIFY(ws);
        QCOMPARE(errors(*ws), QStringList());
        QCOMPARE(addresses(*ws), (QStringList{"app", "app#__acme/app", "app#app/package.json", "app#left-pad", "lib",
                                              "lib#__acme/lib", "lib#lib/package.json"}));
        QCOMPARE(explicitDeps(*ws, "app#__acme/app"), (QStringList{"app#app/package.json", "app#left-pad"}));
    }

    void packageJsonScriptMissingIsAnError()
    {
        QTemporaryDir dir;
        write(dir, "pants.toml",
              "[GLOBAL]\npants_version = \"2.28.0\"\nbackend_packages = [\"pants.backend.experimental.javascript\"]\n");
        write(dir, "BUILD", "package_json(scripts=[node_build_script(entry_point=\"bundle\", output_files=[\"a\"])])\n");
        write(dir, "package.json", R"({"name": "demo", "scripts": {"build": "x"}})");
        auto ws = load(dir);
        QVERIFY(ws);
        QCOMPARE(errors(*ws).size(), 1);
        QVERIFY2(errors(*ws).front().contains("bundle was not found in package.json#scripts"),
                 qPrintable(errors(*ws).front()));
    }
};

QTEST_GUILESS_MAIN(NonPythonGeneratorsTest)
#include "nonpythongenerators_test.moc"
