// The renderer of the Jinja subset: walks the statements of jinjaast_p.h with a scope
// stack, evaluating expressions with Python semantics (jinjavalue.h).
//
// Scoping follows Jinja: each for-loop iteration is a new scope (a `set` inside a loop
// does not leak out of it), `if` bodies share their enclosing scope. Attribute access
// tries the attribute (the Python methods templates call: str.split, dict.items, ...)
// and then the item; item access the other way round; a miss is Undefined, which prints
// as "" and is false, but fails with Jinja's message ("list object has no element 0")
// as soon as it is used further.

#include "core/release/jinja.h"
#include "core/release/jinjaast_p.h"

#include <QString>

#include <algorithm>
#include <map>

namespace trellis::release::jinja {

using detail::Body;
using detail::Expr;
using detail::Stmt;

namespace {

std::string objectTypeRepr(const Value &v)
{
    if (v.isNone())
        return "None";
    return std::string(v.typeName()) + " object";
}

[[noreturn]] void throwUndefined(const Value &v)
{
    throw EvalError{v.undefinedReason()};
}

// Argument `i`, or keyword `name`, or `fallback` (returned by value: fallbacks are temporaries).
Value arg(const CallArgs &a, size_t i, const char *name, const Value &fallback)
{
    if (i < a.positional.size())
        return a.positional[i];
    for (const auto &[k, v] : a.keywords)
        if (k == name)
            return v;
    return fallback;
}

std::string needString(const Value &v, const char *what)
{
    if (v.isUndefined())
        throwUndefined(v);
    if (!v.isString())
        throw EvalError{std::string(what) + " expects a string, got " + v.typeName()};
    return v.str();
}

std::int64_t needInt(const Value &v, const char *what)
{
    if (v.isUndefined())
        throwUndefined(v);
    if (!v.isInt())
        throw EvalError{std::string(what) + " expects an integer, got " + v.typeName()};
    return v.toInt();
}

std::string qtCase(const std::string &s, bool upper)
{
    const QString q = QString::fromStdString(s);
    return (upper ? q.toUpper() : q.toLower()).toStdString();
}

std::string joinCodePoints(const std::vector<std::string> &cps, size_t from, size_t to)
{
    std::string out;
    for (size_t i = from; i < to && i < cps.size(); ++i)
        out += cps[i];
    return out;
}

// Python str.capitalize().
std::string capitalize(const std::string &s)
{
    const std::vector<std::string> cps = codePoints(s);
    if (cps.empty())
        return s;
    return qtCase(cps[0], true) + qtCase(joinCodePoints(cps, 1, cps.size()), false);
}

// Python str.splitlines() (keepends=False) for the line breaks Python knows.
std::vector<std::string> splitLines(const std::string &s, bool keepEnds = false)
{
    std::vector<std::string> out;
    const std::vector<std::string> cps = codePoints(s);
    std::string line;
    for (size_t i = 0; i < cps.size(); ++i) {
        const std::string &c = cps[i];
        const bool br = c == "\n" || c == "\r" || c == "\v" || c == "\f" || c == "\x1c" || c == "\x1d" || c == "\x1e"
                        || c == "\u0085" || c == "\u2028" || c == "\u2029";
        if (!br) {
            line += c;
            continue;
        }
        std::string end = c;
        if (c == "\r" && i + 1 < cps.size() && cps[i + 1] == "\n") {
            end += "\n";
            ++i;
        }
        out.push_back(keepEnds ? line + end : line);
        line.clear();
    }
    if (!line.empty())
        out.push_back(line);
    return out;
}

// Python str.split(sep, maxsplit) / rsplit.
std::vector<std::string> pySplit(const std::string &s, const Value &sepV, std::int64_t maxsplit, bool fromRight)
{
    std::vector<std::string> parts;
    if (sepV.isNone() || sepV.isUndefined()) {
        std::vector<std::string> cps = codePoints(s);
        if (fromRight)
            std::reverse(cps.begin(), cps.end());
        size_t i = 0;
        while (true) {
            while (i < cps.size() && isPythonSpace(cps[i]))
                ++i;
            if (i >= cps.size())
                break;
            if (maxsplit >= 0 && std::int64_t(parts.size()) == maxsplit) {
                size_t e = cps.size();
                while (e > i && isPythonSpace(cps[e - 1]))
                    --e;
                std::vector<std::string> rest(cps.begin() + i, cps.begin() + e);
                if (fromRight)
                    std::reverse(rest.begin(), rest.end());
                parts.push_back(joinCodePoints(rest, 0, rest.size()));
                break;
            }
            size_t j = i;
            while (j < cps.size() && !isPythonSpace(cps[j]))
                ++j;
            std::vector<std::string> word(cps.begin() + i, cps.begin() + j);
            if (fromRight)
                std::reverse(word.begin(), word.end());
            parts.push_back(joinCodePoints(word, 0, word.size()));
            i = j;
        }
        if (fromRight)
            std::reverse(parts.begin(), parts.end());
        return parts;
    }
    const std::string sep = needString(sepV, "split");
    if (sep.empty())
        throw EvalError{"empty separator"};
    if (!fromRight) {
        size_t start = 0;
        while (true) {
            const size_t at = s.find(sep, start);
            if (at == std::string::npos || (maxsplit >= 0 && std::int64_t(parts.size()) == maxsplit)) {
                parts.push_back(s.substr(start));
                break;
            }
            parts.push_back(s.substr(start, at - start));
            start = at + sep.size();
        }
        return parts;
    }
    size_t end = s.size();
    while (true) {
        const size_t at = end >= sep.size() ? s.rfind(sep, end - sep.size()) : std::string::npos;
        if (at == std::string::npos || (maxsplit >= 0 && std::int64_t(parts.size()) == maxsplit)) {
            parts.push_back(s.substr(0, end));
            break;
        }
        parts.push_back(s.substr(at + sep.size(), end - at - sep.size()));
        end = at;
    }
    std::reverse(parts.begin(), parts.end());
    return parts;
}

std::string pyStripChars(const std::string &s, const Value &chars, bool left, bool right)
{
    if (chars.isNone() || chars.isUndefined())
        return pyStrip(s, left, right);
    const std::vector<std::string> set = codePoints(needString(chars, "strip"));
    const std::vector<std::string> cps = codePoints(s);
    auto in = [&](const std::string &c) { return std::find(set.begin(), set.end(), c) != set.end(); };
    size_t b = 0, e = cps.size();
    if (left)
        while (b < e && in(cps[b]))
            ++b;
    if (right)
        while (e > b && in(cps[e - 1]))
            --e;
    return joinCodePoints(cps, b, e);
}

std::string replaceAll(const std::string &s, const std::string &from, const std::string &to, std::int64_t count)
{
    if (from.empty()) {
        // Python inserts `to` between every character (and at both ends).
        std::string out;
        std::int64_t n = 0;
        for (const std::string &c : codePoints(s)) {
            if (count < 0 || n < count) {
                out += to;
                ++n;
            }
            out += c;
        }
        if (count < 0 || n < count)
            out += to;
        return out;
    }
    std::string out;
    size_t start = 0;
    std::int64_t n = 0;
    while (count < 0 || n < count) {
        const size_t at = s.find(from, start);
        if (at == std::string::npos)
            break;
        out += s.substr(start, at - start) + to;
        start = at + from.size();
        ++n;
    }
    return out + s.substr(start);
}

Value stringList(const std::vector<std::string> &parts)
{
    Value::Items items;
    for (const std::string &p : parts)
        items.emplace_back(p);
    return Value::list(std::move(items));
}

bool affixMatch(const std::string &s, const Value &affix, bool prefix)
{
    auto one = [&](const Value &a) {
        const std::string x = needString(a, prefix ? "startswith" : "endswith");
        if (x.size() > s.size())
            return false;
        return prefix ? s.compare(0, x.size(), x) == 0 : s.compare(s.size() - x.size(), x.size(), x) == 0;
    };
    if (affix.kind() == Value::Kind::Tuple) {
        for (const Value &a : affix.items())
            if (one(a))
                return true;
        return false;
    }
    return one(affix);
}

// A bound method of a string, dict or list; nullopt when there is no such method.
std::optional<Value> method(const Value &self, const std::string &name)
{
    auto bind = [&](auto body) { return Value::function(name, [self, body](const CallArgs &a) { return body(self, a); }); };
    static const Value none = Value::none();
    static const Value undef;
    if (self.isString()) {
        if (name == "split" || name == "rsplit")
            return bind([rsplit = name == "rsplit"](const Value &s, const CallArgs &a) {
                return stringList(pySplit(s.str(), arg(a, 0, "sep", none), arg(a, 1, "maxsplit", Value(-1)).toInt(), rsplit));
            });
        if (name == "strip" || name == "lstrip" || name == "rstrip")
            return bind([name](const Value &s, const CallArgs &a) {
                return Value(pyStripChars(s.str(), arg(a, 0, "chars", none), name != "rstrip", name != "lstrip"));
            });
        if (name == "startswith" || name == "endswith")
            return bind([prefix = name == "startswith"](const Value &s, const CallArgs &a) {
                return Value(affixMatch(s.str(), arg(a, 0, "prefix", undef), prefix));
            });
        if (name == "upper" || name == "lower")
            return bind([up = name == "upper"](const Value &s, const CallArgs &) { return Value(qtCase(s.str(), up)); });
        if (name == "capitalize")
            return bind([](const Value &s, const CallArgs &) { return Value(capitalize(s.str())); });
        if (name == "replace")
            return bind([](const Value &s, const CallArgs &a) {
                return Value(replaceAll(s.str(), needString(arg(a, 0, "old", undef), "replace"), needString(arg(a, 1, "new", undef), "replace"),
                                        arg(a, 2, "count", Value(-1)).toInt()));
            });
        if (name == "splitlines")
            return bind([](const Value &s, const CallArgs &a) { return stringList(splitLines(s.str(), arg(a, 0, "keepends", Value(false)).truthy())); });
        if (name == "join")
            return bind([](const Value &s, const CallArgs &a) {
                std::string out;
                bool first = true;
                for (const Value &v : arg(a, 0, "iterable", undef).iterate()) {
                    out += (first ? "" : s.str()) + needString(v, "join");
                    first = false;
                }
                return Value(out);
            });
        if (name == "find" || name == "count")
            return bind([count = name == "count"](const Value &s, const CallArgs &a) {
                const std::string sub = needString(arg(a, 0, "sub", undef), count ? "count" : "find");
                if (!count) {
                    const size_t at = s.str().find(sub);
                    return Value(at == std::string::npos ? std::int64_t(-1) : std::int64_t(codePoints(s.str().substr(0, at)).size()));
                }
                std::int64_t n = 0;
                for (size_t at = s.str().find(sub); !sub.empty() && at != std::string::npos; at = s.str().find(sub, at + sub.size()))
                    ++n;
                return Value(n);
            });
        if (name == "isdigit")
            return bind([](const Value &s, const CallArgs &) {
                return Value(!s.str().empty() && std::all_of(s.str().begin(), s.str().end(), [](char c) { return c >= '0' && c <= '9'; }));
            });
        return std::nullopt;
    }
    if (self.isDict()) {
        if (name == "items")
            return bind([](const Value &d, const CallArgs &) {
                Value::Items out;
                for (const auto &[k, v] : d.pairs())
                    out.push_back(Value::tuple({k, v}));
                return Value::list(std::move(out));
            });
        if (name == "keys" || name == "values")
            return bind([keys = name == "keys"](const Value &d, const CallArgs &) {
                Value::Items out;
                for (const auto &[k, v] : d.pairs())
                    out.push_back(keys ? k : v);
                return Value::list(std::move(out));
            });
        if (name == "get")
            return bind([](const Value &d, const CallArgs &a) {
                const Value *v = d.find(arg(a, 0, "key", undef));
                return v ? *v : arg(a, 1, "default", none);
            });
        return std::nullopt;
    }
    if (self.isSequence()) {
        if (name == "index" || name == "count")
            return bind([count = name == "count"](const Value &l, const CallArgs &a) {
                const Value &x = arg(a, 0, "value", undef);
                std::int64_t n = 0;
                for (size_t i = 0; i < l.items().size(); ++i) {
                    if (!(l.items()[i] == x))
                        continue;
                    if (!count)
                        return Value(std::int64_t(i));
                    ++n;
                }
                if (!count)
                    throw EvalError{toPythonRepr(x) + " is not in list"};
                return Value(n);
            });
    }
    return std::nullopt;
}

Value getAttr(const Value &obj, const std::string &name)
{
    if (obj.isUndefined())
        throwUndefined(obj);
    if (auto m = method(obj, name))
        return *m;
    if (obj.isDict())
        if (const Value *v = obj.find(Value(name)))
            return *v;
    return Value::undefined("'" + objectTypeRepr(obj) + "' has no attribute '" + name + "'");
}

Value getItem(const Value &obj, const Value &key)
{
    if (obj.isUndefined())
        throwUndefined(obj);
    if (obj.isDict()) {
        if (const Value *v = obj.find(key))
            return *v;
    } else if ((obj.isSequence() || obj.isString()) && key.isInt()) {
        const bool str = obj.isString();
        const std::vector<std::string> cps = str ? codePoints(obj.str()) : std::vector<std::string>{};
        const std::int64_t n = str ? std::int64_t(cps.size()) : std::int64_t(obj.items().size());
        std::int64_t i = key.toInt();
        if (i < 0)
            i += n;
        if (i >= 0 && i < n)
            return str ? Value(cps[size_t(i)]) : obj.items()[size_t(i)];
    }
    if (key.isString())
        return getAttr(obj, key.str());
    return Value::undefined(objectTypeRepr(obj) + " has no element " + toPythonRepr(key));
}

Value slice(const Value &obj, const Value &startV, const Value &stopV, const Value &stepV)
{
    if (obj.isUndefined())
        throwUndefined(obj);
    const bool str = obj.isString();
    if (!str && !obj.isSequence())
        throw EvalError{std::string("'") + obj.typeName() + "' object is not subscriptable"};
    const std::vector<std::string> cps = str ? codePoints(obj.str()) : std::vector<std::string>{};
    const std::int64_t n = str ? std::int64_t(cps.size()) : std::int64_t(obj.items().size());
    const std::int64_t step = stepV.isUndefined() || stepV.isNone() ? 1 : needInt(stepV, "slice");
    if (step == 0)
        throw EvalError{"slice step cannot be zero"};
    auto norm = [&](const Value &v, std::int64_t dflt) {
        if (v.isUndefined() || v.isNone())
            return dflt;
        std::int64_t i = needInt(v, "slice");
        if (i < 0)
            i += n;
        return step > 0 ? std::clamp<std::int64_t>(i, 0, n) : std::clamp<std::int64_t>(i, -1, n - 1);
    };
    const std::int64_t start = norm(startV, step > 0 ? 0 : n - 1);
    const std::int64_t stop = norm(stopV, step > 0 ? n : -1);
    std::string s;
    Value::Items items;
    for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
        if (str)
            s += cps[size_t(i)];
        else
            items.push_back(obj.items()[size_t(i)]);
    }
    if (str)
        return Value(s);
    return obj.kind() == Value::Kind::Tuple ? Value::tuple(std::move(items)) : Value::list(std::move(items));
}

// Jinja's do_title: words start after -, whitespace, (, {, [ or <.
std::string titleCase(const std::string &s)
{
    std::string out;
    bool start = true;
    for (const std::string &c : codePoints(s)) {
        const bool sep = c == "-" || c == "(" || c == "{" || c == "[" || c == "<" || isPythonSpace(c);
        out += sep ? c : qtCase(c, start);
        start = sep;
    }
    return out;
}

Value sortKey(const Value &v, bool caseSensitive)
{
    return !caseSensitive && v.isString() ? Value(qtCase(v.str(), false)) : v;
}

Value attributeOf(const Value &v, const Value &attribute)
{
    if (attribute.isUndefined() || attribute.isNone())
        return v;
    Value cur = v;
    const std::string path = toPythonStr(attribute);
    size_t start = 0;
    while (true) {
        const size_t dot = path.find('.', start);
        const std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        const bool numeric = !part.empty() && std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
        cur = numeric ? getItem(cur, Value(std::int64_t(std::stoll(part)))) : getItem(cur, Value(part));
        if (dot == std::string::npos)
            return cur;
        start = dot + 1;
    }
}

bool applyTest(const std::string &name, const Value &v, const CallArgs &a);

class Renderer {
public:
    Renderer(const std::string &file, const Context &context) : m_file(file)
    {
        m_scopes.emplace_back();
        for (const auto &[k, v] : context)
            m_scopes.back()[k] = v;
    }

