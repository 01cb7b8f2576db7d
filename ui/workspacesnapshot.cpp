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

} // namespace trellis::ui
