#include "core/buildlang/hostvalue.h"

#include "core/buildlang/value.h"

namespace trellis::buildlang {

namespace {
const std::string kEmptyString;
const HostList kEmptyList;
const HostDict kEmptyDict;
const HostObject kEmptyObject;
} // namespace

HostValue HostValue::boolean(bool b) { HostValue v; v.m_kind = Kind::Bool; v.m_data = b; return v; }
HostValue HostValue::integer(std::int64_t i) { HostValue v; v.m_kind = Kind::Int; v.m_data = i; return v; }
HostValue HostValue::real(double d) { HostValue v; v.m_kind = Kind::Float; v.m_data = d; return v; }
HostValue HostValue::string(std::string s)
{
    HostValue v;
    v.m_kind = Kind::String;
    v.m_data = std::make_shared<const std::string>(std::move(s));
    return v;
}
HostValue HostValue::list(HostList items)
{
    HostValue v;
    v.m_kind = Kind::List;
    v.m_data = std::make_shared<const HostList>(std::move(items));
    return v;
}
HostValue HostValue::tuple(HostList items)
{
    HostValue v = list(std::move(items));
    v.m_kind = Kind::Tuple;
    return v;
}
HostValue HostValue::set(HostList items)
{
    HostValue v = list(std::move(items));
    v.m_kind = Kind::Set;
    return v;
}
HostValue HostValue::dict(HostDict entries)
{
    HostValue v;
    v.m_kind = Kind::Dict;
    v.m_data = std::make_shared<const HostDict>(std::move(entries));
    return v;
}
HostValue HostValue::symbol(std::string name)
{
    HostValue v = string(std::move(name));
    v.m_kind = Kind::Symbol;
    return v;
}
HostValue HostValue::object(HostObject obj)
{
    HostValue v;
    v.m_kind = Kind::Object;
    v.m_data = std::make_shared<const HostObject>(std::move(obj));
    return v;
}

bool HostValue::asBool() const { return m_kind == Kind::Bool && std::get<bool>(m_data); }
std::int64_t HostValue::asInt() const { return m_kind == Kind::Int ? std::get<std::int64_t>(m_data) : 0; }
double HostValue::asFloat() const
{
    if (m_kind == Kind::Float)
        return std::get<double>(m_data);
    if (m_kind == Kind::Int)
        return double(std::get<std::int64_t>(m_data));
    return 0;
}
const std::string &HostValue::str() const
{
    if (m_kind == Kind::String || m_kind == Kind::Symbol)
        return *std::get<std::shared_ptr<const std::string>>(m_data);
    return kEmptyString;
}
const HostList &HostValue::items() const
{
    if (isSequence())
        return *std::get<std::shared_ptr<const HostList>>(m_data);
    return kEmptyList;
}
const HostDict &HostValue::entries() const
{
    if (m_kind == Kind::Dict)
        return *std::get<std::shared_ptr<const HostDict>>(m_data);
    return kEmptyDict;
}
const HostObject &HostValue::object() const
{
    if (m_kind == Kind::Object)
        return *std::get<std::shared_ptr<const HostObject>>(m_data);
    return kEmptyObject;
}

const HostValue *HostValue::get(std::string_view key) const
{
    for (const auto &[k, v] : entries())
        if (k.kind() == Kind::String && k.str() == key)
            return &v;
    return nullptr;
}

static void appendHostRepr(std::string &out, const HostValue &v, int depth)
{
    if (depth > 200) {
        out += "...";
        return;
    }
    using K = HostValue::Kind;
    switch (v.kind()) {
    case K::None: out += "None"; return;
    case K::Bool: out += v.asBool() ? "True" : "False"; return;
    case K::Int: out += std::to_string(v.asInt()); return;
    case K::Float: out += formatFloat(v.asFloat()); return;
    case K::String: appendQuoted(out, v.str()); return;
    case K::Symbol: out += v.str(); return;
    case K::List: case K::Tuple: case K::Set: {
        const auto &items = v.items();
        if (v.kind() == K::Set && items.empty()) {
            out += "set()";
            return;
        }
        out += v.kind() == K::List ? '[' : v.kind() == K::Tuple ? '(' : '{';
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i)
                out += ", ";
            appendHostRepr(out, items[i], depth + 1);
        }
        if (v.kind() == K::Tuple && items.size() == 1)
            out += ',';
        out += v.kind() == K::List ? ']' : v.kind() == K::Tuple ? ')' : '}';
        return;
    }
    case K::Dict: {
        out += '{';
        bool first = true;
        for (const auto &[k, val] : v.entries()) {
            if (!first)
                out += ", ";
            first = false;
            appendHostRepr(out, k, depth + 1);
            out += ": ";
            appendHostRepr(out, val, depth + 1);
        }
        out += '}';
        return;
    }
    case K::Object: {
        const HostObject &o = v.object();
        out += o.typeName + "(";
        bool first = true;
        for (const auto &a : o.args) {
            if (!first)
                out += ", ";
            first = false;
            appendHostRepr(out, a, depth + 1);
        }
        for (const auto &[k, val] : o.kwargs) {
            if (!first)
                out += ", ";
            first = false;
            out += k + "=";
            appendHostRepr(out, val, depth + 1);
        }
        out += ')';
        return;
    }
    }
}

