from __future__ import annotations

from orchard.agent.runner import JobRunner, build_command


def test_build_command(make_job) -> None:
    job = make_job(resources="cpu=2,mem=1k,gpu=1")
    assert build_command(job, "podman") == [
        "podman", "run", "--rm", "--name", "orchard-job-1",
        "--label", "orchard.owner=alice",
        "--cpus", "2", "--memory", "1024", "--gpus", "1",
        "python:3.11-slim", "python", "-c", "print('hi')",
    ]  # fmt: skip


def test_runner_uses_executor(make_job) -> None:
    calls = []
    runner = JobRunner(executor=lambda argv: calls.append(argv) or 3)
    assert runner.run(make_job(resources="")) is False
    assert calls[0][:3] == ["docker", "run", "--rm"]
    assert runner.history == ["docker run --rm --name orchard-job-1 --label orchard.owner=alice "
                              "python:3.11-slim python -c 'print('\"'\"'hi'\"'\"')'"]
