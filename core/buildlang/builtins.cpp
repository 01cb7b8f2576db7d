// The builtin functions (len, sorted, dict, ...) and the methods of str, list, dict,
// set and tuple values. Each checks its own arguments and raises Python-style errors at
// the call position.
#include "core/buildlang/interpreter.h"

#include "core/base/spell.h"
#include "core/base/text.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <numeric>

namespace trellis::buildlang {

namespace {

using Args = CallArgs;

std::string fname(const Args &a) { return std::string(a.name) + "()"; }

void noKeywords(Interpreter &in, const Args &a)
{
    if (!a.keywords.empty())
        in.fail(a.callPos, fname(a) + " takes no keyword arguments");
}

void arity(Interpreter &in, const Args &a, std::size_t min, std::size_t max)
{
    const std::size_t n = a.positional.size();
    if (n >= min && n <= max)
        return;
    auto plural = [](std::size_t k) { return k == 1 ? std::string(" argument") : std::string(" arguments"); };
    if (min == max)
        in.fail(a.callPos, fname(a) + " takes exactly " + std::to_string(min) + plural(min) + " (" + std::to_string(n) + " given)");
    if (n < min)
        in.fail(a.callPos, fname(a) + " takes at least " + std::to_string(min) + plural(min) + " (" + std::to_string(n) + " given)");
    in.fail(a.callPos, fname(a) + " takes at most " + std::to_string(max) + plural(max) + " (" + std::to_string(n) + " given)");
}

/// Fails on keywords outside `allowed`; returns the value of each allowed keyword or null.
template <std::size_t N>
std::array<const Value *, N> keywords(Interpreter &in, const Args &a, const std::array<std::string_view, N> &allowed)
{
    std::array<const Value *, N> out{};
    for (std::size_t k = 0; k < a.keywords.size(); ++k) {
        bool ok = false;
        for (std::size_t i = 0; i < N; ++i)
            if (a.keywords[k].first == allowed[i]) {
                out[i] = &a.keywords[k].second;
                ok = true;
            }
        if (!ok)
            in.fail(a.keywordPos.size() > k ? a.keywordPos[k] : a.callPos,
                    fname(a) + " got an unexpected keyword argument '" + a.keywords[k].first + "'");
    }
    return out;
}

bool isIntLike(const Value &v) { return v.type() == Type::Int || v.type() == Type::Bool; }
std::int64_t intOf(const Value &v) { return v.type() == Type::Bool ? (v.asBool() ? 1 : 0) : v.asInt(); }

std::int64_t needInt(Interpreter &in, const Args &a, const Value &v, const char *what)
{
    if (!isIntLike(v))
        in.fail(a.callPos, fname(a) + " " + what + " must be an integer, not " + typeName(v));
    return intOf(v);
}

const std::string &needStr(Interpreter &in, const Args &a, const Value &v, const char *what)
{
    if (v.type() != Type::Str)
        in.fail(a.callPos, fname(a) + " " + what + " must be a string, not " + typeName(v));
    return v.str();
}

// ---- builtin functions ---------------------------------------------------------------

Value bLen(Interpreter &in, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 1, 1);
    const Value &v = a.positional[0];
    switch (v.type()) {
    case Type::Str: return Value::integer(std::int64_t(base::codePointCount(v.str())));
    case Type::List: case Type::Tuple: return Value::integer(std::int64_t(v.as<ListObject>()->items.size()));
    case Type::Dict: case Type::Set: return Value::integer(std::int64_t(v.as<DictObject>()->entries.size()));
    case Type::Range: return Value::integer(v.as<RangeObject>()->length());
    default: in.fail(a.callPos, std::string("object of type '") + typeName(v) + "' has no len()");
    }
}

Value bStr(Interpreter &in, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 0, 1);
    return a.positional.empty() ? Value::string({}) : (a.positional[0].type() == Type::Str ? a.positional[0] : Value::string(toStr(a.positional[0])));
}

Value bRepr(Interpreter &in, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 1, 1);
    std::string s = repr(a.positional[0]);
    in.checkString(s.size(), a.callPos);
    return Value::string(std::move(s));
}

Value parseInt(Interpreter &in, const Args &a, const std::string &text, std::int64_t base)
{
    auto bad = [&]() -> Value {
        std::string q;
        appendQuoted(q, text);
        in.fail(a.callPos, "invalid literal for int() with base " + std::to_string(base) + ": " + q);
    };
    std::size_t i = 0, e = text.size();
    while (i < e && std::isspace(static_cast<unsigned char>(text[i])))
        ++i;
    while (e > i && std::isspace(static_cast<unsigned char>(text[e - 1])))
        --e;
    bool neg = false;
    if (i < e && (text[i] == '+' || text[i] == '-'))
        neg = text[i++] == '-';
    std::int64_t b = base;
    if (i + 1 < e && text[i] == '0') {
        const char p = char(std::tolower(static_cast<unsigned char>(text[i + 1])));
        const std::int64_t pb = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
        if (pb && (b == 0 || b == pb)) {
            b = pb;
            i += 2;
            if (i < e && text[i] == '_')
                ++i;
        }
    }
    if (b == 0) {
        b = 10;
        if (i + 1 < e && text[i] == '0' && text.find_first_not_of("0_", i) < e)
            return bad();
    }
    if (i >= e)
        return bad();
    std::uint64_t v = 0;
    bool lastUnderscore = true;
    for (; i < e; ++i) {
        const char c = text[i];
        if (c == '_') {
            if (lastUnderscore)
                return bad();
            lastUnderscore = true;
            continue;
        }
        int d = -1;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (c >= 'a' && c <= 'z') d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'Z') d = c - 'A' + 10;
        if (d < 0 || d >= b)
            return bad();
        lastUnderscore = false;
        if (v > (std::uint64_t(std::numeric_limits<std::int64_t>::max()) + (neg ? 1 : 0) - std::uint64_t(d)) / std::uint64_t(b))
            in.fail(a.callPos, "int too large");
        v = v * std::uint64_t(b) + std::uint64_t(d);
    }
    if (lastUnderscore)
        return bad();
    return Value::integer(neg ? std::int64_t(0 - v) : std::int64_t(v));
}

Value bInt(Interpreter &in, Args &a)
{
    auto kw = keywords<1>(in, a, {"base"});
    arity(in, a, 0, 2);
    const Value *baseV = a.positional.size() > 1 ? &a.positional[1] : kw[0];
    if (a.positional.empty()) {
        if (baseV)
            in.fail(a.callPos, "int() missing string argument");
        return Value::integer(0);
    }
    const Value &v = a.positional[0];
    if (baseV) {
        if (v.type() != Type::Str)
            in.fail(a.callPos, "int() can't convert non-string with explicit base");
        const std::int64_t b = needInt(in, a, *baseV, "base");
        if (b != 0 && (b < 2 || b > 36))
            in.fail(a.callPos, "int() base must be >= 2 and <= 36, or 0");
        return parseInt(in, a, v.str(), b);
    }
    switch (v.type()) {
    case Type::Int: return v;
    case Type::Bool: return Value::integer(v.asBool() ? 1 : 0);
    case Type::Float: {
        const double d = v.asFloat();
        if (std::isnan(d))
            in.fail(a.callPos, "cannot convert float NaN to integer");
        if (std::isinf(d))
            in.fail(a.callPos, "cannot convert float infinity to integer");
        if (d >= 9.2233720368547758e18 || d < -9.2233720368547758e18)
            in.fail(a.callPos, "int too large");
        return Value::integer(std::int64_t(d));
    }
    case Type::Str: return parseInt(in, a, v.str(), 10);
    default:
        in.fail(a.callPos, std::string("int() argument must be a string or a real number, not '") + typeName(v) + "'");
    }
}

