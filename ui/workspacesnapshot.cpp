#include "ui/workspacesnapshot.h"

#include <QDir>

namespace trellis::ui {

base::Diagnostics WorkspaceSnapshot::allDiagnostics() const
{
    base::Diagnostics all = workspace->diagnostics();
    if (graph)
        all.insert(all.end(), graph->diagnostics().begin(), graph->diagnostics().end());
    return all;
}

QString WorkspaceSnapshot::absolutePath(const QString &relativePath) const
{
    if (QDir::isAbsolutePath(relativePath))
        return relativePath;
    return QDir(rootPath).filePath(relativePath);
}

bool WorkspaceSnapshot::sameTargetsAs(const WorkspaceSnapshot &other) const
{
    return workspace == other.workspace || (rootPath == other.rootPath && sameTargets(workspace.get(), other.workspace.get()));
}

bool sameTargets(const workspace::Workspace *wa, const workspace::Workspace *wb)
{
    if (!wa || !wb)
        return false;
    if (wa == wb)
        return true;
    const auto &a = wa->targets(), &b = wb->targets();
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a.shared(i) == b.shared(i))
            continue;
        if (a[i].isGenerator != b[i].isGenerator || a[i].type != b[i].type || !(a[i].address == b[i].address))
            return false;
    }
    return true;
}

} // namespace trellis::ui
