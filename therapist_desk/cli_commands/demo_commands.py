"""demo: create a new vault full of synthetic data (services/demo_data.py).

The new vault's passphrase comes from the same sources as ``init`` (CONTRACTS.md §2):
``--passphrase-file``, else a line piped on standard input. With neither (a terminal, or empty
standard input) a passphrase of six random words is generated and printed once. The recovery
code is printed like ``init`` prints it: on standard output, on a line of its own.
"""

from __future__ import annotations

import argparse
import contextlib
import secrets
import sys
import time
from pathlib import Path

from therapist_desk.cli_commands.common import (
    MAX_LINE_BYTES,
    CliContext,
    _decode_line,
    add_command,
    check_new_passphrase,
    read_first_line,
)
from therapist_desk.domain.clock import SystemClock
from therapist_desk.domain.errors import UsageError, VaultAlreadyExists

GENERATED_WORDS = 6
# 256 plain words: six of them give 48 bits, plenty for a vault that holds only synthetic data.
_WORDS = """
acorn amber anchor anvil apple apron arch arrow aspen atlas attic autumn badge bakery bamboo
banjo barley barn basket beacon beech bell bench berry birch biscuit blanket bloom bonnet
boulder bramble branch breeze brick bridge brook bucket bugle bunny cabin cactus camel candle
canoe canyon carpet castle cedar cellar chalk cherry chimney cider cinder circus citrus clover
cobalt comet compass copper coral cotton cove crater crayon cricket crystal cumin daisy delta
desert dew dolphin donkey dove dragon drift drum dune eagle easel echo ember engine fable falcon
feather fennel fern ferry fiddle field fig finch fjord flame flint flower forest fossil fountain
fox galaxy garden garnet gecko ginger glacier globe goose granite grape gravel guitar harbor
harvest hazel heron hickory hill honey hoop horizon igloo island ivory jacket jade jasmine
jelly jetty juniper kayak kelp kettle kiln kite koala ladder lagoon lantern lark lemon lentil
lichen lilac linen lizard llama lobster locket lotus lunar magnet mango maple marble meadow
melon mesa meteor mint mitten moss mountain mural nectar nest nickel nutmeg oasis oat ocean
olive onyx orbit orchid otter owl paddle panda paper parcel parsley pebble pepper piano pillow
pine planet plum pocket pollen pony poppy prairie pretzel pumpkin quail quartz quilt rabbit
radish rainbow raven reef ribbon ridge river robin rocket saddle saffron sail salmon sandal
satin scarf shell silver sketch sled slate spruce squash star stone summit sunset swan
teapot thistle thunder tiger timber tulip tundra turnip umber valley velvet violet walnut
whale willow window winter yarrow zephyr
badger bison dahlia ermine gannet hemlock
"""
WORD_LIST = tuple(_WORDS.split())


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(sub, "demo", "create a new vault filled with realistic synthetic data", cmd_demo)
    p.add_argument("--years", type=int, default=10, metavar="N", help="years of history (default 10)")
    p.add_argument(
        "--scale",
        type=float,
        default=1.0,
        metavar="K",
        help="multiply clients, sessions and notes (default 1)",
    )
    p.add_argument("--seed", type=int, default=None, metavar="S", help="the same seed gives the same data")


def generated_passphrase() -> str:
    return " ".join(secrets.choice(WORD_LIST) for _ in range(GENERATED_WORDS))


def _new_passphrase(ctx: CliContext) -> tuple[str, bool]:
    """(passphrase, generated): from --passphrase-file, else piped standard input, else generated."""
    path = getattr(ctx.args, "passphrase_file", None)
    if path:
        return check_new_passphrase(read_first_line(path)), False
    if sys.stdin is not None and not sys.stdin.isatty():
        raw = sys.stdin.buffer.readline(MAX_LINE_BYTES + 1)
        if raw:
            return check_new_passphrase(_decode_line(raw, "The passphrase on standard input")), False
    return generated_passphrase(), True


class _ProgressLine:
    """Progress on standard error: rewritten in place on a terminal, a line per step otherwise."""

    def __init__(self) -> None:
        self._tty = sys.stderr.isatty()
        self._shown = (-1, "")

    def __call__(self, done: int, total: int, label: str) -> None:
        percent = 100 * done // max(total, 1)
        step = (percent // 10, label)
        if self._tty:
            print(f"\rWriting demo data: {percent:3d}% ({label})\033[K", end="", file=sys.stderr, flush=True)
        elif step != self._shown:
            print(f"Writing demo data: {percent}% ({label})", file=sys.stderr, flush=True)
        self._shown = step

    def finish(self) -> None:
        if self._tty:
            print(file=sys.stderr)


def _remove_new_vault(folder: Path, made_folder: bool, files: list[Path]) -> None:
    """Remove what this command created (synthetic data only) after it failed half-way."""
    for path in files:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    if made_folder:
        with contextlib.suppress(OSError):
            folder.rmdir()


def cmd_demo(ctx: CliContext) -> int:
    # Imported here: the generator and its word lists are not needed to start the window.
    from therapist_desk.services.demo_data import DEFAULT_SEED, check_parameters, populate_demo

    args = ctx.args
    check_parameters(args.years, args.scale)
    if args.seed is None:
        args.seed = DEFAULT_SEED
    if args.seed < 0:
        raise UsageError("The seed must be a whole number of 0 or more.")
    with ctx.instance_lock():
        store = ctx.store
        if store.exists():
            raise VaultAlreadyExists(
                f"A vault already exists in {ctx.paths.data_dir}; it was left untouched. "
                "Choose an empty folder for the demo vault with --data-dir."
            )
        passphrase, generated = _new_passphrase(ctx)
        folder = ctx.paths.data_dir
        made_folder = not folder.exists()
        started = time.perf_counter()
        unlocked, code = store.create(passphrase)
        db = store.db_path
        created_files = [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"), store.keys_path]
        progress = _ProgressLine()
        try:
            counts = populate_demo(
                unlocked, SystemClock(), years=args.years, scale=args.scale, seed=args.seed, progress=progress
            )
            unlocked.vault.checkpoint()
        except BaseException:
            progress.finish()
            unlocked.close()
            _remove_new_vault(folder, made_folder, created_files)
            print("The demo vault was not finished and has been removed.", file=sys.stderr)
            raise
        unlocked.close()
        progress.finish()
    seconds = time.perf_counter() - started
    print(
        f"Created a demo vault in {folder} in {seconds:.1f} s (synthetic data, seed {args.seed}): "
        f"{counts.notes:,} reflections, {counts.clients:,} clients, {counts.sessions:,} sessions, "
        f"{counts.check_ins:,} check-ins, {counts.assessments:,} assessments.",
        file=sys.stderr,
    )
    if generated:
        print("Generated passphrase (write it down; it is shown only once):", file=sys.stderr)
        print(passphrase)
    print("Recovery code (store it somewhere safe; it is shown only once):", file=sys.stderr)
    print(code)
    return 0