Value bFloat(Interpreter &in, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 0, 1);
    if (a.positional.empty())
        return Value::real(0);
    const Value &v = a.positional[0];
    switch (v.type()) {
    case Type::Float: return v;
    case Type::Int: return Value::real(double(v.asInt()));
    case Type::Bool: return Value::real(v.asBool() ? 1 : 0);
    case Type::Str: {
        std::string t;
        const std::string &s = v.str();
        std::size_t i = 0, e = s.size();
        while (i < e && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
        while (e > i && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
        std::string low;
        for (std::size_t k = i; k < e; ++k)
            low += char(std::tolower(static_cast<unsigned char>(s[k])));
        std::string body = low;
        double sign = 1;
        if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
            sign = body[0] == '-' ? -1 : 1;
            body.erase(0, 1);
        }
        if (body == "inf" || body == "infinity")
            return Value::real(sign * std::numeric_limits<double>::infinity());
        if (body == "nan")
            return Value::real(std::numeric_limits<double>::quiet_NaN());
        bool ok = !body.empty();
        bool prevDigit = false;
        for (std::size_t k = 0; k < body.size() && ok; ++k) {
            const char c = body[k];
            if (c == '_') {
                ok = prevDigit && k + 1 < body.size() && std::isdigit(static_cast<unsigned char>(body[k + 1]));
                continue;
            }
            prevDigit = std::isdigit(static_cast<unsigned char>(c)) != 0;
            if (!prevDigit && c != '.' && c != 'e' && c != '+' && c != '-')
                ok = false;
            t += c;
        }
        char *end = nullptr;
        double d = 0;
        if (ok) {
            d = std::strtod(t.c_str(), &end);
            ok = end && *end == '\0' && !t.empty();
        }
        if (!ok) {
            std::string q;
            appendQuoted(q, s);
            in.fail(a.callPos, "could not convert string to float: " + q);
        }
        return Value::real(sign * d);
    }
    default:
        in.fail(a.callPos, std::string("float() argument must be a string or a real number, not '") + typeName(v) + "'");
    }
}

Value bBool(Interpreter &in, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 0, 1);
    return Value::boolean(!a.positional.empty() && truthy(a.positional[0]));
}

Value bList(Interpreter &in, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 0, 1);
    if (a.positional.empty())
        return Value::list({});
    std::vector<Value> items = in.toVector(a.positional[0], a.callPos);
    in.checkCollection(items.size(), a.callPos);
    return Value::list(std::move(items));
}

Value bTuple(Interpreter &in, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 0, 1);
    if (a.positional.empty())
        return Value::tuple({});
    if (a.positional[0].type() == Type::Tuple)
        return a.positional[0];
    std::vector<Value> items = in.toVector(a.positional[0], a.callPos);
    in.checkCollection(items.size(), a.callPos);
    return Value::tuple(std::move(items));
}

void setInsertAll(Interpreter &in, const Args &a, DictObject *d, const Value &src)
{
    in.forEach(src, a.callPos, [&](const Value &x) {
        in.requireHashable(x, a.callPos);
        d->insert(x, Value::none());
        if (std::int64_t(d->entries.size()) > in.limits().maxCollectionSize)
            in.checkCollection(d->entries.size(), a.callPos);
    });
}

Value bSet(Interpreter &in, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 0, 1);
    Value s = Value::set();
    if (!a.positional.empty())
        setInsertAll(in, a, s.as<DictObject>(), a.positional[0]);
    return s;
}

/// dict.update semantics: a mapping or an iterable of pairs, then keywords.
void dictUpdate(Interpreter &in, const Args &a, DictObject *d, const Value *src)
{
    if (src) {
        if (src->type() == Type::Dict) {
            for (const auto &kv : src->as<DictObject>()->entries)
                d->insert(kv.first, kv.second);
        } else {
            std::size_t index = 0;
            in.forEach(*src, a.callPos, [&](const Value &pair) {
                std::vector<Value> kv;
                if (pair.type() == Type::List || pair.type() == Type::Tuple)
                    kv = pair.as<ListObject>()->items;
                else
                    in.fail(a.callPos, "cannot convert dictionary update sequence element #" + std::to_string(index) + " to a sequence");
                if (kv.size() != 2)
                    in.fail(a.callPos, "dictionary update sequence element #" + std::to_string(index) + " has length "
                                           + std::to_string(kv.size()) + "; 2 is required");
                in.requireHashable(kv[0], a.callPos);
                d->insert(kv[0], kv[1]);
                ++index;
            });
        }
    }
    for (const auto &kv : a.keywords)
        d->insert(Value::string(kv.first), kv.second);
    in.checkCollection(d->entries.size(), a.callPos);
}

Value bDict(Interpreter &in, Args &a)
{
    arity(in, a, 0, 1);
    Value d = Value::dict();
    dictUpdate(in, a, d.as<DictObject>(), a.positional.empty() ? nullptr : &a.positional[0]);
    return d;
}

Value callKey(Interpreter &in, const Value &key, const Value &x, Pos pos)
{
    CallArgs ka;
    ka.callPos = pos;
    ka.positional.push_back(x);
    ka.positionalPos.push_back(pos);
    return in.call(key, ka);
}

void sortValues(Interpreter &in, const Args &a, std::vector<Value> &items, const Value *key, bool reverse)
{
    if (key && key->isNone())
        key = nullptr;
    std::vector<Value> keys;
    if (key) {
        keys.reserve(items.size());
        for (const Value &x : items)
            keys.push_back(callKey(in, *key, x, a.callPos));
    }
    std::vector<std::size_t> order(items.size());
    std::iota(order.begin(), order.end(), 0);
    const std::vector<Value> &k = key ? keys : items;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        in.step(a.callPos);
        return reverse ? in.less(k[y], k[x], a.callPos) : in.less(k[x], k[y], a.callPos);
    });
    std::vector<Value> out;
    out.reserve(items.size());
    for (std::size_t i : order)
        out.push_back(std::move(items[i]));
    items = std::move(out);
}

/// Sorting n elements takes about n log2 n comparisons; charged like other element walks.
void chargeSort(std::size_t n)
{
    std::int64_t log = 1;
    while ((std::size_t(1) << log) < n && log < 62)
        ++log;
    EvalMeter::spend(std::int64_t(n) * log);
}

Value bSorted(Interpreter &in, Args &a)
{
    auto kw = keywords<2>(in, a, {"key", "reverse"});
    arity(in, a, 1, 1);
    std::vector<Value> items = in.toVector(a.positional[0], a.callPos);
    chargeSort(items.size());
    sortValues(in, a, items, kw[0], kw[1] && truthy(*kw[1]));
    return Value::list(std::move(items));
}