    base::Result<std::string> run(const Body &body)
    {
        try {
            renderBody(body, m_out);
        } catch (const EvalError &e) {
            return base::Diagnostic::error({m_file, m_line, m_column}, e.message);
        }
        return std::move(m_out);
    }

private:
    void at(int line, int column)
    {
        m_line = line;
        m_column = column;
    }

    void renderBody(const Body &body, std::string &out)
    {
        for (const auto &s : body)
            renderStmt(*s, out);
    }

    void assign(const std::vector<std::string> &targets, const Value &v)
    {
        if (targets.size() == 1) {
            m_scopes.back()[targets[0]] = v;
            return;
        }
        if (v.isUndefined())
            throwUndefined(v);
        const Value::Items items = v.iterate();
        if (items.size() != targets.size())
            throw EvalError{items.size() > targets.size()
                                ? "too many values to unpack (expected " + std::to_string(targets.size()) + ")"
                                : "not enough values to unpack (expected " + std::to_string(targets.size()) + ", got "
                                      + std::to_string(items.size()) + ")"};
        for (size_t i = 0; i < targets.size(); ++i)
            m_scopes.back()[targets[i]] = items[i];
    }

    void renderStmt(const Stmt &s, std::string &out)
    {
        at(s.line, s.column);
        switch (s.kind) {
        case Stmt::Kind::Text:
            out += s.text;
            return;
        case Stmt::Kind::Output:
            out += toPythonStr(eval(*s.exprs[0]));
            return;
        case Stmt::Kind::If:
            for (size_t i = 0; i < s.exprs.size(); ++i) {
                if (eval(*s.exprs[i]).truthy()) {
                    renderBody(s.bodies[i], out);
                    return;
                }
            }
            renderBody(s.elseBody, out);
            return;
        case Stmt::Kind::Set:
            assign(s.targets, eval(*s.exprs[0]));
            return;
        case Stmt::Kind::SetBlock: {
            std::string captured;
            renderBody(s.bodies[0], captured);
            m_scopes.back()[s.targets[0]] = Value(captured);
            return;
        }
        case Stmt::Kind::For:
            renderFor(s, out);
            return;
        case Stmt::Kind::Macro:
            m_scopes.back()[s.text] = Value::function(s.text, [this, &s](const CallArgs &a) { return callMacro(s, a); });
            return;
        }
    }

