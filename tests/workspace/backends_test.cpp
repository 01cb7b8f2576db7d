// Tests for the Pants backend tables (core/workspace/backends/*.json), aliases of older
// Pants versions, and in-repo plugins read statically (pluginscan.h), on the registry and
// on the ws-backends fixture.
#include "core/workspace/pluginscan.h"
#include "core/workspace/targettype.h"
#include "core/workspace/workspace.h"

#include <QTest>

using namespace trellis::workspace;

namespace {

std::shared_ptr<const Workspace> load(const char *fixture)
{
    LoadRequest req;
    req.options.buildRoot = std::string(TRELLIS_TEST_DATA) + "/fixtures/" + fixture;
    req.options.readPantsrc = false;
    auto ws = loadWorkspace(req);
    return ws ? *ws : nullptr;
}

QString fieldRepr(const Workspace &ws, const char *address, const char *field)
{
    const auto addr = Address::parse(address);
    const Target *t = addr ? ws.find(*addr) : nullptr;
    if (!t)
        return QStringLiteral("<no target>");
    const Field *f = t->field(field);
    return f ? QString::fromStdString(f->value.repr()) : QStringLiteral("<no field>");
}

QStringList errors(const Workspace &ws)
{
    QStringList r;
    for (const auto &d : ws.diagnostics())
        if (d.severity == trellis::base::Severity::Error)
            r << QString::fromStdString(d.format());
    return r;
}

const char *kPluginTypes = R"(from pants.engine.target import (
    COMMON_TARGET_FIELDS,
    Dependencies,
    MultipleSourcesField,
    StringField,
    BoolField,
    Target,
    TargetFilesGenerator,
)
from pants.jvm.target_types import JvmResolveField


class Base(Target):
    pass


class Library(Base):
    core_fields = (*COMMON_TARGET_FIELDS, Dependencies)


class SchemaSources(MultipleSourcesField):
    default = ("*.json", "!*_test.json")


class StrictField(BoolField):
    alias = "strict"
    default = True
    help = """Multi-line help with a ( paren
    and 'quotes'."""


class Schema(Library):
    alias = "json_schema"
    core_fields = (
        *Library.core_fields,
        SchemaSources,
        StrictField,
        JvmResolveField,
    )


class Flavor(StringField):
    alias = "flavor"


SERVICE_TYPES = (Schema,)


def build_file_aliases():
    return BuildFileAliases(
        objects={"schema_version": SchemaVersion},
        context_aware_object_factories={'schema_bundle': SchemaBundle},
    )


def rules():
    return [tgt.register_plugin_field(Flavor) for tgt in (Schema, PythonSourceTarget)]
)";

} // namespace

class BackendsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testTablesOnlyWhenEnabled();
    void testFieldsAddedToHandWrittenTypes();
    void testGeneratorFromTable();
    void testOldAliases();
    void testPluginScan();
    void testUnknownCalls();
    void testObjectsAndResolves();
    void testFixtureLoads();
    void testUnknownTypesAndFieldsAreWarnings();
    void testFixtureFields_data();
    void testFixtureFields();
};

