#include "ui/typeicons.h"

#include <QDir>
#include <QHash>
#include <QPainter>
#include <QPixmap>

// resources/ui.qrc lives in a static library, so it is registered explicitly.
static void initTrellisUiResources() { Q_INIT_RESOURCE(ui); }

namespace trellis::ui {

QIcon TypeIcons::load(const QString &name)
{
    static const bool registered = (initTrellisUiResources(), true);
    Q_UNUSED(registered);
    // Icons are immutable and shared; QIcon itself is implicitly shared, so caching the
    // handful of them per process avoids re-parsing the SVGs for every row.
    static QHash<QString, QIcon> cache;
    auto it = cache.find(name);
    if (it == cache.end())
        it = cache.insert(name, QIcon(QStringLiteral(":/icons/%1.svg").arg(name)));
    return *it;
}

QIcon TypeIcons::forType(const QString &type)
{
    if (type.contains(QLatin1String("test")))
        return load(QStringLiteral("type-test"));
    if (type.contains(QLatin1String("requirement")) || type.contains(QLatin1String("lockfile")))
        return load(QStringLiteral("type-requirement"));
    if (type == QLatin1String("pex_binary") || type.endsWith(QLatin1String("_binary")))
        return load(QStringLiteral("type-binary"));
    if (type == QLatin1String("python_distribution"))
        return load(QStringLiteral("type-distribution"));
    if (type.startsWith(QLatin1String("docker")))
        return load(QStringLiteral("type-docker"));
    if (type.startsWith(QLatin1String("resource")) || type.startsWith(QLatin1String("file"))
        || type == QLatin1String("relocated_files") || type == QLatin1String("archive"))
        return load(QStringLiteral("type-resource"));
    if (type.startsWith(QLatin1String("shell")) || type == QLatin1String("run_shell_command")
        || type == QLatin1String("adhoc_tool") || type == QLatin1String("system_binary"))
        return load(QStringLiteral("type-shell"));
    if (type.startsWith(QLatin1String("python")))
        return load(QStringLiteral("type-python"));
    return load(QStringLiteral("type-target"));
}

QIcon TypeIcons::forTarget(const workspace::Target &target)
{
    if (target.unknownType)
        return load(QStringLiteral("type-unknown"));
    return forType(QString::fromStdString(target.type));
}

QIcon TypeIcons::directory() { return load(QStringLiteral("folder")); }
QIcon TypeIcons::file() { return load(QStringLiteral("file")); }
QIcon TypeIcons::app() { return load(QStringLiteral("trellis")); }
QIcon TypeIcons::error() { return load(QStringLiteral("severity-error")); }
QIcon TypeIcons::warning() { return load(QStringLiteral("severity-warning")); }
QIcon TypeIcons::note() { return load(QStringLiteral("severity-note")); }

QIcon TypeIcons::tinted(const QIcon &icon, const QColor &color)
{
    QIcon out;
    for (const int side : {16, 20, 22, 24, 32, 48}) {
        const QPixmap source = icon.pixmap(QSize(side, side));
        if (source.isNull())
            continue;
        for (const QIcon::Mode mode : {QIcon::Normal, QIcon::Disabled}) {
            QImage image = source.toImage().convertToFormat(QImage::Format_ARGB32_Premultiplied);
            QPainter painter(&image);
            painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
            QColor c = color;
            if (mode == QIcon::Disabled)
                c.setAlphaF(0.4f);
            painter.fillRect(image.rect(), c);
            painter.end();
            out.addPixmap(QPixmap::fromImage(image), mode);
        }
    }
    return out.isNull() ? icon : out;
}

} // namespace trellis::ui
