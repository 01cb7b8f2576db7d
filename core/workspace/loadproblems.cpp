#include "core/workspace/loadproblems.h"

#include "core/base/paths.h"

#include <algorithm>

namespace trellis::workspace {

namespace {

bool isError(const base::Diagnostic &d) { return d.severity == base::Severity::Error; }

/// Text between `prefix` and `suffix` in `message` (first occurrence), or nullopt.
std::optional<std::string> between(const std::string &message, std::string_view prefix, std::string_view suffix)
{
    const size_t a = message.find(prefix);
    if (a == std::string::npos)
        return std::nullopt;
    const size_t start = a + prefix.size();
    const size_t b = message.find(suffix, start);
    if (b == std::string::npos)
        return std::nullopt;
    return message.substr(start, b - start);
}

} // namespace

ProblemAttribution::ProblemAttribution(const Workspace &ws) : m_ws(ws)
{
    for (const std::string &f : ws.buildFiles())
        m_buildDirs.emplace(base::dirName(f));
    const std::set<std::string, std::less<>> buildFiles(ws.buildFiles().begin(), ws.buildFiles().end());
    const std::set<std::string, std::less<>> preludes(ws.preludeFiles().begin(), ws.preludeFiles().end());
    std::set<std::string> failed;
    for (const base::Diagnostic &d : ws.diagnostics()) {
        if (!isError(d))
            continue;
        if (preludes.count(d.loc.file)) {
            if (!m_preludeError)
                m_preludeError = d;
            continue;
        }
        if (!buildFiles.count(d.loc.file))
            continue;
        const std::string dir(base::dirName(d.loc.file));
        if (failed.insert(d.loc.file).second)
            m_failedFiles.push_back(d.loc.file);
        if (!m_failedDirs.count(dir)) {
            m_failedDirs.emplace(dir, d);
            m_failedFileOfDir.emplace(dir, d.loc.file);
        }
    }
    std::sort(m_failedFiles.begin(), m_failedFiles.end());
}

std::string ProblemAttribution::failedBuildFileFor(std::string_view path) const
{
    if (m_failedDirs.empty())
        return {};
    std::string_view dir = base::dirName(path);
    while (true) {
        if (m_buildDirs.count(dir)) {
            auto it = m_failedFileOfDir.find(dir);
            return it == m_failedFileOfDir.end() ? std::string() : it->second;
        }
        if (dir.empty())
            return {};
        dir = base::dirName(dir);
    }
}

void ProblemAttribution::buildHiddenModules() const
{
    if (m_hiddenBuilt)
        return;
    m_hiddenBuilt = true;
    if (m_failedDirs.empty() || !m_ws.files())
        return;
    for (const std::string &f : m_ws.files()->files()) {
        if (!f.ends_with(".py") && !f.ends_with(".pyi"))
            continue;
        const std::string failed = failedBuildFileFor(f);
        if (failed.empty() || !m_ws.ownersOf(f).empty())
            continue;
        if (auto module = m_ws.sourceRoots().moduleName(f))
            m_hiddenModules.emplace(*module, std::string(base::dirName(failed)));
    }
}

const base::Diagnostic *ProblemAttribution::causeOfImports(const std::string &message) const
{
    buildHiddenModules();
    if (m_hiddenModules.empty())
        return nullptr;
    const base::Diagnostic *cause = nullptr;
    size_t pos = 0;
    bool any = false;
    while ((pos = message.find("\n  * ", pos)) != std::string::npos) {
        pos += 5;
        const size_t end = message.find(" (line: ", pos);
        const size_t eol = message.find('\n', pos);
        if (end == std::string::npos || (eol != std::string::npos && end > eol))
            continue;
        const std::string module = message.substr(pos, end - pos);
        any = true;
        // The module itself, or a symbol inside it (`from a.b import c` -> a.b.c).
        const std::string *dir = nullptr;
        for (std::string m = module; !m.empty();) {
            if (auto it = m_hiddenModules.find(m); it != m_hiddenModules.end()) {
                dir = &it->second;
                break;
            }
            const size_t dot = m.rfind('.');
            if (dot == std::string::npos)
                break;
            m.resize(dot);
        }
        if (!dir)
            return nullptr; // an import the failure does not explain: a real problem
        if (!cause)
            cause = &m_failedDirs.at(*dir);
    }
    return any ? cause : nullptr;
}

const base::Diagnostic *ProblemAttribution::causeOf(const base::Diagnostic &d) const
{
    const std::string &msg = d.message;
    if (m_preludeError && msg.find("' is not defined") != std::string::npos && m_buildDirs.count(base::dirName(d.loc.file))
        && msg.starts_with("name '"))
        return &*m_preludeError;
    if (m_failedDirs.empty())
        return nullptr;
    if (auto addr = between(msg, "The address ", " from the `"); addr && msg.ends_with("does not exist.")) {
        if (auto parsed = Address::parse(*addr)) {
            auto it = m_failedDirs.find(parsed->specPath);
            if (it != m_failedDirs.end())
                return &it->second;
        }
        return nullptr;
    }
    if (auto file = between(msg, "No owning targets could be found for the file `", "`")) {
        const std::string failed = failedBuildFileFor(*file);
        return failed.empty() ? nullptr : &m_failedDirs.at(std::string(base::dirName(failed)));
    }
    if (msg.starts_with("Pants cannot infer owners for the following imports"))
        return causeOfImports(msg);
    return nullptr;
}

std::vector<ProblemGroup> ProblemAttribution::group(const base::Diagnostics &diagnostics) const
{
    std::vector<ProblemGroup> groups;
    std::map<std::string, size_t> index; // formatted cause -> group
    auto groupOf = [&](const base::Diagnostic &cause) -> ProblemGroup & {
        const std::string key = cause.format();
        auto [it, inserted] = index.emplace(key, groups.size());
        if (inserted)
            groups.push_back({cause, {}});
        return groups[it->second];
    };
    for (const base::Diagnostic &d : diagnostics) {
        if (const base::Diagnostic *cause = causeOf(d))
            groupOf(*cause).knockOns.push_back(d);
        else
            groupOf(d);
    }
    return groups;
}

std::vector<ProblemGroup> foldRepeats(std::vector<ProblemGroup> groups)
{
    std::vector<ProblemGroup> out;
    out.reserve(groups.size());
    std::map<std::pair<int, std::string>, size_t> first; // (severity, message) -> group in out
    for (ProblemGroup &g : groups) {
        if (!g.knockOns.empty()) {
            out.push_back(std::move(g));
            continue;
        }
        auto [it, inserted] = first.emplace(std::make_pair(int(g.cause.severity), g.cause.message), out.size());
        if (inserted) {
            out.push_back(std::move(g));
            continue;
        }
        ProblemGroup &into = out[it->second];
        into.repeats.push_back(std::move(g.cause));
        for (base::Diagnostic &r : g.repeats)
            into.repeats.push_back(std::move(r));
    }
    return out;
}

std::string withThousands(size_t n)
{
    std::string digits = std::to_string(n);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

std::string loadSummary(size_t failedBuildFiles, size_t otherErrors, size_t targetsShown)
{
    std::string s;
    if (failedBuildFiles)
        s += withThousands(failedBuildFiles) + (failedBuildFiles == 1 ? " BUILD file failed" : " BUILD files failed");
    if (otherErrors)
        s += (s.empty() ? "" : ", ") + withThousands(otherErrors) + (otherErrors == 1 ? " other error" : " other errors");
    if (s.empty())
        s = "no errors";
    return s + "; " + withThousands(targetsShown) + (targetsShown == 1 ? " target shown" : " targets shown");
}

} // namespace trellis::workspace
