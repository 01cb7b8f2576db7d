#include "core/base/sourcelocation.h"

namespace trellis::base {

std::string SourceLocation::toString() const
{
    std::string s = file;
    if (line > 0) {
        s += ':' + std::to_string(line);
        if (column > 0)
            s += ':' + std::to_string(column);
    }
    return s;
}

} // namespace trellis::base
