// Root causes of a load's problems. One failed BUILD file (or prelude) can make a
// thousand later diagnostics: every BUILD file calling the prelude's macros fails with
// "name 'x' is not defined", every import of a module whose BUILD file failed is
// "cannot infer owners", every explicit dependency on one of its addresses "does not
// exist". ProblemAttribution maps such knock-on diagnostics to the diagnostic that
// caused them, so the CLI prints the cause once and the GUI groups by cause.
//
//   ProblemAttribution why(*ws);
//   for (const base::Diagnostic &d : inference.diagnostics)
//       if (const base::Diagnostic *cause = why.causeOf(d)) ...   // knock-on
//   std::cerr << loadSummary(why.failedBuildFiles().size(), 0, shown) << '\n';
#pragma once

#include "core/base/diagnostic.h"
#include "core/workspace/workspace.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::workspace {

/// One root cause and the diagnostics it explains.
struct ProblemGroup {
    base::Diagnostic cause;
    std::vector<base::Diagnostic> knockOns;
    /// The same problem (same severity and message) elsewhere; see foldRepeats().
    std::vector<base::Diagnostic> repeats;
};

class ProblemAttribution {
public:
    explicit ProblemAttribution(const Workspace &ws);

    /// The root-cause diagnostic that explains `d`, or nullptr when `d` is a root cause
    /// (or unrelated to any failure). Recognises: names undefined in a BUILD file while
    /// the prelude failed; explicit dependencies on addresses in a failed BUILD file's
    /// directory; imports only of modules whose files a failed BUILD file would own;
    /// files without owners below a failed BUILD file.
    const base::Diagnostic *causeOf(const base::Diagnostic &d) const;

    /// The failed BUILD file whose directory is the nearest BUILD directory above
    /// `path` ("" when none): its targets might have owned `path`.
    std::string failedBuildFileFor(std::string_view path) const;

    /// BUILD files with at least one error, sorted.
    const std::vector<std::string> &failedBuildFiles() const { return m_failedFiles; }

    /// Groups diagnostics (root causes in their order, each with its knock-ons).
    std::vector<ProblemGroup> group(const base::Diagnostics &diagnostics) const;

private:
    const base::Diagnostic *causeOfImports(const std::string &message) const;
    void buildHiddenModules() const;

    const Workspace &m_ws;
    std::set<std::string, std::less<>> m_buildDirs;                       // dirs holding a BUILD file
    std::map<std::string, base::Diagnostic, std::less<>> m_failedDirs;    // BUILD dir -> its first error
    std::map<std::string, std::string, std::less<>> m_failedFileOfDir;    // BUILD dir -> failed BUILD file
    std::vector<std::string> m_failedFiles;
    std::optional<base::Diagnostic> m_preludeError;
    mutable bool m_hiddenBuilt = false;
    mutable std::map<std::string, std::string, std::less<>> m_hiddenModules; // module -> BUILD dir
};

/// Folds root causes that repeat: groups without knock-ons whose causes have the same
/// severity and message (an unknown target type of a backend that is not enabled, used
/// in 200 BUILD files) become one group, the first occurrence its cause and the others
/// its `repeats`, in their order. Groups with knock-ons are kept as they are.
std::vector<ProblemGroup> foldRepeats(std::vector<ProblemGroup> groups);

/// The one-line load summary, e.g. "3 BUILD files failed; 12,430 targets shown" or
/// "1 BUILD file failed, 2 other errors; 7 targets shown".
std::string loadSummary(size_t failedBuildFiles, size_t otherErrors, size_t targetsShown);

/// `n` with thousands separators ("12,430").
std::string withThousands(size_t n);

} // namespace trellis::workspace
