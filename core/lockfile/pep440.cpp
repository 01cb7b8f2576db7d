// PEP 440 parsing: a hand-written scanner over the lower-cased text, following the
// specification's "permissive" regular expression (the one pip and packaging accept)
// segment by segment. Each optional suffix is tried from a saved position and rolled
// back when it does not complete, which is what the regular expression's backtracking
// does: in `1.0a-dev` the `-` is not the pre-release number's separator but the dev
// release's.
#include "core/lockfile/pep440.h"

#include <algorithm>
#include <cctype>

namespace trellis::lockfile {

namespace {

constexpr int kMaxDigits = 18; // fits std::uint64_t (and int64 for JSON) with room

/// A cursor over lower-cased version text.
struct Scanner {
    std::string s;
    std::size_t pos = 0;

    bool atEnd() const { return pos >= s.size(); }
    char peek(std::size_t ahead = 0) const { return pos + ahead < s.size() ? s[pos + ahead] : '\0'; }
    static bool isSep(char c) { return c == '.' || c == '-' || c == '_'; }
    bool isDigit() const { return std::isdigit(static_cast<unsigned char>(peek())) != 0; }
    bool isAlnum() const { return std::isalnum(static_cast<unsigned char>(peek())) != 0; }
    bool skipSep()
    {
        if (isSep(peek())) {
            ++pos;
            return true;
        }
        return false;
    }
    bool take(std::string_view word)
    {
        if (s.compare(pos, word.size(), word) == 0) {
            pos += word.size();
            return true;
        }
        return false;
    }
    /// Reads digits; nullopt when there are none; `tooLong` when they overflow.
    std::optional<std::uint64_t> number(bool &tooLong)
    {
        const std::size_t start = pos;
        while (isDigit())
            ++pos;
        if (pos == start)
            return std::nullopt;
        std::size_t first = start;
        while (first + 1 < pos && s[first] == '0')
            ++first;
        if (pos - first > kMaxDigits) {
            tooLong = true;
            pos = start;
            return std::nullopt;
        }
        std::uint64_t n = 0;
        for (std::size_t i = first; i < pos; ++i)
            n = n * 10 + static_cast<std::uint64_t>(s[i] - '0');
        return n;
    }
    /// `[sep] N` (an optional number with an optional separator); the separator is not
    /// consumed when no digits follow it.
    std::optional<std::uint64_t> optionalNumber(bool &tooLong)
    {
        const std::size_t save = pos;
        skipSep();
        if (auto n = number(tooLong))
            return n;
        pos = save;
        return std::nullopt;
    }
};

std::strong_ordering compareLocal(const std::vector<LocalSegment> &a, const std::vector<LocalSegment> &b)
{
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        const LocalSegment &x = a[i];
        const LocalSegment &y = b[i];
        if (x.numeric != y.numeric)
            return x.numeric ? std::strong_ordering::greater : std::strong_ordering::less;
        if (x.numeric) {
            if (auto c = x.number <=> y.number; c != 0)
                return c;
        } else if (auto c = x.text.compare(y.text); c != 0) {
            return c < 0 ? std::strong_ordering::less : std::strong_ordering::greater;
        }
    }
    return a.size() <=> b.size();
}

/// Release without trailing zeros, for comparison (1.0 == 1.0.0).
std::size_t significantLength(const std::vector<std::uint64_t> &release)
{
    std::size_t n = release.size();
    while (n > 0 && release[n - 1] == 0)
        --n;
    return n;
}

/// Rank of the pre-release part: dev-only releases sort below alpha; finals above rc.
int preRank(const Version &v)
{
    if (v.preKind())
        return static_cast<int>(*v.preKind()); // 0..2
    if (!v.post() && v.dev())
        return -1;
    return 3;
}

} // namespace

