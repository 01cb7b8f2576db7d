#include "core/buildlang/value.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <unordered_set>

namespace trellis::buildlang {

// ---- evaluation meter ---------------------------------------------------------------

namespace {

thread_local EvalMeter *t_meter = nullptr;
std::atomic<std::uint32_t> g_nextMeterId{1};

/// The payloads being released on this thread, while a ReleaseScope owns the release.
thread_local std::vector<std::shared_ptr<Object>> *t_releaseQueue = nullptr;

} // namespace

EvalMeter::EvalMeter(std::int64_t &steps, std::int64_t maxSteps, std::int64_t maxBytes)
    : m_steps(steps), m_maxSteps(maxSteps), m_maxBytes(maxBytes),
      m_id(g_nextMeterId.fetch_add(1, std::memory_order_relaxed)), m_previous(t_meter)
{
    if (m_id == 0) // 0 means "not charged"; skip it on wrap-around
        m_id = g_nextMeterId.fetch_add(1, std::memory_order_relaxed);
    t_meter = this;
}

EvalMeter::~EvalMeter()
{
    if (t_meter == this) {
        t_meter = m_previous;
        return;
    }
    // Destroyed out of order (not the innermost meter): unlink it from the chain.
    for (EvalMeter *m = t_meter; m; m = m->m_previous)
        if (m->m_previous == this) {
            m->m_previous = m_previous;
            return;
        }
}

EvalMeter *EvalMeter::current() { return t_meter; }

ReleaseScope::ReleaseScope() noexcept : m_queue(t_releaseQueue), m_owner(t_releaseQueue == nullptr)
{
    if (m_owner) {
        m_queue = &m_own; // an empty vector: no allocation until something is queued
        t_releaseQueue = m_queue;
    }
}

ReleaseScope::~ReleaseScope()
{
    if (!m_owner)
        return;
    // Each payload dropped here queues its own payloads on the same list.
    while (!m_own.empty()) {
        std::shared_ptr<Object> o = std::move(m_own.back());
        m_own.pop_back();
        o.reset();
    }
    t_releaseQueue = nullptr;
}

void ReleaseScope::add(std::shared_ptr<Object> o) noexcept
{
    // A payload someone else still holds only loses a reference here. (Out of memory,
    // the payload is dropped in place.)
    if (o && o.use_count() == 1) {
        try {
            m_queue->push_back(std::move(o));
        } catch (...) {
        }
    }
}

bool EvalMeter::spend(std::int64_t units)
{
    EvalMeter *m = t_meter;
    if (!m)
        return true;
    m->m_work += units;
    if (m->m_work >= 32) {
        m->m_steps += m->m_work >> 5;
        m->m_work &= 31;
    }
    return m->m_steps <= m->m_maxSteps;
}

void EvalMeter::add(std::int64_t bytes) { m_live += bytes; }

void MeterCharge::charge(std::size_t n)
{
    EvalMeter *m = t_meter;
    if (!m)
        return;
    if (meterId != m->id()) {
        if (meterId != 0)
            return; // charged to an earlier meter; keep it whole
        meterId = m->id();
    }
    const std::size_t room = std::numeric_limits<std::uint32_t>::max() - bytes;
    n = std::min(n, room);
    bytes += std::uint32_t(n);
    m->add(std::int64_t(n));
}

void MeterCharge::release()
{
    EvalMeter *m = t_meter;
    if (m && meterId != 0 && meterId == m->id())
        m->add(-std::int64_t(bytes));
    bytes = 0;
}

// ---- payload lifetimes ------------------------------------------------------------------

StrObject::StrObject(std::string s) : text(std::move(s)) { charged.charge(sizeof(StrObject) + text.capacity()); }

StrObject::~StrObject() { charged.release(); }

ListObject::~ListObject()
{
    charged.release();
    ReleaseScope r;
    for (Value &v : items)
        r.add(v);
}

DictObject::~DictObject()
{
    charged.release();
    index.clear(); // holds copies of the keys
    ReleaseScope r;
    for (auto &[k, v] : entries) {
        r.add(k);
        r.add(v);
    }
}

Scope::~Scope()
{
    ReleaseScope r;
    for (auto &kv : vars)
        r.add(kv.second);
}

FunctionObject::~FunctionObject()
{
    ReleaseScope r;
    for (Value &v : defaults)
        r.add(v);
}

MethodObject::~MethodObject()
{
    ReleaseScope r;
    r.add(self);
}

Value Value::string(std::string s)
{
    return object(Type::Str, std::make_shared<StrObject>(std::move(s)));
}

Value Value::list(std::vector<Value> items)
{
    auto o = std::make_shared<ListObject>();
    o->items = std::move(items);
    o->charged.charge(sizeof(ListObject) + o->items.capacity() * sizeof(Value));
    return object(Type::List, std::move(o));
}

Value Value::tuple(std::vector<Value> items)
{
    auto o = std::make_shared<ListObject>();
    o->items = std::move(items);
    o->charged.charge(sizeof(ListObject) + o->items.capacity() * sizeof(Value));
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

// Nested values visited by one hash or hashability check before it gives up: a tuple
// built as t = (t, t) sixty times has 2**60 leaves but only 60 distinct objects.
static constexpr std::size_t kMaxTraversalNodes = std::size_t(1) << 20;

bool isHashable(const Value &v)
{
    if (v.type() != Type::Tuple)
        return v.type() != Type::List && v.type() != Type::Dict && v.type() != Type::Set;
    // Explicit stack: tuples can nest as deep as a program likes. Each tuple is checked
    // once, however often it is shared.
    std::vector<const ListObject *> stack{v.as<ListObject>()};
    std::unordered_set<const ListObject *> seen{v.as<ListObject>()};
    std::size_t visited = 0;
    while (!stack.empty()) {
        const ListObject *t = stack.back();
        stack.pop_back();
        for (const Value &e : t->items) {
            if (++visited > kMaxTraversalNodes || !EvalMeter::spend(1))
                return false;
            switch (e.type()) {
            case Type::List: case Type::Dict: case Type::Set: return false;
            case Type::Tuple:
                if (seen.insert(e.as<ListObject>()).second)
                    stack.push_back(e.as<ListObject>());
                break;
            default: break;
            }
        }
    }
    return true;
}

static std::size_t scalarHash(const Value &v)
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
    case Type::Str:
        EvalMeter::spendBytes(v.str().size());
        return std::hash<std::string_view>()(v.str());
    case Type::HostFunction: return std::hash<std::string_view>()(v.as<HostFunctionObject>()->entry->name);
    default: return std::hash<const void *>()(v.obj());
    }
}

