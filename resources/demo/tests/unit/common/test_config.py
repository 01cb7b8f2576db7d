from __future__ import annotations

import json

import pytest

from orchard.common import config
from orchard.common.errors import ConfigError
from orchard.common.types import ResourceSlot


def test_defaults() -> None:
    cfg = config.from_dict({})
    assert cfg.scheduler_policy == "fifo"
    assert cfg.tick_interval == 5.0
    assert cfg.agent_slots == ResourceSlot.parse("cpu=4,mem=8g")
    assert (cfg.api_host, cfg.api_port) == ("127.0.0.1", 8080)


def test_merge_is_deep_and_does_not_mutate() -> None:
    base = {"a": {"x": 1, "y": 2}, "b": 1}
    merged = config.merge(base, {"a": {"y": 3}, "c": 4})
    assert merged == {"a": {"x": 1, "y": 3}, "b": 1, "c": 4}
    assert base == {"a": {"x": 1, "y": 2}, "b": 1}


def test_load_json(tmp_path) -> None:
    path = tmp_path / "orchard.json"
    path.write_text(json.dumps({"scheduler": {"policy": "fair-share"}, "api": {"port": 9000}}))
    cfg = config.load(path)
    assert cfg.scheduler_policy == "fair-share"
    assert cfg.api_port == 9000


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"sheduler": {}}, "unknown section"),
        ({"api": {"port": 70000}}, "api.port"),
        ({"agent": {"heartbeat_interval": "soon"}}, "invalid duration"),
    ],
)
def test_invalid(data, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        config.from_dict(data)


def test_unsupported_format(tmp_path) -> None:
    path = tmp_path / "orchard.ini"
    path.write_text("[api]\n")
    with pytest.raises(ConfigError, match="unsupported config format"):
        config.load(path)
