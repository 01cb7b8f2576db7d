#include "core/buildlang/value.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <functional>
#include <unordered_set>

namespace trellis::buildlang {

Value Value::string(std::string s)
{
    return object(Type::Str, std::make_shared<StrObject>(std::move(s)));
}

Value Value::list(std::vector<Value> items)
{
    auto o = std::make_shared<ListObject>();
    o->items = std::move(items);
    return object(Type::List, std::move(o));
}

Value Value::tuple(std::vector<Value> items)
{
    auto o = std::make_shared<ListObject>();
    o->items = std::move(items);
    return object(Type::Tuple, std::move(o));
}

Value Value::dict() { return object(Type::Dict, std::make_shared<DictObject>()); }
Value Value::set() { return object(Type::Set, std::make_shared<DictObject>()); }

const std::string &Value::str() const { return static_cast<const StrObject *>(m_obj.get())->text; }

std::int64_t RangeObject::length() const
{
    if (step > 0 && start < stop)
        return (stop - start - 1) / step + 1;
    if (step < 0 && start > stop)
        return (start - stop - 1) / (-step) + 1;
    return 0;
}

const char *typeName(Type t)
{
    switch (t) {
    case Type::None: return "NoneType";
    case Type::Bool: return "bool";
    case Type::Int: return "int";
    case Type::Float: return "float";
    case Type::Str: return "str";
    case Type::List: return "list";
    case Type::Tuple: return "tuple";
    case Type::Dict: return "dict";
    case Type::Set: return "set";
    case Type::Range: return "range";
    case Type::Function: return "function";
    case Type::Builtin: return "builtin_function_or_method";
    case Type::Method: return "builtin_function_or_method";
    case Type::HostFunction: return "function";
    case Type::HostObject: return "object";
    case Type::Typing: return "typing";
    case Type::ExceptionType: return "type";
    case Type::Exception: return "exception";
    }
    return "object";
}

bool truthy(const Value &v)
{
    switch (v.type()) {
    case Type::None: return false;
    case Type::Bool: return v.asBool();
    case Type::Int: return v.asInt() != 0;
    case Type::Float: return v.asFloat() != 0.0;
    case Type::Str: return !v.str().empty();
    case Type::List: case Type::Tuple: return !v.as<ListObject>()->items.empty();
    case Type::Dict: case Type::Set: return !v.as<DictObject>()->entries.empty();
    case Type::Range: return v.as<RangeObject>()->length() != 0;
    default: return true;
    }
}

bool isHashable(const Value &v)
{
    switch (v.type()) {
    case Type::List: case Type::Dict: case Type::Set: return false;
    case Type::Tuple:
        for (const Value &e : v.as<ListObject>()->items)
            if (!isHashable(e))
                return false;
        return true;
    default: return true;
    }
}

std::size_t ValueHash::operator()(const Value &v) const
{
    switch (v.type()) {
    case Type::None: return 0x9e3779b9u;
    case Type::Bool: return std::hash<std::int64_t>()(v.asBool() ? 1 : 0);
    case Type::Int: return std::hash<std::int64_t>()(v.asInt());
    case Type::Float: {
        const double d = v.asFloat();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18)
            return std::hash<std::int64_t>()(std::int64_t(d));
        return std::hash<double>()(d);
    }
    case Type::Str: return std::hash<std::string_view>()(v.str());
    case Type::Tuple: {
        std::size_t h = 0x345678;
        for (const Value &e : v.as<ListObject>()->items)
            h = (h ^ operator()(e)) * 1000003u;
        return h;
    }
    case Type::HostFunction: return std::hash<std::string_view>()(v.as<HostFunctionObject>()->entry->name);
    default: return std::hash<const void *>()(v.obj());
    }
}

bool ValueEq::operator()(const Value &a, const Value &b) const { return equals(a, b); }

std::ptrdiff_t DictObject::find(const Value &key) const
{
    if (index.empty()) {
        for (std::size_t i = 0; i < entries.size(); ++i)
            if (equals(entries[i].first, key))
                return std::ptrdiff_t(i);
        return -1;
    }
    const auto it = index.find(key);
    return it == index.end() ? -1 : std::ptrdiff_t(it->second);
}

void DictObject::insert(const Value &key, Value value)
{
    const std::ptrdiff_t pos = find(key);
    if (pos >= 0) {
        entries[std::size_t(pos)].second = std::move(value);
        return;
    }
    entries.emplace_back(key, std::move(value));
    if (!index.empty())
        index.emplace(key, std::uint32_t(entries.size() - 1));
    else if (entries.size() > kLinear)
        rebuildIndex();
}

void DictObject::erase(std::size_t pos)
{
    entries.erase(entries.begin() + std::ptrdiff_t(pos));
    rebuildIndex();
}

void DictObject::rebuildIndex()
{
    index.clear();
    if (entries.size() <= kLinear)
        return;
    index.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i)
        index.emplace(entries[i].first, std::uint32_t(i));
}

static bool isNumeric(Type t) { return t == Type::Int || t == Type::Float || t == Type::Bool; }

