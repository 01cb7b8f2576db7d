"""Turns a JobSpec into a container-runtime command line and runs it."""

from __future__ import annotations

import shlex
import subprocess
from collections.abc import Callable, Sequence

from orchard.common.types import JobSpec

Executor = Callable[[Sequence[str]], int]


def build_command(job: JobSpec, runtime: str = "docker") -> list[str]:
    argv = [runtime, "run", "--rm", "--name", f"orchard-{job.job_id}"]
    argv += ["--label", f"orchard.owner={job.owner}"]
    if job.resources.cpu:
        argv += ["--cpus", f"{job.resources.cpu:g}"]
    if job.resources.mem:
        argv += ["--memory", str(job.resources.mem)]
    if job.resources.gpu:
        argv += ["--gpus", str(job.resources.gpu)]
    return argv + [job.image, *job.command]


def _subprocess_executor(argv: Sequence[str]) -> int:
    return subprocess.run(list(argv), check=False).returncode


class JobRunner:
    def __init__(self, runtime: str = "docker", executor: Executor | None = None) -> None:
        self.runtime = runtime
        self.executor = executor or _subprocess_executor
        self.history: list[str] = []

    def run(self, job: JobSpec) -> bool:
        argv = build_command(job, self.runtime)
        self.history.append(shlex.join(argv))
        return self.executor(argv) == 0