Value bReversed(Interpreter &in, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 1, 1);
    const Value &v = a.positional[0];
    if (v.type() == Type::Dict || v.type() == Type::Set)
        in.fail(a.callPos, std::string("'") + typeName(v) + "' object is not reversible");
    std::vector<Value> items = in.toVector(v, a.callPos);
    std::reverse(items.begin(), items.end());
    return Value::list(std::move(items));
}

Value bEnumerate(Interpreter &in, Args &a)
{
    auto kw = keywords<1>(in, a, {"start"});
    arity(in, a, 1, 2);
    std::int64_t start = 0;
    if (a.positional.size() > 1)
        start = needInt(in, a, a.positional[1], "start");
    else if (kw[0])
        start = needInt(in, a, *kw[0], "start");
    std::vector<Value> out;
    in.forEach(a.positional[0], a.callPos, [&](const Value &x) {
        out.push_back(Value::tuple({Value::integer(start++), x}));
    });
    return Value::list(std::move(out));
}

Value bZip(Interpreter &in, Args &a)
{
    noKeywords(in, a);
    std::vector<std::vector<Value>> cols;
    std::size_t n = std::numeric_limits<std::size_t>::max();
    for (const Value &v : a.positional) {
        cols.push_back(in.toVector(v, a.callPos));
        n = std::min(n, cols.back().size());
    }
    if (cols.empty())
        n = 0;
    std::vector<Value> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<Value> t;
        t.reserve(cols.size());
        for (const auto &c : cols)
            t.push_back(c[i]);
        out.push_back(Value::tuple(std::move(t)));
    }
    return Value::list(std::move(out));
}

Value bRange(Interpreter &in, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 1, 3);
    auto r = std::make_shared<RangeObject>();
    std::vector<std::int64_t> v;
    for (const Value &x : a.positional) {
        if (!isIntLike(x))
            in.fail(a.callPos, std::string("'") + typeName(x) + "' object cannot be interpreted as an integer");
        v.push_back(intOf(x));
    }
    if (v.size() == 1) {
        r->stop = v[0];
    } else {
        r->start = v[0];
        r->stop = v[1];
        if (v.size() == 3)
            r->step = v[2];
    }
    if (r->step == 0)
        in.fail(a.callPos, "range() arg 3 must not be zero");
    // Guard length() against overflow of stop - start.
    std::int64_t diff = 0;
    if (__builtin_sub_overflow(r->stop, r->start, &diff) || r->step == std::numeric_limits<std::int64_t>::min())
        in.fail(a.callPos, "range() arguments too large");
    return Value::object(Type::Range, std::move(r));
}

Value minMax(Interpreter &in, Args &a, bool isMax)
{
    auto kw = keywords<2>(in, a, {"key", "default"});
    if (a.positional.empty())
        in.fail(a.callPos, std::string(isMax ? "max" : "min") + " expected at least 1 argument, got 0");
    std::vector<Value> items;
    if (a.positional.size() == 1) {
        items = in.toVector(a.positional[0], a.callPos);
    } else {
        if (kw[1])
            in.fail(a.callPos, std::string("Cannot specify a default for ") + (isMax ? "max" : "min") + "() with multiple positional arguments");
        items = a.positional;
    }
    if (items.empty()) {
        if (kw[1])
            return *kw[1];
        in.fail(a.callPos, std::string(isMax ? "max" : "min") + "() iterable argument is empty");
    }
    const Value *key = kw[0] && !kw[0]->isNone() ? kw[0] : nullptr;
    std::size_t best = 0;
    Value bestKey = key ? callKey(in, *key, items[0], a.callPos) : items[0];
    for (std::size_t i = 1; i < items.size(); ++i) {
        Value k = key ? callKey(in, *key, items[i], a.callPos) : items[i];
        if (isMax ? in.less(bestKey, k, a.callPos) : in.less(k, bestKey, a.callPos)) {
            best = i;
            bestKey = std::move(k);
        }
    }
    return items[best];
}

Value bMin(Interpreter &in, Args &a) { return minMax(in, a, false); }
Value bMax(Interpreter &in, Args &a) { return minMax(in, a, true); }

Value bSum(Interpreter &in, Args &a)
{
    auto kw = keywords<1>(in, a, {"start"});
    arity(in, a, 1, 2);
    Value acc = a.positional.size() > 1 ? a.positional[1] : (kw[0] ? *kw[0] : Value::integer(0));
    if (acc.type() == Type::Str)
        in.fail(a.callPos, "sum() can't sum strings [use ''.join(seq) instead]");
    in.forEach(a.positional[0], a.callPos, [&](const Value &x) { acc = in.binary(TokenKind::Plus, acc, x, a.callPos); });
    return acc;
}

Value bAny(Interpreter &in, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 1, 1);
    bool r = false;
    for (const Value &x : in.toVector(a.positional[0], a.callPos))
        if (truthy(x)) { r = true; break; }
    return Value::boolean(r);
}

Value bAll(Interpreter &in, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 1, 1);
    bool r = true;
    for (const Value &x : in.toVector(a.positional[0], a.callPos))
        if (!truthy(x)) { r = false; break; }
    return Value::boolean(r);
}

bool instanceOf(Interpreter &in, const Args &a, const Value &v, const Value &t)
{
    if (t.type() == Type::Tuple) {
        for (const Value &x : t.as<ListObject>()->items)
            if (instanceOf(in, a, v, x))
                return true;
        return false;
    }
    if (t.type() == Type::Builtin && t.as<BuiltinObject>()->isType) {
        const Type tag = t.as<BuiltinObject>()->typeTag;
        return v.type() == tag || (tag == Type::Int && v.type() == Type::Bool);
    }
    if (t.type() == Type::ExceptionType) {
        if (v.type() != Type::Exception)
            return false;
        const std::string &want = t.as<ExceptionObject>()->typeName;
        return want == "Exception" || want == "BaseException" || v.as<ExceptionObject>()->typeName == want;
    }
    if (const auto *cls = classOf(t)) // a class made by a `class` statement
        return isInstanceOfClass(v, cls);
    in.fail(a.callPos, "isinstance() arg 2 must be a type, a tuple of types, or a union");
}

Value bIsinstance(Interpreter &in, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 2, 2);
    return Value::boolean(instanceOf(in, a, a.positional[0], a.positional[1]));
}

Value bHasattr(Interpreter &in, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 2, 2);
    const std::string &name = needStr(in, a, a.positional[1], "attribute name");
    Value out;
    return Value::boolean(in.getAttribute(a.positional[0], name, out));
}

Value bGetattr(Interpreter &in, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 2, 3);
    const std::string &name = needStr(in, a, a.positional[1], "attribute name");
    Value out;
    if (in.getAttribute(a.positional[0], name, out))
        return out;
    if (a.positional.size() == 3)
        return a.positional[2];
    in.fail(a.callPos, std::string("'") + typeName(a.positional[0]) + "' object has no attribute '" + name + "'");
}

