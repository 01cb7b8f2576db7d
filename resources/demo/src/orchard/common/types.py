"""Value types passed between the scheduler, the agents and the API."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from orchard.common.utils import format_size, parse_size


class JobState(enum.Enum):
    PENDING = "pending"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def terminal(self) -> bool:
        return self in (JobState.SUCCEEDED, JobState.FAILED, JobState.CANCELLED)


@dataclass(frozen=True)
class ResourceSlot:
    """An amount of compute: CPU cores, memory in bytes and whole GPUs."""

    cpu: float = 0.0
    mem: int = 0
    gpu: int = 0

    @classmethod
    def parse(cls, spec: str) -> ResourceSlot:
        """'cpu=2,mem=4g,gpu=1' -> ResourceSlot(2.0, 4 GiB, 1)."""
        values: dict[str, str] = {}
        for item in filter(None, (part.strip() for part in spec.split(","))):
            key, _, value = item.partition("=")
            values[key.strip()] = value.strip()
        unknown = set(values) - {"cpu", "mem", "gpu"}
        if unknown:
            raise ValueError(f"unknown resource(s): {', '.join(sorted(unknown))}")
        return cls(
            cpu=float(values.get("cpu", 0)),
            mem=parse_size(values.get("mem", "0")),
            gpu=int(values.get("gpu", 0)),
        )

    def __add__(self, other: ResourceSlot) -> ResourceSlot:
        return ResourceSlot(self.cpu + other.cpu, self.mem + other.mem, self.gpu + other.gpu)

    def __sub__(self, other: ResourceSlot) -> ResourceSlot:
        return ResourceSlot(self.cpu - other.cpu, self.mem - other.mem, self.gpu - other.gpu)

    def fits_in(self, other: ResourceSlot) -> bool:
        return self.cpu <= other.cpu and self.mem <= other.mem and self.gpu <= other.gpu

    def __str__(self) -> str:
        return f"cpu={self.cpu:g},mem={format_size(self.mem)},gpu={self.gpu}"


@dataclass
class JobSpec:
    """A job as submitted by a user, plus its scheduling state."""

    job_id: str
    owner: str
    image: str
    command: list[str]
    resources: ResourceSlot = field(default_factory=ResourceSlot)
    priority: int = 0
    submitted_at: float = 0.0
    state: JobState = JobState.PENDING
    agent_id: str | None = None


@dataclass
class AgentInfo:
    """What the scheduler knows about one agent."""

    agent_id: str
    capacity: ResourceSlot
    used: ResourceSlot = field(default_factory=ResourceSlot)
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def available(self) -> ResourceSlot:
        return self.capacity - self.used
