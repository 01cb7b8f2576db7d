from __future__ import annotations

import random

import pytest

from orchard.agent.heartbeat import Heartbeat, next_interval
from orchard.common.types import ResourceSlot


@pytest.mark.parametrize("jitter", [0.0, 0.1, 0.5])
def test_interval_within_jitter(jitter: float) -> None:
    rng = random.Random(42)
    for _ in range(100):
        assert 10 * (1 - jitter) <= next_interval(10.0, jitter, rng) <= 10 * (1 + jitter)


@pytest.mark.parametrize("jitter", [1.5, 7.0])
def test_excessive_jitter_is_clamped(jitter: float) -> None:
    rng = random.Random(7)
    assert all(5.0 <= next_interval(10.0, jitter, rng) <= 15.0 for _ in range(100))


def test_payload_sequence() -> None:
    beat = Heartbeat("agent-a", ResourceSlot.parse("cpu=4,mem=1k"))
    first = beat.payload(ResourceSlot.parse("cpu=1"), now=100.0)
    second = beat.payload(ResourceSlot(), now=110.0)
    assert first == {
        "agent_id": "agent-a",
        "seq": 1,
        "ts": 100.0,
        "capacity": {"cpu": 4.0, "mem": 1024, "gpu": 0},
        "used": {"cpu": 1.0, "mem": 0, "gpu": 0},
    }
    assert second["seq"] == 2
