"""The agent daemon: serves its status over HTTP and sends heartbeats."""

from __future__ import annotations

import asyncio

import msgpack
from aiohttp import ClientSession, web

from orchard.agent.heartbeat import Heartbeat, next_interval
from orchard.agent.resources import SlotAllocator
from orchard.common.config import OrchardConfig
from orchard.common.log import get_logger

log = get_logger("orchard.agent")


class AgentServer:
    def __init__(self, agent_id: str, config: OrchardConfig, scheduler_url: str) -> None:
        self.allocator = SlotAllocator(config.agent_slots)
        self.heartbeat = Heartbeat(agent_id, config.agent_slots)
        self.interval = config.heartbeat_interval
        self.scheduler_url = scheduler_url
        self.app = web.Application()
        self.app.router.add_get("/status", self.status)

    async def status(self, request: web.Request) -> web.Response:
        body = {"jobs": self.allocator.jobs(), "available": str(self.allocator.available)}
        return web.json_response(body)

    async def heartbeat_loop(self) -> None:
        async with ClientSession() as session:
            while True:
                payload = msgpack.packb(self.heartbeat.payload(self.allocator.used))
                async with session.post(f"{self.scheduler_url}/heartbeat", data=payload) as resp:
                    log.info("heartbeat %d sent: HTTP %d", self.heartbeat.seq, resp.status)
                await asyncio.sleep(next_interval(self.interval, 0.1))
