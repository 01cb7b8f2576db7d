from __future__ import annotations

from orchard.api.routes import ROUTES
from orchard.api.spec import documented_routes, openapi


def test_document_loads() -> None:
    assert openapi()["info"]["title"] == "Orchard API"


def test_every_route_is_documented() -> None:
    assert documented_routes() == sorted((method, path) for method, path, _ in ROUTES)
