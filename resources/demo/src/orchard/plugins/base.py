"""The plugin interface: a named, versioned object that listens to scheduler events."""

from __future__ import annotations

from typing import Any, ClassVar

from orchard.common.events import EventBus


class OrchardPlugin:
    name: ClassVar[str] = ""
    version: ClassVar[str] = "0"
    #: Glob patterns of the event topics this plugin wants (see EventBus.subscribe).
    topics: ClassVar[tuple[str, ...]] = ()

    def setup(self, bus: EventBus) -> None:
        for pattern in self.topics:
            bus.subscribe(pattern, self.on_event)

    def on_event(self, topic: str, payload: dict[str, Any]) -> None:
        raise NotImplementedError