Value bPrint(Interpreter &in, Args &a)
{
    auto kw = keywords<2>(in, a, {"sep", "end"});
    std::string sep = " ";
    if (kw[0] && !kw[0]->isNone())
        sep = needStr(in, a, *kw[0], "sep");
    std::string msg;
    for (std::size_t i = 0; i < a.positional.size(); ++i) {
        if (i)
            msg += sep;
        msg += toStr(a.positional[i]);
        in.checkString(msg.size(), a.callPos);
    }
    const auto &print = in.prelude().dialect->print();
    if (print) {
        const Module *m = in.currentModule();
        print(base::SourceLocation{m ? m->path : std::string(), a.callPos.line, a.callPos.column}, msg);
    }
    return Value::none();
}

Value bAbs(Interpreter &in, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 1, 1);
    const Value &v = a.positional[0];
    if (isIntLike(v)) {
        const std::int64_t i = intOf(v);
        if (i == std::numeric_limits<std::int64_t>::min())
            in.fail(a.callPos, "integer overflow");
        return Value::integer(i < 0 ? -i : i);
    }
    if (v.type() == Type::Float)
        return Value::real(std::fabs(v.asFloat()));
    in.fail(a.callPos, std::string("bad operand type for abs(): '") + typeName(v) + "'");
}

// ---- str methods -----------------------------------------------------------------------

const std::string &self(const Value &v) { return v.str(); }

Value sFormat(Interpreter &in, const Value &s, Args &a) { return strFormat(in, self(s), a); }

Value sJoin(Interpreter &in, const Value &s, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 1, 1);
    std::string out;
    std::size_t i = 0;
    in.forEach(a.positional[0], a.callPos, [&](const Value &x) {
        if (x.type() != Type::Str)
            in.fail(a.callPos, "sequence item " + std::to_string(i) + ": expected str instance, " + typeName(x) + " found");
        if (i++)
            out += self(s);
        out += x.str();
        if (std::int64_t(out.size()) > in.limits().maxStringBytes)
            in.checkString(out.size(), a.callPos);
    });
    in.checkString(out.size(), a.callPos);
    return Value::string(std::move(out));
}

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

Value splitImpl(Interpreter &in, const Value &s, Args &a, bool fromRight)
{
    auto kw = keywords<2>(in, a, {"sep", "maxsplit"});
    arity(in, a, 0, 2);
    const Value *sepV = a.positional.size() > 0 ? &a.positional[0] : kw[0];
    const Value *maxV = a.positional.size() > 1 ? &a.positional[1] : kw[1];
    std::int64_t maxsplit = maxV ? needInt(in, a, *maxV, "maxsplit") : -1;
    const std::string &str = self(s);
    std::vector<std::string> parts;
    if (!sepV || sepV->isNone()) {
        // whitespace split
        std::vector<std::pair<std::size_t, std::size_t>> words;
        std::size_t i = 0;
        while (i < str.size()) {
            while (i < str.size() && isSpace(str[i])) ++i;
            if (i >= str.size()) break;
            std::size_t j = i;
            while (j < str.size() && !isSpace(str[j])) ++j;
            words.emplace_back(i, j);
            i = j;
        }
        if (maxsplit < 0 || std::size_t(maxsplit) >= words.size()) {
            for (auto [b, e] : words)
                parts.push_back(str.substr(b, e - b));
        } else if (!fromRight) {
            for (std::size_t k = 0; k < std::size_t(maxsplit); ++k)
                parts.push_back(str.substr(words[k].first, words[k].second - words[k].first));
            std::size_t rest = words[std::size_t(maxsplit)].first;
            std::size_t end = str.size();
            while (end > rest && isSpace(str[end - 1])) --end;
            parts.push_back(str.substr(rest, end - rest));
        } else {
            const std::size_t first = words.size() - std::size_t(maxsplit);
            std::size_t begin = 0;
            while (begin < str.size() && isSpace(str[begin])) ++begin;
            parts.push_back(str.substr(begin, words[first - 1].second - begin));
            for (std::size_t k = first; k < words.size(); ++k)
                parts.push_back(str.substr(words[k].first, words[k].second - words[k].first));
        }
    } else {
        const std::string &sep = needStr(in, a, *sepV, "separator");
        if (sep.empty())
            in.fail(a.callPos, "empty separator");
        const Searcher search(sep);
        if (!fromRight) {
            std::size_t start = 0;
            while (maxsplit != 0) {
                const std::size_t p = search.find(str, start);
                if (p == std::string::npos) break;
                parts.push_back(str.substr(start, p - start));
                start = p + sep.size();
                if (maxsplit > 0) --maxsplit;
            }
            parts.push_back(str.substr(start));
        } else {
            std::size_t end = str.size();
            std::vector<std::string> rev;
            while (maxsplit != 0 && end >= sep.size()) {
                const std::size_t p = search.rfind(str, end - sep.size());
                if (p == std::string::npos) break;
                rev.push_back(str.substr(p + sep.size(), end - p - sep.size()));
                end = p;
                if (maxsplit > 0) --maxsplit;
            }
            rev.push_back(str.substr(0, end));
            parts.assign(rev.rbegin(), rev.rend());
        }
    }
    in.checkCollection(parts.size(), a.callPos);
    std::vector<Value> out;
    out.reserve(parts.size());
    for (auto &p : parts)
        out.push_back(Value::string(std::move(p)));
    return Value::list(std::move(out));
}

Value sSplit(Interpreter &in, const Value &s, Args &a) { return splitImpl(in, s, a, false); }
Value sRsplit(Interpreter &in, const Value &s, Args &a) { return splitImpl(in, s, a, true); }

Value stripImpl(Interpreter &in, const Value &s, Args &a, bool left, bool right)
{
    noKeywords(in, a);
    arity(in, a, 0, 1);
    const std::string &str = self(s);
    std::string chars;
    bool ws = true;
    if (!a.positional.empty() && !a.positional[0].isNone()) {
        chars = needStr(in, a, a.positional[0], "argument");
        ws = false;
    }
    // A byte table: chars.find(c) per byte would make strip quadratic.
    std::array<bool, 256> inChars{};
    for (unsigned char c : chars)
        inChars[c] = true;
    auto strip = [&](char c) { return ws ? isSpace(c) : inChars[static_cast<unsigned char>(c)]; };
    std::size_t b = 0, e = str.size();
    if (left) while (b < e && strip(str[b])) ++b;
    if (right) while (e > b && strip(str[e - 1])) --e;
    return Value::string(str.substr(b, e - b));
}

Value sStrip(Interpreter &in, const Value &s, Args &a) { return stripImpl(in, s, a, true, true); }
Value sLstrip(Interpreter &in, const Value &s, Args &a) { return stripImpl(in, s, a, true, false); }
Value sRstrip(Interpreter &in, const Value &s, Args &a) { return stripImpl(in, s, a, false, true); }

