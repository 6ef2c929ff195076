"""summary verify (no vault needed) and summary create."""

from __future__ import annotations

import argparse
from pathlib import Path

from therapist_desk.cli_commands.common import CliContext, add_common_options
from therapist_desk.security.summary_signing import verify_summary_file


def register(sub: argparse._SubParsersAction) -> None:
    summary = sub.add_parser("summary", help="create or verify a signed supervisor summary")
    add_common_options(summary)
    actions = summary.add_subparsers(dest="summary_command", metavar="ACTION", required=True)
    verify = actions.add_parser("verify", help="verify a .tdsummary file and print the signer's fingerprint")
    add_common_options(verify)
    verify.add_argument("file", metavar="FILE.tdsummary")
    verify.set_defaults(handler=cmd_verify)


def cmd_verify(ctx: CliContext) -> int:
    verified = verify_summary_file(Path(ctx.args.file))
    payload = verified.payload
    name = payload.get("display_name") if isinstance(payload.get("display_name"), str) else None
    print("Verified: the summary is intact and signed.")
    print(f"Signer fingerprint: {verified.fingerprint}")
    if name:
        print(f"Signed as: {name}")
    return 0
