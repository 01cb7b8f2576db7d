// String formatting: format specs (`{x:>10.2f}`), str.format and `%` formatting.
#include "core/buildlang/interpreter.h"

#include "core/base/text.h"

#include <cmath>
#include <cstdio>

namespace trellis::buildlang {

namespace {

struct Spec {
    char fill = ' ';
    char align = 0; // '<', '>', '^', '=' or 0
    char sign = '-';
    bool alternate = false;
    std::int64_t width = -1;
    char grouping = 0;
    std::int64_t precision = -1;
    char type = 0;
};

bool parseSpec(std::string_view s, Spec &out)
{
    std::size_t i = 0;
    auto isAlign = [](char c) { return c == '<' || c == '>' || c == '^' || c == '='; };
    if (s.size() >= 2 && isAlign(s[1])) {
        out.fill = s[0];
        out.align = s[1];
        i = 2;
    } else if (!s.empty() && isAlign(s[0])) {
        out.align = s[0];
        i = 1;
    }
    if (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == ' '))
        out.sign = s[i++];
    if (i < s.size() && s[i] == '#') {
        out.alternate = true;
        ++i;
    }
    if (i < s.size() && s[i] == '0') {
        if (!out.align) {
            out.fill = '0';
            out.align = '=';
        }
        ++i;
    }
    auto number = [&](std::int64_t &v) {
        if (i >= s.size() || s[i] < '0' || s[i] > '9')
            return false;
        v = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            v = v * 10 + (s[i++] - '0');
            if (v > 100000000)
                return false;
        }
        return true;
    };
    number(out.width);
    if (i < s.size() && (s[i] == ',' || s[i] == '_'))
        out.grouping = s[i++];
    if (i < s.size() && s[i] == '.') {
        ++i;
        if (!number(out.precision))
            return false;
    }
    if (i < s.size())
        out.type = s[i++];
    return i == s.size();
}

std::string group(const std::string &digits, char sep, int every)
{
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % std::size_t(every) == 0)
            out += sep;
        out += digits[i];
    }
    return out;
}

std::string pad(Interpreter &in, const std::string &sign, const std::string &body, const Spec &spec, char defaultAlign, Pos pos)
{
    const std::size_t len = base::codePointCount(sign) + base::codePointCount(body);
    if (spec.width < 0 || std::size_t(spec.width) <= len)
        return sign + body;
    in.checkString(std::size_t(spec.width), pos);
    const std::size_t padding = std::size_t(spec.width) - len;
    const char align = spec.align ? spec.align : defaultAlign;
    const std::string fill(1, spec.fill);
    auto repeat = [&](std::size_t n) {
        std::string r;
        for (std::size_t i = 0; i < n; ++i)
            r += fill;
        return r;
    };
    switch (align) {
    case '<': return sign + body + repeat(padding);
    case '^': return repeat(padding / 2) + sign + body + repeat(padding - padding / 2);
    case '=': return sign + repeat(padding) + body;
    default: return repeat(padding) + sign + body;
    }
}

std::string printfDouble(const char *fmt, std::int64_t precision, double d)
{
    char buf[512];
    const int n = std::snprintf(buf, sizeof buf, fmt, int(precision), d);
    if (n >= 0 && n < int(sizeof buf))
        return std::string(buf, std::size_t(n));
    std::string big(std::size_t(n) + 1, '\0');
    std::snprintf(big.data(), big.size(), fmt, int(precision), d);
    big.resize(std::size_t(n));
    return big;
}

