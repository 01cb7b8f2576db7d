from __future__ import annotations

import pytest

from orchard.common.errors import SchedulingError
from orchard.scheduler.policies import Assignment, get_policy


def test_fifo_places_greedily(make_job, agents) -> None:
    jobs = [make_job(resources="cpu=4,mem=4g"), make_job(resources="cpu=2,gpu=1"), make_job(resources="cpu=16")]
    assert get_policy("fifo").select(jobs, agents) == [
        Assignment("job-1", "agent-a"),
        Assignment("job-2", "agent-b"),
    ]


def test_smallest_first(make_job, agents) -> None:
    jobs = [make_job(resources="cpu=8"), make_job(resources="cpu=1")]
    names = [a.job_id for a in get_policy("smallest-first").select(jobs, agents)]
    assert names == ["job-2", "job-1"]


def test_unknown_policy_suggests() -> None:
    with pytest.raises(SchedulingError, match=r"unknown scheduling policy 'fifi' \(did you mean 'fifo'\?\)"):
        get_policy("fifi")
