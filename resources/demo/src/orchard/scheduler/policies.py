"""Scheduling policies decide which queued job goes to which agent.

Policies register themselves by name with @register_policy; get_policy() looks
them up and suggests the closest name on a typo.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from orchard.common.errors import SchedulingError
from orchard.common.types import AgentInfo, JobSpec, ResourceSlot

_REGISTRY: dict[str, type[SchedulingPolicy]] = {}


@dataclass(frozen=True)
class Assignment:
    job_id: str
    agent_id: str


def register_policy(name: str) -> Callable[[type[SchedulingPolicy]], type[SchedulingPolicy]]:
    def decorator(cls: type[SchedulingPolicy]) -> type[SchedulingPolicy]:
        _REGISTRY[name] = cls
        cls.name = name
        return cls

    return decorator


def get_policy(name: str) -> SchedulingPolicy:
    try:
        return _REGISTRY[name]()
    except KeyError:
        close = difflib.get_close_matches(name, _REGISTRY, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise SchedulingError(f"unknown scheduling policy {name!r}{hint}") from None


def policy_names() -> list[str]:
    return sorted(_REGISTRY)


class SchedulingPolicy:
    name = "abstract"

    def order(self, jobs: list[JobSpec]) -> list[JobSpec]:
        """The order in which jobs are offered to agents; queue order by default."""
        return list(jobs)

    def select(self, jobs: list[JobSpec], agents: list[AgentInfo]) -> list[Assignment]:
        """Greedy placement: each job goes to the first agent that still has room."""
        remaining: dict[str, ResourceSlot] = {a.agent_id: a.available for a in agents}
        assignments = []
        for job in self.order(jobs):
            for agent_id, free in remaining.items():
                if job.resources.fits_in(free):
                    remaining[agent_id] = free - job.resources
                    assignments.append(Assignment(job.job_id, agent_id))
                    break
        return assignments


@register_policy("fifo")
class FifoPolicy(SchedulingPolicy):
    """Strict queue order (priority, then age)."""


@register_policy("smallest-first")
class SmallestFirstPolicy(SchedulingPolicy):
    """Packs small jobs first to reduce head-of-line blocking."""

    def order(self, jobs: list[JobSpec]) -> list[JobSpec]:
        return sorted(jobs, key=lambda j: (j.resources.gpu, j.resources.cpu, j.resources.mem))
