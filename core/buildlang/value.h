// Value: the interpreter's runtime values. Scalars are stored inline; strings, lists,
// tuples, dicts, sets and callables live in reference-counted objects.
//
//   Value v = Value::string("a.py");
//   Value l = Value::list({v, Value::integer(1)});
//   typeName(l);   // "list"
//
// Mutable containers carry a `frozen` flag; once a prelude has been loaded every value
// reachable from it is frozen, so BUILD files on other threads can only read them.
//
// Nothing here recurses as deep as user data goes: containers release their elements
// through a per-thread work list (a 200,000-deep `[[[...]]]` is freed in a loop), hashing
// and hashability walk an explicit stack, and equality and repr stop at a fixed depth.
// While an EvalMeter is installed on the thread (the Interpreter installs one), traversals
// charge their work to the evaluation's step counter and stop early once it is spent, and
// strings and containers count their bytes against the evaluation's memory budget.
#pragma once

#include "core/buildlang/hostinterface.h"
#include "core/buildlang/hostvalue.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace trellis::buildlang {

enum class Type : std::uint8_t {
    None, Bool, Int, Float, Str, List, Tuple, Dict, Set, Range,
    Function, Builtin, Method, HostFunction, HostObject, Typing, ExceptionType, Exception,
};

/// Base of every heap-allocated payload.
struct Object {
    virtual ~Object() = default;
};

class Value {
public:
    Value() : m_int(0) {}
    static Value none() { return {}; }
    static Value boolean(bool b) { Value v; v.m_type = Type::Bool; v.m_bool = b; return v; }
    static Value integer(std::int64_t i) { Value v; v.m_type = Type::Int; v.m_int = i; return v; }
    static Value real(double d) { Value v; v.m_type = Type::Float; v.m_float = d; return v; }
    static Value string(std::string s);
    static Value list(std::vector<Value> items);
    static Value tuple(std::vector<Value> items);
    static Value dict();
    static Value set();
    static Value object(Type t, std::shared_ptr<Object> o) { Value v; v.m_type = t; v.m_obj = std::move(o); return v; }

    Type type() const { return m_type; }
    bool isNone() const { return m_type == Type::None; }
    bool asBool() const { return m_bool; }
    std::int64_t asInt() const { return m_int; }
    double asFloat() const { return m_type == Type::Int ? double(m_int) : m_float; }
    const std::string &str() const;          ///< Str payload (precondition: type Str)
    Object *obj() const { return m_obj.get(); }
    template <typename T> T *as() const { return static_cast<T *>(m_obj.get()); }
    const std::shared_ptr<Object> &shared() const { return m_obj; }
    /// Moves the payload out, leaving None (for payload destructors, see ReleaseScope).
    std::shared_ptr<Object> takeObject() { m_type = Type::None; return std::move(m_obj); }

private:
    Type m_type = Type::None;
    union {
        bool m_bool;
        std::int64_t m_int;
        double m_float;
    };
    std::shared_ptr<Object> m_obj;
};

/// Per-thread accounting for one evaluation. While installed (it stacks: the previous
/// meter is restored on destruction), value traversals (equals, hashing, repr) add one
/// step per 32 nodes visited, and string search charges one step per 256 bytes scanned,
/// to `steps`; traversals stop early (unequal, partial hash, "...") once `steps` exceeds
/// `maxSteps`, and the evaluator's next step reports the limit. Strings, lists and dicts
/// created while it is installed count their bytes as live until destroyed; once more
/// than `maxBytes` are live, memoryExceeded() is true (the evaluator checks it on its
/// periodic step and fails with "memory limit exceeded").
class EvalMeter {
public:
    EvalMeter(std::int64_t &steps, std::int64_t maxSteps, std::int64_t maxBytes);
    ~EvalMeter();
    EvalMeter(const EvalMeter &) = delete;
    EvalMeter &operator=(const EvalMeter &) = delete;

    std::int64_t liveBytes() const { return m_live; }
    std::int64_t maxBytes() const { return m_maxBytes; }
    bool memoryExceeded() const { return m_live > m_maxBytes; }

