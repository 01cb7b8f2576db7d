from __future__ import annotations


def test_glob_subscriptions(bus) -> None:
    seen: list[tuple[str, str]] = []
    bus.subscribe("job.*", lambda topic, payload: seen.append(("jobs", topic)))
    bus.subscribe("*", lambda topic, payload: seen.append(("all", topic)))
    assert bus.publish("job.submitted", {"job_id": "j1"}) == 2
    assert bus.publish("agent.lost") == 1
    assert seen == [("jobs", "job.submitted"), ("all", "job.submitted"), ("all", "agent.lost")]
    assert bus.published == 2


def test_unsubscribe_and_payload_copy(bus) -> None:
    payloads = []
    unsubscribe = bus.subscribe("x", lambda topic, payload: payloads.append(payload))
    original = {"n": 1}
    bus.publish("x", original)
    payloads[0]["n"] = 2
    assert original == {"n": 1}
    unsubscribe()
    assert bus.publish("x") == 0
