// `uv_requirements` as Pants' UvRequirementsTargetGenerator: one python_requirement per
// project of `[tool.uv].dev-dependencies` (not `[project].dependencies`), entries stripped,
// blank and `#` entries skipped; no `[tool.uv]` table is an error, an empty list a warning.
// Fixture: tests/fixtures/ws-uv.
#include "core/workspace/requirements.h"
#include "core/workspace/workspace.h"

#include <QTest>

using namespace trellis;
using namespace trellis::workspace;

class UvRequirementsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesDevDependenciesOnly()
    {
        const auto p = parseUvPyproject("pyproject.toml", "[project]\n"
                                                          "dependencies = [\"flask\"]\n"
                                                          "[tool.uv]\n"
                                                          "dev-dependencies = [\n"
                                                          "  \" requests>=2 \",\n"
                                                          "  \"\",\n"
                                                          "  \"# note\",\n"
                                                          "  \"PyYAML==6.0.1; python_version >= '3.8'\",\n"
                                                          "]\n");
        QVERIFY2(p.diagnostics.empty(), p.diagnostics.empty() ? "" : p.diagnostics.front().format().c_str());
        QCOMPARE(p.groups.size(), size_t(2));
        QCOMPARE(p.groups[0].name, std::string("requests"));
        QCOMPARE(p.groups[0].requirements, std::vector<std::string>{"requests>=2"});
        QCOMPARE(p.groups[0].line, 5);
        QCOMPARE(p.groups[1].name, std::string("PyYAML"));
    }

    void missingOrEmptyToolUv()
    {
        const auto none = parseUvPyproject("a/pyproject.toml", "[project]\ndependencies = [\"flask\"]\n");
        QCOMPARE(none.groups.size(), size_t(0));
        QCOMPARE(none.diagnostics.size(), size_t(1));
        QCOMPARE(none.diagnostics[0].severity, base::Severity::Error);
        QVERIFY(none.diagnostics[0].message.find("tool.uv") != std::string::npos);

        const auto empty = parseUvPyproject("a/pyproject.toml", "[tool.uv]\ndev-dependencies = []\n");
        QCOMPARE(empty.groups.size(), size_t(0));
        QCOMPARE(empty.diagnostics.size(), size_t(1));
        QCOMPARE(empty.diagnostics[0].severity, base::Severity::Warning);

        const auto bad = parseUvPyproject("a/pyproject.toml", "[tool.uv]\ndev-dependencies = [\"not a req!\", 3]\n");
        QCOMPARE(bad.diagnostics.size(), size_t(2));
    }

    void generatesOneRequirementPerProject()
    {
        LoadRequest req;
        req.options.buildRoot = std::string(TRELLIS_TEST_DATA) + "/fixtures/ws-uv";
        req.options.readPantsrc = false;
        auto loaded = loadWorkspace(req);
        QVERIFY(loaded);
        const Workspace &ws = **loaded;

        QStringList addresses;
        for (const Target &t : ws.targets())
            if (t.address.specPath == "3rdparty")
                addresses << QString::fromStdString(t.address.toString() + " " + t.type);
        addresses.sort();
        QCOMPARE(addresses, (QStringList{
                                QStringLiteral("3rdparty/pyproject.toml:uv _generator_sources_helper"),
                                QStringLiteral("3rdparty:uv uv_requirements"),
                                QStringLiteral("3rdparty:uv#PyYAML python_requirement"),
                                QStringLiteral("3rdparty:uv#pyyaml-include python_requirement"),
                                QStringLiteral("3rdparty:uv#requests python_requirement"),
                                QStringLiteral("3rdparty:uv#urllib3 python_requirement"),
                            }));
        const Target *requests = ws.find(*Address::parse("3rdparty:uv#requests"));
        QVERIFY(requests);
        const Field *reqs = requests->field("requirements");
        QVERIFY(reqs);
        QCOMPARE(QString::fromStdString(reqs->value.repr()), QStringLiteral("('requests>=2.31',)"));
        // The override reached the generated target.
        QCOMPARE(requests->explicitDependencies.size(), size_t(1));
        QCOMPARE(requests->explicitDependencies[0].address.toString(), std::string("3rdparty:uv#urllib3"));

        // nouv/pyproject.toml has no [tool.uv]: an error naming it, as Pants reports.
        bool reported = false;
        for (const base::Diagnostic &d : ws.diagnostics())
            if (d.severity == base::Severity::Error && d.message.find("No section `tool.uv` found in nouv/pyproject.toml")
                                                           != std::string::npos)
                reported = true;
        QVERIFY(reported);
    }
};

QTEST_GUILESS_MAIN(UvRequirementsTest)
#include "uvrequirements_test.moc"
