"""The dispatcher owns the queue and the agent table and runs scheduling ticks."""

from __future__ import annotations

from orchard.common.errors import SchedulingError, UnknownJob
from orchard.common.events import EventBus
from orchard.common.types import AgentInfo, JobSpec, JobState
from orchard.scheduler.policies import Assignment, SchedulingPolicy, get_policy
from orchard.scheduler.queue import JobQueue


class Dispatcher:
    def __init__(self, policy: SchedulingPolicy | str = "fifo", bus: EventBus | None = None):
        self.policy = get_policy(policy) if isinstance(policy, str) else policy
        self.bus = bus or EventBus()
        self.queue = JobQueue()
        self.agents: dict[str, AgentInfo] = {}
        self.jobs: dict[str, JobSpec] = {}

    def register_agent(self, agent: AgentInfo) -> None:
        self.agents[agent.agent_id] = agent
        self.bus.publish("agent.registered", {"agent_id": agent.agent_id})

    def submit(self, job: JobSpec) -> None:
        if job.job_id in self.jobs:
            raise SchedulingError(f"duplicate job id {job.job_id}")
        self.jobs[job.job_id] = job
        self.queue.push(job)
        self.bus.publish("job.submitted", {"job_id": job.job_id, "owner": job.owner})

    def get(self, job_id: str) -> JobSpec:
        try:
            return self.jobs[job_id]
        except KeyError:
            raise UnknownJob(job_id) from None

    def tick(self) -> list[Assignment]:
        """Places as many queued jobs as fit; returns the new assignments."""
        observe = getattr(self.policy, "observe", None)
        if observe is not None:
            observe(list(self.jobs.values()))
        assignments = self.policy.select(self.queue.jobs(), list(self.agents.values()))
        for assignment in assignments:
            job = self.queue.remove(assignment.job_id)
            agent = self.agents[assignment.agent_id]
            agent.used = agent.used + job.resources
            job.state = JobState.RUNNING
            job.agent_id = agent.agent_id
            self.bus.publish("job.scheduled", {"job_id": job.job_id, "agent_id": agent.agent_id})
        return assignments

    def complete(self, job_id: str, succeeded: bool = True) -> JobSpec:
        job = self.get(job_id)
        if job.state is not JobState.RUNNING or job.agent_id is None:
            raise SchedulingError(f"job {job_id} is not running")
        agent = self.agents[job.agent_id]
        agent.used = agent.used - job.resources
        job.state = JobState.SUCCEEDED if succeeded else JobState.FAILED
        self.bus.publish("job.finished", {"job_id": job_id, "state": job.state.value})
        return job

    def cancel(self, job_id: str) -> JobSpec:
        job = self.get(job_id)
        if job.state.terminal:
            raise SchedulingError(f"job {job_id} already {job.state.value}")
        if job.state is JobState.PENDING:
            self.queue.remove(job_id)
        elif job.agent_id is not None:
            agent = self.agents[job.agent_id]
            agent.used = agent.used - job.resources
        job.state = JobState.CANCELLED
        self.bus.publish("job.cancelled", {"job_id": job_id})
        return job
