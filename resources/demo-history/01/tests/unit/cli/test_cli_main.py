from __future__ import annotations

import io

import pytest

from orchard.cli.main import main


class FakeClient:
    def __init__(self) -> None:
        self.requests: list[tuple[str, str, object]] = []

    def request(self, method, path, body=None):
        self.requests.append((method, path, body))
        if path == "/jobs" and method == "GET":
            return {"jobs": []}
        return {**body, "state": "pending"}


def run(argv: list[str], client: FakeClient | None = None) -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, client=client, out=out)
    return code, out.getvalue()


def test_submit() -> None:
    client = FakeClient()
    code, out = run(["submit", "--owner", "eve", "--image", "busybox", "--id", "j9", "--", "sleep", "5"], client)
    assert (code, out) == (0, "submitted j9 (pending)\n")
    method, path, body = client.requests[0]
    assert (method, path, body["command"], body["resources"]) == ("POST", "/jobs", ["sleep", "5"], "cpu=1,mem=1g")


def test_submit_without_command() -> None:
    assert run(["submit", "--owner", "eve", "--image", "busybox"], FakeClient())[0] == 2


def test_policies() -> None:
    code, out = run(["policies"])
    assert code == 0
    assert out.split() == ["fifo", "smallest-first"]


def test_unknown_command() -> None:
    with pytest.raises(SystemExit):
        run(["frobnicate"])
