"""The aiohttp application exposing the route table over HTTP."""

from __future__ import annotations

import json

from aiohttp import web

from orchard.api.routes import ROUTES, dispatch
from orchard.common.config import OrchardConfig
from orchard.scheduler.dispatcher import Dispatcher


def make_app(dispatcher: Dispatcher) -> web.Application:
    async def handle(request: web.Request) -> web.Response:
        body = await request.json() if request.can_read_body else {}
        status, payload = dispatch(dispatcher, request.method, request.path, body)
        return web.json_response(payload, status=status, dumps=json.dumps)

    app = web.Application()
    for method, path, _handler in ROUTES:
        app.router.add_route(method, path, handle)
    return app


def serve(config: OrchardConfig) -> None:
    dispatcher = Dispatcher(config.scheduler_policy)
    web.run_app(make_app(dispatcher), host=config.api_host, port=config.api_port)
