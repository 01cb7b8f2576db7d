// requirements.txt parsing as Pants reads it: pip VCS/URL lines with `#egg=`, PEP 508
// `name @ url`, editable and option lines skipped, `--hash` options and `\` line
// continuations (pip-compile --generate-hashes output), comments only at word starts.
#include "core/workspace/requirements.h"

#include <QTest>

using namespace trellis::workspace;

class RequirementsTest : public QObject {
    Q_OBJECT

    static std::vector<std::pair<std::string, std::vector<std::string>>> groups(const ParsedRequirements &p)
    {
        std::vector<std::pair<std::string, std::vector<std::string>>> out;
        for (const RequirementGroup &g : p.groups)
            out.emplace_back(g.name, g.requirements);
        return out;
    }

private Q_SLOTS:
    void vcsAndUrlLines()
    {
        const auto p = parseRequirementsTxt("requirements.txt",
                                            "git+https://github.com/django/django.git@stable/2.1.x#egg=Django\n"
                                            "tomlkit @ git+https://github.com/sdispater/tomlkit.git@1.0#egg=tomlkit\n"
                                            "https://example.com/pkgs/a--b-1.0.tar.gz#egg=a-b&subdirectory=py\n"
                                            "requests==2.31.0  # pinned\n");
        QVERIFY2(p.diagnostics.empty(), p.diagnostics.empty() ? "" : p.diagnostics.front().format().c_str());
        using G = std::vector<std::pair<std::string, std::vector<std::string>>>;
        QCOMPARE(groups(p),
                 (G{{"Django", {"Django@ git+https://github.com/django/django.git@stable/2.1.x#egg=Django"}},
                    {"tomlkit", {"tomlkit @ git+https://github.com/sdispater/tomlkit.git@1.0#egg=tomlkit"}},
                    {"a-b", {"a-b@ https://example.com/pkgs/a--b-1.0.tar.gz#egg=a-b&subdirectory=py"}},
                    {"requests", {"requests==2.31.0"}}}));
    }

    void optionsEditablesAndHashes()
    {
        const auto p = parseRequirementsTxt("requirements.txt",
                                            "--index-url https://pypi.example/simple\n"
                                            "-r other.txt\n"
                                            "-e git+https://github.com/x/editable.git#egg=editable\n"
                                            "# a comment\n"
                                            "attrs==23.1.0 \\\n"
                                            "    --hash=sha256:aaaa \\\n"
                                            "    --hash=sha256:bbbb\n"
                                            "click>=8 --install-option=\"--prefix=/x\"\n"
                                            "six; python_version < '3'\n");
        QVERIFY2(p.diagnostics.empty(), p.diagnostics.empty() ? "" : p.diagnostics.front().format().c_str());
        using G = std::vector<std::pair<std::string, std::vector<std::string>>>;
        QCOMPARE(groups(p), (G{{"attrs", {"attrs==23.1.0"}},
                               {"click", {"click>=8"}},
                               {"six", {"six; python_version < '3'"}}}));
        QCOMPARE(p.groups[0].line, 5);
        QCOMPARE(p.groups[1].line, 8);
    }

    void badLinesStillReportedWithColumn()
    {
        const auto p = parseRequirementsTxt("reqs.txt", "ok==1\nnot a requirement!\ngit+https://x/y.git\n");
        QCOMPARE(p.groups.size(), size_t(1));
        QCOMPARE(p.diagnostics.size(), size_t(2));
        QCOMPARE(p.diagnostics[0].loc.line, 2);
        QCOMPARE(p.diagnostics[1].loc.line, 3); // a VCS URL without #egg= names no project
        QVERIFY(p.diagnostics[0].loc.column > 1);
    }
};

QTEST_GUILESS_MAIN(RequirementsTest)
#include "requirements_test.moc"
