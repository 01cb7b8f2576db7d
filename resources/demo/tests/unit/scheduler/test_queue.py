from __future__ import annotations

import pytest

from orchard.common.errors import UnknownJob
from orchard.scheduler.queue import JobQueue


def test_priority_then_age(make_job) -> None:
    queue = JobQueue()
    old, urgent, new = make_job(), make_job(priority=5), make_job()
    for job in (new, old, urgent):
        queue.push(job)
    assert [j.job_id for j in queue.jobs()] == [urgent.job_id, old.job_id, new.job_id]
    assert queue.pop() is urgent
    assert len(queue) == 2


def test_remove_is_lazy(make_job) -> None:
    queue = JobQueue()
    a, b = make_job(), make_job()
    queue.push(a)
    queue.push(b)
    assert queue.remove(a.job_id) is a
    assert a.job_id not in queue
    assert queue.pop() is b
    with pytest.raises(IndexError):
        queue.pop()
    with pytest.raises(UnknownJob):
        queue.remove("nope")


def test_duplicate_push(make_job) -> None:
    queue = JobQueue()
    job = make_job()
    queue.push(job)
    with pytest.raises(ValueError, match="already queued"):
        queue.push(job)
