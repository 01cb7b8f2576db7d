from __future__ import annotations

import pytest

from orchard.common.errors import SchedulingError
from orchard.common.types import JobState, ResourceSlot
from orchard.scheduler.dispatcher import Dispatcher


@pytest.fixture
def dispatcher(bus, agents) -> Dispatcher:
    d = Dispatcher("fifo", bus)
    for agent in agents:
        d.register_agent(agent)
    return d


def test_tick_assigns_and_accounts(dispatcher, make_job, bus) -> None:
    topics: list[str] = []
    bus.subscribe("job.*", lambda topic, payload: topics.append(topic))
    job = make_job(resources="cpu=3,mem=2g")
    dispatcher.submit(job)
    assert [a.agent_id for a in dispatcher.tick()] == ["agent-a"]
    assert job.state is JobState.RUNNING
    assert dispatcher.agents["agent-a"].available == ResourceSlot.parse("cpu=1,mem=6g")
    dispatcher.complete(job.job_id)
    assert job.state is JobState.SUCCEEDED
    assert dispatcher.agents["agent-a"].used == ResourceSlot()
    assert topics == ["job.submitted", "job.scheduled", "job.finished"]


def test_cancel_pending_and_running(dispatcher, make_job) -> None:
    pending, running = make_job(resources="cpu=64"), make_job()
    dispatcher.submit(pending)
    dispatcher.submit(running)
    dispatcher.tick()
    assert dispatcher.cancel(pending.job_id).state is JobState.CANCELLED
    assert len(dispatcher.queue) == 0
    dispatcher.cancel(running.job_id)
    assert dispatcher.agents["agent-a"].used == ResourceSlot()
    with pytest.raises(SchedulingError, match="already cancelled"):
        dispatcher.cancel(running.job_id)


def test_duplicate_submit(dispatcher, make_job) -> None:
    job = make_job()
    dispatcher.submit(job)
    with pytest.raises(SchedulingError, match="duplicate job id"):
        dispatcher.submit(job)
