#include "core/goals/goalsupport.h"

#include <QJsonDocument>

namespace trellis::goals {

using workspace::HostValue;

const HostValue *fieldValue(const workspace::Target &t, std::string_view alias)
{
    const workspace::Field *f = t.field(alias);
    return f && !f->value.isNone() ? &f->value : nullptr;
}

std::string fieldString(const workspace::Target &t, std::string_view alias)
{
    const HostValue *v = fieldValue(t, alias);
    return v && v->isString() ? v->str() : std::string();
}

std::vector<std::string> stringList(const HostValue *v)
{
    std::vector<std::string> out;
    if (!v)
        return out;
    if (v->isString()) {
        out.push_back(v->str());
        return out;
    }
    for (const HostValue &e : v->items())
        if (e.isString())
            out.push_back(e.str());
    return out;
}

void applyEnvEntries(const std::vector<std::string> &entries, const std::map<std::string, std::string> &invoking,
                     std::map<std::string, std::string> &env)
{
    for (const std::string &e : entries) {
        if (const size_t eq = e.find('='); eq != std::string::npos) {
            env[e.substr(0, eq)] = e.substr(eq + 1);
        } else if (!e.empty() && e.back() == '*') {
            const std::string prefix = e.substr(0, e.size() - 1);
            for (const auto &[k, v] : invoking)
                if (k.rfind(prefix, 0) == 0)
                    env[k] = v;
        } else if (auto it = invoking.find(e); it != invoking.end()) {
            env[e] = it->second;
        }
    }
}

std::optional<QJsonObject> parseVersionedJson(const std::string &json, int version)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json.data(), qsizetype(json.size())), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject() || doc[QLatin1String("version")].toInt() != version)
        return std::nullopt;
    return doc.object();
}

std::uint64_t fnv1a64(std::string_view s)
{
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : s) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

} // namespace trellis::goals
