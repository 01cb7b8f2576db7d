"""Orchard: a small job-scheduling platform (scheduler, agents, API, CLI)."""
