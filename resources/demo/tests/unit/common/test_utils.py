from __future__ import annotations

import pytest

from orchard.common.errors import ConfigError
from orchard.common.utils import chunked, format_size, parse_duration, parse_size


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1024", 1024), ("4k", 4096), ("1.5g", 1610612736), ("2GiB", 2 * 1024**3), (7, 7)],
)
def test_parse_size(text, expected) -> None:
    assert parse_size(text) == expected


@pytest.mark.parametrize(
    ("size", "expected"),
    [(512, "512 B"), (1536, "1.5 KiB"), (512 * 1024**2, "512.0 MiB"), (3 * 1024**4, "3.0 TiB")],
)
def test_format_size(size: int, expected: str) -> None:
    assert format_size(size) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("90s", 90.0), ("1h30m", 5400.0), ("250ms", 0.25), ("1d", 86400.0), (2.5, 2.5)],
)
def test_parse_duration(text, expected: float) -> None:
    assert parse_duration(text) == pytest.approx(expected)


@pytest.mark.parametrize("bad", ["", "10", "5x", "1h 5"])
def test_parse_duration_rejects(bad: str) -> None:
    with pytest.raises(ConfigError):
        parse_duration(bad)


def test_chunked() -> None:
    assert list(chunked(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    with pytest.raises(ValueError):
        list(chunked([1], 0))