Value affixImpl(Interpreter &in, const Value &s, Args &a, bool start)
{
    noKeywords(in, a);
    arity(in, a, 1, 1);
    const std::string &str = self(s);
    auto test = [&](const Value &p) {
        if (p.type() != Type::Str)
            in.fail(a.callPos, std::string(start ? "startswith" : "endswith") + " first arg must be str or a tuple of str, not " + typeName(p));
        EvalMeter::spendBytes(p.str().size());
        return start ? str.starts_with(p.str()) : str.ends_with(p.str());
    };
    const Value &p = a.positional[0];
    if (p.type() == Type::Tuple) {
        for (const Value &x : p.as<ListObject>()->items)
            if (test(x))
                return Value::boolean(true);
        return Value::boolean(false);
    }
    return Value::boolean(test(p));
}

Value sStartswith(Interpreter &in, const Value &s, Args &a) { return affixImpl(in, s, a, true); }
Value sEndswith(Interpreter &in, const Value &s, Args &a) { return affixImpl(in, s, a, false); }

Value sReplace(Interpreter &in, const Value &s, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 2, 3);
    const std::string &str = self(s);
    const std::string &from = needStr(in, a, a.positional[0], "argument 1");
    const std::string &to = needStr(in, a, a.positional[1], "argument 2");
    std::int64_t count = a.positional.size() > 2 ? needInt(in, a, a.positional[2], "count") : -1;
    std::string out;
    if (from.empty()) {
        std::size_t i = 0;
        while (i <= str.size()) {
            if (count != 0) {
                out += to;
                if (count > 0) --count;
            }
            if (i == str.size()) break;
            std::size_t n = 1;
            while (i + n < str.size() && (static_cast<unsigned char>(str[i + n]) & 0xC0) == 0x80) ++n;
            out.append(str, i, n);
            i += n;
            if (std::int64_t(out.size()) > in.limits().maxStringBytes)
                in.checkString(out.size(), a.callPos);
        }
    } else {
        const Searcher search(from);
        std::size_t start = 0;
        while (count != 0) {
            const std::size_t p = search.find(str, start);
            if (p == std::string::npos) break;
            out.append(str, start, p - start);
            out += to;
            start = p + from.size();
            if (count > 0) --count;
            if (std::int64_t(out.size()) > in.limits().maxStringBytes)
                in.checkString(out.size(), a.callPos);
        }
        out.append(str, start, std::string::npos);
    }
    in.checkString(out.size(), a.callPos);
    return Value::string(std::move(out));
}

Value caseImpl(Interpreter &in, const Value &s, Args &a, int mode)
{
    noKeywords(in, a);
    arity(in, a, 0, 0);
    std::string out = self(s);
    bool startOfWord = true;
    for (std::size_t i = 0; i < out.size(); ++i) {
        char &c = out[i];
        const bool alpha = std::isalpha(static_cast<unsigned char>(c)) != 0;
        switch (mode) {
        case 0: c = char(std::tolower(static_cast<unsigned char>(c))); break;
        case 1: c = char(std::toupper(static_cast<unsigned char>(c))); break;
        case 2: c = char(i == 0 ? std::toupper(static_cast<unsigned char>(c)) : std::tolower(static_cast<unsigned char>(c))); break;
        case 3:
            c = char(startOfWord ? std::toupper(static_cast<unsigned char>(c)) : std::tolower(static_cast<unsigned char>(c)));
            startOfWord = !alpha;
            break;
        }
    }
    return Value::string(std::move(out));
}

Value sLower(Interpreter &in, const Value &s, Args &a) { return caseImpl(in, s, a, 0); }
Value sUpper(Interpreter &in, const Value &s, Args &a) { return caseImpl(in, s, a, 1); }
Value sCapitalize(Interpreter &in, const Value &s, Args &a) { return caseImpl(in, s, a, 2); }
Value sTitle(Interpreter &in, const Value &s, Args &a) { return caseImpl(in, s, a, 3); }

Value partitionImpl(Interpreter &in, const Value &s, Args &a, bool fromRight)
{
    noKeywords(in, a);
    arity(in, a, 1, 1);
    const std::string &str = self(s);
    const std::string &sep = needStr(in, a, a.positional[0], "separator");
    if (sep.empty())
        in.fail(a.callPos, "empty separator");
    const Searcher search(sep);
    const std::size_t p = fromRight ? search.rfind(str) : search.find(str);
    if (p == std::string::npos) {
        if (fromRight)
            return Value::tuple({Value::string({}), Value::string({}), s});
        return Value::tuple({s, Value::string({}), Value::string({})});
    }
    return Value::tuple({Value::string(str.substr(0, p)), Value::string(sep), Value::string(str.substr(p + sep.size()))});
}

Value sPartition(Interpreter &in, const Value &s, Args &a) { return partitionImpl(in, s, a, false); }
Value sRpartition(Interpreter &in, const Value &s, Args &a) { return partitionImpl(in, s, a, true); }

Value sRemoveprefix(Interpreter &in, const Value &s, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 1, 1);
    const std::string &p = needStr(in, a, a.positional[0], "argument");
    return self(s).starts_with(p) ? Value::string(self(s).substr(p.size())) : s;
}

Value sRemovesuffix(Interpreter &in, const Value &s, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 1, 1);
    const std::string &p = needStr(in, a, a.positional[0], "argument");
    return (!p.empty() && self(s).ends_with(p)) ? Value::string(self(s).substr(0, self(s).size() - p.size())) : s;
}

Value sCount(Interpreter &in, const Value &s, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 1, 1);
    const std::string &str = self(s);
    const std::string &sub = needStr(in, a, a.positional[0], "argument");
    if (sub.empty())
        return Value::integer(std::int64_t(base::codePointCount(str)) + 1);
    std::int64_t n = 0;
    const Searcher search(sub);
    for (std::size_t p = search.find(str); p != std::string::npos; p = search.find(str, p + sub.size()))
        ++n;
    return Value::integer(n);
}

Value findImpl(Interpreter &in, const Value &s, Args &a, bool fromRight, bool raise)
{
    noKeywords(in, a);
    arity(in, a, 1, 1);
    const std::string &str = self(s);
    const std::string &sub = needStr(in, a, a.positional[0], "argument");
    const Searcher search(sub);
    const std::size_t p = fromRight ? search.rfind(str) : search.find(str);
    if (p == std::string::npos) {
        if (raise)
            in.fail(a.callPos, "substring not found");
        return Value::integer(-1);
    }
    return Value::integer(std::int64_t(base::codePointCount(std::string_view(str).substr(0, p))));
}

Value sFind(Interpreter &in, const Value &s, Args &a) { return findImpl(in, s, a, false, false); }
Value sRfind(Interpreter &in, const Value &s, Args &a) { return findImpl(in, s, a, true, false); }
Value sIndex(Interpreter &in, const Value &s, Args &a) { return findImpl(in, s, a, false, true); }

Value classImpl(Interpreter &in, const Value &s, Args &a, int (*pred)(int))
{
    noKeywords(in, a);
    arity(in, a, 0, 0);
    const std::string &str = self(s);
    if (str.empty())
        return Value::boolean(false);
    for (unsigned char c : str)
        if (!pred(c))
            return Value::boolean(false);
    return Value::boolean(true);
}

