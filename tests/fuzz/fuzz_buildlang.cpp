// libFuzzer entry point: evaluates the input as a BUILD file (with a small prelude and a
// dialect of recording target types) under the default Limits a workspace uses, so the
// step, size and memory budgets are the real ones. Any crash, sanitizer report or hang
// is a bug; errors in the input are expected and ignored.
#include "core/buildlang/hostinterface.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace trellis;
using namespace trellis::buildlang;

namespace {

std::shared_ptr<const Prelude> makePrelude()
{
    auto d = std::make_shared<Dialect>();
    auto target = [](HostCall &c) -> base::Result<HostValue> {
        std::size_t *count = static_cast<std::size_t *>(c.fileContext);
        *count += c.kwargs.size();
        return HostValue::none();
    };
    d->addFunction("python_sources", target, {.isTargetType = true});
    d->addFunction("python_tests", target, {.isTargetType = true});
    d->addFunction("parametrize", [](HostCall &c) -> base::Result<HostValue> {
        HostObject o;
        o.typeName = "parametrize";
        o.args = c.args;
        o.kwargs = c.kwargs;
        o.unpackKey = c.args.empty() ? std::string() : std::string("parametrize");
        return HostValue::object(std::move(o));
    });
    d->addFunction("env", [](HostCall &) -> base::Result<HostValue> { return HostValue::string("v"); },
                   {.forbiddenAtPreludeTopLevel = true});
    d->setAttributeResolver([](std::string_view, const std::vector<std::string> &path, void *) -> std::optional<HostValue> {
        if (path.size() == 2 && path[1] == "default")
            return HostValue::list({HostValue::string("*.py")});
        return std::nullopt;
    });
    d->setPrint([](const base::SourceLocation &, const std::string &) {});
    base::Diagnostics diags;
    Limits limits;
    return Prelude::load(d, {{"prelude.py", "SHARED = [1, {'a': [2]}]\n"
                                            "def macro(name, **kw):\n"
                                            "    python_sources(name=name, **kw)\n"
                                            "    return dict(tags=[name])\n"}},
                         limits, diags);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const std::shared_ptr<const Prelude> prelude = makePrelude();
    const Limits limits; // the defaults, as the workspace loader uses them
    std::size_t count = 0;
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    FileResult r = evaluateBuildFile(*prelude, "fuzz/BUILD", text, &count, limits);
    for (const auto &d : r.diagnostics)
        (void)d.format();
    return 0;
}
