"""Finds plugins (built-in and `orchard.plugins` entry points) and wires them to a bus."""

from __future__ import annotations

from importlib.metadata import entry_points

from orchard.common.errors import PluginError
from orchard.common.events import EventBus
from orchard.plugins.base import OrchardPlugin
from orchard.plugins.builtin import BUILTIN_PLUGINS

ENTRY_POINT_GROUP = "orchard.plugins"


class PluginRegistry:
    def __init__(self) -> None:
        self._classes: dict[str, type[OrchardPlugin]] = {}
        self.instances: dict[str, OrchardPlugin] = {}

    def register(self, cls: type[OrchardPlugin]) -> None:
        if not cls.name:
            raise PluginError(f"{cls.__qualname__} has no name")
        if cls.name in self._classes and self._classes[cls.name] is not cls:
            raise PluginError(f"two plugins are named {cls.name!r}")
        self._classes[cls.name] = cls

    def discover(self, include_entry_points: bool = True) -> list[str]:
        """Registers the built-in plugins and, optionally, installed entry points."""
        for cls in BUILTIN_PLUGINS:
            self.register(cls)
        if include_entry_points:
            for ep in entry_points(group=ENTRY_POINT_GROUP):
                loaded = ep.load()
                if not (isinstance(loaded, type) and issubclass(loaded, OrchardPlugin)):
                    raise PluginError(f"entry point {ep.name} is not an OrchardPlugin")
                self.register(loaded)
        return self.names()

    def names(self) -> list[str]:
        return sorted(self._classes)

    def describe(self) -> list[tuple[str, str]]:
        return [(name, self._classes[name].version) for name in self.names()]

    def load_all(self, bus: EventBus) -> None:
        for name in self.names():
            plugin = self._classes[name]()
            plugin.setup(bus)
            self.instances[name] = plugin
