"""Persists jobs in Redis so that a restarted scheduler can resume its queue."""

from __future__ import annotations

import json
from dataclasses import asdict

import attrs
import redis.asyncio as aioredis

from orchard.common.types import JobSpec, JobState, ResourceSlot


@attrs.define
class RedisJobStore:
    url: str = "redis://localhost:6379/0"
    prefix: str = "orchard:job:"
    _client: aioredis.Redis | None = attrs.field(default=None, init=False)

    async def connect(self) -> None:
        self._client = aioredis.from_url(self.url, decode_responses=True)

    async def save(self, job: JobSpec) -> None:
        assert self._client is not None, "connect() first"
        record = asdict(job)
        record["state"] = job.state.value
        await self._client.set(self.prefix + job.job_id, json.dumps(record))

    async def load_all(self) -> list[JobSpec]:
        assert self._client is not None, "connect() first"
        jobs = []
        async for key in self._client.scan_iter(match=self.prefix + "*"):
            record = json.loads(await self._client.get(key))
            record["resources"] = ResourceSlot(**record["resources"])
            record["state"] = JobState(record["state"])
            jobs.append(JobSpec(**record))
        return jobs
