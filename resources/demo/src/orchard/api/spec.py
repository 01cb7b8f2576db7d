"""Access to the bundled OpenAPI document (openapi.json, a `resources` target)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def openapi() -> dict[str, Any]:
    text = resources.files("orchard.api").joinpath("openapi.json").read_text(encoding="utf-8")
    return json.loads(text)


def documented_routes() -> list[tuple[str, str]]:
    """(METHOD, path) for every operation in the document, sorted."""
    return sorted(
        (method.upper(), path)
        for path, operations in openapi()["paths"].items()
        for method in operations
    )
