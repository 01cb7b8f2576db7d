"""The `orchard` command-line tool."""

from __future__ import annotations

import argparse
import sys
import uuid
from typing import Any, Protocol, TextIO

from orchard.cli.client import OrchardClient
from orchard.cli.formatting import jobs_table, table
from orchard.plugins.registry import PluginRegistry
from orchard.scheduler.policies import policy_names


class Client(Protocol):
    def request(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]: ...


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="orchard", description="Talk to an Orchard scheduler.")
    parser.add_argument("--api", default="http://127.0.0.1:8080", help="API base URL")
    sub = parser.add_subparsers(dest="command", required=True)

    submit = sub.add_parser("submit", help="submit a job")
    submit.add_argument("--owner", required=True)
    submit.add_argument("--image", required=True)
    submit.add_argument("--resources", default="cpu=1,mem=1g")
    submit.add_argument("--priority", type=int, default=0)
    submit.add_argument("--id", dest="job_id")
    submit.add_argument("argv", nargs=argparse.REMAINDER, help="command to run, after --")

    sub.add_parser("jobs", help="list jobs")
    sub.add_parser("policies", help="list scheduling policies")
    sub.add_parser("plugins", help="list installed plugins")
    return parser


def main(argv: list[str] | None = None, client: Client | None = None, out: TextIO = sys.stdout) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "policies":
        print("\n".join(policy_names()), file=out)
        return 0
    if args.command == "plugins":
        registry = PluginRegistry()
        registry.discover()
        print(table(("PLUGIN", "VERSION"), registry.describe()), file=out)
        return 0
    client = client or OrchardClient(args.api)
    if args.command == "jobs":
        print(jobs_table(client.request("GET", "/jobs")["jobs"]), file=out)
        return 0
    command = args.argv[1:] if args.argv[:1] == ["--"] else args.argv
    if not command:
        print("orchard submit: missing command after --", file=sys.stderr)
        return 2
    body = {
        "job_id": args.job_id or uuid.uuid4().hex[:12],
        "owner": args.owner,
        "image": args.image,
        "command": command,
        "resources": args.resources,
        "priority": args.priority,
    }
    job = client.request("POST", "/jobs", body)
    print(f"submitted {job['job_id']} ({job['state']})", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
