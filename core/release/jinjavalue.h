// jinja::Value: the values a Jinja template sees, with Python's semantics where towncrier
// templates observe them (truthiness, str(), ==, <, `in`, len, code-point strings).
//
//   Value sections = Value::dict({{Value("Features"), Value::list({Value("#1")})}});
//   sections.truthy();                 // true
//   Value("ü").length();               // 1 (code points, as Python's len)
//   toPythonStr(Value::list({1, "a"}));    // "[1, 'a']"
//
// Lists, tuples and dicts are shared and immutable once built (templates cannot mutate
// them), so a Value copies in O(1). Undefined carries the reason it is undefined, which
// becomes the message when a template uses it for more than printing or testing.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace trellis::release::jinja {

class Value;

/// Positional and keyword arguments of a call.
struct CallArgs {
    std::vector<Value> positional;
    std::vector<std::pair<std::string, Value>> keywords;
};

/// A host function (towncrier's get_indent) or a bound method ("a".split).
using Function = std::function<Value(const CallArgs &)>;

/// Thrown inside the evaluator only (never across the module API): a template error at
/// run time, turned into a Diagnostic with the template position by Template::render.
struct EvalError {
    std::string message;
};

class Value {
public:
    enum class Kind { Undefined, None, Bool, Int, String, List, Tuple, Dict, Function };
    using Items = std::vector<Value>;
    using Pairs = std::vector<std::pair<Value, Value>>;

    /// Undefined, with the reason ("'x' is undefined").
    Value() = default;
    Value(bool b) : m_kind(Kind::Bool), m_int(b) {}
    Value(int i) : m_kind(Kind::Int), m_int(i) {}
    Value(std::int64_t i) : m_kind(Kind::Int), m_int(i) {}
    Value(std::string s) : m_kind(Kind::String), m_string(std::make_shared<const std::string>(std::move(s))) {}
    Value(const char *s) : Value(std::string(s)) {}

    static Value undefined(std::string reason);
    static Value none();
    static Value list(Items items);
    static Value tuple(Items items);
    /// Keys keep their insertion order (Python dicts do).
    static Value dict(Pairs pairs);
    static Value function(std::string name, Function fn);

    Kind kind() const { return m_kind; }
    bool isUndefined() const { return m_kind == Kind::Undefined; }
    bool isNone() const { return m_kind == Kind::None; }
    bool isString() const { return m_kind == Kind::String; }
    bool isInt() const { return m_kind == Kind::Int || m_kind == Kind::Bool; }
    bool isSequence() const { return m_kind == Kind::List || m_kind == Kind::Tuple; }
    bool isDict() const { return m_kind == Kind::Dict; }
    bool isCallable() const { return m_kind == Kind::Function; }

    const std::string &str() const;          ///< String only
    std::int64_t toInt() const { return m_int; }
    const Items &items() const;               ///< List and Tuple only
    const Pairs &pairs() const;               ///< Dict only
    const Function &fn() const;               ///< Function only
    const std::string &undefinedReason() const { return m_reason; }

    /// Python bool().
    bool truthy() const;
    /// Python len(): code points of a string, items of a sequence or dict. Throws for others.
    std::int64_t length() const;
    /// Dict lookup by key; nullptr when absent.
    const Value *find(const Value &key) const;
    /// for-loop iteration: items of a sequence, keys of a dict, characters of a string,
    /// nothing for Undefined. Throws for others.
    Items iterate() const;
    /// "str", "int", "list", "dict", ... as Python's type names in messages.
    const char *typeName() const;

    friend bool operator==(const Value &a, const Value &b);

private:
    Kind m_kind = Kind::Undefined;
    std::int64_t m_int = 0;
    std::shared_ptr<const std::string> m_string;
    std::shared_ptr<const Items> m_items;
    std::shared_ptr<const Pairs> m_pairs;
    std::shared_ptr<const Function> m_fn;
    std::string m_reason;   ///< Undefined: why; Function: its name
};

/// Python str(): what `{{ value }}` prints ("" for Undefined, "None", "True", "[1, 'a']").
std::string toPythonStr(const Value &v);
/// Python repr() ("'a'", "[1, 'a']", "{'k': 1}").
std::string toPythonRepr(const Value &v);
/// Python `<` for ints, strings (by code point) and sequences; throws EvalError otherwise.
bool lessThan(const Value &a, const Value &b);
/// Python `a in b` (substring, item, dict key).
bool contains(const Value &container, const Value &item);

/// Code-point helpers for UTF-8 strings (Python str indexing).
std::vector<std::string> codePoints(const std::string &s);
/// Python's str.isspace() for one code point (ASCII whitespace, \x1c-\x1f, U+0085, U+00A0,
/// the Unicode space separators and line/paragraph separators).
bool isPythonSpace(const std::string &codePoint);
/// Python str.strip()/lstrip()/rstrip() without arguments (Unicode whitespace).
std::string pyStrip(const std::string &s, bool left = true, bool right = true);

} // namespace trellis::release::jinja
