"""A plugin that only counts the events it sees (handy in tests and demos)."""

from __future__ import annotations

from typing import Any

from orchard.plugins.base import OrchardPlugin


class NoopPlugin(OrchardPlugin):
    name = "noop"
    version = "1.0"
    topics = ("*",)

    def __init__(self) -> None:
        self.seen = 0

    def on_event(self, topic: str, payload: dict[str, Any]) -> None:
        self.seen += 1
