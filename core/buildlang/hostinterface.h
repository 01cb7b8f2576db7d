// The host interface of the BUILD-language interpreter: how the workspace layer
// registers callables (target types, `parametrize`, `env`, `__defaults__`, ...) and
// evaluates preludes and BUILD files with them.
//
//   Dialect d;
//   d.addFunction("python_sources", [](HostCall &c) -> base::Result<HostValue> {
//       auto *file = static_cast<MyFileState *>(c.fileContext);
//       file->declare("python_sources", c.kwargs, c.location);
//       return HostValue::none();
//   }, {.isTargetType = true});
//   auto prelude = Prelude::load(d, {{"tools/macros.py", text}}, limits);   // once
//   MyFileState state;
//   FileResult r = evaluateBuildFile(*prelude, "src/app/BUILD", text, &state, limits);
//
// Everything here is safe to use from several threads at once once the Prelude is
// built: a Prelude is frozen (read-only) and each evaluateBuildFile call has private
// state. Host callbacks run on the evaluating thread.
#pragma once

#include "core/base/canceltoken.h"
#include "core/base/disk.h"
#include "core/base/result.h"
#include "core/buildlang/hostvalue.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace trellis::buildlang {

/// One call of a host function from BUILD code.
struct HostCall {
    std::string_view function;      ///< the name it was registered under
    HostList args;                  ///< positional arguments (after `*` expansion)
    HostKwargs kwargs;              ///< keyword arguments in call order (after `**` expansion)
    base::SourceLocation location;  ///< position of the call expression (the callee's first char)
    void *fileContext = nullptr;    ///< what the host passed to evaluateBuildFile (not owned)
    std::string_view buildFile;     ///< path of the BUILD file being evaluated ("" in a prelude)
};

/// A host function. Returning diagnostics makes the call raise an error at
/// `HostCall::location` (unless the diagnostic carries its own valid location).
using HostFunction = std::function<base::Result<HostValue>(HostCall &)>;

/// Answers `symbol.attr.attr...` on a host symbol, e.g. `python_sources.sources.default`
/// gets path {"sources", "default"}. nullopt = AttributeError.
using HostAttribute = std::function<std::optional<HostValue>(std::string_view symbol,
                                                             const std::vector<std::string> &path,
                                                             void *fileContext)>;

/// Reads a file for `open()` in BUILD code and preludes: gets the path as written and
/// returns the file's text, or an error diagnostic (its message becomes the OSError).
using FileReader = std::function<base::Result<std::string>(const std::string &path)>;

/// A FileReader for files inside the directory `root` (Pants resolves open() against the
/// build root, its working directory): relative paths are taken from `root`; symlinks are
/// resolved and a path that ends up outside `root` is refused; files over `maxBytes` are
/// refused. Read-only by construction. Files are read through `disk` (null: the real disk).
FileReader buildRootFileReader(std::string root, std::size_t maxBytes = 1 << 20,
                               std::shared_ptr<const base::Disk> disk = nullptr);

struct HostFunctionOptions {
    /// A target type: positional arguments are rejected with Pants' message before the
    /// host sees the call, and attribute access goes to the dialect's HostAttribute.
    bool isTargetType = false;
    /// Usable in a prelude only inside functions called from BUILD files (Pants rule for
    /// `env`, `build_file_dir`, `__defaults__`, the dependency-rules symbols).
    bool forbiddenAtPreludeTopLevel = false;
};

/// The set of names the host provides, plus evaluation options. Built once, then shared.
class Dialect {
public:
    void addFunction(std::string name, HostFunction fn, HostFunctionOptions options = {});
    /// A constant visible to BUILD files (e.g. exception class names in preludes).
    void addConstant(std::string name, HostValue value);
    void setAttributeResolver(HostAttribute resolver);
    /// Enables `open(path)` for reading files (see buildRootFileReader). Without a reader,
    /// open() is an error.
    void setFileReader(FileReader reader);
    /// Receives `print(...)` output with its location (the workspace log).
    void setPrint(std::function<void(const base::SourceLocation &, const std::string &)> print);

    // Implementation detail accessors used by the interpreter.
    struct Entry { std::string name; HostFunction fn; HostFunctionOptions options; };
    const std::vector<Entry> &functions() const { return m_functions; }
    const std::vector<std::pair<std::string, HostValue>> &constants() const { return m_constants; }
    const HostAttribute &attributeResolver() const { return m_attribute; }
    const FileReader &fileReader() const { return m_fileReader; }
    const std::function<void(const base::SourceLocation &, const std::string &)> &print() const { return m_print; }

private:
    std::vector<Entry> m_functions;
    std::vector<std::pair<std::string, HostValue>> m_constants;
    HostAttribute m_attribute;
    FileReader m_fileReader;
    std::function<void(const base::SourceLocation &, const std::string &)> m_print;
};

/// Sandbox limits. Exceeding one is an error with the position where it happened.
struct Limits {
    std::int64_t maxSteps = 2'000'000;     ///< evaluation steps per file (prelude: per call site)
    int maxCallDepth = 200;                ///< nested function calls
    std::int64_t maxStringBytes = 1 << 24; ///< longest string a program may build
    std::int64_t maxCollectionSize = 1 << 20; ///< longest list/dict/set
    std::int64_t maxMemoryBytes = std::int64_t(256) << 20; ///< bytes of strings, lists and dicts alive at once
    base::CancelToken cancel;              ///< checked periodically; cancel = error "evaluation cancelled"
};

class PreludeData; // interpreter-private

/// The evaluated preludes: their top-level definitions, frozen and shared read-only by
/// every BUILD file evaluation (on any thread).
class Prelude {
public:
    struct Source { std::string path; std::string text; };
    /// Evaluates the prelude files in order (they see each other's definitions). Errors
    /// are collected; a prelude with errors contributes the names it defined before the error.
    static std::shared_ptr<const Prelude> load(std::shared_ptr<const Dialect> dialect,
                                               const std::vector<Source> &files,
                                               const Limits &limits, base::Diagnostics &diagnostics);
    /// A prelude with no files (just the dialect).
    static std::shared_ptr<const Prelude> empty(std::shared_ptr<const Dialect> dialect);

    const Dialect &dialect() const;
    /// Top-level names the preludes define (for "did you mean" and the UI).
    std::vector<std::string> definedNames() const;

    ~Prelude();
    std::shared_ptr<const PreludeData> data() const { return m_data; } // interpreter use

private:
    Prelude() = default;
    std::shared_ptr<const PreludeData> m_data; // never null after load
};

/// Outcome of evaluating one BUILD file. The host's own state (targets declared) lives in
/// the fileContext it passed; `diagnostics` holds the errors (with source line + caret)
/// and warnings. Evaluation stops at the first error in the file (like Python), which is
/// reported; other files are unaffected.
struct FileResult {
    base::Diagnostics diagnostics;
    bool ok() const { return !base::hasErrors(diagnostics); }
};

FileResult evaluateBuildFile(const Prelude &prelude, std::string_view path, std::string_view text,
                             void *fileContext, const Limits &limits = {});

} // namespace trellis::buildlang
