from __future__ import annotations

import pytest

from orchard.common import JobState, ResourceSlot


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("cpu=2,mem=4g,gpu=1", ResourceSlot(2.0, 4 * 1024**3, 1)),
        ("cpu=0.5", ResourceSlot(0.5, 0, 0)),
        ("mem=512m, cpu=1", ResourceSlot(1.0, 512 * 1024**2, 0)),
        ("", ResourceSlot()),
    ],
)
def test_parse(spec: str, expected: ResourceSlot) -> None:
    assert ResourceSlot.parse(spec) == expected


def test_parse_rejects_unknown_resource() -> None:
    with pytest.raises(ValueError, match="unknown resource"):
        ResourceSlot.parse("cpu=1,tpu=4")


def test_arithmetic_and_fit() -> None:
    small = ResourceSlot.parse("cpu=1,mem=1g")
    big = ResourceSlot.parse("cpu=4,mem=8g,gpu=1")
    assert (big - small) + small == big
    assert small.fits_in(big)
    assert not big.fits_in(small)
    assert str(small) == "cpu=1,mem=1.0 GiB,gpu=0"


def test_terminal_states() -> None:
    assert [s for s in JobState if s.terminal] == [JobState.SUCCEEDED, JobState.FAILED, JobState.CANCELLED]
