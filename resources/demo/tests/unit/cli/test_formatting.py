from __future__ import annotations

from orchard.cli.formatting import jobs_table, table


def test_table_alignment() -> None:
    assert table(("A", "LONG"), [("x", 1), ("yyy", 22)]) == "A    LONG\n---  ----\nx    1\nyyy  22"


def test_jobs_table() -> None:
    job = {"job_id": "j1", "owner": "bob", "state": "running", "resources": {"cpu": 2.0, "mem": 2048}, "agent_id": None}
    assert jobs_table([job]).splitlines() == [
        "JOB  OWNER  STATE    CPU  MEM      AGENT",
        "---  -----  -------  ---  -------  -----",
        "j1   bob    running  2    2.0 KiB  -",
    ]
