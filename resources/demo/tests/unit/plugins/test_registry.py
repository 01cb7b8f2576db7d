from __future__ import annotations

import pytest

from orchard.common.errors import PluginError
from orchard.plugins import OrchardPlugin
from orchard.plugins.registry import PluginRegistry


def test_builtin_plugins_receive_events(bus) -> None:
    registry = PluginRegistry()
    assert registry.discover(include_entry_points=False) == ["audit-log", "noop"]
    registry.load_all(bus)
    bus.publish("job.submitted", {"job_id": "j1", "owner": "alice"})
    bus.publish("agent.registered", {"agent_id": "a"})
    assert registry.instances["audit-log"].entries == ["job.submitted job_id=j1 owner=alice"]
    assert registry.instances["noop"].seen == 2


def test_conflicting_names() -> None:
    class First(OrchardPlugin):
        name = "dup"

    class Second(OrchardPlugin):
        name = "dup"

    registry = PluginRegistry()
    registry.register(First)
    with pytest.raises(PluginError, match="two plugins are named 'dup'"):
        registry.register(Second)


def test_nameless_plugin() -> None:
    with pytest.raises(PluginError, match="has no name"):
        PluginRegistry().register(OrchardPlugin)
