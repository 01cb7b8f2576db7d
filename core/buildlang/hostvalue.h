// HostValue: the plain C++ data that crosses from the BUILD-language interpreter into
// the host (the workspace layer), and back. No interpreter internals leak through it.
//
//   HostValue v = HostValue::list({HostValue::string("a.py"), HostValue::string("!b.py")});
//   for (const HostValue &e : v.items()) use(e.str());
//
// Values are immutable and cheap to copy (composites share their payload), so they may
// be handed between threads freely.
#pragma once

#include "core/base/sourcelocation.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace trellis::buildlang {

class HostValue;
using HostList = std::vector<HostValue>;
using HostPair = std::pair<HostValue, HostValue>;
/// Dict entries in insertion order (Python dict semantics).
using HostDict = std::vector<HostPair>;
using HostKwarg = std::pair<std::string, HostValue>;
using HostKwargs = std::vector<HostKwarg>;

/// A structured value made by a host function or a builtin object, e.g. the result of
/// `parametrize("a", "b")`, `python_artifact(name="x")` or `build_file_dir()`.
struct HostObject {
    std::string typeName;  ///< "parametrize", "python_artifact", "PurePath", ...
    HostList args;         ///< positional arguments it was made with
    HostKwargs kwargs;     ///< keyword arguments it was made with, in call order
    /// When non-empty, `**obj` in a call expands to the single keyword argument
    /// `unpackKey=obj` (Pants' group form `**parametrize("name", a=1, b=2)`).
    std::string unpackKey;
    /// When non-empty, `str(obj)` returns this (e.g. a PurePath's text).
    std::string strValue;
};

class HostValue {
public:
    enum class Kind { None, Bool, Int, Float, String, List, Tuple, Set, Dict, Symbol, Object };

    HostValue() = default; ///< None

    static HostValue none() { return {}; }
    static HostValue boolean(bool b);
    static HostValue integer(std::int64_t i);
    static HostValue real(double d);
    static HostValue string(std::string s);
    static HostValue list(HostList items);
    static HostValue tuple(HostList items);
    static HostValue set(HostList items);
    static HostValue dict(HostDict entries);
    /// A registered host callable used as a value rather than called, e.g. the key
    /// `python_tests` in `__defaults__({python_tests: dict(timeout=60)})`. Holds its name.
    static HostValue symbol(std::string name);
    static HostValue object(HostObject obj);

    Kind kind() const { return m_kind; }
    bool isNone() const { return m_kind == Kind::None; }
    bool isString() const { return m_kind == Kind::String; }
    bool isSequence() const { return m_kind == Kind::List || m_kind == Kind::Tuple || m_kind == Kind::Set; }

    bool asBool() const;                 ///< Bool payload (false for other kinds)
    std::int64_t asInt() const;          ///< Int payload (0 for other kinds)
    double asFloat() const;              ///< Float or Int payload
    const std::string &str() const;      ///< String or Symbol payload ("" otherwise)
    const HostList &items() const;       ///< List/Tuple/Set payload (empty otherwise)
    const HostDict &entries() const;     ///< Dict payload (empty otherwise)
    const HostObject &object() const;    ///< Object payload (an empty object otherwise)

    /// Dict lookup by string key; nullptr when absent or not a dict.
    const HostValue *get(std::string_view key) const;

    /// Python `repr()` of the value: `'a'`, `['a', 1]`, `{'k': None}`, `parametrize('a', 'b')`.
    std::string repr() const;
    /// Python-style equality (list == list element-wise, 1 == 1.0, dict order-insensitive).
    friend bool operator==(const HostValue &a, const HostValue &b);

    /// Where the value was written in source, when known (set by the interpreter for
    /// call arguments; invalid otherwise). Not part of equality.
    base::SourceLocation location;

private:
    Kind m_kind = Kind::None;
    std::variant<std::monostate, bool, std::int64_t, double, std::shared_ptr<const std::string>,
                 std::shared_ptr<const HostList>, std::shared_ptr<const HostDict>,
                 std::shared_ptr<const HostObject>>
        m_data;
};

const char *kindName(HostValue::Kind k);

} // namespace trellis::buildlang