    /// The meter installed on this thread, or null.
    static EvalMeter *current();
    /// Charges `units` of work (1 step per 32 units); false once the step budget is spent.
    static bool spend(std::int64_t units);
    /// Charges scanning `bytes` bytes (1 step per 256 bytes).
    static void spendBytes(std::size_t bytes) { spend(std::int64_t(bytes >> 3)); }

    // Memory accounting for the payload types (see MeterCharge).
    std::uint32_t id() const { return m_id; }
    void add(std::int64_t bytes);

private:
    std::int64_t &m_steps;
    std::int64_t m_maxSteps;
    std::int64_t m_maxBytes;
    std::int64_t m_live = 0;
    std::int64_t m_work = 0;
    std::uint32_t m_id;
    EvalMeter *m_previous;
};

/// Bytes a payload charged to the meter that was current when it was created; given
/// back on destruction if that meter is still the current one.
struct MeterCharge {
    std::uint32_t meterId = 0;
    std::uint32_t bytes = 0;
    void charge(std::size_t n);
    void release();
};

/// Drops payloads without recursion. The destructor of every payload that holds Values or
/// other payloads hands them to a ReleaseScope instead of letting them die in place; the
/// outermost scope on the thread then frees the whole chain in a loop, so a 200,000-deep
/// `[[[...]]]`, a linked list of instances or a long class chain cannot exhaust the stack.
///
///   ~InstanceObject() override { ReleaseScope r; for (auto &a : attrs) r.add(a.second); r.add(std::move(cls)); }
class ReleaseScope {
public:
    ReleaseScope() noexcept;
    ~ReleaseScope();
    ReleaseScope(const ReleaseScope &) = delete;
    ReleaseScope &operator=(const ReleaseScope &) = delete;
    /// Queues `o` when this drops its last reference (otherwise just drops the reference).
    void add(std::shared_ptr<Object> o) noexcept;
    void add(Value &v) noexcept { add(v.takeObject()); }

private:
    std::vector<std::shared_ptr<Object>> *m_queue; ///< the thread's queue (m_own when this scope owns it)
    bool m_owner;
    std::vector<std::shared_ptr<Object>> m_own;
};

struct StrObject : Object {
    explicit StrObject(std::string s);
    ~StrObject() override;
    std::string text;
    MeterCharge charged;
};

/// List or tuple payload. Tuples are never mutated.
struct ListObject : Object {
    ListObject() = default;
    ~ListObject() override;
    std::vector<Value> items;
    bool frozen = false;
    MeterCharge charged; ///< for the capacity at creation (growth is bounded by the step budget)
};

struct ValueHash { std::size_t operator()(const Value &v) const; };
struct ValueEq { bool operator()(const Value &a, const Value &b) const; };

/// Dict or set payload (a set stores None values). Insertion-ordered; small tables are
/// searched linearly, larger ones through `index` (kept in sync on every change).
struct DictObject : Object {
    DictObject() = default;
    ~DictObject() override;
    std::vector<std::pair<Value, Value>> entries;
    std::unordered_map<Value, std::uint32_t, ValueHash, ValueEq> index; ///< empty while entries.size() <= kLinear
    bool frozen = false;
    MeterCharge charged; ///< per inserted entry
    static constexpr std::size_t kLinear = 8;

    /// Position of `key` or -1. Precondition: key is hashable.
    std::ptrdiff_t find(const Value &key) const;
    /// Inserts or replaces. Precondition: key hashable, not frozen.
    void insert(const Value &key, Value value);
    /// Removes the entry at `pos`.
    void erase(std::size_t pos);
    void rebuildIndex();
};

struct RangeObject : Object {
    std::int64_t start = 0, stop = 0, step = 1;
    std::int64_t length() const;
    std::int64_t at(std::int64_t i) const { return start + i * step; }
};

/// A name that exists only to be referenced (typing names like `Optional`, `Dict`).
struct TypingObject : Object {
    explicit TypingObject(std::string n) : name(std::move(n)) {}
    std::string name;
    /// Python repr; the interpreter's class/instance objects (interpreter.h) override it.
    virtual std::string repr() const { return "typing." + name; }
};