void BackendsTest::testTablesOnlyWhenEnabled()
{
    QVERIFY(knownBackendTables().size() > 60);
    const auto none = TargetTypeRegistry::forBackends({"pants.backend.python"});
    QVERIFY(!none.find("go_mod"));
    QVERIFY(!none.find("java_sources"));
    QVERIFY(none.find("experimental_workspace_environment")); // core: always there
    // Fields Pants makes from subsystems' environment-aware options.
    QVERIFY(none.find("local_environment")->accepts("subprocess_environment_env_vars"));
    QVERIFY(none.find("docker_environment")->accepts("docker_env_vars"));
    QCOMPARE(none.find("remote_environment")->fieldSpec("golang_cgo_c_flags")->kind, FieldKind::StringList);
    const auto go = TargetTypeRegistry::forBackends({"pants.backend.experimental.go"});
    QVERIFY(go.find("go_mod"));
    QVERIFY(go.find("go_package"));
    QVERIFY(go.find("go_binary"));
    QVERIFY(go.find("go_third_party_package"));
    for (const char *backend : {"pants.backend.experimental.javascript", "pants.backend.experimental.typescript",
                                "pants.backend.experimental.helm", "pants.backend.experimental.terraform",
                                "pants.backend.experimental.scala", "pants.backend.experimental.kotlin",
                                "pants.backend.experimental.adhoc", "pants.backend.codegen.protobuf.python",
                                "pants.backend.experimental.nfpm", "pants.backend.awslambda.python",
                                "pants.backend.experimental.cc", "pants.backend.experimental.openapi"}) {
        const auto reg = TargetTypeRegistry::forBackends({backend});
        QVERIFY2(reg.callableAliases().size() > none.callableAliases().size() - 20, backend);
    }
    const auto js = TargetTypeRegistry::forBackends({"pants.backend.experimental.javascript"});
    QVERIFY(js.find("package_json"));
    QVERIFY(js.find("javascript_sources"));
    QVERIFY(js.find("jsx_sources"));
    const auto adhoc = TargetTypeRegistry::forBackends({"pants.backend.experimental.adhoc"});
    QVERIFY(adhoc.find("adhoc_tool"));
    QVERIFY(adhoc.find("system_binary"));
    QVERIFY(adhoc.find("code_quality_tool"));
}

void BackendsTest::testFieldsAddedToHandWrittenTypes()
{
    const auto reg = TargetTypeRegistry::forBackends({"pants.backend.python", "pants.backend.docker",
                                                      "pants.backend.shell", "pants.backend.python.typecheck.mypy",
                                                      "pants.backend.experimental.python.lint.ruff.check"});
    QVERIFY(reg.find("docker_image")->fieldSpec("cache_to"));
    QVERIFY(reg.find("docker_image")->fieldSpec("cache_from"));
    QVERIFY(reg.find("pex_binary")->fieldSpec("scie"));
    QVERIFY(reg.find("pex_binary")->fieldSpec("scie_pbs_stripped"));
    QVERIFY(reg.find("python_distribution")->fieldSpec("uses_mypyc"));
    QVERIFY(reg.find("python_sources")->accepts("skip_ruff"));
    QVERIFY(reg.find("python_source")->accepts("skip_mypy"));
    QVERIFY(reg.find("shunit2_tests"));
    QVERIFY(reg.find("uv_requirements"));
    QVERIFY(reg.find("experimental_wrap_as_python_sources"));
    // The hand-written semantics stay: python_sources is still a file generator with its defaults.
    const TargetType *ps = reg.find("python_sources");
    QCOMPARE(ps->generatedType, std::string("python_source"));
    QVERIFY(ps->isMoved("resolve"));
    QVERIFY(reg.find("python_source")->pythonSource);
}

void BackendsTest::testGeneratorFromTable()
{
    const auto reg = TargetTypeRegistry::forBackends({"pants.backend.experimental.java"});
    const TargetType *js = reg.find("java_sources");
    QVERIFY(js);
    QVERIFY(js->isGenerator());
    QCOMPARE(js->generatedType, std::string("java_source"));
    QVERIFY(js->isMoved("resolve"));
    const FieldSpec *src = js->fieldSpec("sources");
    QVERIFY(src);
    QCOMPARE(src->kind, FieldKind::Sources);
    QVERIFY(src->defaultValue.repr().find("*.java") != std::string::npos);
    QVERIFY(reg.find("java_source")->fieldSpec("source")->required);
}

