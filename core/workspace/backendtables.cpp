// Parses the embedded backend tables (see backendtables_p.h).
#include "core/workspace/backendtables_p.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <mutex>

namespace trellis::workspace {

namespace {

std::string s(const QJsonValue &v) { return v.toString().toStdString(); }

HostValue hostValue(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool: return HostValue::boolean(v.toBool());
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (d == double(std::int64_t(d)))
            return HostValue::integer(std::int64_t(d));
        return HostValue::real(d);
    }
    case QJsonValue::String: return HostValue::string(v.toString().toStdString());
    case QJsonValue::Array: {
        // Pants field defaults are tuples.
        buildlang::HostList items;
        for (const QJsonValue &e : v.toArray())
            items.push_back(hostValue(e));
        return HostValue::tuple(std::move(items));
    }
    case QJsonValue::Object: {
        buildlang::HostDict entries;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            entries.emplace_back(HostValue::string(it.key().toStdString()), hostValue(it.value()));
        return HostValue::dict(std::move(entries));
    }
    default: return HostValue::none();
    }
}

FieldSpec fieldSpec(const QJsonObject &o)
{
    FieldSpec f;
    f.alias = s(o.value(QLatin1String("alias")));
    f.kind = fieldKindFromName(s(o.value(QLatin1String("kind"))));
    if (o.contains(QLatin1String("default")))
        f.defaultValue = hostValue(o.value(QLatin1String("default")));
    f.required = o.value(QLatin1String("required")).toBool();
    return f;
}

std::vector<std::string> strings(const QJsonValue &v)
{
    std::vector<std::string> r;
    for (const QJsonValue &e : v.toArray())
        r.push_back(s(e));
    return r;
}

TableType tableType(const QJsonObject &o)
{
    TableType t;
    t.alias = s(o.value(QLatin1String("alias")));
    for (const QJsonValue &f : o.value(QLatin1String("fields")).toArray()) {
        const QJsonObject fo = f.toObject();
        t.fields.push_back(fieldSpec(fo));
        if (fo.contains(QLatin1String("deprecated_alias")))
            t.deprecatedFieldAliases[s(fo.value(QLatin1String("deprecated_alias")))] = t.fields.back().alias;
    }
    t.generator = s(o.value(QLatin1String("generator")));
    t.generated = s(o.value(QLatin1String("generated")));
    t.moved = strings(o.value(QLatin1String("moved")));
    t.copied = strings(o.value(QLatin1String("copied")));
    t.deprecatedAlias = s(o.value(QLatin1String("deprecated_alias")));
    t.transitiveExcludes = o.value(QLatin1String("transitive_excludes")).toBool();
    t.resolveKind = s(o.value(QLatin1String("resolve_kind")));
    return t;
}

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

