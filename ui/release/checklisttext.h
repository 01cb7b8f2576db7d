// The Release tab's and the release wizard's words for checklist items and refusals:
// translated titles and details, and what to do about a problem said as the buttons and
// menus of the window rather than as command lines (core's fixIt and hints name CLI flags).
//
//   label->setText(checklistTitle(item) + ": " + checklistDetail(item));
//   hint->setText(checklistAction(item));         // "Click “Run Tests of Changed Targets” …"
//   hint->setText(refusalAction(diagnostic));     // "Go Back to Options and tick …"
#pragma once

#include "core/base/diagnostic.h"
#include "core/release/releasestatus.h"

#include <QString>

namespace trellis::ui {

/// The item's title, translated; unknown ids keep the engine's English title.
QString checklistTitle(const release::ChecklistItem &item);
/// The engine's English detail, translated for the common shapes.
QString checklistDetail(const release::ChecklistItem &item);
/// What to click to fix a failed item; "" when the item passed or there is nothing to
/// click (its detail says it all).
QString checklistAction(const release::ChecklistItem &item);
/// What to click about a refusal of the release plan (a core diagnostic whose hint
/// names CLI flags); "" when there is no such action.
QString refusalAction(const base::Diagnostic &refusal);

} // namespace trellis::ui