std::string formatNumber(Interpreter &in, const Value &v, const Spec &spec, Pos pos)
{
    const bool isFloat = v.type() == Type::Float;
    const char type = spec.type;
    std::string sign, body;
    if (!isFloat && (type == 0 || type == 'd' || type == 'n' || type == 'x' || type == 'X' || type == 'o' || type == 'b' || type == 'c')) {
        const std::int64_t i = v.type() == Type::Bool ? (v.asBool() ? 1 : 0) : v.asInt();
        if (v.type() == Type::Bool && type == 0)
            return pad(in, "", v.asBool() ? "True" : "False", spec, '<', pos);
        const bool neg = i < 0;
        std::uint64_t u = neg ? std::uint64_t(0) - std::uint64_t(i) : std::uint64_t(i);
        if (type == 'c')
            in.fail(pos, "format code 'c' is not supported");
        const int base = (type == 'x' || type == 'X') ? 16 : type == 'o' ? 8 : type == 'b' ? 2 : 10;
        const char *digitsOf = type == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        std::string digits;
        do {
            digits.insert(digits.begin(), digitsOf[u % std::uint64_t(base)]);
            u /= std::uint64_t(base);
        } while (u);
        if (spec.grouping)
            digits = group(digits, spec.grouping, base == 10 ? 3 : 4);
        sign = neg ? "-" : spec.sign == '+' ? "+" : spec.sign == ' ' ? " " : "";
        if (spec.alternate && base != 10)
            sign += base == 16 ? (type == 'X' ? "0X" : "0x") : base == 8 ? "0o" : "0b";
        return pad(in, sign, digits, spec, '>', pos);
    }
    double d = v.type() == Type::Bool ? (v.asBool() ? 1.0 : 0.0) : v.asFloat();
    if (type != 0 && type != 'f' && type != 'F' && type != 'e' && type != 'E' && type != 'g' && type != 'G' && type != '%')
        in.fail(pos, std::string("Unknown format code '") + type + "' for object of type '" + typeName(v) + "'");
    const bool neg = std::signbit(d) && !std::isnan(d);
    d = std::fabs(d);
    const std::int64_t prec = spec.precision < 0 ? 6 : spec.precision;
    if (prec > 1000)
        in.fail(pos, "precision too big");
    switch (type) {
    case 'f': case 'F': body = printfDouble(type == 'f' ? "%.*f" : "%.*F", prec, d); break;
    case 'e': case 'E': body = printfDouble(type == 'e' ? "%.*e" : "%.*E", prec, d); break;
    case 'g': case 'G': body = printfDouble(type == 'g' ? "%.*g" : "%.*G", prec == 0 ? 1 : prec, d); break;
    case '%': body = printfDouble("%.*f", prec, d * 100) + "%"; break;
    default:
        if (spec.precision >= 0) {
            body = printfDouble("%.*g", prec == 0 ? 1 : prec, d);
        } else {
            body = formatFloat(d); // ints with no type code were formatted above
        }
    }
    if (spec.grouping && std::isfinite(d)) {
        const std::size_t end = body.find_first_not_of("0123456789");
        const std::string intPart = body.substr(0, end);
        body = group(intPart, spec.grouping, 3) + (end == std::string::npos ? "" : body.substr(end));
    }
    sign = neg ? "-" : spec.sign == '+' ? "+" : spec.sign == ' ' ? " " : "";
    return pad(in, sign, body, spec, '>', pos);
}

} // namespace

std::string formatWithSpec(Interpreter &in, const Value &v, std::string_view specText, Pos pos)
{
    Spec spec;
    if (!parseSpec(specText, spec))
        in.fail(pos, "Invalid format specifier '" + std::string(specText) + "' for object of type '" + typeName(v) + "'");
    switch (v.type()) {
    case Type::Int: case Type::Bool: case Type::Float: return formatNumber(in, v, spec, pos);
    case Type::Str: {
        if (spec.type != 0 && spec.type != 's')
            in.fail(pos, std::string("Unknown format code '") + spec.type + "' for object of type 'str'");
        if (spec.align == '=')
            in.fail(pos, "'=' alignment not allowed in string format specifier");
        std::string s = v.str();
        if (spec.precision >= 0 && std::size_t(spec.precision) < base::codePointCount(s)) {
            std::size_t cps = 0, i = 0;
            while (i < s.size() && cps < std::size_t(spec.precision)) {
                ++i;
                while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
                    ++i;
                ++cps;
            }
            s.resize(i);
        }
        return pad(in, "", s, spec, '<', pos);
    }
    default:
        if (spec.type != 0 || spec.precision >= 0 || spec.grouping || spec.sign != '-')
            in.fail(pos, std::string("unsupported format string passed to ") + typeName(v) + ".__format__");
        return pad(in, "", toStr(v), spec, '<', pos);
    }
}

