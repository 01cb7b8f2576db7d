// WorkspaceSnapshot: what the GUI shows at one moment — a loaded Workspace plus its
// resolved dependencies — shared read-only between the views and worker threads.
//
//   SnapshotPtr s = controller->snapshot();
//   if (s->graph) for (int dep : s->graph->dependencies(i)) s->target(dep).address ...
#pragma once

#include "core/graph/targetgraph.h"
#include "core/live/liveload.h"
#include "core/workspace/workspace.h"

#include <QMetaType>
#include <QString>

#include <memory>
#include <vector>

namespace trellis::ui {

/// An immutable, fully loaded workspace as the views see it.
struct WorkspaceSnapshot {
    QString rootPath;                                          ///< absolute build root
    std::shared_ptr<const workspace::Workspace> workspace;     ///< never null
    /// Dependencies with their evidence; null when inference was cancelled.
    std::shared_ptr<const graph::TargetGraph> graph;
    /// How core/live produced it (snapshot, changed sources, reload), and what it depends
    /// on: the next load after a change passes it back so only the change is redone.
    std::shared_ptr<const live::LiveResult> live;

    int targetCount() const { return int(workspace->targets().size()); }
    const workspace::Target &target(int index) const { return workspace->targets()[size_t(index)]; }
    /// Load diagnostics followed by inference diagnostics.
    base::Diagnostics allDiagnostics() const;
    /// Absolute path of a buildroot-relative file.
    QString absolutePath(const QString &relativePath) const;
    /// True when `other` lists the same targets (addresses, types, generators) in the same
    /// order: a BUILD edit that changed only fields. Views keyed by target index keep
    /// their rows, selection and expansion.
    bool sameTargetsAs(const WorkspaceSnapshot &other) const;
    /// True when `other` holds the very workspace and graph objects: nothing a view shows
    /// differs (core/live hands back the same objects when nothing changed).
    bool showsSameAs(const WorkspaceSnapshot &other) const
    {
        return workspace == other.workspace && graph == other.graph;
    }
};

using SnapshotPtr = std::shared_ptr<const WorkspaceSnapshot>;

/// True when `a` and `b` list the same targets (addresses, types, generators) in the same
/// order; false when either is null. Targets a reload took over are the very objects of
/// the earlier workspace, so most compare by pointer.
bool sameTargets(const workspace::Workspace *a, const workspace::Workspace *b);

/// Converts a std::string holding UTF-8.
inline QString qs(const std::string &s) { return QString::fromStdString(s); }

} // namespace trellis::ui

Q_DECLARE_METATYPE(trellis::ui::SnapshotPtr)
