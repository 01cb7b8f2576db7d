"""Plain-text tables for the `orchard` command."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from orchard.common.utils import format_size


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Left-aligned columns separated by two spaces, with a dashed rule under the headers."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def jobs_table(jobs: Sequence[dict[str, Any]]) -> str:
    rows = [
        (
            j["job_id"],
            j["owner"],
            j["state"],
            f"{j['resources']['cpu']:g}",
            format_size(j["resources"]["mem"]),
            j.get("agent_id") or "-",
        )
        for j in jobs
    ]
    return table(("JOB", "OWNER", "STATE", "CPU", "MEM", "AGENT"), rows)