base::Result<Version> Version::parse(std::string_view text, const std::string &file)
{
    Scanner sc;
    sc.s.reserve(text.size());
    for (char c : text)
        sc.s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    const std::string original(text);
    auto fail = [&](std::size_t at, const std::string &message) -> base::Result<Version> {
        base::Diagnostic d = base::Diagnostic::error({file, 1, static_cast<int>(at) + 1}, message);
        d.sourceLine = original;
        return d;
    };
    auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    while (!sc.atEnd() && isSpace(sc.peek()))
        ++sc.pos;
    std::size_t end = sc.s.size();
    while (end > sc.pos && isSpace(sc.s[end - 1]))
        --end;
    sc.s.resize(end); // positions stay aligned with `original`
    if (sc.atEnd())
        return fail(sc.pos, "empty version");
    if (sc.peek() == 'v')
        ++sc.pos;

    Version v;
    bool tooLong = false;
    auto tooLongError = [&]() { return fail(sc.pos, "number too large in version '" + original + "'"); };

    // Epoch or first release component.
    auto first = sc.number(tooLong);
    if (tooLong)
        return tooLongError();
    if (!first)
        return fail(sc.pos, "invalid version '" + original + "': expected a release number");
    if (sc.peek() == '!') {
        if (*first > 1000000000ULL)
            return tooLongError();
        v.m_epoch = static_cast<int>(*first);
        ++sc.pos;
        first = sc.number(tooLong);
        if (tooLong)
            return tooLongError();
        if (!first)
            return fail(sc.pos, "invalid version '" + original + "': expected a release number after the epoch");
    }
    v.m_release.push_back(*first);
    while (sc.peek() == '.' && std::isdigit(static_cast<unsigned char>(sc.peek(1)))) {
        ++sc.pos;
        auto n = sc.number(tooLong);
        if (tooLong)
            return tooLongError();
        v.m_release.push_back(*n);
    }

    // Pre-release.
    {
        const std::size_t save = sc.pos;
        sc.skipSep();
        struct Label { std::string_view word; PreReleaseKind kind; };
        static constexpr Label kLabels[] = {
            {"alpha", PreReleaseKind::Alpha}, {"beta", PreReleaseKind::Beta},
            {"preview", PreReleaseKind::ReleaseCandidate}, {"pre", PreReleaseKind::ReleaseCandidate},
            {"rc", PreReleaseKind::ReleaseCandidate}, {"a", PreReleaseKind::Alpha},
            {"b", PreReleaseKind::Beta}, {"c", PreReleaseKind::ReleaseCandidate},
        };
        bool found = false;
        for (const Label &l : kLabels) {
            if (sc.take(l.word)) {
                v.m_preKind = l.kind;
                found = true;
                break;
            }
        }
        if (found) {
            v.m_preNumber = sc.optionalNumber(tooLong).value_or(0);
            if (tooLong)
                return tooLongError();
        } else {
            sc.pos = save;
        }
    }

    // Post-release: `-N`, or [sep] (post|rev|r) [sep][N].
    {
        const std::size_t save = sc.pos;
        if (sc.peek() == '-' && std::isdigit(static_cast<unsigned char>(sc.peek(1)))) {
            ++sc.pos;
            v.m_post = sc.number(tooLong);
            if (tooLong)
                return tooLongError();
        } else {
            sc.skipSep();
            if (sc.take("post") || sc.take("rev") || sc.take("r")) {
                v.m_post = sc.optionalNumber(tooLong).value_or(0);
                if (tooLong)
                    return tooLongError();
            } else {
                sc.pos = save;
            }
        }
    }

    // Dev release.
    {
        const std::size_t save = sc.pos;
        sc.skipSep();
        if (sc.take("dev")) {
            v.m_dev = sc.optionalNumber(tooLong).value_or(0);
            if (tooLong)
                return tooLongError();
        } else {
            sc.pos = save;
        }
    }

    // Local version.
    if (sc.peek() == '+') {
        ++sc.pos;
        for (;;) {
            const std::size_t start = sc.pos;
            while (sc.isAlnum())
                ++sc.pos;
            if (sc.pos == start)
                return fail(sc.pos, "invalid version '" + original + "': expected a local version segment");
            LocalSegment seg;
            const std::string word = sc.s.substr(start, sc.pos - start);
            if (std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) {
                std::size_t firstDigit = word.find_first_not_of('0');
                if (firstDigit == std::string::npos)
                    firstDigit = word.size() - 1;
                if (word.size() - firstDigit > static_cast<std::size_t>(kMaxDigits))
                    return fail(start, "number too large in version '" + original + "'");
                seg.numeric = true;
                for (std::size_t i = firstDigit; i < word.size(); ++i)
                    seg.number = seg.number * 10 + static_cast<std::uint64_t>(word[i] - '0');
            } else {
                seg.text = word;
            }
            v.m_local.push_back(std::move(seg));
            if (Scanner::isSep(sc.peek()) && std::isalnum(static_cast<unsigned char>(sc.peek(1))))
                ++sc.pos;
            else
                break;
        }
    }

    if (!sc.atEnd())
        return fail(sc.pos, "invalid version '" + original + "': unexpected '" + std::string(1, original[sc.pos]) + "'");
    return v;
}

