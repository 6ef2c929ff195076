"""Command line: the window is the default command, every other command is headless.

Exit statuses (CONTRACTS.md §2): 0 success, 2 usage, 3 wrong passphrase or recovery code,
4 vault missing/damaged/not a vault, 5 locked by another instance, 6 invalid input file,
7 summary failed verification, 1 anything else.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from therapist_desk import APP_NAME, __version__
from therapist_desk.cli_commands import COMMAND_MODULES
from therapist_desk.cli_commands.common import CliContext, add_common_options
from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.logsetup import configure_logging, install_excepthook
from therapist_desk.paths import resolve_paths


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one clear sentence, exit 2
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=APP_NAME,
        description="Therapist Desk: a private, encrypted reflection desk. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    add_common_options(parser, top_level=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    os.umask(0o077)  # everything we create is readable by this user only
    parser = build_parser()
    args = parser.parse_args(argv)
    paths = resolve_paths(args.data_dir)
    configure_logging(paths.log_dir)
    if args.command is None:
        from therapist_desk.app import run_gui

        return run_gui(paths)
    install_excepthook()
    ctx = CliContext(paths=paths, args=args)
    try:
        return int(args.handler(ctx) or 0)
    except TherapistDeskError as exc:
        print(f"{APP_NAME}: {exc.message}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print(f"{APP_NAME}: interrupted; nothing was changed.", file=sys.stderr)
        return 130
    except Exception:
        logging.getLogger(__name__).exception("unexpected error in command")
        print(
            f"{APP_NAME}: an unexpected error stopped the command. "
            f"Details without any of your content are in {paths.log_dir}.",
            file=sys.stderr,
        )
        return 1
