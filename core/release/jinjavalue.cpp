#include "core/release/jinjavalue.h"

#include <algorithm>

namespace trellis::release::jinja {

Value Value::undefined(std::string reason)
{
    Value v;
    v.m_reason = std::move(reason);
    return v;
}

Value Value::none()
{
    Value v;
    v.m_kind = Kind::None;
    return v;
}

Value Value::list(Items items)
{
    Value v;
    v.m_kind = Kind::List;
    v.m_items = std::make_shared<const Items>(std::move(items));
    return v;
}

Value Value::tuple(Items items)
{
    Value v = list(std::move(items));
    v.m_kind = Kind::Tuple;
    return v;
}

Value Value::dict(Pairs pairs)
{
    Value v;
    v.m_kind = Kind::Dict;
    v.m_pairs = std::make_shared<const Pairs>(std::move(pairs));
    return v;
}

Value Value::function(std::string name, Function fn)
{
    Value v;
    v.m_kind = Kind::Function;
    v.m_fn = std::make_shared<const Function>(std::move(fn));
    v.m_reason = std::move(name);
    return v;
}

const std::string &Value::str() const
{
    static const std::string empty;
    return m_string ? *m_string : empty;
}

const Value::Items &Value::items() const
{
    static const Items empty;
    return m_items ? *m_items : empty;
}

const Value::Pairs &Value::pairs() const
{
    static const Pairs empty;
    return m_pairs ? *m_pairs : empty;
}

const Function &Value::fn() const
{
    static const Function empty;
    return m_fn ? *m_fn : empty;
}

bool Value::truthy() const
{
    switch (m_kind) {
    case Kind::Undefined:
    case Kind::None:
        return false;
    case Kind::Bool:
    case Kind::Int:
        return m_int != 0;
    case Kind::String:
        return !str().empty();
    case Kind::List:
    case Kind::Tuple:
        return !items().empty();
    case Kind::Dict:
        return !pairs().empty();
    case Kind::Function:
        return true;
    }
    return false;
}

std::int64_t Value::length() const
{
    switch (m_kind) {
    case Kind::String:
        return std::int64_t(codePoints(str()).size());
    case Kind::List:
    case Kind::Tuple:
        return std::int64_t(items().size());
    case Kind::Dict:
        return std::int64_t(pairs().size());
    case Kind::Undefined:
        return 0;
    default:
        throw EvalError{std::string("object of type '") + typeName() + "' has no len()"};
    }
}

const Value *Value::find(const Value &key) const
{
    for (const auto &[k, v] : pairs())
        if (k == key)
            return &v;
    return nullptr;
}

Value::Items Value::iterate() const
{
    switch (m_kind) {
    case Kind::List:
    case Kind::Tuple:
        return items();
    case Kind::Dict: {
        Items keys;
        for (const auto &p : pairs())
            keys.push_back(p.first);
        return keys;
    }
    case Kind::String: {
        Items chars;
        for (std::string &c : codePoints(str()))
            chars.emplace_back(std::move(c));
        return chars;
    }
    case Kind::Undefined:
        return {};
    default:
        throw EvalError{std::string("'") + typeName() + "' object is not iterable"};
    }
}

const char *Value::typeName() const
{
    switch (m_kind) {
    case Kind::Undefined: return "Undefined";
    case Kind::None: return "NoneType";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::String: return "str";
    case Kind::List: return "list";
    case Kind::Tuple: return "tuple";
    case Kind::Dict: return "dict";
    case Kind::Function: return "function";
    }
    return "object";
}

bool operator==(const Value &a, const Value &b)
{
    if (a.isInt() && b.isInt())
        return a.m_int == b.m_int;
    if (a.isSequence() && b.isSequence())
        return a.m_kind == b.m_kind && a.items() == b.items();
    if (a.m_kind != b.m_kind)
        return false;
    switch (a.m_kind) {
    case Value::Kind::Undefined:
    case Value::Kind::None:
        return true;
    case Value::Kind::String:
        return a.str() == b.str();
    case Value::Kind::Dict:
        if (a.pairs().size() != b.pairs().size())
            return false;
        for (const auto &[k, v] : a.pairs()) {
            const Value *other = b.find(k);
            if (!other || !(*other == v))
                return false;
        }
        return true;
    case Value::Kind::Function:
        return a.m_fn == b.m_fn;
    default:
        return false;
    }
}

namespace {

std::string reprString(const std::string &s)
{
    // Python prefers single quotes, double quotes when the text has ' but no ".
    const bool dq = s.find('\'') != std::string::npos && s.find('"') == std::string::npos;
    const char q = dq ? '"' : '\'';
    std::string out(1, q);
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
            } else if (c < 0x20 || c == 0x7f) {
                static const char hex[] = "0123456789abcdef";
                out += "\\x";
                out += hex[c >> 4];
                out += hex[c & 15];
            } else {
                out += char(c);
            }
        }
    }
    out += q;
    return out;
}

} // namespace

