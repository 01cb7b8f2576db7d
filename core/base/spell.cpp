#include "core/base/spell.h"

#include <algorithm>
#include <cctype>

namespace trellis::base {

int editDistance(std::string_view a, std::string_view b)
{
    std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        prev[j] = int(j);
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = int(i);
        for (size_t j = 1; j <= b.size(); ++j) {
            const int subst = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string nearest(std::string_view name, const std::vector<std::string> &candidates)
{
    auto lower = [](std::string_view s) {
        std::string r(s);
        std::transform(r.begin(), r.end(), r.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        return r;
    };
    const std::string lname = lower(name);
    const int limit = std::max<int>(1, int(name.size()) / 3);
    int best = limit + 1;
    std::string bestName;
    for (const auto &c : candidates) {
        // The distance is at least the difference in length: most of a large candidate
        // list (every address of a 12,000-target repository) is ruled out without it.
        const int gap = int(c.size() > name.size() ? c.size() - name.size() : name.size() - c.size());
        if (gap >= best)
            continue;
        const int d = editDistance(lname, lower(c));
        if (d < best) {
            best = d;
            bestName = c;
        }
    }
    return bestName;
}

} // namespace trellis::base
