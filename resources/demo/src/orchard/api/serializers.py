"""JSON (de)serialization of jobs and agents for the REST API."""

from __future__ import annotations

from typing import Any

from orchard.common.errors import OrchardError
from orchard.common.types import AgentInfo, JobSpec, ResourceSlot

REQUIRED_JOB_FIELDS = ("job_id", "owner", "image", "command")


class ValidationError(OrchardError):
    """A request body does not describe a valid object."""


def job_from_dict(data: dict[str, Any]) -> JobSpec:
    missing = [name for name in REQUIRED_JOB_FIELDS if name not in data]
    if missing:
        raise ValidationError(f"missing field(s): {', '.join(missing)}")
    command = data["command"]
    if isinstance(command, str):
        command = command.split()
    if not isinstance(command, list) or not all(isinstance(arg, str) for arg in command):
        raise ValidationError("command must be a string or a list of strings")
    try:
        resources = ResourceSlot.parse(data.get("resources", ""))
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    return JobSpec(
        job_id=str(data["job_id"]),
        owner=str(data["owner"]),
        image=str(data["image"]),
        command=command,
        resources=resources,
        priority=int(data.get("priority", 0)),
        submitted_at=float(data.get("submitted_at", 0.0)),
    )


def job_to_dict(job: JobSpec) -> dict[str, Any]:
    return {
        "job_id": job.job_id,
        "owner": job.owner,
        "image": job.image,
        "command": list(job.command),
        "resources": {"cpu": job.resources.cpu, "mem": job.resources.mem, "gpu": job.resources.gpu},
        "priority": job.priority,
        "state": job.state.value,
        "agent_id": job.agent_id,
    }


def agent_to_dict(agent: AgentInfo) -> dict[str, Any]:
    available = agent.available
    return {
        "agent_id": agent.agent_id,
        "labels": dict(agent.labels),
        "available": {"cpu": available.cpu, "mem": available.mem, "gpu": available.gpu},
    }