    // A macro call: the parameters in a scope of their own on top of the template's
    // globals (a macro does not see the caller's loop variables); the rendered body is
    // the value.
    Value callMacro(const Stmt &macro, const CallArgs &a)
    {
        if (a.positional.size() > macro.targets.size())
            throw EvalError{"macro '" + macro.text + "' takes not more than " + std::to_string(macro.targets.size()) + " argument(s)"};
        std::map<std::string, Value> params;
        for (size_t i = 0; i < macro.targets.size(); ++i) {
            const std::string &name = macro.targets[i];
            if (i < a.positional.size()) {
                params[name] = a.positional[i];
                continue;
            }
            auto kw = std::find_if(a.keywords.begin(), a.keywords.end(), [&](const auto &k) { return k.first == name; });
            if (kw != a.keywords.end())
                params[name] = kw->second;
            else if (macro.exprs[i])
                params[name] = eval(*macro.exprs[i]);
            else
                params[name] = Value::undefined("parameter '" + name + "' was not provided");
        }
        for (const auto &[k, v] : a.keywords)
            if (std::find(macro.targets.begin(), macro.targets.end(), k) == macro.targets.end())
                throw EvalError{"macro '" + macro.text + "' takes no keyword argument '" + k + "'"};
        std::vector<std::map<std::string, Value>> saved = {m_scopes.front(), std::move(params)};
        std::swap(saved, m_scopes);
        std::string rendered;
        const int line = m_line, column = m_column;
        try {
            renderBody(macro.bodies[0], rendered);
        } catch (...) {
            std::swap(saved, m_scopes);
            throw;
        }
        std::swap(saved, m_scopes);
        at(line, column);
        return Value(rendered);
    }