BackendData load()
{
    BackendData d;
    const QDir dir(QStringLiteral(":/trellis/backends"));
    for (const QString &name : dir.entryList({QStringLiteral("pants.*.json")}, QDir::Files, QDir::Name)) {
        const QJsonObject o = readJson(dir.filePath(name));
        BackendTable t;
        t.backend = s(o.value(QLatin1String("backend")));
        if (d.pantsVersion.empty())
            d.pantsVersion = s(o.value(QLatin1String("pants_version")));
        for (const QJsonValue &ty : o.value(QLatin1String("types")).toArray())
            t.types.push_back(tableType(ty.toObject()));
        for (const QJsonValue &pf : o.value(QLatin1String("plugin_fields")).toArray()) {
            const QJsonObject po = pf.toObject();
            t.pluginFields.push_back({s(po.value(QLatin1String("target"))), fieldSpec(po),
                                      po.value(QLatin1String("moved")).toBool()});
        }
        t.objects = strings(o.value(QLatin1String("objects")));
        d.tables.emplace(t.backend, std::move(t));
    }
    const QJsonObject removed = readJson(dir.filePath(QStringLiteral("removed.json")));
    for (const QJsonValue &v : removed.value(QLatin1String("backends")).toArray()) {
        const QJsonObject o = v.toObject();
        OldBackend b;
        b.backend = s(o.value(QLatin1String("backend")));
        b.first = s(o.value(QLatin1String("first")));
        b.last = s(o.value(QLatin1String("last")));
        b.types = strings(o.value(QLatin1String("types")));
        b.objects = strings(o.value(QLatin1String("objects")));
        for (const QJsonValue &pf : o.value(QLatin1String("plugin_fields")).toArray()) {
            const QJsonObject po = pf.toObject();
            b.pluginFields.push_back({s(po.value(QLatin1String("target"))), fieldSpec(po),
                                      po.value(QLatin1String("moved")).toBool()});
        }
        d.oldBackends.push_back(std::move(b));
    }
    for (const QJsonValue &v : removed.value(QLatin1String("types")).toArray()) {
        const QJsonObject o = v.toObject();
        RemovedType r;
        r.alias = s(o.value(QLatin1String("alias")));
        r.first = s(o.value(QLatin1String("first")));
        r.last = s(o.value(QLatin1String("last")));
        r.replacement = s(o.value(QLatin1String("replacement")));
        r.backend = s(o.value(QLatin1String("backend")));
        if (o.contains(QLatin1String("fields"))) {
            r.hasType = true;
            r.type = tableType(o);
        }
        d.removedTypes.push_back(std::move(r));
    }
    for (const QJsonValue &v : removed.value(QLatin1String("fields")).toArray()) {
        const QJsonObject o = v.toObject();
        RemovedField r;
        r.target = s(o.value(QLatin1String("target")));
        r.alias = s(o.value(QLatin1String("alias")));
        r.first = s(o.value(QLatin1String("first")));
        r.last = s(o.value(QLatin1String("last")));
        r.replacement = s(o.value(QLatin1String("replacement")));
        r.kind = fieldKindFromName(s(o.value(QLatin1String("kind"))));
        d.removedFields.push_back(std::move(r));
    }
    const QJsonObject classes = readJson(dir.filePath(QStringLiteral("classes.json")));
    const QJsonObject fields = classes.value(QLatin1String("fields")).toObject();
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        BuiltinFieldClass c;
        c.module = s(o.value(QLatin1String("module")));
        c.spec = fieldSpec(o);
        c.hasAlias = !c.spec.alias.empty();
        d.fieldClasses.emplace(it.key().toStdString(), std::move(c));
    }
    const QJsonObject targets = classes.value(QLatin1String("targets")).toObject();
    for (auto it = targets.begin(); it != targets.end(); ++it)
        d.targetClasses.emplace(it.key().toStdString(), s(it.value().toObject().value(QLatin1String("alias"))));
    return d;
}

} // namespace

const BackendData &backendData()
{
    static const BackendData data = load();
    return data;
}

FieldKind fieldKindFromName(std::string_view n)
{
    using K = FieldKind;
    static const std::pair<std::string_view, K> kinds[] = {
        {"String", K::String}, {"StringList", K::StringList}, {"StringOrList", K::StringOrList}, {"Int", K::Int},
        {"Bool", K::Bool}, {"Dict", K::Dict}, {"Sources", K::Sources}, {"Source", K::Source},
        {"Dependencies", K::Dependencies}, {"SpecialDependencies", K::SpecialDependencies}, {"Object", K::Object}};
    for (const auto &[name, kind] : kinds)
        if (name == n)
            return kind;
    return K::Any;
}

int compareVersions(std::string_view a, std::string_view b)
{
    auto next = [](std::string_view &v) -> long {
        long n = 0;
        bool any = false;
        while (!v.empty() && v.front() >= '0' && v.front() <= '9') {
            n = n * 10 + (v.front() - '0');
            v.remove_prefix(1);
            any = true;
        }
        if (!v.empty() && v.front() == '.')
            v.remove_prefix(1);
        else
            v = {}; // stop at a pre-release tail such as "rc1" or "dev0"
        return any ? n : 0;
    };
    for (int i = 0; i < 3; ++i) {
        const long x = next(a), y = next(b);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

} // namespace trellis::workspace
