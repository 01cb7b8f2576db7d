// TypeIcons: the icon of each target type family, the directory icon and the app icon,
// all drawn as SVG under :/icons so they scale with the display.
//
//   item->setIcon(TypeIcons::forTarget(target));
#pragma once

#include "core/workspace/target.h"

#include <QColor>
#include <QIcon>
#include <QString>

namespace trellis::ui {

class TypeIcons {
public:
    /// Icon for a target type alias ("python_sources", "pex_binary", ...).
    static QIcon forType(const QString &type);
    /// Icon for a target; unknown (plugin) types get the "unknown" badge.
    static QIcon forTarget(const workspace::Target &target);
    static QIcon directory();
    static QIcon file();
    static QIcon app();
    /// Severity icons used by the Problems view.
    static QIcon error();
    static QIcon warning();
    static QIcon note();
    /// `icon` recoloured to `color` (its shape kept by alpha), for monochrome glyphs that
    /// must stay readable on the palette's window colour; disabled pixmaps are faded.
    static QIcon tinted(const QIcon &icon, const QColor &color);
    /// True when `window` (a palette's Window colour) is dark.
    static bool isDark(const QColor &window) { return window.lightness() < 128; }

private:
    static QIcon load(const QString &name);
};

} // namespace trellis::ui