std::string toPythonRepr(const Value &v)
{
    switch (v.kind()) {
    case Value::Kind::String:
        return reprString(v.str());
    case Value::Kind::List:
    case Value::Kind::Tuple: {
        const bool tuple = v.kind() == Value::Kind::Tuple;
        std::string out = tuple ? "(" : "[";
        for (size_t i = 0; i < v.items().size(); ++i)
            out += (i ? ", " : "") + toPythonRepr(v.items()[i]);
        if (tuple && v.items().size() == 1)
            out += ",";
        return out + (tuple ? ")" : "]");
    }
    case Value::Kind::Dict: {
        std::string out = "{";
        bool first = true;
        for (const auto &[k, val] : v.pairs()) {
            out += (first ? "" : ", ") + toPythonRepr(k) + ": " + toPythonRepr(val);
            first = false;
        }
        return out + "}";
    }
    case Value::Kind::Undefined:
        return "Undefined";
    default:
        return toPythonStr(v);
    }
}

std::string toPythonStr(const Value &v)
{
    switch (v.kind()) {
    case Value::Kind::Undefined:
        return "";
    case Value::Kind::None:
        return "None";
    case Value::Kind::Bool:
        return v.toInt() ? "True" : "False";
    case Value::Kind::Int:
        return std::to_string(v.toInt());
    case Value::Kind::String:
        return v.str();
    case Value::Kind::Function:
        return "<function " + v.undefinedReason() + ">";
    default:
        return toPythonRepr(v);
    }
}

namespace {

// Decodes UTF-8 to code points for comparisons (Python compares strings by code point,
// which for valid UTF-8 equals byte order; kept explicit for clarity).
bool lessString(const std::string &a, const std::string &b)
{
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                        [](char x, char y) { return static_cast<unsigned char>(x) < static_cast<unsigned char>(y); });
}

} // namespace

bool lessThan(const Value &a, const Value &b)
{
    if (a.isInt() && b.isInt())
        return a.toInt() < b.toInt();
    if (a.isString() && b.isString())
        return lessString(a.str(), b.str());
    if (a.isSequence() && b.isSequence() && a.kind() == b.kind()) {
        const auto &x = a.items();
        const auto &y = b.items();
        for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
            if (x[i] == y[i])
                continue;
            return lessThan(x[i], y[i]);
        }
        return x.size() < y.size();
    }
    throw EvalError{std::string("'<' not supported between instances of '") + a.typeName() + "' and '" + b.typeName() + "'"};
}

bool contains(const Value &container, const Value &item)
{
    switch (container.kind()) {
    case Value::Kind::String:
        if (!item.isString())
            throw EvalError{std::string("'in <string>' requires string as left operand, not ") + item.typeName()};
        return container.str().find(item.str()) != std::string::npos;
    case Value::Kind::List:
    case Value::Kind::Tuple:
        return std::find(container.items().begin(), container.items().end(), item) != container.items().end();
    case Value::Kind::Dict:
        return container.find(item) != nullptr;
    case Value::Kind::Undefined:
        return false;
    default:
        throw EvalError{std::string("argument of type '") + container.typeName() + "' is not iterable"};
    }
}

std::vector<std::string> codePoints(const std::string &s)
{
    std::vector<std::string> out;
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        n = std::min(n, s.size() - i);
        out.push_back(s.substr(i, n));
        i += n;
    }
    return out;
}

bool isPythonSpace(const std::string &cp)
{
    if (cp.size() == 1) {
        const char c = cp[0];
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\x1c' && c <= '\x1f');
    }
    static const char *const wide[] = {"\u0085", "\u00a0", "\u1680", "\u2000", "\u2001", "\u2002", "\u2003",
                                       "\u2004", "\u2005", "\u2006", "\u2007", "\u2008", "\u2009", "\u200a",
                                       "\u2028", "\u2029", "\u202f", "\u205f", "\u3000"};
    return std::find(std::begin(wide), std::end(wide), cp) != std::end(wide);
}

std::string pyStrip(const std::string &s, bool left, bool right)
{
    const std::vector<std::string> cps = codePoints(s);
    size_t b = 0, e = cps.size();
    if (left)
        while (b < e && isPythonSpace(cps[b]))
            ++b;
    if (right)
        while (e > b && isPythonSpace(cps[e - 1]))
            --e;
    std::string out;
    for (size_t i = b; i < e; ++i)
        out += cps[i];
    return out;
}

} // namespace trellis::release::jinja