    void renderFor(const Stmt &s, std::string &out)
    {
        const Value iterable = eval(*s.exprs[0]);
        Value::Items all = iterable.iterate();
        Value::Items items;
        if (s.exprs[1]) {
            // The filter sees the loop variables (not `loop`) in a scope of its own.
            for (const Value &v : all) {
                m_scopes.emplace_back();
                assign(s.targets, v);
                const bool keep = eval(*s.exprs[1]).truthy();
                m_scopes.pop_back();
                if (keep)
                    items.push_back(v);
            }
        } else {
            items = std::move(all);
        }
        if (items.empty()) {
            renderBody(s.elseBody, out);
            return;
        }
        const std::int64_t n = std::int64_t(items.size());
        for (std::int64_t i = 0; i < n; ++i) {
            m_scopes.emplace_back();
            const Value itemsList = Value::list(items);
            Value cycle = Value::function("loop.cycle", [i](const CallArgs &a) {
                if (a.positional.empty())
                    throw EvalError{"no items for cycling given"};
                return a.positional[size_t(i) % a.positional.size()];
            });
            const Value loop = Value::dict({
                {"index", Value(i + 1)},
                {"index0", Value(i)},
                {"revindex", Value(n - i)},
                {"revindex0", Value(n - i - 1)},
                {"first", Value(i == 0)},
                {"last", Value(i == n - 1)},
                {"length", Value(n)},
                {"depth", Value(1)},
                {"depth0", Value(0)},
                {"previtem", i > 0 ? items[size_t(i - 1)] : Value::undefined("there is no previous item")},
                {"nextitem", i + 1 < n ? items[size_t(i + 1)] : Value::undefined("there is no next item")},
                {"cycle", cycle},
            });
            m_scopes.back()["loop"] = loop;
            assign(s.targets, items[size_t(i)]);
            renderBody(s.bodies[0], out);
            m_scopes.pop_back();
        }
    }

