#include "core/workspace/sourceroots.h"

#include "core/base/glob.h"
#include "core/base/paths.h"

#include <algorithm>

namespace trellis::workspace {

namespace {

std::vector<std::string> components(std::string_view path)
{
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= path.size()) {
        const size_t slash = path.find('/', start);
        const size_t end = slash == std::string_view::npos ? path.size() : slash;
        if (end > start)
            out.emplace_back(path.substr(start, end - start));
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    return out;
}

bool hasParentComponent(std::string_view pattern)
{
    const std::vector<std::string> parts = components(pattern);
    return std::find(parts.begin(), parts.end(), "..") != parts.end();
}

} // namespace

SourceRoots::SourceRoots(std::vector<std::string> rootPatterns, std::vector<std::string> markerFilenames,
                         const FileTree &tree)
    : m_patterns(std::move(rootPatterns))
{
    for (const std::string &p : m_patterns) {
        if (p.empty() || hasParentComponent(p))
            continue;
        Pattern parsed;
        parsed.anchored = p.front() == '/';
        for (std::string &c : components(p))
            if (c != ".")
                parsed.components.push_back(std::move(c));
        // "/" (or "/."): the buildroot. A relative pattern that is empty after
        // normalisation ("." ) means the same.
        m_parsed.push_back(std::move(parsed));
    }

    if (!markerFilenames.empty()) {
        std::sort(markerFilenames.begin(), markerFilenames.end());
        for (const std::string &f : tree.files()) {
            if (std::binary_search(markerFilenames.begin(), markerFilenames.end(), base::baseName(f)))
                m_markerDirs.emplace_back(base::dirName(f));
        }
        std::sort(m_markerDirs.begin(), m_markerDirs.end());
        m_markerDirs.erase(std::unique(m_markerDirs.begin(), m_markerDirs.end()), m_markerDirs.end());
    }

    for (const std::string &dir : tree.directories())
        if (matchesPattern(dir) || isMarkerDir(dir))
            m_existing.push_back(dir.empty() ? std::string(".") : dir);
    std::sort(m_existing.begin(), m_existing.end());
}

base::Diagnostics SourceRoots::checkPatterns(const std::vector<std::string> &rootPatterns)
{
    base::Diagnostics diags;
    for (const std::string &p : rootPatterns)
        if (hasParentComponent(p))
            diags.push_back(base::Diagnostic::error(
                {}, "[source].root_patterns: `..` disallowed in source root pattern: " + p + "."));
    return diags;
}

bool SourceRoots::matchesPattern(std::string_view dir) const
{
    // Walks the components of `dir` as views, without splitting it into strings: rootOf
    // asks this for every ancestor of every source file, so allocations here showed up
    // in whole-workspace loads.
    size_t count = 0;
    for (size_t i = 0; i < dir.size(); ++i)
        if (dir[i] != '/' && (i == 0 || dir[i - 1] == '/'))
            ++count;
    for (const Pattern &p : m_parsed) {
        if (p.components.empty()) {
            if (count == 0)
                return true;
            continue;
        }
        if (count < p.components.size() || (p.anchored && count != p.components.size()))
            continue;
        // Match the pattern against the last components, from the end.
        size_t end = dir.size();
        bool all = true;
        for (size_t i = p.components.size(); i-- > 0 && all;) {
            while (end > 0 && dir[end - 1] == '/')
                --end;
            const size_t slash = dir.rfind('/', end - 1);
            const size_t start = slash == std::string_view::npos ? 0 : slash + 1;
            all = base::wildcardMatch(p.components[i], dir.substr(start, end - start), base::GlobSyntax::PantsGlob);
            end = start;
        }
        if (all)
            return true;
    }
    return false;
}

bool SourceRoots::isMarkerDir(std::string_view dir) const
{
    return std::binary_search(m_markerDirs.begin(), m_markerDirs.end(), dir,
                              [](std::string_view a, std::string_view b) { return a < b; });
}

std::optional<std::string> SourceRoots::rootOf(std::string_view filePath) const
{
    std::string_view dir = base::dirName(filePath);
    while (true) {
        if (matchesPattern(dir) || isMarkerDir(dir))
            return std::string(dir);
        if (dir.empty())
            return std::nullopt;
        dir = base::dirName(dir);
    }
}

std::optional<std::string> SourceRoots::moduleName(std::string_view filePath) const
{
    std::string_view rest = filePath;
    if (rest.size() > 3 && rest.substr(rest.size() - 3) == ".py")
        rest.remove_suffix(3);
    else if (rest.size() > 4 && rest.substr(rest.size() - 4) == ".pyi")
        rest.remove_suffix(4);
    else
        return std::nullopt;
    const std::optional<std::string> root = rootOf(filePath);
    if (!root)
        return std::nullopt;
    if (!root->empty())
        rest.remove_prefix(root->size() + 1);
    if (base::baseName(rest) == "__init__")
        rest = base::dirName(rest);
    if (rest.empty())
        return std::nullopt;
    std::string module(rest);
    std::replace(module.begin(), module.end(), '/', '.');
    return module;
}

std::vector<std::string> SourceRoots::allRoots() const
{
    return m_existing;
}

} // namespace trellis::workspace
