"""Fixtures shared by every Orchard unit test."""

from __future__ import annotations

import itertools

import pytest

from orchard.common.events import EventBus
from orchard.common.types import AgentInfo, JobSpec, ResourceSlot


@pytest.fixture
def bus() -> EventBus:
    return EventBus()


@pytest.fixture
def make_job():
    """Factory: make_job(owner="alice", resources="cpu=1,mem=1g", priority=0)."""
    counter = itertools.count(1)

    def factory(owner: str = "alice", resources: str = "cpu=1,mem=1g", priority: int = 0) -> JobSpec:
        n = next(counter)
        return JobSpec(
            job_id=f"job-{n}",
            owner=owner,
            image="python:3.11-slim",
            command=["python", "-c", "print('hi')"],
            resources=ResourceSlot.parse(resources),
            priority=priority,
            submitted_at=float(n),
        )

    return factory


@pytest.fixture
def agents() -> list[AgentInfo]:
    return [
        AgentInfo("agent-a", ResourceSlot.parse("cpu=4,mem=8g")),
        AgentInfo("agent-b", ResourceSlot.parse("cpu=8,mem=32g,gpu=2"), labels={"gpu": "a100"}),
    ]
