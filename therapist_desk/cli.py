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
from typing import NoReturn

from therapist_desk import APP_NAME, __version__
from therapist_desk.cli_commands.options import add_common_options
from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.logsetup import configure_logging, install_excepthook
from therapist_desk.paths import resolve_paths


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one clear sentence, exit 2
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


_GLOBAL_VALUE_OPTIONS = ("--data-dir", "--passphrase-file")


def opens_window(argv: Sequence[str]) -> bool:
    """True when argv holds nothing but the global options (so no command modules are needed)."""
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg in _GLOBAL_VALUE_OPTIONS and args:
            args.pop(0)
        elif not arg.startswith(tuple(f"{o}=" for o in _GLOBAL_VALUE_OPTIONS)):
            return False
    return True


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    parser = _Parser(
        prog=APP_NAME,
        description="Therapist Desk: a private, encrypted reflection desk. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    add_common_options(parser, top_level=True)
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    from therapist_desk.cli_commands import command_modules

    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in command_modules():
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    os.umask(0o077)  # everything we create is readable by this user only
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(with_commands=not opens_window(argv))
    args = parser.parse_args(argv)
    paths = resolve_paths(args.data_dir)
    configure_logging(paths.log_dir)
    if args.command is None:
        from therapist_desk.app import run_gui

        return run_gui(paths)
    install_excepthook()
    from therapist_desk.cli_commands.common import CliContext

    ctx = CliContext(paths=paths, args=args)
    try:
        return int(args.handler(ctx) or 0)
    except BrokenPipeError:
        # The reader went away (e.g. `search ... | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
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