std::string Version::publicVersion() const
{
    std::string out;
    if (m_epoch != 0)
        out += std::to_string(m_epoch) + '!';
    for (std::size_t i = 0; i < m_release.size(); ++i) {
        if (i)
            out += '.';
        out += std::to_string(m_release[i]);
    }
    if (m_preKind) {
        static constexpr const char *kNames[] = {"a", "b", "rc"};
        out += kNames[static_cast<int>(*m_preKind)];
        out += std::to_string(m_preNumber);
    }
    if (m_post)
        out += ".post" + std::to_string(*m_post);
    if (m_dev)
        out += ".dev" + std::to_string(*m_dev);
    return out;
}

std::string Version::toString() const
{
    std::string out = publicVersion();
    for (std::size_t i = 0; i < m_local.size(); ++i) {
        out += i == 0 ? '+' : '.';
        out += m_local[i].numeric ? std::to_string(m_local[i].number) : m_local[i].text;
    }
    return out;
}

std::strong_ordering operator<=>(const Version &a, const Version &b)
{
    if (auto c = a.m_epoch <=> b.m_epoch; c != 0)
        return c;
    const std::size_t na = significantLength(a.m_release);
    const std::size_t nb = significantLength(b.m_release);
    for (std::size_t i = 0; i < std::min(na, nb); ++i)
        if (auto c = a.m_release[i] <=> b.m_release[i]; c != 0)
            return c;
    if (auto c = na <=> nb; c != 0)
        return c;
    if (auto c = preRank(a) <=> preRank(b); c != 0)
        return c;
    if (a.m_preKind)
        if (auto c = a.m_preNumber <=> b.m_preNumber; c != 0)
            return c;
    // No post release sorts below any post release.
    if (auto c = a.m_post.has_value() <=> b.m_post.has_value(); c != 0)
        return c;
    if (a.m_post)
        if (auto c = *a.m_post <=> *b.m_post; c != 0)
            return c;
    // No dev release sorts above any dev release.
    if (auto c = b.m_dev.has_value() <=> a.m_dev.has_value(); c != 0)
        return c;
    if (a.m_dev)
        if (auto c = *a.m_dev <=> *b.m_dev; c != 0)
            return c;
    return compareLocal(a.m_local, b.m_local);
}

BumpKind bumpKind(const Version &from, const Version &to)
{
    if (from.component(0) != to.component(0))
        return BumpKind::Major;
    if (from.component(1) != to.component(1))
        return BumpKind::Minor;
    if (from.component(2) != to.component(2))
        return BumpKind::Micro;
    return BumpKind::Other;
}

} // namespace trellis::lockfile
