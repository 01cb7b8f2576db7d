"""The pending-job queue: highest priority first, then oldest submission."""

from __future__ import annotations

import heapq
import itertools

from orchard.common.errors import UnknownJob
from orchard.common.types import JobSpec


class JobQueue:
    def __init__(self) -> None:
        self._heap: list[tuple[int, float, int, str]] = []
        self._jobs: dict[str, JobSpec] = {}
        self._counter = itertools.count()

    def __len__(self) -> int:
        return len(self._jobs)

    def __contains__(self, job_id: object) -> bool:
        return job_id in self._jobs

    def push(self, job: JobSpec) -> None:
        if job.job_id in self._jobs:
            raise ValueError(f"job {job.job_id} is already queued")
        self._jobs[job.job_id] = job
        heapq.heappush(self._heap, (-job.priority, job.submitted_at, next(self._counter), job.job_id))

    def pop(self) -> JobSpec:
        while self._heap:
            *_, job_id = heapq.heappop(self._heap)
            if job_id in self._jobs:
                return self._jobs.pop(job_id)
        raise IndexError("pop from an empty JobQueue")

    def remove(self, job_id: str) -> JobSpec:
        """Removes a job lazily: its heap entry is skipped when it surfaces."""
        try:
            return self._jobs.pop(job_id)
        except KeyError:
            raise UnknownJob(job_id) from None

    def jobs(self) -> list[JobSpec]:
        """The queued jobs in the order pop() would return them."""
        live = [entry for entry in self._heap if entry[3] in self._jobs]
        return [self._jobs[entry[3]] for entry in sorted(live)]
