"""Small parsing and formatting helpers (sizes, durations, batching)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

from orchard.common.errors import ConfigError

T = TypeVar("T")

_SIZE_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}
_DURATION_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m|h|d)")


def parse_size(text: str | int) -> int:
    """'512m' -> 536870912; plain integers are bytes."""
    if isinstance(text, int):
        return text
    value = text.strip().lower().removesuffix("b").removesuffix("i")
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([kmgt]?)", value)
    if match is None:
        raise ConfigError(f"invalid size: {text!r}")
    return int(float(match.group(1)) * _SIZE_UNITS[match.group(2)])


def format_size(size: int) -> str:
    """536870912 -> '512.0 MiB'."""
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024:
            return f"{value:.1f} {unit}" if unit != "B" else f"{int(value)} B"
        value /= 1024
    return f"{value:.1f} TiB"


def parse_duration(text: str | float) -> float:
    """'1h30m' -> 5400.0 seconds; numbers are seconds already."""
    if isinstance(text, (int, float)):
        return float(text)
    compact = text.replace(" ", "")
    parts = _DURATION_PART.findall(compact)
    if not parts or "".join(n + u for n, u in parts) != compact:
        raise ConfigError(f"invalid duration: {text!r}")
    return sum(float(number) * _DURATION_UNITS[unit] for number, unit in parts)


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Yields lists of at most `size` items."""
    if size < 1:
        raise ValueError("size must be positive")
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