    Value lookup(const std::string &name) const
    {
        for (auto it = m_scopes.rbegin(); it != m_scopes.rend(); ++it) {
            auto found = it->find(name);
            if (found != it->end())
                return found->second;
        }
        return Value::undefined("'" + name + "' is undefined");
    }

    CallArgs evalArgs(const Expr &e, size_t from)
    {
        CallArgs a;
        for (size_t i = from; i < e.args.size(); ++i)
            a.positional.push_back(eval(*e.args[i]));
        for (const auto &[k, v] : e.kwargs)
            a.keywords.emplace_back(k, eval(*v));
        return a;
    }

    Value eval(const Expr &e)
    {
        switch (e.kind) {
        case Expr::Kind::Literal:
            return e.value;
        case Expr::Kind::Name:
            return lookup(e.name);
        case Expr::Kind::List:
        case Expr::Kind::Tuple: {
            Value::Items items;
            for (const auto &x : e.args)
                items.push_back(eval(*x));
            return e.kind == Expr::Kind::List ? Value::list(std::move(items)) : Value::tuple(std::move(items));
        }
        case Expr::Kind::Dict: {
            Value::Pairs pairs;
            for (size_t i = 0; i + 1 < e.args.size(); i += 2) {
                Value k = eval(*e.args[i]);
                Value v = eval(*e.args[i + 1]);
                auto it = std::find_if(pairs.begin(), pairs.end(), [&](const auto &p) { return p.first == k; });
                if (it != pairs.end())
                    it->second = v;
                else
                    pairs.emplace_back(std::move(k), std::move(v));
            }
            return Value::dict(std::move(pairs));
        }
        case Expr::Kind::Attr: {
            const Value obj = eval(*e.args[0]);
            at(e.line, e.column);
            return getAttr(obj, e.name);
        }
        case Expr::Kind::Item: {
            const Value obj = eval(*e.args[0]);
            const Value key = eval(*e.args[1]);
            at(e.line, e.column);
            return getItem(obj, key);
        }
        case Expr::Kind::Slice: {
            auto opt = [&](size_t i) { return e.args[i] ? eval(*e.args[i]) : Value::none(); };
            return slice(eval(*e.args[0]), opt(1), opt(2), opt(3));
        }
        case Expr::Kind::Call: {
            const Value callee = eval(*e.args[0]);
            const CallArgs a = evalArgs(e, 1);
            at(e.line, e.column);
            if (callee.isUndefined())
                throwUndefined(callee);
            if (!callee.isCallable())
                throw EvalError{std::string("'") + callee.typeName() + "' object is not callable"};
            return callee.fn()(a);
        }
        case Expr::Kind::Filter: {
            const Value v = eval(*e.args[0]);
            const CallArgs a = evalArgs(e, 1);
            at(e.line, e.column);
            return applyFilter(e.name, v, a);
        }
        case Expr::Kind::Test: {
            const Value v = eval(*e.args[0]);
            const CallArgs a = evalArgs(e, 1);
            at(e.line, e.column);
            return Value(applyTest(e.name, v, a) != e.negated);
        }
        case Expr::Kind::Unary: {
            const Value v = eval(*e.args[0]);
            if (e.name == "not")
                return Value(!v.truthy());
            at(e.line, e.column);
            const std::int64_t i = needInt(v, e.name == "-" ? "unary -" : "unary +");
            return Value(e.name == "-" ? -i : i);
        }
        case Expr::Kind::Binary:
            return binary(e);
        case Expr::Kind::Compare: {
            const Value l = eval(*e.args[0]);
            const Value r = eval(*e.args[1]);
            at(e.line, e.column);
            const std::string &op = e.name;
            if (op == "==")
                return Value(l == r);
            if (op == "!=")
                return Value(!(l == r));
            if (op == "in" || op == "not in") {
                if (r.isUndefined())
                    throwUndefined(r);
                return Value(contains(r, l) == (op == "in"));
            }
            for (const Value *x : {&l, &r})
                if (x->isUndefined())
                    throwUndefined(*x);
            if (op == "<")
                return Value(lessThan(l, r));
            if (op == ">")
                return Value(lessThan(r, l));
            if (op == "<=")
                return Value(!lessThan(r, l));
            return Value(!lessThan(l, r));
        }
        case Expr::Kind::Cond:
            if (eval(*e.args[0]).truthy())
                return eval(*e.args[1]);
            return e.args[2] ? eval(*e.args[2]) : Value::undefined("the inline if-expression on line " + std::to_string(e.line)
                                                                   + " evaluated to false and no else section was defined.");
        }
        return {};
    }

