"""Plugins shipped with Orchard."""

from orchard.plugins.builtin.audit import AuditLogPlugin
from orchard.plugins.builtin.noop import NoopPlugin

BUILTIN_PLUGINS = (AuditLogPlugin, NoopPlugin)