static bool equalsImpl(const Value &a, const Value &b, int depth);

bool equals(const Value &a, const Value &b) { return equalsImpl(a, b, 0); }

// Containers nested deeper than this compare unequal (only reachable through cycles).
static constexpr int kMaxCompareDepth = 200;

static bool equalsImpl(const Value &a, const Value &b, int depth)
{
    const Type ta = a.type(), tb = b.type();
    if (isNumeric(ta) && isNumeric(tb)) {
        if (ta == Type::Float || tb == Type::Float) {
            const double x = ta == Type::Bool ? double(a.asBool()) : a.asFloat();
            const double y = tb == Type::Bool ? double(b.asBool()) : b.asFloat();
            return x == y;
        }
        const std::int64_t x = ta == Type::Bool ? a.asBool() : a.asInt();
        const std::int64_t y = tb == Type::Bool ? b.asBool() : b.asInt();
        return x == y;
    }
    if (ta != tb)
        return false;
    switch (ta) {
    case Type::None: return true;
    case Type::Str: return a.obj() == b.obj() || a.str() == b.str();
    case Type::List: case Type::Tuple: {
        if (a.obj() == b.obj())
            return true;
        if (depth > kMaxCompareDepth)
            return false;
        const auto &x = a.as<ListObject>()->items, &y = b.as<ListObject>()->items;
        if (x.size() != y.size())
            return false;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (!equalsImpl(x[i], y[i], depth + 1))
                return false;
        return true;
    }
    case Type::Dict: case Type::Set: {
        if (a.obj() == b.obj())
            return true;
        if (depth > kMaxCompareDepth)
            return false;
        const auto *x = a.as<DictObject>(), *y = b.as<DictObject>();
        if (x->entries.size() != y->entries.size())
            return false;
        for (const auto &[k, v] : x->entries) {
            const std::ptrdiff_t p = y->find(k);
            if (p < 0 || !equalsImpl(v, y->entries[std::size_t(p)].second, depth + 1))
                return false;
        }
        return true;
    }
    case Type::Range: {
        const auto *x = a.as<RangeObject>(), *y = b.as<RangeObject>();
        return x->start == y->start && x->stop == y->stop && x->step == y->step;
    }
    case Type::HostFunction: return a.as<HostFunctionObject>()->entry == b.as<HostFunctionObject>()->entry;
    case Type::HostObject: return a.as<HostObjectValue>()->value == b.as<HostObjectValue>()->value;
    default: return a.obj() == b.obj();
    }
}

std::string formatFloat(double d)
{
    if (std::isnan(d))
        return "nan";
    if (std::isinf(d))
        return d > 0 ? "inf" : "-inf";
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string sci(buf, r.ptr);
    // sci: [-]d[.ddd]e[+-]XX
    const std::size_t e = sci.find('e');
    const int exp = std::atoi(sci.c_str() + e + 1);
    std::string mant = sci.substr(0, e);
    bool neg = false;
    if (!mant.empty() && mant[0] == '-') {
        neg = true;
        mant.erase(0, 1);
    }
    std::string digits;
    for (char c : mant)
        if (c != '.')
            digits += c;
    std::string out = neg ? "-" : "";
    if (exp >= 16 || exp < -4) {
        out += digits[0];
        if (digits.size() > 1) {
            out += '.';
            out += digits.substr(1);
        }
        char eb[16];
        std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
        out += eb;
        return out;
    }
    if (exp < 0) {
        out += "0.";
        out.append(std::size_t(-exp - 1), '0');
        out += digits;
        return out;
    }
    if (int(digits.size()) <= exp + 1) {
        out += digits;
        out.append(std::size_t(exp + 1 - int(digits.size())), '0');
        out += ".0";
        return out;
    }
    out += digits.substr(0, std::size_t(exp + 1));
    out += '.';
    out += digits.substr(std::size_t(exp + 1));
    return out;
}

void appendQuoted(std::string &out, std::string_view s)
{
    const bool hasSingle = s.find('\'') != std::string_view::npos;
    const bool hasDouble = s.find('"') != std::string_view::npos;
    const char q = (hasSingle && !hasDouble) ? '"' : '\'';
    out += q;
    for (unsigned char c : s) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c == static_cast<unsigned char>(q)) {
                out += '\\';
                out += char(c);
            } else if (c < 0x20 || c == 0x7F) {
                char b[8];
                std::snprintf(b, sizeof b, "\\x%02x", unsigned(c));
                out += b;
            } else {
                out += char(c);
            }
        }
    }
    out += q;
}

using ReprStack = std::vector<const Object *>;
static void reprImpl(std::string &out, const Value &v, ReprStack &stack);

void appendRepr(std::string &out, const Value &v, int)
{
    ReprStack stack;
    reprImpl(out, v, stack);
}

