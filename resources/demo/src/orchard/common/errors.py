"""Exception hierarchy shared by every Orchard component."""

from __future__ import annotations


class OrchardError(Exception):
    """Base class of all errors raised on purpose by Orchard."""


class ConfigError(OrchardError):
    """A configuration value is missing or malformed."""


class SchedulingError(OrchardError):
    """The scheduler cannot honour a request."""


class InsufficientResources(SchedulingError):
    """An allocation asked for more than what is left."""

    def __init__(self, requested: object, available: object) -> None:
        super().__init__(f"requested {requested}, only {available} available")
        self.requested = requested
        self.available = available


class UnknownJob(OrchardError):
    """A job id that the component has never seen."""

    def __init__(self, job_id: str) -> None:
        super().__init__(f"unknown job: {job_id}")
        self.job_id = job_id


class PluginError(OrchardError):
    """A plugin failed to load or misbehaved."""
