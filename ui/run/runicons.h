// RunIcons: the status icons of the Run panel, the target tree badge and the history
// list, drawn once per status and cached (colours live here, not in the models' data).
//
//   item->setIcon(RunIcons::forStatus(RunStatus::Failed));
#pragma once

#include "ui/run/runstatus.h"

#include <QColor>
#include <QIcon>

namespace trellis::ui {

class RunIcons {
public:
    static QIcon forStatus(RunStatus status);
    /// The colour of a status, for text and progress bars.
    static QColor color(RunStatus status);
};

} // namespace trellis::ui
