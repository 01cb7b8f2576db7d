"""An in-process publish/subscribe bus with glob topic patterns ("job.*")."""

from __future__ import annotations

from collections.abc import Callable
from fnmatch import fnmatchcase
from typing import Any

Handler = Callable[[str, dict[str, Any]], None]


class EventBus:
    def __init__(self) -> None:
        self._subscribers: list[tuple[str, Handler]] = []
        self.published = 0

    def subscribe(self, pattern: str, handler: Handler) -> Callable[[], None]:
        """Registers `handler` for topics matching `pattern`; returns an unsubscribe function."""
        entry = (pattern, handler)
        self._subscribers.append(entry)
        return lambda: self._subscribers.remove(entry)

    def publish(self, topic: str, payload: dict[str, Any] | None = None) -> int:
        """Delivers to every matching subscriber in subscription order; returns how many."""
        self.published += 1
        delivered = 0
        for pattern, handler in list(self._subscribers):
            if fnmatchcase(topic, pattern):
                handler(topic, dict(payload or {}))
                delivered += 1
        return delivered
