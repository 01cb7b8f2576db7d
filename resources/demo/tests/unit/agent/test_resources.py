from __future__ import annotations

import pytest

from orchard.agent.resources import SlotAllocator
from orchard.common.errors import InsufficientResources
from orchard.common.types import ResourceSlot


def test_allocate_and_release() -> None:
    allocator = SlotAllocator(ResourceSlot.parse("cpu=4,mem=8g"))
    allocator.allocate("a", ResourceSlot.parse("cpu=3,mem=1g"))
    assert allocator.available == ResourceSlot.parse("cpu=1,mem=7g")
    with pytest.raises(InsufficientResources):
        allocator.allocate("b", ResourceSlot.parse("cpu=2"))
    assert allocator.release("a") is True
    assert allocator.used == ResourceSlot()


def test_release_unknown_job_is_a_noop() -> None:
    allocator = SlotAllocator(ResourceSlot.parse("cpu=1"))
    assert allocator.release("never-allocated") is False


def test_double_allocation() -> None:
    allocator = SlotAllocator(ResourceSlot.parse("cpu=4"))
    allocator.allocate("a", ResourceSlot.parse("cpu=1"))
    with pytest.raises(ValueError, match="already holds"):
        allocator.allocate("a", ResourceSlot.parse("cpu=1"))
    assert allocator.jobs() == ["a"]