std::size_t ValueHash::operator()(const Value &v) const
{
    if (v.type() != Type::Tuple)
        return scalarHash(v);
    // Pre-order walk with an explicit stack. Equal values walk identically, so stopping
    // after a fixed number of nodes (or when the step budget is spent) still gives equal
    // values equal hashes.
    struct Level {
        const std::vector<Value> *items;
        std::size_t next;
        std::size_t h;
    };
    std::vector<Level> stack{{&v.as<ListObject>()->items, 0, 0x345678}};
    std::size_t visited = 0;
    bool stop = false;
    while (true) {
        Level &top = stack.back();
        if (top.next < top.items->size() && !stop) {
            const Value &e = (*top.items)[top.next++];
            if (++visited > kMaxTraversalNodes || !EvalMeter::spend(1))
                stop = true;
            if (e.type() == Type::Tuple && !stop) {
                stack.push_back({&e.as<ListObject>()->items, 0, 0x345678});
                continue;
            }
            top.h = (top.h ^ scalarHash(e)) * 1000003u;
            continue;
        }
        const std::size_t h = top.h;
        stack.pop_back();
        if (stack.empty())
            return h;
        stack.back().h = (stack.back().h ^ h) * 1000003u;
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
    charged.charge(sizeof(entries[0]) + (index.empty() ? 0 : 48));
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
    // Built aside and swapped in, so a failure half-way (out of memory) leaves the old
    // index rather than a partial one.
    std::unordered_map<Value, std::uint32_t, ValueHash, ValueEq> fresh;
    if (entries.size() > kLinear) {
        fresh.reserve(entries.size());
        for (std::size_t i = 0; i < entries.size(); ++i)
            fresh.emplace(entries[i].first, std::uint32_t(i));
    }
    index.swap(fresh);
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
    case Type::Str:
        if (a.obj() == b.obj())
            return true;
        if (a.str().size() != b.str().size())
            return false;
        EvalMeter::spendBytes(a.str().size());
        return a.str() == b.str();
    case Type::List: case Type::Tuple: {
        if (a.obj() == b.obj())
            return true;
        // Past this depth, or once the evaluation's step budget is spent (shared
        // sub-lists make the walk exponential), values compare unequal; the evaluator
        // reports the spent budget at its next step.
        if (depth > kMaxCompareDepth || !EvalMeter::spend(1))
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
        if (depth > kMaxCompareDepth || !EvalMeter::spend(1))
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

// Longer output is cut with "..." (the evaluator's string limit is 16 MiB by default).
static constexpr std::size_t kMaxReprBytes = std::size_t(1) << 24;

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
        // Bounded depth (the recursion below), bounded output, and bounded work: a
        // list holding the same sub-list twice at each of 60 levels prints 2**60 items.
        if (stack.size() > 200 || out.size() > kMaxReprBytes || !EvalMeter::spend(1)) {
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
    case Type::Typing: out += v.as<TypingObject>()->repr(); return;
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

void freeze(const Value &root)
{
    // Explicit work list: prelude values can nest as deep as the prelude builds them.
    std::unordered_set<const void *> seen; // payloads and scopes already done
    std::vector<const Value *> work{&root};
    std::vector<const Scope *> scopes;
    auto push = [&](const Value &v) {
        if (v.obj() && !seen.count(v.obj()))
            work.push_back(&v);
    };
    while (!work.empty() || !scopes.empty()) {
        if (work.empty()) {
            const Scope *sc = scopes.back();
            scopes.pop_back();
            for (const Scope *p = sc; p && seen.insert(p).second; p = p->parent.get())
                for (const auto &kv : p->vars)
                    push(kv.second);
            continue;
        }
        const Value &v = *work.back();
        work.pop_back();
        if (!v.obj() || !seen.insert(v.obj()).second)
            continue;
        switch (v.type()) {
        case Type::List: case Type::Tuple: {
            auto *l = v.as<ListObject>();
            l->frozen = true;
            for (const Value &e : l->items)
                push(e);
            break;
        }
        case Type::Dict: case Type::Set: {
            auto *d = v.as<DictObject>();
            d->frozen = true;
            for (const auto &[k, val] : d->entries) {
                push(k);
                push(val);
            }
            break;
        }
        case Type::Function: {
            auto *f = v.as<FunctionObject>();
            for (const Value &d : f->defaults)
                push(d);
            if (f->closure)
                scopes.push_back(f->closure.get());
            break;
        }
        case Type::Method: push(v.as<MethodObject>()->self); break;
        default: break;
        }
    }
}

// ---- substring search -------------------------------------------------------------------

namespace {

/// KMP failure table: f[i] = length of the longest proper border of p[0..i].
template <typename At>
std::vector<std::uint32_t> failureTable(std::size_t m, At at)
{
    std::vector<std::uint32_t> f(m, 0);
    std::uint32_t k = 0;
    for (std::size_t i = 1; i < m; ++i) {
        while (k > 0 && at(i) != at(k))
            k = f[k - 1];
        if (at(i) == at(k))
            ++k;
        f[i] = k;
    }
    return f;
}

} // namespace

std::size_t Searcher::find(std::string_view hay, std::size_t from) const
{
    const std::size_t n = hay.size(), m = m_needle.size();
    if (from > n || m > n - from)
        return npos;
    if (m <= kShort) {
        const std::size_t p = hay.find(m_needle, from);
        EvalMeter::spendBytes((p == npos ? n : p + m) - from);
        return p;
    }
    if (m_forward.empty())
        m_forward = failureTable(m, [this](std::size_t i) { return m_needle[i]; });
    const char first = m_needle[0];
    std::size_t j = 0;
    std::size_t i = from;
    while (i < n) {
        if (j == 0) {
            // Skip quickly to the next candidate start.
            const void *hit = std::memchr(hay.data() + i, first, n - i);
            if (!hit) {
                i = n;
                break;
            }
            i = std::size_t(static_cast<const char *>(hit) - hay.data());
        }
        while (j > 0 && hay[i] != m_needle[j])
            j = m_forward[j - 1];
        if (hay[i] == m_needle[j])
            ++j;
        ++i;
        if (j == m) {
            EvalMeter::spendBytes(i - from);
            return i - m;
        }
    }
    EvalMeter::spendBytes(n - from);
    return npos;
}

std::size_t Searcher::rfind(std::string_view hay, std::size_t before) const
{
    const std::size_t n = hay.size(), m = m_needle.size();
    if (m > n)
        return npos;
    const std::size_t lastStart = std::min(before, n - m);
    if (m <= kShort) {
        const std::size_t p = hay.rfind(m_needle, lastStart);
        EvalMeter::spendBytes(lastStart + m - (p == npos ? 0 : p));
        return p;
    }
    if (m_backward.empty())
        m_backward = failureTable(m, [this, m](std::size_t i) { return m_needle[m - 1 - i]; });
    // KMP over the reversed needle, scanning the haystack right to left from the last
    // byte an occurrence starting at lastStart could use.
    const std::size_t end = lastStart + m; // exclusive
    std::size_t j = 0;
    for (std::size_t k = end; k-- > 0;) {
        const char c = hay[k];
        while (j > 0 && c != m_needle[m - 1 - j])
            j = m_backward[j - 1];
        if (c == m_needle[m - 1 - j])
            ++j;
        if (j == m) {
            EvalMeter::spendBytes(end - k);
            return k;
        }
    }
    EvalMeter::spendBytes(end);
    return npos;
}

std::size_t findSubstring(std::string_view hay, std::string_view needle, std::size_t from)
{
    return Searcher(needle).find(hay, from);
}

} // namespace trellis::buildlang
