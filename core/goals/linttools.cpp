// The tool table and tool discovery for the lint/fmt/fix/check goals.
#include "core/goals/linttools.h"

#include <algorithm>

namespace trellis::goals {

namespace {

LintTool makeTool(std::string id, std::string name, std::string scope, LintToolKind kind, std::string language,
                  std::vector<std::string> skipFields, std::string module, std::string executable,
                  std::vector<std::string> subcommand, std::vector<std::string> checkArgs,
                  std::vector<std::string> writeArgs, std::string pipPackage, std::string aptPackage)
{
    LintTool t;
    t.id = std::move(id);
    t.name = std::move(name);
    t.scope = std::move(scope);
    t.kind = kind;
    t.language = std::move(language);
    t.skipFields = std::move(skipFields);
    t.module = std::move(module);
    t.executable = std::move(executable);
    t.subcommand = std::move(subcommand);
    t.checkArgs = std::move(checkArgs);
    t.writeArgs = std::move(writeArgs);
    t.pipPackage = std::move(pipPackage);
    t.aptPackage = std::move(aptPackage);
    return t;
}

/// Which tool ids a backend package enables.
std::vector<std::string> toolsForBackend(const std::string &backend)
{
    static const std::vector<std::pair<std::string, std::vector<std::string>>> table{
        {"pants.backend.python.lint.black", {"black"}},
        {"pants.backend.python.lint.isort", {"isort"}},
        {"pants.backend.python.lint.flake8", {"flake8"}},
        {"pants.backend.python.lint.ruff", {"ruff-check", "ruff-format"}},
        {"pants.backend.python.lint.ruff.check", {"ruff-check"}},
        {"pants.backend.python.lint.ruff.format", {"ruff-format"}},
        {"pants.backend.experimental.python.lint.ruff", {"ruff-check", "ruff-format"}},
        {"pants.backend.experimental.python.lint.ruff.check", {"ruff-check"}},
        {"pants.backend.experimental.python.lint.ruff.format", {"ruff-format"}},
        {"pants.backend.python.typecheck.mypy", {"mypy"}},
        {"pants.backend.shell.lint.shellcheck", {"shellcheck"}},
        {"pants.backend.shell.lint.shfmt", {"shfmt"}},
    };
    for (const auto &[name, ids] : table)
        if (name == backend)
            return ids;
    return {};
}

std::string firstLine(const std::string &text)
{
    size_t start = text.find_first_not_of(" \t\r\n");
    if (start == std::string::npos)
        return {};
    const size_t end = text.find('\n', start);
    std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
        line.pop_back();
    return line;
}

} // namespace

const char *lintToolKindName(LintToolKind kind)
{
    switch (kind) {
    case LintToolKind::Linter: return "linter";
    case LintToolKind::Formatter: return "formatter";
    case LintToolKind::Fixer: return "fixer";
    case LintToolKind::Checker: return "checker";
    }
    return "linter";
}

const std::vector<LintTool> &knownLintTools()
{
    using K = LintToolKind;
    static const std::vector<LintTool> tools{
        makeTool("black", "black", "black", K::Formatter, "python", {"skip_black"}, "black", "black", {},
                 {"--check"}, {}, "black", "black"),
        makeTool("isort", "isort", "isort", K::Formatter, "python", {"skip_isort"}, "isort", "isort", {},
                 {"--check-only"}, {}, "isort", "isort"),
        makeTool("flake8", "flake8", "flake8", K::Linter, "python", {"skip_flake8"}, "flake8", "flake8", {}, {}, {},
                 "flake8", "flake8"),
        makeTool("ruff-check", "ruff check", "ruff", K::Fixer, "python", {"skip_ruff_check", "skip_ruff"}, "ruff",
                 "ruff", {"check"}, {}, {"--fix"}, "ruff", ""),
        makeTool("ruff-format", "ruff format", "ruff", K::Formatter, "python", {"skip_ruff_format", "skip_ruff"},
                 "ruff", "ruff", {"format"}, {"--check"}, {}, "ruff", ""),
        makeTool("mypy", "mypy", "mypy", K::Checker, "python", {"skip_mypy"}, "mypy", "mypy", {}, {}, {}, "mypy",
                 "mypy"),
        makeTool("shellcheck", "shellcheck", "shellcheck", K::Linter, "shell", {"skip_shellcheck"}, "", "shellcheck",
                 {}, {}, {}, "", "shellcheck"),
        makeTool("shfmt", "shfmt", "shfmt", K::Formatter, "shell", {"skip_shfmt"}, "", "shfmt", {}, {"-d"}, {"-w"},
                 "", "shfmt"),
    };
    return tools;
}

std::vector<LintTool> configuredLintTools(const workspace::Options &options)
{
    std::vector<LintTool> out;
    for (const std::string &backend : options.list("GLOBAL", "backend_packages")) {
        for (const std::string &id : toolsForBackend(backend)) {
            if (std::any_of(out.begin(), out.end(), [&](const LintTool &t) { return t.id == id; }))
                continue;
            for (const LintTool &t : knownLintTools())
                if (t.id == id) {
                    out.push_back(t);
                    out.back().backend = backend;
                }
        }
    }
    return out;
}

ToolLocation locateTool(const LintTool &tool, const ToolSearch &search, engine::ProcessRunner &runner)
{
    auto probe = [&](std::vector<std::string> command) -> ToolLocation {
        engine::ProcessSpec spec;
        spec.argv = command;
        spec.argv.push_back("--version");
        spec.env = search.env;
        spec.timeoutMs = 30'000;
        const engine::ProcessResult r = runner.run(spec, base::CancelToken());
        if (!r.ok())
            return {};
        std::string version = firstLine(r.stdoutText);
        if (version.empty())
            version = firstLine(r.stderrText);
        return {std::move(command), std::move(version)};
    };
    if (!tool.module.empty()) {
        std::vector<std::string> tried;
        for (const std::string &python : search.pythons) {
            if (python.empty() || std::find(tried.begin(), tried.end(), python) != tried.end())
                continue;
            tried.push_back(python);
            if (ToolLocation found = probe({python, "-m", tool.module}); found.found())
                return found;
        }
    }
    const std::string exe = engine::findExecutable(tool.executable, search.pathVar);
    if (exe.empty())
        return {};
    if (ToolLocation found = probe({exe}); found.found())
        return found;
    // Present but `--version` fails: run it anyway, so its own error shows up in the output.
    return {{exe}, "unknown"};
}

std::string missingToolMessage(const LintTool &tool)
{
    std::string install;
    if (!tool.pipPackage.empty())
        install = "`python3 -m pip install " + tool.pipPackage + "`";
    if (!tool.aptPackage.empty())
        install += install.empty() ? "`apt-get install " + tool.aptPackage + "`"
                                   : " (or `apt-get install " + tool.aptPackage + "`)";
    const std::string who = tool.scope == "ruff" ? std::string("ruff") : tool.name;
    return who + " is not installed: install it with " + install + ", or remove " + tool.backend +
           " from [GLOBAL].backend_packages";
}

} // namespace trellis::goals