std::string HostValue::repr() const
{
    std::string s;
    appendHostRepr(s, *this, 0);
    return s;
}

bool operator==(const HostValue &a, const HostValue &b)
{
    using K = HostValue::Kind;
    const bool an = a.kind() == K::Int || a.kind() == K::Float || a.kind() == K::Bool;
    const bool bn = b.kind() == K::Int || b.kind() == K::Float || b.kind() == K::Bool;
    if (an && bn) {
        auto num = [](const HostValue &v) { return v.kind() == K::Bool ? (v.asBool() ? 1.0 : 0.0) : v.asFloat(); };
        if (a.kind() == K::Float || b.kind() == K::Float)
            return num(a) == num(b);
        auto i = [](const HostValue &v) -> std::int64_t { return v.kind() == K::Bool ? (v.asBool() ? 1 : 0) : v.asInt(); };
        return i(a) == i(b);
    }
    if (a.kind() != b.kind())
        return false;
    switch (a.kind()) {
    case K::None: return true;
    case K::String: case K::Symbol: return a.str() == b.str();
    case K::List: case K::Tuple: return a.items() == b.items();
    case K::Set: {
        if (a.items().size() != b.items().size())
            return false;
        for (const auto &x : a.items()) {
            bool found = false;
            for (const auto &y : b.items())
                if (x == y) { found = true; break; }
            if (!found)
                return false;
        }
        return true;
    }
    case K::Dict: {
        if (a.entries().size() != b.entries().size())
            return false;
        for (const auto &[k, v] : a.entries()) {
            bool found = false;
            for (const auto &[k2, v2] : b.entries())
                if (k == k2) { found = v == v2; break; }
            if (!found)
                return false;
        }
        return true;
    }
    case K::Object: {
        const HostObject &x = a.object(), &y = b.object();
        return x.typeName == y.typeName && x.args == y.args && x.kwargs == y.kwargs && x.unpackKey == y.unpackKey
            && x.strValue == y.strValue;
    }
    default: return false;
    }
}

const char *kindName(HostValue::Kind k)
{
    switch (k) {
    case HostValue::Kind::None: return "NoneType";
    case HostValue::Kind::Bool: return "bool";
    case HostValue::Kind::Int: return "int";
    case HostValue::Kind::Float: return "float";
    case HostValue::Kind::String: return "str";
    case HostValue::Kind::List: return "list";
    case HostValue::Kind::Tuple: return "tuple";
    case HostValue::Kind::Set: return "set";
    case HostValue::Kind::Dict: return "dict";
    case HostValue::Kind::Symbol: return "symbol";
    case HostValue::Kind::Object: return "object";
    }
    return "object";
}

} // namespace trellis::buildlang