Value strFormat(Interpreter &in, const std::string &fmt, CallArgs &args)
{
    std::string out;
    std::size_t autoIndex = 0;
    int numbering = 0; // 0 unknown, 1 automatic, 2 manual
    std::size_t i = 0;
    const Pos pos = args.callPos;
    while (i < fmt.size()) {
        const char c = fmt[i];
        if (c == '}') {
            if (i + 1 < fmt.size() && fmt[i + 1] == '}') {
                out += '}';
                i += 2;
                continue;
            }
            in.fail(pos, "Single '}' encountered in format string");
        }
        if (c != '{') {
            out += c;
            ++i;
            continue;
        }
        if (i + 1 < fmt.size() && fmt[i + 1] == '{') {
            out += '{';
            i += 2;
            continue;
        }
        const std::size_t close = fmt.find('}', i + 1);
        if (close == std::string::npos)
            in.fail(pos, "Single '{' encountered in format string");
        std::string field = fmt.substr(i + 1, close - i - 1);
        if (field.find('{') != std::string::npos)
            in.fail(pos, "nested replacement fields in format specs are not supported");
        i = close + 1;
        std::string spec;
        char conversion = 0;
        if (const std::size_t colon = field.find(':'); colon != std::string::npos) {
            spec = field.substr(colon + 1);
            field.resize(colon);
        }
        if (const std::size_t bang = field.find('!'); bang != std::string::npos) {
            if (bang + 2 != field.size() || (field[bang + 1] != 'r' && field[bang + 1] != 's' && field[bang + 1] != 'a'))
                in.fail(pos, "Unknown conversion specifier " + field.substr(bang + 1));
            conversion = field[bang + 1] == 's' ? 's' : 'r';
            field.resize(bang);
        }
        std::string name = field;
        std::string accessor;
        if (const std::size_t p = field.find_first_of(".["); p != std::string::npos) {
            name = field.substr(0, p);
            accessor = field.substr(p);
        }
        Value v;
        if (name.empty()) {
            if (numbering == 2)
                in.fail(pos, "cannot switch from manual field specification to automatic field numbering");
            numbering = 1;
            if (autoIndex >= args.positional.size())
                in.fail(pos, "Replacement index " + std::to_string(autoIndex) + " out of range for positional args tuple");
            v = args.positional[autoIndex++];
        } else if (name.find_first_not_of("0123456789") == std::string::npos) {
            if (numbering == 1)
                in.fail(pos, "cannot switch from automatic field numbering to manual field specification");
            numbering = 2;
            const std::size_t idx = name.size() > 9 ? args.positional.size() : std::size_t(std::stoul(name));
            if (idx >= args.positional.size())
                in.fail(pos, "Replacement index " + name + " out of range for positional args tuple");
            v = args.positional[idx];
        } else {
            bool found = false;
            for (const auto &kv : args.keywords)
                if (kv.first == name) {
                    v = kv.second;
                    found = true;
                }
            if (!found)
                in.fail(pos, "format string refers to missing keyword argument '" + name + "'");
        }
        while (!accessor.empty()) {
            if (accessor[0] == '.') {
                const std::size_t end = accessor.find_first_of(".[", 1);
                const std::string attr = accessor.substr(1, end == std::string::npos ? std::string::npos : end - 1);
                Value out2;
                if (!in.getAttribute(v, attr, out2))
                    in.fail(pos, std::string("'") + typeName(v) + "' object has no attribute '" + attr + "'");
                v = out2;
                accessor = end == std::string::npos ? std::string() : accessor.substr(end);
            } else {
                const std::size_t end = accessor.find(']');
                if (end == std::string::npos)
                    in.fail(pos, "Missing ']' in format string");
                const std::string key = accessor.substr(1, end - 1);
                accessor = accessor.substr(end + 1);
                Value k = (!key.empty() && key.find_first_not_of("0123456789") == std::string::npos && key.size() < 10)
                    ? Value::integer(std::stoll(key)) : Value::string(key);
                if (v.type() == Type::Dict) {
                    const std::ptrdiff_t p = v.as<DictObject>()->find(k);
                    if (p < 0)
                        in.fail(pos, "key " + repr(k) + " not found in dict");
                    v = v.as<DictObject>()->entries[std::size_t(p)].second;
                } else if ((v.type() == Type::List || v.type() == Type::Tuple) && k.type() == Type::Int) {
                    const auto &items = v.as<ListObject>()->items;
                    if (std::size_t(k.asInt()) >= items.size())
                        in.fail(pos, std::string(typeName(v)) + " index out of range");
                    v = items[std::size_t(k.asInt())];
                } else {
                    in.fail(pos, std::string("'") + typeName(v) + "' object is not subscriptable");
                }
            }
        }
        if (conversion == 'r')
            v = Value::string(repr(v));
        else if (conversion == 's')
            v = Value::string(toStr(v));
        out += spec.empty() ? toStr(v) : formatWithSpec(in, v, spec, pos);
        in.checkString(out.size(), pos);
    }
    in.checkString(out.size(), pos);
    return Value::string(std::move(out));
}

