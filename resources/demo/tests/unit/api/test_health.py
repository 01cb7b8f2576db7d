from __future__ import annotations

from orchard.api.routes import dispatch
from orchard.scheduler.dispatcher import Dispatcher


def test_degraded_without_agents() -> None:
    status, body = dispatch(Dispatcher(), "GET", "/healthz")
    assert status == 503
    assert body == {"status": "degraded", "agents": 0, "queued": 0, "running": 0, "policy": "fifo"}


def test_ok_with_agents(agents, make_job) -> None:
    dispatcher = Dispatcher("smallest-first")
    for agent in agents:
        dispatcher.register_agent(agent)
    dispatcher.submit(make_job())
    dispatcher.submit(make_job(resources="cpu=100"))
    dispatcher.tick()
    status, body = dispatch(dispatcher, "GET", "/healthz")
    assert status == 200
    assert body == {"status": "ok", "agents": 2, "queued": 1, "running": 1, "policy": "smallest-first"}
