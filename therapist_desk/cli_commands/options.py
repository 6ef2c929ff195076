"""The options every command accepts. Kept free of heavy imports: the window's start-up reads it."""

from __future__ import annotations

import argparse


def add_common_options(parser: argparse.ArgumentParser, top_level: bool = False) -> None:
    """``--data-dir`` and ``--passphrase-file`` work before and after the command name."""
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="folder holding vault.db and vault.keys.json (default: the user data folder)",
    )
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        default=default,
        help="read the passphrase from the first line of FILE",
    )