Value percentFormat(Interpreter &in, const std::string &fmt, const Value &args, Pos pos)
{
    std::vector<Value> values;
    const bool mapping = args.type() == Type::Dict;
    if (args.type() == Type::Tuple)
        values = args.as<ListObject>()->items;
    else
        values.push_back(args);
    std::size_t next = 0;
    bool usedMapping = false;
    std::string out;
    std::size_t i = 0;
    auto nextValue = [&]() -> Value {
        if (next >= values.size())
            in.fail(pos, "not enough arguments for format string");
        return values[next++];
    };
    while (i < fmt.size()) {
        const char c = fmt[i];
        if (c != '%') {
            out += c;
            ++i;
            continue;
        }
        const std::size_t start = i;
        ++i;
        if (i >= fmt.size())
            in.fail(pos, "incomplete format");
        Value v;
        bool haveValue = false;
        if (fmt[i] == '(') {
            const std::size_t close = fmt.find(')', i);
            if (close == std::string::npos)
                in.fail(pos, "incomplete format key");
            if (!mapping)
                in.fail(pos, "format requires a mapping");
            const Value key = Value::string(fmt.substr(i + 1, close - i - 1));
            const std::ptrdiff_t p = args.as<DictObject>()->find(key);
            if (p < 0)
                in.fail(pos, "key " + repr(key) + " not found in format mapping");
            v = args.as<DictObject>()->entries[std::size_t(p)].second;
            haveValue = true;
            usedMapping = true;
            i = close + 1;
        }
        Spec spec;
        bool leftAlign = false, zero = false;
        while (i < fmt.size() && (fmt[i] == '-' || fmt[i] == '+' || fmt[i] == ' ' || fmt[i] == '0' || fmt[i] == '#')) {
            switch (fmt[i]) {
            case '-': leftAlign = true; break;
            case '+': spec.sign = '+'; break;
            case ' ': if (spec.sign != '+') spec.sign = ' '; break;
            case '0': zero = true; break;
            case '#': spec.alternate = true; break;
            }
            ++i;
        }
        auto number = [&](std::int64_t &dst) {
            if (i < fmt.size() && fmt[i] == '*') {
                const Value w = nextValue();
                if (w.type() != Type::Int)
                    in.fail(pos, "* wants int");
                dst = w.asInt();
                ++i;
                return;
            }
            if (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9') {
                dst = 0;
                while (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9') {
                    dst = dst * 10 + (fmt[i++] - '0');
                    if (dst > 100000000)
                        in.fail(pos, "width too big");
                }
            }
        };
        number(spec.width);
        if (i < fmt.size() && fmt[i] == '.') {
            ++i;
            spec.precision = 0;
            number(spec.precision);
        }
        while (i < fmt.size() && (fmt[i] == 'h' || fmt[i] == 'l' || fmt[i] == 'L'))
            ++i;
        if (i >= fmt.size())
            in.fail(pos, "incomplete format");
        const char conv = fmt[i++];
        if (conv == '%') {
            out += '%';
            continue;
        }
        if (!haveValue)
            v = mapping && !usedMapping && values.size() == 1 && next == 0 ? (next++, args) : nextValue();
        spec.align = leftAlign ? '<' : (zero ? '=' : '>');
        if (zero && !leftAlign)
            spec.fill = '0';
        std::string piece;
        switch (conv) {
        case 's': case 'r': case 'a': {
            std::string s = conv == 's' ? toStr(v) : repr(v);
            if (spec.precision >= 0 && std::size_t(spec.precision) < s.size())
                s.resize(std::size_t(spec.precision));
            spec.fill = ' ';
            if (!leftAlign)
                spec.align = '>';
            piece = pad(in, "", s, spec, '>', pos);
            break;
        }
        case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': {
            if (v.type() != Type::Int && v.type() != Type::Float && v.type() != Type::Bool)
                in.fail(pos, std::string("%") + conv + " format: a real number is required, not " + typeName(v));
            Value num = v;
            const bool intConv = conv == 'd' || conv == 'i' || conv == 'u' || conv == 'x' || conv == 'X' || conv == 'o';
            if (intConv && v.type() == Type::Float) {
                if (!std::isfinite(v.asFloat()) || std::fabs(v.asFloat()) >= 9.2e18)
                    in.fail(pos, "cannot convert float to integer");
                num = Value::integer(std::int64_t(v.asFloat()));
            }
            if (intConv && v.type() == Type::Bool)
                num = Value::integer(v.asBool() ? 1 : 0);
            spec.type = (conv == 'i' || conv == 'u') ? 'd' : conv;
            if (intConv && spec.precision >= 0)
                spec.precision = -1;
            piece = formatNumber(in, num, spec, pos);
            break;
        }
        case 'c':
            if (v.type() == Type::Str && base::codePointCount(v.str()) == 1) {
                piece = v.str();
                break;
            }
            in.fail(pos, "%c requires a single character string");
        default: {
            char buf[64];
            std::snprintf(buf, sizeof buf, "unsupported format character '%c' (0x%x) at index %zu", conv, unsigned(static_cast<unsigned char>(conv)), i - 1);
            (void)start;
            in.fail(pos, buf);
        }
        }
        out += piece;
        in.checkString(out.size(), pos);
    }
    if (!mapping && next < values.size())
        in.fail(pos, "not all arguments converted during string formatting");
    return Value::string(std::move(out));
}

} // namespace trellis::buildlang
