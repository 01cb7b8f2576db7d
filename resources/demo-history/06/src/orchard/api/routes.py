"""Framework-independent request handlers and the route table.

Handlers take the Dispatcher, the path parameters and the decoded JSON body, and
return (status, body). app.py binds them to aiohttp; tests call dispatch() directly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from orchard.api.serializers import ValidationError, agent_to_dict, job_from_dict, job_to_dict
from orchard.common.errors import SchedulingError, UnknownJob
from orchard.scheduler.dispatcher import Dispatcher

Response = tuple[int, dict[str, Any]]
Handler = Callable[[Dispatcher, dict[str, str], dict[str, Any]], Response]


def submit_job(dispatcher: Dispatcher, params: dict[str, str], body: dict[str, Any]) -> Response:
    try:
        job = job_from_dict(body)
        dispatcher.submit(job)
    except (ValidationError, SchedulingError) as exc:
        return 400, {"error": str(exc)}
    return 201, job_to_dict(job)


def get_job(dispatcher: Dispatcher, params: dict[str, str], body: dict[str, Any]) -> Response:
    return 200, job_to_dict(dispatcher.get(params["job_id"]))


def list_jobs(dispatcher: Dispatcher, params: dict[str, str], body: dict[str, Any]) -> Response:
    jobs = sorted(dispatcher.jobs.values(), key=lambda j: j.job_id)
    return 200, {"jobs": [job_to_dict(job) for job in jobs]}


def list_agents(dispatcher: Dispatcher, params: dict[str, str], body: dict[str, Any]) -> Response:
    return 200, {"agents": [agent_to_dict(a) for a in dispatcher.agents.values()]}


ROUTES: list[tuple[str, str, Handler]] = [
    ("GET", "/jobs", list_jobs),
    ("POST", "/jobs", submit_job),
    ("GET", "/jobs/{job_id}", get_job),
    ("GET", "/agents", list_agents),
]


def _compile(template: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template) + "$")


_COMPILED = [(method, _compile(path), handler) for method, path, handler in ROUTES]


def dispatch(dispatcher: Dispatcher, method: str, path: str, body: dict[str, Any] | None = None) -> Response:
    path_matched = False
    for route_method, pattern, handler in _COMPILED:
        match = pattern.match(path)
        if match is None:
            continue
        path_matched = True
        if route_method == method:
            try:
                return handler(dispatcher, match.groupdict(), body or {})
            except UnknownJob as exc:
                return 404, {"error": str(exc)}
    if path_matched:
        return 405, {"error": f"method {method} not allowed for {path}"}
    return 404, {"error": f"no route for {path}"}
