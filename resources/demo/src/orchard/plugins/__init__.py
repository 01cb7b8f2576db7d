"""Orchard's plugin SDK. Third-party plugins subclass OrchardPlugin."""

from orchard.plugins.base import OrchardPlugin

__all__ = ["OrchardPlugin"]
