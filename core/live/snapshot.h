// Snapshot: a loaded workspace and its dependency graph, persisted in the cache so a
// warm start re-does only what changed (issue #22).
//
//   Snapshot snap{ws, graph};
//   std::string bytes = encodeSnapshot(snap, key);          // see liveload.h
//   auto back = decodeSnapshot(bytes, key, options);
//   auto graph = decodeGraph(bytes, key, back->workspace);  // the graph only when needed
//
// The encoding is private to this build of Trellis: the key holds the executable's stamp,
// so a rebuilt or upgraded binary never reads an older file. Everything the loader needs to
// decide whether the snapshot still holds is inside it (see Stamps); decoding checks a
// checksum and every bound, so a truncated or corrupt file is a miss, never a crash.
#pragma once

#include "core/base/result.h"
#include "core/graph/targetgraph.h"
#include "core/workspace/filetree.h"
#include "core/workspace/workspace.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::live {

/// What a snapshot is valid for: the binary that wrote it, the build root and the
/// options the workspace was loaded with.
struct SnapshotKey {
    std::string buildStamp;       ///< executable identity (base::executableStamp())
    std::string buildRoot;        ///< absolute
    std::uint64_t optionsDigest = 0;
    friend bool operator==(const SnapshotKey &, const SnapshotKey &) = default;
};

/// The stamp of one file the snapshot depends on (buildroot-relative path).
using FileStamp = workspace::PathStamp;

/// Everything a snapshot must re-check before it is used.
struct Stamps {
    /// The walk's directories and ignore files (FileTree::walkedDirectories/ignoreFiles).
    std::vector<FileStamp> directories;
    std::vector<FileStamp> ignoreFiles;
    /// Variables BUILD code read with env() and their values (Workspace::environmentReads).
    std::vector<std::pair<std::string, std::optional<std::string>>> environment;
    /// Files whose content shaped the workspace: BUILD files, preludes, requirements
    /// files, files opened by BUILD code, in-repo plugin sources, config files (absolute).
    std::vector<FileStamp> loadInputs;
    /// Python files whose imports were scanned (only when the graph is present).
    std::vector<FileStamp> sources;
    /// Unix time (ns) when the stamps were taken: a file whose mtime is this recent may
    /// change again within the same clock tick, so it is re-checked by content.
    std::int64_t takenAtNs = 0;
};

struct Snapshot {
    std::shared_ptr<const workspace::Workspace> workspace;
    /// May be null: a `list` run persists the workspace alone.
    std::shared_ptr<const graph::TargetGraph> graph;
    Stamps stamps;
};

/// The options' identity: every resolved value and the config files read.
std::uint64_t optionsDigest(const workspace::Options &options);

/// Serializes a snapshot (workspace, graph when present, stamps).
std::string encodeSnapshot(const Snapshot &snapshot, const SnapshotKey &key);
/// A workspace's part of a snapshot: its sections, which depend on nothing else (not on
/// the graph, the stamps or the key), so a write-back can encode it early or take it as
/// it is from the file the workspace was read from.
struct EncodedPart {
    std::string bytes;
    std::uint64_t dataHash = 0, tableHash = 0; ///< contentHash of each section (the checksum's parts)
};

/// Encodes `workspace`'s part.
EncodedPart encodeWorkspacePart(const workspace::Workspace &workspace);

/// The workspace part of an encoded snapshot (whose checksum the caller has verified, by
/// decoding it) as it is; nullopt when the bytes are not a snapshot for `key`.
std::optional<EncodedPart> workspacePartOf(std::string_view bytes, const SnapshotKey &key);

/// The same bytes as encodeSnapshot() in pieces, to be written one after the other. With
/// `encodedWorkspace` (of snapshot.workspace), the workspace is not encoded again;
/// otherwise the workspace and the graph are encoded into buffers of their own, on two
/// threads when `parallel` (faster; one after the other holds less memory at once).
std::vector<std::string> encodeSnapshotParts(const Snapshot &snapshot, const SnapshotKey &key,
                                             const EncodedPart *encodedWorkspace = nullptr, bool parallel = true);

struct DecodeOptions {
    bool stampsOnly = false; ///< decode the key and stamps only (validation first)
    /// A fresh walk to use instead of the stored file list; the decode fails ("the set
    /// of files changed") unless it lists exactly the same files.
    std::shared_ptr<const workspace::FileTree> tree;
};

/// Reads a snapshot written by encodeSnapshot with the same key. `options` becomes the
/// workspace's options (equal to the ones it was saved with: the key's digest says so).
/// An error for a different key, format, checksum or a truncated file.
base::Result<Snapshot> decodeSnapshot(std::string_view bytes, const SnapshotKey &key,
                                      const workspace::Options &options, const DecodeOptions &how = {});

/// The graph section of a snapshot (null when it holds none), over `workspace` decoded
/// from the same bytes.
base::Result<std::shared_ptr<const graph::TargetGraph>> decodeGraph(std::string_view bytes, const SnapshotKey &key,
                                                                    std::shared_ptr<const workspace::Workspace> workspace);

} // namespace trellis::live
