"""Keeps an in-memory audit trail of every job lifecycle event."""

from __future__ import annotations

from typing import Any

from orchard.plugins.base import OrchardPlugin


class AuditLogPlugin(OrchardPlugin):
    name = "audit-log"
    version = "1.2"
    topics = ("job.*",)

    def __init__(self) -> None:
        self.entries: list[str] = []

    def on_event(self, topic: str, payload: dict[str, Any]) -> None:
        details = " ".join(f"{k}={payload[k]}" for k in sorted(payload))
        self.entries.append(f"{topic} {details}".rstrip())