Value sIsdigit(Interpreter &in, const Value &s, Args &a) { return classImpl(in, s, a, [](int c) { return int(std::isdigit(c)); }); }
Value sIsalpha(Interpreter &in, const Value &s, Args &a) { return classImpl(in, s, a, [](int c) { return int(std::isalpha(c)); }); }
Value sIsalnum(Interpreter &in, const Value &s, Args &a) { return classImpl(in, s, a, [](int c) { return int(std::isalnum(c)); }); }
Value sIsspace(Interpreter &in, const Value &s, Args &a) { return classImpl(in, s, a, [](int c) { return int(std::isspace(c)); }); }

Value sIslower(Interpreter &in, const Value &s, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 0, 0);
    bool any = false;
    for (unsigned char c : self(s)) {
        if (std::isupper(c)) return Value::boolean(false);
        any = any || std::islower(c);
    }
    return Value::boolean(any);
}

Value sIsupper(Interpreter &in, const Value &s, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 0, 0);
    bool any = false;
    for (unsigned char c : self(s)) {
        if (std::islower(c)) return Value::boolean(false);
        any = any || std::isupper(c);
    }
    return Value::boolean(any);
}

Value sSplitlines(Interpreter &in, const Value &s, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 0, 0);
    const std::string &str = self(s);
    std::vector<Value> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i < str.size(); ++i) {
        if (str[i] == '\n' || str[i] == '\r') {
            out.push_back(Value::string(str.substr(start, i - start)));
            if (str[i] == '\r' && i + 1 < str.size() && str[i + 1] == '\n')
                ++i;
            start = i + 1;
        }
    }
    if (start < str.size())
        out.push_back(Value::string(str.substr(start)));
    return Value::list(std::move(out));
}

Value justImpl(Interpreter &in, const Value &s, Args &a, int mode)
{
    noKeywords(in, a);
    arity(in, a, 1, 2);
    const std::int64_t width = needInt(in, a, a.positional[0], "width");
    std::string fill = " ";
    if (a.positional.size() > 1) {
        fill = needStr(in, a, a.positional[1], "fill character");
        if (base::codePointCount(fill) != 1)
            in.fail(a.callPos, "The fill character must be exactly one character long");
    }
    const std::string &str = self(s);
    const std::int64_t len = std::int64_t(base::codePointCount(str));
    if (width <= len)
        return s;
    const std::int64_t pad = width - len;
    // pad * fill.size() can overflow; the pad alone already decides most cases.
    in.checkString(std::size_t(std::min<std::int64_t>(pad, std::int64_t(1) << 40)) * fill.size() + str.size(), a.callPos);
    std::int64_t left = mode == 0 ? 0 : mode == 1 ? pad : pad / 2 + (pad & width & 1);
    if (mode == 2)
        left = pad / 2;
    std::string out;
    for (std::int64_t i = 0; i < left; ++i) out += fill;
    out += str;
    for (std::int64_t i = 0; i < pad - left; ++i) out += fill;
    return Value::string(std::move(out));
}

Value sLjust(Interpreter &in, const Value &s, Args &a) { return justImpl(in, s, a, 0); }
Value sRjust(Interpreter &in, const Value &s, Args &a) { return justImpl(in, s, a, 1); }
Value sCenter(Interpreter &in, const Value &s, Args &a) { return justImpl(in, s, a, 2); }

Value sZfill(Interpreter &in, const Value &s, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 1, 1);
    const std::int64_t width = needInt(in, a, a.positional[0], "width");
    std::string str = self(s);
    const std::int64_t len = std::int64_t(base::codePointCount(str));
    if (width <= len)
        return s;
    in.checkString(std::size_t(width), a.callPos);
    const std::size_t at = (!str.empty() && (str[0] == '+' || str[0] == '-')) ? 1 : 0;
    str.insert(at, std::size_t(width - len), '0');
    return Value::string(std::move(str));
}

// ---- list / tuple methods --------------------------------------------------------------

std::vector<Value> &items(Interpreter &in, const Value &l, const Args &a, bool mutating)
{
    if (mutating)
        in.checkMutable(l, a.callPos);
    return l.as<ListObject>()->items;
}

/// Methods that touch every element (count, index, copy, insert...) charge the work to
/// the step budget, one step per 32 elements as the evaluator does for whole lists.
std::vector<Value> &allItems(Interpreter &in, const Value &l, const Args &a, bool mutating)
{
    std::vector<Value> &v = items(in, l, a, mutating);
    EvalMeter::spend(std::int64_t(v.size()));
    return v;
}

Value lAppend(Interpreter &in, const Value &l, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 1, 1);
    auto &v = items(in, l, a, true);
    in.checkCollection(v.size() + 1, a.callPos, 1);
    v.push_back(a.positional[0]);
    return Value::none();
}

Value lExtend(Interpreter &in, const Value &l, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 1, 1);
    items(in, l, a, true);
    std::vector<Value> add = in.toVector(a.positional[0], a.callPos);
    auto &v = items(in, l, a, true);
    in.checkCollection(v.size() + add.size(), a.callPos);
    v.insert(v.end(), add.begin(), add.end());
    return Value::none();
}

Value lInsert(Interpreter &in, const Value &l, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 2, 2);
    auto &v = allItems(in, l, a, true);
    std::int64_t i = needInt(in, a, a.positional[0], "index");
    const std::int64_t n = std::int64_t(v.size());
    if (i < 0) i = std::max<std::int64_t>(0, i + n);
    if (i > n) i = n;
    in.checkCollection(v.size() + 1, a.callPos);
    v.insert(v.begin() + i, a.positional[1]);
    return Value::none();
}

Value lPop(Interpreter &in, const Value &l, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 0, 1);
    auto &v = items(in, l, a, true);
    if (v.empty())
        in.fail(a.callPos, "pop from empty list");
    std::int64_t i = a.positional.empty() ? -1 : needInt(in, a, a.positional[0], "index");
    if (i < 0) i += std::int64_t(v.size());
    if (i < 0 || i >= std::int64_t(v.size()))
        in.fail(a.callPos, "pop index out of range");
    Value r = v[std::size_t(i)];
    EvalMeter::spend(std::int64_t(v.size()) - i); // the elements after i move
    v.erase(v.begin() + i);
    return r;
}

Value lRemove(Interpreter &in, const Value &l, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 1, 1);
    auto &v = allItems(in, l, a, true);
    for (std::size_t i = 0; i < v.size(); ++i)
        if (equals(v[i], a.positional[0])) {
            v.erase(v.begin() + std::ptrdiff_t(i));
            return Value::none();
        }
    in.fail(a.callPos, "list.remove(x): x not in list");
}

Value lIndex(Interpreter &in, const Value &l, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 1, 1);
    const auto &v = allItems(in, l, a, false);
    for (std::size_t i = 0; i < v.size(); ++i)
        if (equals(v[i], a.positional[0]))
            return Value::integer(std::int64_t(i));
    in.fail(a.callPos, repr(a.positional[0]) + " is not in " + typeName(l));
}

Value lCount(Interpreter &in, const Value &l, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 1, 1);
    std::int64_t n = 0;
    for (const Value &x : allItems(in, l, a, false))
        if (equals(x, a.positional[0]))
            ++n;
    return Value::integer(n);
}