    Value binary(const Expr &e)
    {
        const std::string &op = e.name;
        if (op == "and") {
            Value l = eval(*e.args[0]);
            return l.truthy() ? eval(*e.args[1]) : l;
        }
        if (op == "or") {
            Value l = eval(*e.args[0]);
            return l.truthy() ? l : eval(*e.args[1]);
        }
        const Value l = eval(*e.args[0]);
        const Value r = eval(*e.args[1]);
        at(e.line, e.column);
        if (op == "~")
            return Value(toPythonStr(l) + toPythonStr(r));
        for (const Value *x : {&l, &r})
            if (x->isUndefined())
                throwUndefined(*x);
        auto unsupported = [&]() -> Value {
            throw EvalError{"unsupported operand type(s) for " + op + ": '" + l.typeName() + "' and '" + r.typeName() + "'"};
        };
        auto repeat = [](const Value &seq, std::int64_t times) -> Value {
            if (seq.isString()) {
                std::string out;
                for (std::int64_t i = 0; i < times; ++i)
                    out += seq.str();
                return Value(out);
            }
            Value::Items out;
            for (std::int64_t i = 0; i < times; ++i)
                out.insert(out.end(), seq.items().begin(), seq.items().end());
            return seq.kind() == Value::Kind::Tuple ? Value::tuple(std::move(out)) : Value::list(std::move(out));
        };
        if (op == "+") {
            if (l.isInt() && r.isInt())
                return Value(l.toInt() + r.toInt());
            if (l.isString() && r.isString())
                return Value(l.str() + r.str());
            if (l.isSequence() && l.kind() == r.kind()) {
                Value::Items out = l.items();
                out.insert(out.end(), r.items().begin(), r.items().end());
                return l.kind() == Value::Kind::Tuple ? Value::tuple(std::move(out)) : Value::list(std::move(out));
            }
            return unsupported();
        }
        if (op == "*") {
            if (l.isInt() && r.isInt())
                return Value(l.toInt() * r.toInt());
            if ((l.isString() || l.isSequence()) && r.isInt())
                return repeat(l, r.toInt());
            if (l.isInt() && (r.isString() || r.isSequence()))
                return repeat(r, l.toInt());
            return unsupported();
        }
        if (!l.isInt() || !r.isInt())
            return unsupported();
        const std::int64_t a = l.toInt(), b = r.toInt();
        if (op == "-")
            return Value(a - b);
        if (op == "**") {
            if (b < 0)
                throw EvalError{"negative exponents are not supported"};
            std::int64_t p = 1;
            for (std::int64_t i = 0; i < b; ++i)
                p *= a;
            return Value(p);
        }
        if (b == 0)
            throw EvalError{"integer division or modulo by zero"};
        // Python floors.
        std::int64_t q = a / b, m = a % b;
        if (m != 0 && ((m < 0) != (b < 0))) {
            --q;
            m += b;
        }
        if (op == "//")
            return Value(q);
        if (op == "%")
            return Value(m);
        throw EvalError{"true division ('/') gives a float, which Trellis' Jinja subset does not support; use '//'"};
    }

    Value applyFilter(const std::string &name, const Value &v, const CallArgs &a);

