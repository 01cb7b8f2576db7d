"""Per-agent bookkeeping of which job holds which share of the agent's capacity."""

from __future__ import annotations

from orchard.common.errors import InsufficientResources
from orchard.common.types import ResourceSlot


class SlotAllocator:
    def __init__(self, capacity: ResourceSlot) -> None:
        self.capacity = capacity
        self._allocations: dict[str, ResourceSlot] = {}

    @property
    def used(self) -> ResourceSlot:
        total = ResourceSlot()
        for slot in self._allocations.values():
            total = total + slot
        return total

    @property
    def available(self) -> ResourceSlot:
        return self.capacity - self.used

    def allocate(self, job_id: str, slot: ResourceSlot) -> None:
        if job_id in self._allocations:
            raise ValueError(f"job {job_id} already holds an allocation")
        if not slot.fits_in(self.available):
            raise InsufficientResources(slot, self.available)
        self._allocations[job_id] = slot

    def release(self, job_id: str) -> bool:
        """Frees the job's share; releasing an unknown job is a no-op returning False."""
        return self._allocations.pop(job_id, None) is not None

    def jobs(self) -> list[str]:
        return sorted(self._allocations)