/// A builtin exception class (ValueError, ...) or an instance made by calling one.
struct ExceptionObject : Object {
    std::string typeName;
    std::string message;
};

/// A host object returned by a host function (HostValue of kind Object).
struct HostObjectValue : Object {
    explicit HostObjectValue(HostValue v) : value(std::move(v)) {}
    HostValue value;
};

struct FuncDef;
struct Module;
class Interpreter;
struct CallArgs;

/// Local variables of one function activation or comprehension. `parent` is the
/// enclosing function's scope (closures); null at file level.
struct Scope {
    ~Scope();
    std::vector<std::pair<std::string_view, Value>> vars;
    std::shared_ptr<Scope> parent;
};

/// File-level names. Keys point into the source text of the module that assigned them.
using Globals = std::unordered_map<std::string_view, Value>;

/// A `def` or `lambda` value.
struct FunctionObject : Object {
    ~FunctionObject() override;
    const FuncDef *def = nullptr;          ///< owned by `module`
    const Module *module = nullptr;        ///< not owned: kept alive by the PreludeData or the evaluateBuildFile call
    std::vector<Value> defaults;           ///< one per parameter; meaningful where the parameter has a default
    std::shared_ptr<Scope> closure;        ///< enclosing function scope; null for top-level functions
    Globals *globals = nullptr;            ///< the defining file's names (not owned)
    bool inPrelude = false;                ///< defined by a prelude (globals are the frozen prelude names)
};

using BuiltinFn = Value (*)(Interpreter &, CallArgs &);
using MethodFn = Value (*)(Interpreter &, const Value &self, CallArgs &);

/// A builtin function or builtin type (`len`, `str`, `dict`).
struct BuiltinObject : Object {
    std::string_view name;
    BuiltinFn fn = nullptr;
    bool isType = false;     ///< usable with isinstance
    Type typeTag = Type::None;
};

/// A method bound to its receiver (`"a".join`).
struct MethodObject : Object {
    ~MethodObject() override;
    Value self;
    std::string_view name;
    MethodFn fn = nullptr;
};

/// A function registered by the host (target types and friends).
struct HostFunctionObject : Object {
    const Dialect::Entry *entry = nullptr; ///< owned by the Dialect, which outlives every value
};

const char *typeName(Type t);
inline const char *typeName(const Value &v) { return typeName(v.type()); }

bool truthy(const Value &v);
bool isHashable(const Value &v);
/// Python equality.
bool equals(const Value &a, const Value &b);
/// Python repr / str.
std::string repr(const Value &v);
std::string toStr(const Value &v);
void appendRepr(std::string &out, const Value &v, int depth = 0);
/// Python's repr of a float ("1.0", "1e+16", "inf").
std::string formatFloat(double d);
/// Python repr of a string ('a', "it's").
void appendQuoted(std::string &out, std::string_view s);

/// Freezes every container reachable from v (closures included).
void freeze(const Value &v);

/// Substring search in time linear in the haystack and needle for every input (KMP for
/// needles longer than a few bytes; std::string_view::find's worst case is quadratic).
/// Positions are byte offsets, as with std::string::find/rfind. Each search charges the
/// bytes it scans to the current EvalMeter.
class Searcher {
public:
    static constexpr std::size_t npos = std::string_view::npos;
    explicit Searcher(std::string_view needle) : m_needle(needle) {}
    /// First occurrence starting at or after `from`.
    std::size_t find(std::string_view hay, std::size_t from = 0) const;
    /// Last occurrence starting at or before `before`.
    std::size_t rfind(std::string_view hay, std::size_t before = npos) const;

private:
    static constexpr std::size_t kShort = 8; ///< needles up to this length use std::string_view (worst case kShort * n)
    std::string_view m_needle;
    mutable std::vector<std::uint32_t> m_forward;  ///< KMP failure table of the needle
    mutable std::vector<std::uint32_t> m_backward; ///< ... of the reversed needle
};

/// Convenience: Searcher(needle).find(hay, from).
std::size_t findSubstring(std::string_view hay, std::string_view needle, std::size_t from = 0);

} // namespace trellis::buildlang
