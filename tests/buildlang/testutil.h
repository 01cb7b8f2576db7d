// Shared helpers for the buildlang test suites: a Pants-like dialect whose target types
// record their calls, and one-call evaluation returning printed output or diagnostics.
#pragma once

#include "core/buildlang/hostinterface.h"

#include <memory>
#include <string>
#include <vector>

namespace trellis::buildlang::test {
namespace base = trellis::base;

/// What the fake target types record (the fileContext of each evaluation).
struct Recorder {
    struct Call {
        std::string function;
        HostKwargs kwargs;
        base::SourceLocation location;
        std::string buildFile;
    };
    std::vector<Call> calls;
    std::string printed;

    /// "python_sources(name='x', sources=['a.py'])" per call, one per line.
    std::string summary() const
    {
        std::string s;
        for (const Call &c : calls) {
            s += c.function + "(";
            for (std::size_t i = 0; i < c.kwargs.size(); ++i) {
                if (i)
                    s += ", ";
                s += c.kwargs[i].first + "=" + c.kwargs[i].second.repr();
            }
            s += ")\n";
        }
        return s;
    }
};

/// A dialect with python_sources/python_tests/pex_binary (target types), parametrize,
/// env and __defaults__ (prelude-forbidden), an attribute resolver answering
/// `<type>.<field>.default` with "<type>.<field>", and print into the Recorder (or
/// `*printSink` while loading preludes).
inline std::shared_ptr<Dialect> makeDialect(std::string *printSink = nullptr)
{
    auto d = std::make_shared<Dialect>();
    auto target = [](HostCall &c) -> base::Result<HostValue> {
        auto *r = static_cast<Recorder *>(c.fileContext);
        if (r)
            r->calls.push_back({std::string(c.function), c.kwargs, c.location, std::string(c.buildFile)});
        return HostValue::none();
    };
    for (const char *name : {"python_sources", "python_tests", "pex_binary", "python_requirements"})
        d->addFunction(name, target, {.isTargetType = true});
    d->addFunction("parametrize", [](HostCall &c) -> base::Result<HostValue> {
        HostObject o;
        o.typeName = "parametrize";
        o.args = c.args;
        o.kwargs = c.kwargs;
        if (!c.args.empty() && !c.kwargs.empty())
            o.unpackKey = "parametrize";
        return HostValue::object(std::move(o));
    });
    d->addFunction("build_file_dir", [](HostCall &c) -> base::Result<HostValue> {
        HostObject o;
        o.typeName = "PurePath";
        std::string dir(c.buildFile);
        const auto slash = dir.rfind('/');
        o.strValue = slash == std::string::npos ? std::string() : dir.substr(0, slash);
        return HostValue::object(std::move(o));
    }, {.forbiddenAtPreludeTopLevel = true});
    d->addFunction("env", [](HostCall &c) -> base::Result<HostValue> {
        if (c.args.empty())
            return base::Diagnostic::error({}, "env() requires a variable name");
        return c.args.size() > 1 ? c.args[1] : HostValue::none();
    }, {.forbiddenAtPreludeTopLevel = true});
    d->addFunction("__defaults__", [](HostCall &c) -> base::Result<HostValue> {
        auto *r = static_cast<Recorder *>(c.fileContext);
        if (r)
            r->calls.push_back({"__defaults__", c.kwargs, c.location, std::string(c.buildFile)});
        if (r && !c.args.empty())
            r->calls.back().kwargs.insert(r->calls.back().kwargs.begin(), {"mapping", c.args[0]});
        return HostValue::none();
    }, {.forbiddenAtPreludeTopLevel = true});
    d->addConstant("PANTS_VERSION", HostValue::string("2.21.0"));
    d->setAttributeResolver([](std::string_view symbol, const std::vector<std::string> &path, void *) -> std::optional<HostValue> {
        if (path.size() == 2 && path[1] == "default" && (path[0] == "sources" || path[0] == "tags"))
            return HostValue::string(std::string(symbol) + "." + path[0]);
        return std::nullopt;
    });
    d->setPrint([printSink](const base::SourceLocation &loc, const std::string &msg) {
        (void)loc;
        if (printSink)
            *printSink += msg + "\n";
    });
    return d;
}

/// Formats every diagnostic, separated by newlines.
inline std::string formatAll(const base::Diagnostics &diags)
{
    std::string s;
    for (const auto &d : diags) {
        if (!s.empty())
            s += '\n';
        s += d.format();
    }
    return s;
}

/// Evaluates `text` as BUILD file `path` (with optional prelude) and returns printed
/// output, or the formatted diagnostics when evaluation fails.
struct Evaluation {
    std::string printed;
    std::string errors;
    Recorder recorder;
};

inline Evaluation evaluate(const std::string &text, const std::string &prelude = {}, const Limits &limits = {},
                           const std::string &path = "src/BUILD")
{
    Evaluation ev;
    auto sink = std::make_shared<std::string>();
    auto dialect = makeDialect(sink.get());
    base::Diagnostics pd;
    std::shared_ptr<const Prelude> p = prelude.empty()
        ? Prelude::empty(dialect)
        : Prelude::load(dialect, {{"tools/prelude.py", prelude}}, limits, pd);
    FileResult r = evaluateBuildFile(*p, path, text, &ev.recorder, limits);
    ev.printed = *sink;
    ev.errors = formatAll(pd);
    const std::string fe = formatAll(r.diagnostics);
    if (!fe.empty())
        ev.errors += (ev.errors.empty() ? "" : "\n") + fe;
    return ev;
}

} // namespace trellis::buildlang::test
