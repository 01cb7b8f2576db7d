from __future__ import annotations

import pytest

from orchard.api.routes import dispatch
from orchard.scheduler.dispatcher import Dispatcher


@pytest.fixture
def dispatcher(agents) -> Dispatcher:
    d = Dispatcher()
    d.register_agent(agents[0])
    return d


BODY = {"job_id": "j1", "owner": "alice", "image": "busybox", "command": ["true"], "resources": "cpu=1"}


def test_submit_get_list(dispatcher) -> None:
    status, job = dispatch(dispatcher, "POST", "/jobs", BODY)
    assert (status, job["state"]) == (201, "pending")
    assert dispatch(dispatcher, "GET", "/jobs/j1")[1]["owner"] == "alice"
    status, listing = dispatch(dispatcher, "GET", "/jobs")
    assert [j["job_id"] for j in listing["jobs"]] == ["j1"]


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("GET", "/jobs/nope", 404), ("DELETE", "/jobs", 405), ("GET", "/nowhere", 404), ("POST", "/jobs", 400)],
)
def test_errors(dispatcher, method: str, path: str, status: int) -> None:
    assert dispatch(dispatcher, method, path, {})[0] == status
