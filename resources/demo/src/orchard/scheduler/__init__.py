"""The Orchard scheduler: a priority queue, pluggable policies and the dispatcher."""

# Importing the policy modules registers them with get_policy().
from orchard.scheduler import fairshare as _fairshare  # noqa: F401
from orchard.scheduler.dispatcher import Dispatcher
from orchard.scheduler.policies import get_policy, policy_names

__all__ = ["Dispatcher", "get_policy", "policy_names"]