Value lCopy(Interpreter &in, const Value &l, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 0, 0);
    return Value::list(allItems(in, l, a, false));
}

Value lClear(Interpreter &in, const Value &l, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 0, 0);
    items(in, l, a, true).clear();
    return Value::none();
}

Value lReverse(Interpreter &in, const Value &l, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 0, 0);
    auto &v = allItems(in, l, a, true);
    std::reverse(v.begin(), v.end());
    return Value::none();
}

Value lSort(Interpreter &in, const Value &l, Args &a)
{
    auto kw = keywords<2>(in, a, {"key", "reverse"});
    arity(in, a, 0, 0);
    items(in, l, a, true);
    std::vector<Value> copy = l.as<ListObject>()->items;
    chargeSort(copy.size());
    sortValues(in, a, copy, kw[0], kw[1] && truthy(*kw[1]));
    items(in, l, a, true) = std::move(copy);
    return Value::none();
}

// ---- dict methods ----------------------------------------------------------------------

DictObject *dictOf(Interpreter &in, const Value &d, const Args &a, bool mutating)
{
    if (mutating)
        in.checkMutable(d, a.callPos);
    return d.as<DictObject>();
}

/// dictOf for methods that walk every entry (items, keys, values, copy).
DictObject *wholeDict(Interpreter &in, const Value &d, const Args &a)
{
    DictObject *o = dictOf(in, d, a, false);
    EvalMeter::spend(std::int64_t(o->entries.size()));
    return o;
}

Value dGet(Interpreter &in, const Value &d, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 1, 2);
    in.requireHashable(a.positional[0], a.callPos);
    const auto *o = dictOf(in, d, a, false);
    const std::ptrdiff_t p = o->find(a.positional[0]);
    if (p >= 0)
        return o->entries[std::size_t(p)].second;
    return a.positional.size() > 1 ? a.positional[1] : Value::none();
}

Value dItems(Interpreter &in, const Value &d, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 0, 0);
    std::vector<Value> out;
    for (const auto &kv : wholeDict(in, d, a)->entries)
        out.push_back(Value::tuple({kv.first, kv.second}));
    return Value::list(std::move(out));
}

Value dKeys(Interpreter &in, const Value &d, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 0, 0);
    std::vector<Value> out;
    for (const auto &kv : wholeDict(in, d, a)->entries)
        out.push_back(kv.first);
    return Value::list(std::move(out));
}

Value dValues(Interpreter &in, const Value &d, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 0, 0);
    std::vector<Value> out;
    for (const auto &kv : wholeDict(in, d, a)->entries)
        out.push_back(kv.second);
    return Value::list(std::move(out));
}

Value dUpdate(Interpreter &in, const Value &d, Args &a)
{
    arity(in, a, 0, 1);
    dictUpdate(in, a, dictOf(in, d, a, true), a.positional.empty() ? nullptr : &a.positional[0]);
    return Value::none();
}

Value dPop(Interpreter &in, const Value &d, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 1, 2);
    auto *o = dictOf(in, d, a, true);
    in.requireHashable(a.positional[0], a.callPos);
    const std::ptrdiff_t p = o->find(a.positional[0]);
    if (p < 0) {
        if (a.positional.size() > 1)
            return a.positional[1];
        in.fail(a.callPos, "key " + repr(a.positional[0]) + " not found in dict");
    }
    Value r = o->entries[std::size_t(p)].second;
    o->erase(std::size_t(p));
    return r;
}

Value dSetdefault(Interpreter &in, const Value &d, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 1, 2);
    auto *o = dictOf(in, d, a, false);
    in.requireHashable(a.positional[0], a.callPos);
    const std::ptrdiff_t p = o->find(a.positional[0]);
    if (p >= 0)
        return o->entries[std::size_t(p)].second;
    in.checkMutable(d, a.callPos);
    const Value v = a.positional.size() > 1 ? a.positional[1] : Value::none();
    o->insert(a.positional[0], v);
    in.checkCollection(o->entries.size(), a.callPos, 1);
    return v;
}

Value dCopy(Interpreter &in, const Value &d, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 0, 0);
    Value r = d.type() == Type::Set ? Value::set() : Value::dict();
    auto *o = r.as<DictObject>();
    const auto *src = wholeDict(in, d, a);
    o->entries = src->entries;
    o->charged.charge(o->entries.size() * sizeof(o->entries[0]));
    o->rebuildIndex();
    return r;
}

Value dClear(Interpreter &in, const Value &d, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 0, 0);
    auto *o = dictOf(in, d, a, true);
    o->entries.clear();
    o->rebuildIndex();
    return Value::none();
}

// ---- set methods -----------------------------------------------------------------------

Value stAdd(Interpreter &in, const Value &s, Args &a)
{
    noKeywords(in, a);
    arity(in, a, 1, 1);
    auto *o = dictOf(in, s, a, true);
    in.requireHashable(a.positional[0], a.callPos);
    o->insert(a.positional[0], Value::none());
    in.checkCollection(o->entries.size(), a.callPos);
    return Value::none();
}

Value stUpdate(Interpreter &in, const Value &s, Args &a)
{
    noKeywords(in, a);
    auto *o = dictOf(in, s, a, true);
    for (const Value &src : a.positional)
        setInsertAll(in, a, o, src);
    return Value::none();
}

Value setAlgebra(Interpreter &in, const Value &s, Args &a, TokenKind op)
{
    noKeywords(in, a);
    Value acc = s;
    for (const Value &src : a.positional) {
        Value other = Value::set();
        setInsertAll(in, a, other.as<DictObject>(), src);
        acc = in.binary(op, acc, other, a.callPos);
    }
    if (acc.obj() == s.obj()) {
        Value copy = Value::set();
        copy.as<DictObject>()->entries = s.as<DictObject>()->entries;
        copy.as<DictObject>()->rebuildIndex();
        return copy;
    }
    return acc;
}

Value stUnion(Interpreter &in, const Value &s, Args &a) { return setAlgebra(in, s, a, TokenKind::Pipe); }
Value stIntersection(Interpreter &in, const Value &s, Args &a) { return setAlgebra(in, s, a, TokenKind::Amp); }
Value stDifference(Interpreter &in, const Value &s, Args &a) { return setAlgebra(in, s, a, TokenKind::Minus); }

Value removeImpl(Interpreter &in, const Value &s, Args &a, bool mustExist)
{
    noKeywords(in, a);
    arity(in, a, 1, 1);
    auto *o = dictOf(in, s, a, true);
    in.requireHashable(a.positional[0], a.callPos);
    const std::ptrdiff_t p = o->find(a.positional[0]);
    if (p < 0) {
        if (mustExist)
            in.fail(a.callPos, repr(a.positional[0]) + " not in set");
        return Value::none();
    }
    o->erase(std::size_t(p));
    return Value::none();
}

Value stDiscard(Interpreter &in, const Value &s, Args &a) { return removeImpl(in, s, a, false); }
Value stRemove(Interpreter &in, const Value &s, Args &a) { return removeImpl(in, s, a, true); }

