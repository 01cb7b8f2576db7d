#include "core/lockfile/lockfilesource.h"

#include <filesystem>

namespace trellis::lockfile {

namespace {

std::string relativeTo(const std::string &buildRoot, const std::string &path)
{
    namespace fs = std::filesystem;
    const fs::path p(path);
    if (!p.is_absolute())
        return p.lexically_normal().generic_string();
    const fs::path rel = p.lexically_normal().lexically_relative(fs::path(buildRoot).lexically_normal());
    return rel.empty() ? p.generic_string() : rel.generic_string();
}

} // namespace

std::vector<LockfileRef> lockfilesFromOptions(const workspace::Options &options,
                                              const std::vector<std::string> &explicitPaths)
{
    const auto resolves = options.dict("python", "resolves");
    std::vector<LockfileRef> out;
    if (!explicitPaths.empty()) {
        for (const std::string &p : explicitPaths) {
            LockfileRef ref{relativeTo(options.buildRoot(), p), {}};
            for (const auto &[name, value] : resolves)
                if (value.isString() && relativeTo(options.buildRoot(), value.str()) == ref.path)
                    ref.resolve = name;
            out.push_back(std::move(ref));
        }
        return out;
    }
    if (!options.boolean("python", "enable_resolves", false))
        return out;
    for (const auto &[name, value] : resolves)
        if (value.isString() && !value.str().empty())
            out.push_back({relativeTo(options.buildRoot(), value.str()), name});
    return out;
}

RevisionReader::RevisionReader(const vcs::Repository *repo, std::string buildRoot, std::optional<std::string> revision)
    : m_repo(repo), m_buildRoot(std::move(buildRoot)), m_revision(std::move(revision))
{
}

base::Result<std::optional<std::string>> RevisionReader::read(const std::string &path) const
{
    const std::string rel = relativeTo(m_buildRoot, path);
    if (m_revision) {
        if (!m_repo)
            return base::Diagnostic::error({rel}, "cannot read revision '" + *m_revision + "': not a git repository");
        return m_repo->readFileAt(*m_revision, rel);
    }
    const std::string full = (std::filesystem::path(m_buildRoot) / rel).string();
    return diskReader()(full);
}

base::Result<Lockfile> loadLockfile(const RevisionReader &reader, const LockfileRef &ref)
{
    auto text = reader.read(ref.path);
    if (!text)
        return text.takeDiagnostics();
    if (!*text) {
        Lockfile empty;
        empty.path = ref.path;
        empty.resolve = ref.resolve;
        return empty;
    }
    // `-r` includes are read at the same revision as the lockfile.
    FileReader includes = [&reader](const std::string &path) -> std::optional<std::string> {
        auto r = reader.read(path);
        return r ? *r : std::nullopt;
    };
    auto lock = parseLockfile(**text, ref.path, includes);
    if (lock && !ref.resolve.empty())
        lock->resolve = ref.resolve;
    return lock;
}

base::Result<LockfileDiff> diffLockfileRevisions(const RevisionReader &base, const RevisionReader &head,
                                                 const LockfileRef &ref)
{
    auto baseText = base.read(ref.path);
    auto headText = head.read(ref.path);
    base::Diagnostics errors;
    if (!baseText)
        for (const auto &d : baseText.diagnostics())
            errors.push_back(d);
    if (!headText)
        for (const auto &d : headText.diagnostics())
            errors.push_back(d);
    if (!errors.empty())
        return errors;
    if (!*baseText && !*headText)
        return base::Diagnostic::error({ref.path}, "lockfile not found at " + base.label() + " nor at " + head.label());
    auto b = loadLockfile(base, ref);
    auto h = loadLockfile(head, ref);
    if (!b || !h) {
        for (const auto &d : b.diagnostics())
            if (d.severity == base::Severity::Error)
                errors.push_back(d);
        for (const auto &d : h.diagnostics())
            if (d.severity == base::Severity::Error)
                errors.push_back(d);
        return errors;
    }
    base::Diagnostics warnings = b.takeDiagnostics();
    for (auto &d : h.takeDiagnostics())
        warnings.push_back(std::move(d));
    LockfileDiff diff = diffLockfiles(*b, *h);
    diff.path = ref.path;
    if (!ref.resolve.empty())
        diff.resolve = ref.resolve;
    return {std::move(diff), std::move(warnings)};
}

} // namespace trellis::lockfile
