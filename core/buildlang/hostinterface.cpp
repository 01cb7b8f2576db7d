#include "core/buildlang/hostinterface.h"

#include "core/buildlang/interpreter.h"
#include "core/buildlang/parser.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <new>

namespace trellis::buildlang {

void Dialect::addFunction(std::string name, HostFunction fn, HostFunctionOptions options)
{
    m_functions.push_back(Entry{std::move(name), std::move(fn), options});
}

void Dialect::addConstant(std::string name, HostValue value)
{
    m_constants.emplace_back(std::move(name), std::move(value));
}

void Dialect::setAttributeResolver(HostAttribute resolver) { m_attribute = std::move(resolver); }

void Dialect::setPrint(std::function<void(const base::SourceLocation &, const std::string &)> print)
{
    m_print = std::move(print);
}

void Dialect::setFileReader(FileReader reader) { m_fileReader = std::move(reader); }

FileReader buildRootFileReader(std::string root, std::size_t maxBytes, std::shared_ptr<const base::Disk> disk)
{
    if (!disk)
        disk = std::make_shared<base::RealDisk>();
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path canonicalRoot = fs::weakly_canonical(fs::path(root), ec);
    if (ec)
        canonicalRoot = fs::path(root).lexically_normal();
    return [canonicalRoot, maxBytes, disk](const std::string &path) -> base::Result<std::string> {
        auto error = [&](const std::string &msg) { return base::Diagnostic::error({}, msg); };
        if (path.empty())
            return error("No such file or directory: ''");
        if (path.find('\0') != std::string::npos)
            return error("open(): embedded null character in path");
        const fs::path p(path);
        std::error_code e;
        const fs::path resolved = fs::weakly_canonical(p.is_absolute() ? p : canonicalRoot / p, e);
        if (e)
            return error("cannot open '" + path + "': " + e.message());
        const fs::path rel = resolved.lexically_relative(canonicalRoot);
        if (rel.empty() || *rel.begin() == "..")
            return error("open(): '" + path + "' is outside the build root (BUILD files may only read files of the repository)");
        const auto st = disk->stat(resolved.string());
        if (!st)
            return error("cannot open '" + path + "': " + st.diagnostics().front().message);
        if (!st->exists)
            return error("No such file or directory: '" + path + "'");
        if (st->isDir)
            return error("Is a directory: '" + path + "'");
        if (!st->isFile)
            return error("open(): '" + path + "' is not a regular file");
        if (st->size > maxBytes)
            return error("open(): '" + path + "' is " + std::to_string(st->size)
                         + " bytes; BUILD files may read files of at most " + std::to_string(maxBytes) + " bytes");
        auto text = disk->readFile(resolved.string(), maxBytes);
        if (!text)
            return error("cannot open '" + path + "': " + text.diagnostics().front().message);
        return std::move(*text);
    };
}

namespace {

base::Diagnostic syntaxDiagnostic(const std::string &path, std::string_view text, const SyntaxError &err)
{
    base::Diagnostic d = base::Diagnostic::error({path, err.line, err.column}, err.message);
    d.sourceLine = base::lineOf(text, err.line);
    return d;
}

void appendEvalError(base::Diagnostics &out, const EvalError &e)
{
    base::Diagnostic d;
    d.severity = base::Severity::Error;
    d.message = e.message;
    d.hint = e.hint;
    if (e.explicitLocation.isValid()) {
        d.loc = e.explicitLocation;
        if (e.module && e.module->path == d.loc.file)
            d.sourceLine = base::lineOf(e.module->text, d.loc.line);
    } else if (e.module) {
        d.loc = {e.module->path, e.pos.line, e.pos.column};
        d.sourceLine = base::lineOf(e.module->text, e.pos.line);
    }
    out.push_back(std::move(d));
    // Innermost call first, like the last lines of a Python traceback read upwards. Deep
    // recursion keeps only the innermost calls and the outermost one.
    constexpr std::size_t kInnermost = 4;
    const std::size_t n = e.callSites.size();
    for (std::size_t k = 0; k < n; ++k) {
        if (k >= kInnermost && k + 1 != n)
            continue;
        const auto *it = &e.callSites[n - 1 - k];
        if (!it->first)
            continue;
        base::Diagnostic note;
        note.severity = base::Severity::Note;
        note.loc = {it->first->path, it->second.line, it->second.column};
        note.message = "called from here";
        note.sourceLine = base::lineOf(it->first->text, it->second.line);
        out.push_back(std::move(note));
    }
}

std::shared_ptr<PreludeData> makeData(std::shared_ptr<const Dialect> dialect)
{
    auto data = std::make_shared<PreludeData>();
    data->dialect = std::move(dialect);
    installBuiltins(data->universe);
    installPreludeExtras(data->preludeExtras);
    // Exception classes the evaluator raises (open(), arithmetic) that `except` may name.
    for (const char *name : {"FileNotFoundError", "IsADirectoryError", "PermissionError", "OverflowError",
                             "RecursionError", "UnicodeError", "UnboundLocalError", "StopIteration"}) {
        if (data->preludeExtras.count(name))
            continue;
        auto e = std::make_shared<ExceptionObject>();
        e->typeName = name;
        data->preludeExtras[name] = Value::object(Type::ExceptionType, std::move(e));
    }
    {
        auto open = std::make_shared<BuiltinObject>();
        open->name = "open";
        open->fn = &Interpreter::openBuiltin;
        data->universe["open"] = Value::object(Type::Builtin, std::move(open));
    }
    for (const Dialect::Entry &e : data->dialect->functions()) {
        auto h = std::make_shared<HostFunctionObject>();
        h->entry = &e;
        data->universe[e.name] = Value::object(Type::HostFunction, std::move(h));
    }
    Limits limits;
    Interpreter converter(*data, limits, nullptr, {}, true);
    for (const auto &[name, value] : data->dialect->constants())
        data->universe[name] = converter.fromHost(value);
    for (const auto &kv : data->universe)
        freeze(kv.second);
    return data;
}

} // namespace

std::shared_ptr<const Prelude> Prelude::load(std::shared_ptr<const Dialect> dialect, const std::vector<Source> &files,
                                             const Limits &limits, base::Diagnostics &diagnostics)
{
    std::shared_ptr<PreludeData> data = makeData(std::move(dialect));
    for (const Source &src : files) {
        SyntaxError err;
        std::shared_ptr<Module> module = parseModule(src.path, src.text, true, err);
        if (!module) {
            diagnostics.push_back(syntaxDiagnostic(src.path, src.text, err));
            continue;
        }
        data->modules.push_back(module);
        Interpreter interp(*data, limits, nullptr, {}, true);
        try {
            interp.runModule(*module, data->globals, true);
        } catch (const EvalError &e) {
            appendEvalError(diagnostics, e);
        } catch (const std::bad_alloc &) {
            diagnostics.push_back(base::Diagnostic::error({src.path, 0, 0}, "out of memory while evaluating the prelude"));
        }
        for (auto &d : interp.diagnostics())
            diagnostics.push_back(std::move(d));
    }
    data->globals.erase("__builtins__");
    for (const auto &kv : data->globals) {
        freeze(kv.second);
        freezeUserObjects(kv.second);
        data->definedNames.emplace_back(kv.first);
    }
    std::sort(data->definedNames.begin(), data->definedNames.end());
    std::shared_ptr<Prelude> p(new Prelude());
    p->m_data = std::move(data);
    return p;
}

std::shared_ptr<const Prelude> Prelude::empty(std::shared_ptr<const Dialect> dialect)
{
    std::shared_ptr<Prelude> p(new Prelude());
    p->m_data = makeData(std::move(dialect));
    return p;
}

Prelude::~Prelude() = default;

const Dialect &Prelude::dialect() const { return *m_data->dialect; }

std::vector<std::string> Prelude::definedNames() const { return m_data->definedNames; }

FileResult evaluateBuildFile(const Prelude &prelude, std::string_view path, std::string_view text, void *fileContext,
                             const Limits &limits)
{
    FileResult result;
    const PreludeData &data = *prelude.data();
    SyntaxError err;
    std::shared_ptr<Module> module = parseModule(std::string(path), text, false, err);
    if (!module) {
        result.diagnostics.push_back(syntaxDiagnostic(std::string(path), text, err));
        return result;
    }
    Interpreter interp(data, limits, fileContext, path, false);
    Globals globals;
    try {
        interp.runModule(*module, globals, false);
    } catch (const EvalError &e) {
        appendEvalError(result.diagnostics, e);
    } catch (const std::bad_alloc &) {
        result.diagnostics.push_back(base::Diagnostic::error({std::string(path), 0, 0}, "out of memory while evaluating"));
    }
    globals.clear();
    interp.releaseCapturedScopes();
    base::Diagnostics all = std::move(interp.diagnostics());
    for (auto &d : result.diagnostics)
        all.push_back(std::move(d));
    result.diagnostics = std::move(all);
    return result;
}

} // namespace trellis::buildlang
