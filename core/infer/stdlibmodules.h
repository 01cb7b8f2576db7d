// The standard-library module names that Pants never reports as unowned (spec §5.7):
// sys.stdlib_module_names of Python 3.14 plus modules removed in older releases.
//
//   isStdlibModule("os");        // true
//   isStdlibModule("asyncore");  // true (removed in 3.12, still listed)
#pragma once

#include <string_view>
#include <vector>

namespace trellis::infer {

/// True when `topLevel` (the first component of an import) is a standard-library module.
bool isStdlibModule(std::string_view topLevel);
/// Every listed name, sorted.
const std::vector<std::string_view> &stdlibModules();

} // namespace trellis::infer
