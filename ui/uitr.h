// Tr: the single translation context of the ui module ("Trellis"). Every user-visible
// string in ui/ goes through Tr::tr() so that translators see one context.
//
//   label->setText(Tr::tr("Open a Pants workspace…"));
#pragma once

#include <QCoreApplication>

namespace trellis::ui {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Trellis)
};

} // namespace trellis::ui
