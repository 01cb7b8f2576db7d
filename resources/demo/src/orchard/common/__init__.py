"""Types, errors and helpers shared by every Orchard component."""

from orchard.common.errors import OrchardError
from orchard.common.types import AgentInfo, JobSpec, JobState, ResourceSlot

__all__ = ["AgentInfo", "JobSpec", "JobState", "OrchardError", "ResourceSlot"]