void BackendsTest::testOldAliases()
{
    const auto reg = TargetTypeRegistry::forBackends({"pants.backend.python", "pants.backend.shell"});
    const TargetType *lib = reg.find("python_library");
    QVERIFY(lib);
    QVERIFY(lib->isGenerator());
    QCOMPARE(lib->generatedType, std::string("python_source"));
    QVERIFY(lib->deprecation.find("python_sources") != std::string::npos);
    QVERIFY(reg.find("python_requirement_library"));
    QVERIFY(reg.find("pants_requirement"));
    QVERIFY(reg.find("python_binary"));
    QVERIFY(!reg.find("python_binary")->deprecation.empty());
    const TargetType *run = reg.find("experimental_run_shell_command");
    QVERIFY(run);
    QVERIFY(run->fieldSpec("command"));
    QVERIFY(!reg.find("protobuf_library")); // its backend is not enabled
    // Removed fields are accepted on current types, with a message.
    const TargetType *pex = reg.find("pex_binary");
    QVERIFY(pex->accepts("zip_safe"));
    QVERIFY(pex->deprecatedFields.count("zip_safe"));
    QVERIFY(reg.find("python_tests")->accepts("compatibility"));
    // A backend package of older Pants versions (2.7 to 2.10) still brings its types.
    QVERIFY(!TargetTypeRegistry::forBackends({"pants.backend.python"}).find("docker_image"));
    QVERIFY(TargetTypeRegistry::forBackends({"pants.backend.experimental.docker"}).find("docker_image"));
    const auto ruff = TargetTypeRegistry::forBackends({"pants.backend.python", "pants.backend.experimental.python.lint.ruff"});
    QVERIFY(ruff.find("python_tests")->accepts("skip_ruff"));
}

void BackendsTest::testPluginScan()
{
    const PluginScan s = scanPluginSources({{"plugins/acme/target_types.py", kPluginTypes}});
    QCOMPARE(s.types.size(), size_t(1));
    QCOMPARE(s.objects, (std::vector<std::string>{"schema_bundle", "schema_version"}));
    const TargetType &t = s.types.front();
    QCOMPARE(t.alias, std::string("json_schema"));
    QVERIFY(t.plugin);
    const FieldSpec *src = t.fieldSpec("sources");
    QVERIFY(src);
    QCOMPARE(src->kind, FieldKind::Sources);
    QCOMPARE(src->defaultValue.repr(), std::string("('*.json', '!*_test.json')"));
    QVERIFY(t.fieldSpec("strict"));
    QCOMPARE(t.fieldSpec("strict")->kind, FieldKind::Bool);
    QCOMPARE(t.fieldSpec("strict")->defaultValue.repr(), std::string("True"));
    QVERIFY(t.fieldSpec("resolve")); // a JVM field from Pants' tables
    QCOMPARE(t.fieldSpec("dependencies")->kind, FieldKind::Dependencies);
    QVERIFY(t.fieldSpec("tags"));
    // register_plugin_field in a comprehension, on a plugin type and a built-in one.
    QCOMPARE(s.fields.size(), size_t(2));
    std::vector<std::string> targets;
    for (const PluginField &f : s.fields) {
        QCOMPARE(f.spec.alias, std::string("flavor"));
        QCOMPARE(f.spec.kind, FieldKind::String);
        targets.push_back(f.target);
    }
    std::sort(targets.begin(), targets.end());
    QCOMPARE(targets, (std::vector<std::string>{"json_schema", "python_source"}));

    // Another file of the plugin defining a plain class of the same name (tgolsson/pants-backends'
    // `ImageLayer`): the Target subclass is still found.
    const PluginScan two = scanPluginSources({{"plugins/acme/target_types.py", kPluginTypes},
                                              {"plugins/acme/util_rules.py", "@dataclass(frozen=True)\nclass Schema:\n"
                                                                              "    digest: str\n    alias = 'not_a_target'\n"}});
    QCOMPARE(two.types.size(), size_t(1));
    QCOMPARE(two.types.front().alias, std::string("json_schema"));
}

