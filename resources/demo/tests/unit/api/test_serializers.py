from __future__ import annotations

import pytest

from orchard.api.serializers import ValidationError, agent_to_dict, job_from_dict, job_to_dict


def test_round_trip() -> None:
    job = job_from_dict(
        {"job_id": "j1", "owner": "bob", "image": "busybox", "command": "echo hi", "resources": "cpu=1,mem=1k"}
    )
    assert job.command == ["echo", "hi"]
    assert job_to_dict(job) == {
        "job_id": "j1",
        "owner": "bob",
        "image": "busybox",
        "command": ["echo", "hi"],
        "resources": {"cpu": 1.0, "mem": 1024, "gpu": 0},
        "priority": 0,
        "state": "pending",
        "agent_id": None,
    }


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"owner": "x", "image": "y"}, "missing field(s): job_id, command"),
        ({"job_id": "1", "owner": "x", "image": "y", "command": [1]}, "command must be"),
        ({"job_id": "1", "owner": "x", "image": "y", "command": "ls", "resources": "fpga=1"}, "unknown resource"),
    ],
)
def test_invalid(body, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        job_from_dict(body)
    assert message in str(info.value)


def test_agent(agents) -> None:
    assert agent_to_dict(agents[1])["available"]["gpu"] == 2
