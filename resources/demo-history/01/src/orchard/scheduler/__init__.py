"""The Orchard scheduler: a priority queue, pluggable policies and the dispatcher."""

from orchard.scheduler.dispatcher import Dispatcher
from orchard.scheduler.policies import get_policy, policy_names

__all__ = ["Dispatcher", "get_policy", "policy_names"]