void BackendsTest::testUnknownCalls()
{
    const auto reg = TargetTypeRegistry::forBackends({"pants.backend.python"});
    const std::string build = "python_sources()\n"
                              "oci_layer(name='l', packages=[':x'])\n"
                              "md_book(\n  name='book')\n"
                              "local_macro(name='m')\n"
                              "def local_macro(**kw):\n    python_sources(**kw)\n"
                              "    nested_call(x=1)\n"
                              "print('hi')\n"
                              "prelude_macro(name='p')\n";
    const auto unknown = unknownTargetCalls({build}, reg, preludeDefinitions("def prelude_macro(**kw):\n    pass\n"));
    QCOMPARE(unknown, (std::vector<std::string>{"md_book", "oci_layer"}));
    // Prelude macros: calls inside functions, with nested definitions and parameters known.
    const std::string prelude = "def macro(name, fn=None, **kw):\n"
                                "    def helper(**k):\n        return k\n"
                                "    opts = helper(x=1)\n"
                                "    python_sources(name=name)\n"
                                "    return company_bundle(name=name + '_b', **kw)\n";
    QCOMPARE(unknownTargetCalls({prelude}, reg, preludeDefinitions(prelude), true),
             (std::vector<std::string>{"company_bundle"}));
    auto withGeneric = reg;
    withGeneric.addGenericTypes(unknown);
    const TargetType *g = withGeneric.find("oci_layer");
    QVERIFY(g && g->generic && g->plugin);
    QVERIFY(g->accepts("packages"));
}

void BackendsTest::testObjectsAndResolves()
{
    const auto objects = objectAliases({"pants.backend.python", "pants.backend.experimental.javascript",
                                        "pants.backend.experimental.java"});
    for (const char *o : {"http_source", "per_platform", "python_artifact", "node_test_script", "jvm_exclude"})
        QVERIFY2(std::find(objects.begin(), objects.end(), o) != objects.end(), o);
    const auto reg = TargetTypeRegistry::forBackends({"pants.backend.python", "pants.backend.docker",
                                                      "pants.backend.experimental.java"});
    QVERIFY(reg.find("docker_image")->transitiveExcludes);
    QVERIFY(reg.find("python_source")->pythonResolve);
    QVERIFY(reg.find("python_sources")->pythonResolve);
    QVERIFY(!reg.find("java_source")->pythonResolve);
    QVERIFY(!reg.find("jvm_artifact")->pythonResolve);
}

void BackendsTest::testFixtureLoads()
{
    auto ws = load("ws-backends");
    QVERIFY(ws);
    QCOMPARE(errors(*ws), QStringList());
    for (const char *addr : {"src/py:bin", "src/py:dist", "src/py:img", "src/py:sh_tests", "src/py:wrapped",
                             "src/java/Foo.java", "src/java:guava", "src/proto:protos", "src/proto:jvm", "old:lib",
                             "old/lib.py:lib", "old:run"})
        QVERIFY2(ws->find(*Address::parse(addr)), addr);
    QCOMPARE(ws->find(*Address::parse("src/proto:protos"))->type, std::string("acme_proto_library"));
    QCOMPARE(ws->find(*Address::parse("src/proto:protos"))->sources, std::vector<std::string>{"src/proto/a.proto"});
    const Target *jvm = ws->find(*Address::parse("src/proto:jvm"));
    QCOMPARE(jvm->explicitDependencies.size(), size_t(1));
    QVERIFY(jvm->field("version")); // acme_version(...): an object of the plugin's build_file_aliases()
    QCOMPARE(ws->find(*Address::parse("old/lib.py:lib"))->type, std::string("python_source"));
    // build_file_aliases objects of the javascript backend; http_source as a file's source.
    QVERIFY(ws->find(*Address::parse("js")));
    QVERIFY(fieldRepr(*ws, "js", "scripts").contains(QStringLiteral("test")));
    QVERIFY(fieldRepr(*ws, "src/py:dl", "source").contains(QStringLiteral("example.com")));
    // `!!` is accepted where Pants' dependencies field supports it (docker_image).
    const Target *img = ws->find(*Address::parse("src/py:img"));
    QVERIFY(std::any_of(img->explicitDependencies.begin(), img->explicitDependencies.end(),
                        [](const DependencySpec &d) { return d.transitiveExclude; }));
}

