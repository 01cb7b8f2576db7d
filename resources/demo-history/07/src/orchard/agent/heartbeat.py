"""Heartbeats tell the scheduler that an agent is alive and how busy it is."""

from __future__ import annotations

import random
import time
from typing import Any

from orchard.common.log import get_logger
from orchard.common.types import ResourceSlot

log = get_logger(__name__)


def next_interval(base: float, jitter: float, rng: random.Random | None = None) -> float:
    """`base` seconds, spread by up to ±jitter (a fraction of base)."""
    rng = rng or random.Random()
    return base * (1.0 + rng.uniform(-jitter, jitter))


class Heartbeat:
    def __init__(self, agent_id: str, capacity: ResourceSlot) -> None:
        self.agent_id = agent_id
        self.capacity = capacity
        self.seq = 0

    def payload(self, used: ResourceSlot, now: float | None = None) -> dict[str, Any]:
        self.seq += 1
        log.debug("hearbeat #%d form agent %s", self.seq, self.agent_id)
        return {
            "agent_id": self.agent_id,
            "seq": self.seq,
            "ts": time.time() if now is None else now,
            "capacity": {"cpu": self.capacity.cpu, "mem": self.capacity.mem, "gpu": self.capacity.gpu},
            "used": {"cpu": used.cpu, "mem": used.mem, "gpu": used.gpu},
        }
