"""Layered configuration: built-in defaults, overridden by a YAML or JSON file."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orchard.common.errors import ConfigError
from orchard.common.types import ResourceSlot
from orchard.common.utils import parse_duration

DEFAULTS: dict[str, Any] = {
    "scheduler": {"policy": "fifo", "tick_interval": "5s"},
    "agent": {"heartbeat_interval": "10s", "slots": "cpu=4,mem=8g"},
    "api": {"host": "127.0.0.1", "port": 8080},
}


@dataclass(frozen=True)
class OrchardConfig:
    scheduler_policy: str
    tick_interval: float
    heartbeat_interval: float
    agent_slots: ResourceSlot
    api_host: str
    api_port: int


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Deep-merges `override` into a copy of `base`; nested dicts merge, the rest replaces."""
    result = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = value
    return result


def from_dict(data: dict[str, Any]) -> OrchardConfig:
    unknown = set(data) - set(DEFAULTS)
    if unknown:
        raise ConfigError(f"unknown section(s): {', '.join(sorted(unknown))}")
    merged = merge(DEFAULTS, data)
    port = merged["api"]["port"]
    if not isinstance(port, int) or not 0 < port < 65536:
        raise ConfigError(f"api.port must be an integer in 1..65535, got {port!r}")
    return OrchardConfig(
        scheduler_policy=merged["scheduler"]["policy"],
        tick_interval=parse_duration(merged["scheduler"]["tick_interval"]),
        heartbeat_interval=parse_duration(merged["agent"]["heartbeat_interval"]),
        agent_slots=ResourceSlot.parse(merged["agent"]["slots"]),
        api_host=merged["api"]["host"],
        api_port=port,
    )


def load(path: str | Path) -> OrchardConfig:
    """Reads a .json, .yaml or .yml file; PyYAML is only needed for YAML files."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".yaml", ".yml"):
        import yaml

        data = yaml.safe_load(text) or {}
    elif path.suffix == ".json":
        data = json.loads(text)
    else:
        raise ConfigError(f"unsupported config format: {path.name}")
    if not isinstance(data, dict):
        raise ConfigError(f"{path.name}: top level must be a mapping")
    return from_dict(data)
