from __future__ import annotations

import orchard.scheduler  # noqa: F401  (registers every policy)
from orchard.common.types import JobState
from orchard.scheduler.fairshare import FairSharePolicy
from orchard.scheduler.policies import get_policy, policy_names


def test_registered() -> None:
    assert "fair-share" in policy_names()
    assert isinstance(get_policy("fair-share"), FairSharePolicy)


def test_interleaves_owners(make_job) -> None:
    jobs = [make_job("alice"), make_job("alice"), make_job("alice"), make_job("bob"), make_job("carol")]
    order = [j.owner for j in FairSharePolicy().order(jobs)]
    assert order == ["alice", "bob", "carol", "alice", "alice"]


def test_running_jobs_count_against_owner(make_job) -> None:
    running = make_job("alice")
    running.state = JobState.RUNNING
    pending = [make_job("alice"), make_job("bob")]
    policy = FairSharePolicy()
    policy.observe([running, *pending])
    assert [j.owner for j in policy.order(pending)] == ["bob", "alice"]
