#include "core/goals/cachedprocess.h"

namespace trellis::goals {

CapturedRun runCaptured(engine::ProcessRunner &runner, const engine::ProcessSpec &spec, const engine::TaskContext &ctx)
{
    CapturedRun run;
    run.process = runner.run(spec, ctx.cancel, [&](engine::Stream s, std::string_view chunk) {
        run.output.append(chunk);
        if (ctx.output)
            ctx.output(s, chunk);
    });
    return run;
}

} // namespace trellis::goals