void BackendsTest::testUnknownTypesAndFieldsAreWarnings()
{
    auto ws = load("ws-backends");
    QVERIFY(ws);
    QStringList warnings;
    for (const auto &d : ws->diagnostics())
        if (d.severity == trellis::base::Severity::Warning)
            warnings << QString::fromStdString(d.loc.file + ":" + std::to_string(d.loc.line) + ": " + d.message);
    const Target *layer = ws->find(*Address::parse("unknown:layer"));
    QVERIFY(layer);
    QCOMPARE(layer->type, std::string("oci_layer"));
    QVERIFY(layer->unknownType);
    QCOMPARE(fieldRepr(*ws, "unknown:layer", "packages"), QStringLiteral("['src/py:bin']"));
    QCOMPARE(fieldRepr(*ws, "unknown:r", "frobnicate_level"), QStringLiteral("3"));
    auto has = [&](const QString &needle) {
        return std::any_of(warnings.begin(), warnings.end(), [&](const QString &w) { return w.contains(needle); });
    };
    QVERIFY2(has(QStringLiteral("unknown/BUILD:1: unknown target type `oci_layer`")), qPrintable(warnings.join('\n')));
    QVERIFY2(has(QStringLiteral("unknown/BUILD:3: Unknown field `frobnicate_level`")), qPrintable(warnings.join('\n')));
    QVERIFY2(has(QStringLiteral("old/BUILD:1: target type `python_library` was removed after Pants 2.8.0")),
             qPrintable(warnings.join('\n')));
}

void BackendsTest::testFixtureFields_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("repr");
    QTest::newRow("plugin field default") << "src/proto:protos" << "language" << "'go'";
    QTest::newRow("plugin field moved to generated") << "src/py/app_test.py:tests" << "uses" << "['db']";
    QTest::newRow("skip field from ruff table") << "src/py/app.py" << "skip_ruff" << "True";
    QTest::newRow("docker cache_to") << "src/py:img" << "cache_to" << "{'type': 'local', 'dest': '/tmp/cache'}";
    QTest::newRow("pex scie") << "src/py:bin" << "scie" << "'eager'";
    QTest::newRow("mypyc") << "src/py:dist" << "uses_mypyc" << "True";
    QTest::newRow("java resolve moved") << "src/java/Foo.java" << "resolve" << "'jvm-default'";
    QTest::newRow("jvm artifact") << "src/java:guava" << "artifact" << "'guava'";
    QTest::newRow("plugin jvm resolve") << "src/proto:jvm" << "resolve" << "'jvm-default'";
    QTest::newRow("old alias shell command") << "old:run" << "command" << "'echo hi'";
    // nfpm fields whose alias is a class-local name (`alias = nfpm_alias`).
    QTest::newRow("nfpm maintainer") << "pkg:deb" << "maintainer" << "'Acme <ops@example.com>'";
    // __defaults__(all=...) reaches only types that define the field, not plugin types.
    QTest::newRow("all defaults skip plugin types") << "src/proto:protos" << "uses" << "<no field>";
}

void BackendsTest::testFixtureFields()
{
    QFETCH(QString, address);
    QFETCH(QString, field);
    QFETCH(QString, repr);
    auto ws = load("ws-backends");
    QVERIFY(ws);
    QCOMPARE(fieldRepr(*ws, address.toUtf8().constData(), field.toUtf8().constData()), repr);
}

QTEST_GUILESS_MAIN(BackendsTest)
#include "backends_test.moc"
