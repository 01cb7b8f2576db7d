"""The /healthz report: is the scheduler able to place work right now?"""

from __future__ import annotations

from typing import Any

from orchard.common.types import JobState
from orchard.scheduler.dispatcher import Dispatcher


def health(dispatcher: Dispatcher) -> dict[str, Any]:
    """'ok' with at least one agent, 'degraded' with none."""
    states = [job.state for job in dispatcher.jobs.values()]
    return {
        "status": "ok" if dispatcher.agents else "degraded",
        "agents": len(dispatcher.agents),
        "queued": len(dispatcher.queue),
        "running": states.count(JobState.RUNNING),
        "policy": dispatcher.policy.name,
    }