static void reprImpl(std::string &out, const Value &v, ReprStack &stack)
{
    const bool container = v.type() == Type::List || v.type() == Type::Tuple || v.type() == Type::Dict || v.type() == Type::Set;
    if (container) {
        for (const Object *o : stack)
            if (o == v.obj()) {
                out += v.type() == Type::Dict ? "{...}" : "[...]";
                return;
            }
        if (stack.size() > 200 || out.size() > (std::size_t(1) << 28)) {
            out += "...";
            return;
        }
        stack.push_back(v.obj());
    }
    struct Pop {
        ReprStack &s;
        bool on;
        ~Pop() { if (on) s.pop_back(); }
    } pop{stack, container};
    switch (v.type()) {
    case Type::None: out += "None"; return;
    case Type::Bool: out += v.asBool() ? "True" : "False"; return;
    case Type::Int: out += std::to_string(v.asInt()); return;
    case Type::Float: out += formatFloat(v.asFloat()); return;
    case Type::Str: appendQuoted(out, v.str()); return;
    case Type::List: case Type::Tuple: {
        const auto &items = v.as<ListObject>()->items;
        const bool tuple = v.type() == Type::Tuple;
        out += tuple ? '(' : '[';
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i)
                out += ", ";
            reprImpl(out, items[i], stack);
        }
        if (tuple && items.size() == 1)
            out += ',';
        out += tuple ? ')' : ']';
        return;
    }
    case Type::Dict: {
        out += '{';
        bool first = true;
        for (const auto &[k, val] : v.as<DictObject>()->entries) {
            if (!first)
                out += ", ";
            first = false;
            reprImpl(out, k, stack);
            out += ": ";
            reprImpl(out, val, stack);
        }
        out += '}';
        return;
    }
    case Type::Set: {
        const auto &e = v.as<DictObject>()->entries;
        if (e.empty()) {
            out += "set()";
            return;
        }
        out += '{';
        for (std::size_t i = 0; i < e.size(); ++i) {
            if (i)
                out += ", ";
            reprImpl(out, e[i].first, stack);
        }
        out += '}';
        return;
    }
    case Type::Range: {
        const auto *r = v.as<RangeObject>();
        out += "range(" + std::to_string(r->start) + ", " + std::to_string(r->stop);
        if (r->step != 1)
            out += ", " + std::to_string(r->step);
        out += ')';
        return;
    }
    case Type::Function: out += "<function>"; return;
    case Type::Builtin: {
        const auto *b = v.as<BuiltinObject>();
        out += b->isType ? "<class '" + std::string(b->name) + "'>" : "<built-in function " + std::string(b->name) + ">";
        return;
    }
    case Type::Method: out += "<built-in method " + std::string(v.as<MethodObject>()->name) + ">"; return;
    case Type::HostFunction: out += v.as<HostFunctionObject>()->entry->name; return;
    case Type::HostObject: out += v.as<HostObjectValue>()->value.repr(); return;
    case Type::Typing: out += "typing." + v.as<TypingObject>()->name; return;
    case Type::ExceptionType: out += "<class '" + v.as<ExceptionObject>()->typeName + "'>"; return;
    case Type::Exception: {
        const auto *e = v.as<ExceptionObject>();
        out += e->typeName + "(";
        appendQuoted(out, e->message);
        out += ")";
        return;
    }
    }
}

std::string repr(const Value &v)
{
    std::string s;
    appendRepr(s, v);
    return s;
}

std::string toStr(const Value &v)
{
    switch (v.type()) {
    case Type::Str: return v.str();
    case Type::Exception: return v.as<ExceptionObject>()->message;
    case Type::HostObject: {
        const HostValue &h = v.as<HostObjectValue>()->value;
        if (h.kind() == HostValue::Kind::Object && !h.object().strValue.empty())
            return h.object().strValue;
        return h.repr();
    }
    default: return repr(v);
    }
}

using Visited = std::unordered_set<const Object *>;
static void freezeScope(const std::shared_ptr<Scope> &s, Visited &seen);

static void freezeImpl(const Value &v, Visited &seen)
{
    if (!v.obj() || !seen.insert(v.obj()).second)
        return;
    switch (v.type()) {
    case Type::List: case Type::Tuple: {
        auto *l = v.as<ListObject>();
        l->frozen = true;
        for (const Value &e : l->items)
            freezeImpl(e, seen);
        return;
    }
    case Type::Dict: case Type::Set: {
        auto *d = v.as<DictObject>();
        d->frozen = true;
        for (const auto &[k, val] : d->entries) {
            freezeImpl(k, seen);
            freezeImpl(val, seen);
        }
        return;
    }
    case Type::Function: {
        auto *f = v.as<FunctionObject>();
        for (const Value &d : f->defaults)
            freezeImpl(d, seen);
        freezeScope(f->closure, seen);
        return;
    }
    case Type::Method: freezeImpl(v.as<MethodObject>()->self, seen); return;
    default: return;
    }
}

static void freezeScope(const std::shared_ptr<Scope> &s, Visited &seen)
{
    for (Scope *p = s.get(); p; p = p->parent.get())
        for (const auto &kv : p->vars)
            freezeImpl(kv.second, seen);
}

void freeze(const Value &v)
{
    Visited seen;
    freezeImpl(v, seen);
}

} // namespace trellis::buildlang
