// Small path and file helpers shared by core modules. Paths inside a workspace are
// buildroot-relative, '/'-separated UTF-8 strings with no leading "./".
#pragma once

#include "core/base/result.h"

#include <optional>
#include <map>
#include <string>
#include <string_view>

namespace trellis::base {

/// Reads a whole file through RealDisk; nullopt when it cannot be read.
std::optional<std::string> readFile(const std::string &path);

/// Writes `data` to `path` atomically through RealDisk (writeFileAtomically: temporary
/// file, fsync, rename, directory fsync), creating parent directories. On failure the old
/// file is untouched and the error names the path.
Status writeFileAtomic(const std::string &path, std::string_view data);

/// "a/b/c.py" -> "a/b"; "c.py" -> "".
std::string_view dirName(std::string_view path);
/// "a/b/c.py" -> "c.py".
std::string_view baseName(std::string_view path);
/// Joins two relative paths with '/', treating "" as the root.
std::string joinPath(std::string_view a, std::string_view b);

/// Per-user directories (XDG on Linux) for Trellis; created on demand.
std::string cacheDir();
std::string dataDir();
std::string configDir();

/// Identifies the running executable (its path, size and modification time): caches
/// whose format may change between builds (the workspace snapshot) are keyed by it, so
/// a rebuilt or upgraded binary never reads what another one wrote.
std::string executableStamp();

/// The environment of this process as a map (what goals and the loader pass on).
std::map<std::string, std::string> processEnvironment();

} // namespace trellis::base