Value subsetImpl(Interpreter &in, const Value &s, Args &a, bool sub)
{
    noKeywords(in, a);
    arity(in, a, 1, 1);
    Value other = Value::set();
    setInsertAll(in, a, other.as<DictObject>(), a.positional[0]);
    const auto *x = sub ? s.as<DictObject>() : other.as<DictObject>();
    const auto *y = sub ? other.as<DictObject>() : s.as<DictObject>();
    for (const auto &kv : x->entries)
        if (y->find(kv.first) < 0)
            return Value::boolean(false);
    return Value::boolean(true);
}

Value stIssubset(Interpreter &in, const Value &s, Args &a) { return subsetImpl(in, s, a, true); }
Value stIssuperset(Interpreter &in, const Value &s, Args &a) { return subsetImpl(in, s, a, false); }

struct MethodEntry {
    std::string_view name;
    MethodFn fn;
};

constexpr MethodEntry kStrMethods[] = {
    {"capitalize", sCapitalize}, {"center", sCenter}, {"count", sCount}, {"endswith", sEndswith},
    {"find", sFind}, {"format", sFormat}, {"index", sIndex}, {"isalnum", sIsalnum}, {"isalpha", sIsalpha},
    {"isdigit", sIsdigit}, {"islower", sIslower}, {"isspace", sIsspace}, {"isupper", sIsupper},
    {"join", sJoin}, {"ljust", sLjust}, {"lower", sLower}, {"lstrip", sLstrip}, {"partition", sPartition},
    {"removeprefix", sRemoveprefix}, {"removesuffix", sRemovesuffix}, {"replace", sReplace},
    {"rfind", sRfind}, {"rjust", sRjust}, {"rpartition", sRpartition}, {"rsplit", sRsplit},
    {"rstrip", sRstrip}, {"split", sSplit}, {"splitlines", sSplitlines}, {"startswith", sStartswith},
    {"strip", sStrip}, {"title", sTitle}, {"upper", sUpper}, {"zfill", sZfill},
};
constexpr MethodEntry kListMethods[] = {
    {"append", lAppend}, {"clear", lClear}, {"copy", lCopy}, {"count", lCount}, {"extend", lExtend},
    {"index", lIndex}, {"insert", lInsert}, {"pop", lPop}, {"remove", lRemove}, {"reverse", lReverse},
    {"sort", lSort},
};
constexpr MethodEntry kTupleMethods[] = {{"count", lCount}, {"index", lIndex}};
constexpr MethodEntry kDictMethods[] = {
    {"clear", dClear}, {"copy", dCopy}, {"get", dGet}, {"items", dItems}, {"keys", dKeys}, {"pop", dPop},
    {"setdefault", dSetdefault}, {"update", dUpdate}, {"values", dValues},
};
constexpr MethodEntry kSetMethods[] = {
    {"add", stAdd}, {"clear", dClear}, {"copy", dCopy}, {"difference", stDifference}, {"discard", stDiscard},
    {"intersection", stIntersection}, {"issubset", stIssubset}, {"issuperset", stIssuperset},
    {"remove", stRemove}, {"union", stUnion}, {"update", stUpdate},
};

template <std::size_t N> std::pair<const MethodEntry *, std::size_t> table(const MethodEntry (&t)[N]) { return {t, N}; }

std::pair<const MethodEntry *, std::size_t> methodsOf(Type t)
{
    switch (t) {
    case Type::Str: return table(kStrMethods);
    case Type::List: return table(kListMethods);
    case Type::Tuple: return table(kTupleMethods);
    case Type::Dict: return table(kDictMethods);
    case Type::Set: return table(kSetMethods);
    default: return {nullptr, 0};
    }
}

void addBuiltin(Globals &g, std::string_view name, BuiltinFn fn, bool isType = false, Type tag = Type::None)
{
    auto b = std::make_shared<BuiltinObject>();
    b->name = name;
    b->fn = fn;
    b->isType = isType;
    b->typeTag = tag;
    g[name] = Value::object(Type::Builtin, std::move(b));
}

} // namespace

MethodFn findMethod(Type t, std::string_view name, std::string_view &canonicalName)
{
    const auto [entries, n] = methodsOf(t);
    for (std::size_t i = 0; i < n; ++i)
        if (entries[i].name == name) {
            canonicalName = entries[i].name;
            return entries[i].fn;
        }
    return nullptr;
}

std::vector<std::string> methodNames(Type t)
{
    const auto [entries, n] = methodsOf(t);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < n; ++i)
        out.emplace_back(entries[i].name);
    return out;
}

void installBuiltins(Globals &g)
{
    addBuiltin(g, "abs", bAbs);
    addBuiltin(g, "all", bAll);
    addBuiltin(g, "any", bAny);
    addBuiltin(g, "bool", bBool, true, Type::Bool);
    addBuiltin(g, "dict", bDict, true, Type::Dict);
    addBuiltin(g, "enumerate", bEnumerate);
    addBuiltin(g, "float", bFloat, true, Type::Float);
    addBuiltin(g, "getattr", bGetattr);
    addBuiltin(g, "hasattr", bHasattr);
    addBuiltin(g, "int", bInt, true, Type::Int);
    addBuiltin(g, "isinstance", bIsinstance);
    addBuiltin(g, "len", bLen);
    addBuiltin(g, "list", bList, true, Type::List);
    addBuiltin(g, "max", bMax);
    addBuiltin(g, "min", bMin);
    addBuiltin(g, "print", bPrint);
    addBuiltin(g, "range", bRange, true, Type::Range);
    addBuiltin(g, "repr", bRepr);
    addBuiltin(g, "reversed", bReversed);
    addBuiltin(g, "set", bSet, true, Type::Set);
    addBuiltin(g, "sorted", bSorted);
    addBuiltin(g, "str", bStr, true, Type::Str);
    addBuiltin(g, "sum", bSum);
    addBuiltin(g, "tuple", bTuple, true, Type::Tuple);
    addBuiltin(g, "zip", bZip);
}

void installPreludeExtras(Globals &g)
{
    static constexpr std::string_view kTyping[] = {
        "Any", "Callable", "ClassVar", "Dict", "Final", "FrozenSet", "Generic", "Iterable", "Iterator",
        "List", "Literal", "Mapping", "MutableMapping", "MutableSequence", "MutableSet", "NoReturn",
        "Optional", "Sequence", "Set", "Tuple", "Type", "Union",
    };
    for (std::string_view n : kTyping)
        g[n] = Value::object(Type::Typing, std::make_shared<TypingObject>(std::string(n)));
    g["TYPE_CHECKING"] = Value::boolean(false);
    static constexpr std::string_view kExceptions[] = {
        "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "Exception", "IndexError",
        "KeyError", "LookupError", "NameError", "NotImplementedError", "OSError", "RuntimeError",
        "TypeError", "ValueError", "ZeroDivisionError",
    };
    for (std::string_view n : kExceptions) {
        auto e = std::make_shared<ExceptionObject>();
        e->typeName = std::string(n);
        g[n] = Value::object(Type::ExceptionType, std::move(e));
    }
}

} // namespace trellis::buildlang
