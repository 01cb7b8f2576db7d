"""Fair-share scheduling: owners with fewer running jobs go first."""

from __future__ import annotations

from collections import Counter

from orchard.common.types import JobSpec, JobState
from orchard.scheduler.policies import SchedulingPolicy, register_policy


@register_policy("fair-share")
class FairSharePolicy(SchedulingPolicy):
    def __init__(self) -> None:
        self.running: Counter[str] = Counter()

    def observe(self, jobs: list[JobSpec]) -> None:
        """Recounts running jobs per owner from a snapshot of all jobs."""
        self.running = Counter(j.owner for j in jobs if j.state is JobState.RUNNING)

    def order(self, jobs: list[JobSpec]) -> list[JobSpec]:
        planned: Counter[str] = Counter(self.running)
        ordered = []
        pending = list(jobs)
        while pending:
            best = min(pending, key=lambda j: (planned[j.owner], -j.priority, j.submitted_at))
            pending.remove(best)
            planned[best.owner] += 1
            ordered.append(best)
        return ordered