    const std::string &m_file;
    std::vector<std::map<std::string, Value>> m_scopes;
    std::string m_out;
    int m_line = 1;
    int m_column = 1;
};

Value sorted(Value::Items items, bool reverse, bool caseSensitive, const Value &attribute)
{
    std::stable_sort(items.begin(), items.end(), [&](const Value &x, const Value &y) {
        const Value kx = sortKey(attributeOf(x, attribute), caseSensitive);
        const Value ky = sortKey(attributeOf(y, attribute), caseSensitive);
        return reverse ? lessThan(ky, kx) : lessThan(kx, ky);
    });
    return Value::list(std::move(items));
}

Value Renderer::applyFilter(const std::string &name, const Value &v, const CallArgs &a)
{
    static const Value undef;
    static const Value none = Value::none();
    auto needDefined = [&] {
        if (v.isUndefined())
            throwUndefined(v);
    };
    if (name == "default" || name == "d") {
        const bool boolean = arg(a, 1, "boolean", Value(false)).truthy();
        if (v.isUndefined() || (boolean && !v.truthy()))
            return arg(a, 0, "default_value", Value(""));
        return v;
    }
    if (name == "length" || name == "count")
        return Value(v.length());
    if (name == "string")
        return Value(toPythonStr(v));
    if (name == "safe" || name == "e" || name == "escape" || name == "forceescape")
        return name == "safe" ? v : Value(toPythonStr(v));   // no autoescaping: towncrier renders plain text
    if (name == "list") {
        needDefined();
        return Value::list(v.iterate());
    }
    if (name == "join") {
        const std::string sep = toPythonStr(arg(a, 0, "d", Value("")));
        const Value &attribute = arg(a, 1, "attribute", undef);
        std::string out;
        bool first = true;
        for (const Value &x : v.iterate()) {
            out += (first ? "" : sep) + toPythonStr(attributeOf(x, attribute));
            first = false;
        }
        return Value(out);
    }
    if (name == "upper" || name == "lower")
        return Value(qtCase(toPythonStr(v), name == "upper"));
    if (name == "capitalize")
        return Value(capitalize(toPythonStr(v)));
    if (name == "title")
        return Value(titleCase(toPythonStr(v)));
    if (name == "trim") {
        return Value(pyStripChars(toPythonStr(v), arg(a, 0, "chars", none), true, true));
    }
    if (name == "replace") {
        const Value &count = arg(a, 2, "count", none);
        return Value(replaceAll(toPythonStr(v), toPythonStr(arg(a, 0, "old", undef)), toPythonStr(arg(a, 1, "new", undef)),
                                count.isNone() ? -1 : needInt(count, "replace")));
    }
    if (name == "indent") {
        const Value &width = arg(a, 0, "width", Value(4));
        const bool first = arg(a, 1, "first", Value(false)).truthy();
        const bool blank = arg(a, 2, "blank", Value(false)).truthy();
        const std::string indention = width.isString() ? width.str() : std::string(size_t(std::max<std::int64_t>(0, needInt(width, "indent"))), ' ');
        const std::string s = toPythonStr(v) + "\n";
        std::vector<std::string> lines = splitLines(s);
        std::string rv;
        if (blank) {
            for (size_t i = 0; i < lines.size(); ++i)
                rv += (i ? "\n" + indention : "") + lines[i];
        } else {
            rv = lines.empty() ? "" : lines.front();
            if (lines.size() > 1) {
                rv += "\n";
                for (size_t i = 1; i < lines.size(); ++i)
                    rv += (i > 1 ? "\n" : "") + (lines[i].empty() ? lines[i] : indention + lines[i]);
            }
        }
        if (first)
            rv = indention + rv;
        return Value(rv);
    }
    if (name == "first" || name == "last") {
        const Value::Items items = v.iterate();
        if (items.empty())
            return Value::undefined(std::string("No ") + name + " item, sequence was empty.");
        return name == "first" ? items.front() : items.back();
    }
    if (name == "reverse") {
        needDefined();
        if (v.isString()) {
            std::vector<std::string> cps = codePoints(v.str());
            std::reverse(cps.begin(), cps.end());
            return Value(joinCodePoints(cps, 0, cps.size()));
        }
        Value::Items items = v.iterate();
        std::reverse(items.begin(), items.end());
        return Value::list(std::move(items));
    }
    if (name == "sort") {
        return sorted(v.iterate(), arg(a, 0, "reverse", Value(false)).truthy(), arg(a, 1, "case_sensitive", Value(false)).truthy(),
                      arg(a, 2, "attribute", undef));
    }
    if (name == "dictsort") {
        needDefined();
        const bool caseSensitive = arg(a, 0, "case_sensitive", Value(false)).truthy();
        const std::string by = toPythonStr(arg(a, 1, "by", Value("key")));
        const bool reverse = arg(a, 2, "reverse", Value(false)).truthy();
        Value::Items items;
        for (const auto &[k, val] : v.pairs())
            items.push_back(Value::tuple({k, val}));
        return sorted(std::move(items), reverse, caseSensitive, Value(by == "value" ? "1" : "0"));
    }
    if (name == "unique") {
        const bool caseSensitive = arg(a, 0, "case_sensitive", Value(false)).truthy();
        const Value &attribute = arg(a, 1, "attribute", undef);
        Value::Items out, seen;
        for (const Value &x : v.iterate()) {
            const Value k = sortKey(attributeOf(x, attribute), caseSensitive);
            if (std::find(seen.begin(), seen.end(), k) == seen.end()) {
                seen.push_back(k);
                out.push_back(x);
            }
        }
        return Value::list(std::move(out));
    }
    if (name == "min" || name == "max") {
        const Value::Items items = v.iterate();
        if (items.empty())
            return Value::undefined(std::string("No ") + (name == "min" ? "smallest" : "largest") + " item, sequence was empty.");
        const bool caseSensitive = arg(a, 0, "case_sensitive", Value(false)).truthy();
        const Value &attribute = arg(a, 1, "attribute", undef);
        Value best = items.front();
        for (const Value &x : items) {
            const Value kx = sortKey(attributeOf(x, attribute), caseSensitive);
            const Value kb = sortKey(attributeOf(best, attribute), caseSensitive);
            if (name == "min" ? lessThan(kx, kb) : lessThan(kb, kx))
                best = x;
        }
        return best;
    }
    if (name == "sum") {
        const Value &attribute = arg(a, 0, "attribute", undef);
        std::int64_t total = needInt(arg(a, 1, "start", Value(0)), "sum");
        for (const Value &x : v.iterate())
            total += needInt(attributeOf(x, attribute), "sum");
        return Value(total);
    }
    if (name == "int") {
        const Value &dflt = arg(a, 0, "default", Value(0));
        if (v.isInt())
            return Value(v.toInt());
        if (v.isString()) {
            const std::string s = pyStrip(v.str());
            try {
                size_t used = 0;
                const long long n = std::stoll(s, &used, int(needInt(arg(a, 1, "base", Value(10)), "int")));
                if (used == s.size())
                    return Value(std::int64_t(n));
            } catch (...) {
            }
        }
        return dflt;
    }
    if (name == "abs")
        return Value(std::int64_t(std::llabs(needInt(v, "abs"))));
    if (name == "wordcount") {
        return Value(std::int64_t(pySplit(toPythonStr(v), none, -1, false).size()));
    }
    if (name == "center") {
        const std::int64_t width = needInt(arg(a, 0, "width", Value(80)), "center");
        const std::string s = toPythonStr(v);
        const std::int64_t len = std::int64_t(codePoints(s).size());
        if (width <= len)
            return Value(s);
        const std::int64_t pad = width - len;
        const std::int64_t left = pad / 2 + (pad & width & 1);
        return Value(std::string(size_t(left), ' ') + s + std::string(size_t(pad - left), ' '));
    }
    if (name == "map" || name == "select" || name == "reject" || name == "selectattr" || name == "rejectattr") {
        Value::Items out;
        for (const Value &x : v.iterate()) {
            if (name == "map") {
                if (!arg(a, 0, "", undef).isUndefined() && a.keywords.empty()) {
                    CallArgs rest{{a.positional.begin() + 1, a.positional.end()}, {}};
                    out.push_back(applyFilter(needString(a.positional[0], "map"), x, rest));
                } else {
                    const Value &attribute = arg(a, 99, "attribute", undef);
                    Value got = attributeOf(x, attribute);
                    if (got.isUndefined()) {
                        const Value &dflt = arg(a, 99, "default", undef);
                        if (!dflt.isUndefined())
                            got = dflt;
                    }
                    out.push_back(got);
                }
                continue;
            }
            const bool attr = name == "selectattr" || name == "rejectattr";
            const Value subject = attr ? attributeOf(x, a.positional.empty() ? undef : a.positional[0]) : x;
            const size_t testAt = attr ? 1 : 0;
            bool keep;
            if (a.positional.size() > testAt) {
                CallArgs rest{{a.positional.begin() + long(testAt) + 1, a.positional.end()}, {}};
                keep = applyTest(needString(a.positional[testAt], name.c_str()), subject, rest);
            } else {
                keep = subject.truthy();
            }
            if (keep == (name == "select" || name == "selectattr"))
                out.push_back(x);
        }
        return Value::list(std::move(out));
    }
    throw EvalError{"No filter named '" + name + "'."};
}

bool applyTest(const std::string &name, const Value &v, const CallArgs &a)
{
    static const Value undef;
    const Value &other = arg(a, 0, "other", undef);
    if (name == "defined")
        return !v.isUndefined();
    if (name == "undefined")
        return v.isUndefined();
    if (name == "none")
        return v.isNone();
    if (name == "boolean")
        return v.kind() == Value::Kind::Bool;
    if (name == "true" || name == "false")
        return v.kind() == Value::Kind::Bool && v.truthy() == (name == "true");
    if (name == "integer" || name == "number")
        return v.kind() == Value::Kind::Int;
    if (name == "string")
        return v.isString();
    if (name == "mapping")
        return v.isDict();
    if (name == "sequence")
        return v.isString() || v.isSequence() || v.isDict();
    if (name == "iterable")
        return v.isString() || v.isSequence() || v.isDict();
    if (name == "callable")
        return v.isCallable();
    if (name == "lower" || name == "upper")
        return v.isString() && qtCase(v.str(), name == "upper") == v.str();
    if (name == "even" || name == "odd")
        return (needInt(v, name.c_str()) % 2 == 0) == (name == "even");
    if (name == "divisibleby") {
        const std::int64_t d = needInt(arg(a, 0, "num", undef), "divisibleby");
        return d != 0 && needInt(v, "divisibleby") % d == 0;
    }
    if (name == "eq" || name == "equalto" || name == "==")
        return v == other;
    if (name == "ne" || name == "!=")
        return !(v == other);
    if (name == "lt" || name == "lessthan" || name == "<")
        return lessThan(v, other);
    if (name == "gt" || name == "greaterthan" || name == ">")
        return lessThan(other, v);
    if (name == "le" || name == "<=")
        return !lessThan(other, v);
    if (name == "ge" || name == ">=")
        return !lessThan(v, other);
    if (name == "in")
        return contains(arg(a, 0, "seq", undef), v);
    if (name == "sameas")
        return v == other && v.kind() == other.kind();
    throw EvalError{"No test named '" + name + "'."};
}

} // namespace

base::Result<Template> Template::parse(std::string_view source, std::string fileName, Options options)
{
    auto body = detail::parseTemplate(source, fileName, options);
    if (!body)
        return body.takeDiagnostics();
    Template t;
    t.m_fileName = std::move(fileName);
    t.m_body = std::make_shared<const Body>(std::move(*body));
    return t;
}

base::Result<std::string> Template::render(const Context &context) const
{
    static const Body empty;
    Renderer r(m_fileName, context);
    return r.run(m_body ? *m_body : empty);
}

} // namespace trellis::release::jinja
