// LockedResolve: the installable side of a lockfile — every locked distribution with its
// artifacts (URL or path, sha256) and its requirements — read from a Pants pex lockfile
// (JSON, `//` header) or a uv.lock, and the choice of what to install for one
// interpreter: the closure of the resolve's top-level requirements with environment
// markers evaluated for that interpreter (a requirement whose marker is false is
// skipped and reported), each distribution's best wheel by tag rank, and its
// requires_python checked.
//
//   auto lock = readLockedResolve(text, "3rdparty/python/default.lock");
//   auto plan = chooseArtifacts(*lock, info, supportedTags(info), {});
//   for (const ChosenArtifact &a : plan->artifacts) a.dist->name, a.artifact.url;
#pragma once

#include "core/base/result.h"
#include "core/lockfile/lockfile.h"
#include "core/pyenv/interpreter.h"
#include "core/pyenv/wheeltags.h"

#include <string>
#include <vector>

namespace trellis::pyenv {

/// One downloadable file of a distribution.
struct Artifact {
    std::string url;       ///< as written (may hold `${NAME}` placeholders); "" when only a path
    std::string path;      ///< uv `path` (relative to the lockfile or its registry directory); ""
    std::string filename;  ///< base name ("attrs-25.3.0-py3-none-any.whl")
    std::string sha256;    ///< lower-case hex; "" when the lockfile has none
    bool wheel = false;
};

/// A requirement edge of a distribution.
struct LockedRequirement {
    std::string name;                  ///< normalized
    std::vector<std::string> extras;   ///< requested of it
    std::string marker;                ///< PEP 508 marker; "" always
    std::string whenExtra;             ///< uv optional-dependencies: the requirer's extra; "" always
};

struct LockedDistribution {
    std::string name;          ///< normalized
    std::string displayName;
    std::string version;
    std::string requiresPython; ///< "" when not recorded
    std::vector<Artifact> artifacts;
    std::vector<LockedRequirement> requirements;
};

struct LockedResolve {
    std::string path;           ///< as given
    lockfile::LockfileFormat format = lockfile::LockfileFormat::Pex;
    std::string resolve;        ///< from the metadata, "" when absent
    std::vector<LockedDistribution> distributions;
    /// The top-level requirements (pex `requirements` / metadata; uv root package
    /// dependencies). Empty = every distribution is a root.
    std::vector<LockedRequirement> roots;
    std::string registryDir;    ///< uv: a local registry directory (`source = { registry = "../wheels" }`), ""

    /// Index of a normalized name, or -1.
    int indexOf(const std::string &name) const;
};

/// Reads a pex or uv lockfile; other formats are an error saying that they carry no artifacts.
base::Result<LockedResolve> readLockedResolve(std::string_view text, const std::string &path);

/// A distribution chosen for installation and the artifact picked for it.
struct ChosenArtifact {
    const LockedDistribution *dist = nullptr; // points into the LockedResolve
    Artifact artifact;
};

struct InstallPlan {
    std::vector<ChosenArtifact> artifacts;  ///< in resolve order
    /// Requirements not followed because their marker is false here: "name (marker)".
    std::vector<std::string> skipped;
    /// Distributions with no fitting wheel whose sdist was chosen ("name version"): the
    /// installer builds them, fetching their build backend from the package index.
    std::vector<std::string> sdists;
};

/// Chooses what to install for `info`. `roots` overrides the resolve's roots (a tool:
/// {"pytest"}). Errors (all collected): a requirement missing from the lockfile, a
/// distribution whose requires_python excludes the interpreter, one with neither a
/// fitting wheel nor an sdist.
base::Result<InstallPlan> chooseArtifacts(const LockedResolve &lock, const PythonInfo &info, const TagSet &tags,
                                          const std::vector<std::string> &roots);

} // namespace trellis::pyenv
