"""Shared pieces of the headless commands: common options, passphrase input, opening the vault."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from therapist_desk.cli_commands.options import add_common_options  # noqa: F401 (re-exported)
from therapist_desk.domain.errors import InvalidInput, UsageError
from therapist_desk.paths import AppPaths
from therapist_desk.security.kdf import PRODUCT_PROFILE, KdfProfile
from therapist_desk.services.vault_store import UnlockedVault, VaultStore
from therapist_desk.storage.instance_lock import InstanceLock

MIN_PASSPHRASE_LENGTH = 8


def add_command(
    sub: argparse._SubParsersAction, name: str, help_text: str, handler: object
) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, help=help_text, description=help_text)
    add_common_options(parser)
    parser.set_defaults(handler=handler)
    return parser


MAX_LINE_BYTES = 64 * 1024


def _decode_line(raw: bytes, source: str) -> str:
    """The text of a first line read as bytes from ``source`` (a sentence's subject)."""
    if len(raw) > MAX_LINE_BYTES:
        raise UsageError(f"{source} has a first line longer than 64 KiB, so it is not a passphrase.")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{source} is not UTF-8 text.") from None
    return line.removesuffix("\n").removesuffix("\r")


def read_first_line(path: str | Path, what: str = "passphrase file") -> str:
    try:
        with open(path, "rb") as handle:
            raw = handle.readline(MAX_LINE_BYTES + 1)
    except FileNotFoundError:
        raise UsageError(f"The {what} {path} does not exist.") from None
    except OSError as exc:
        raise UsageError(f"The {what} {path} could not be read ({exc.__class__.__name__}).") from None
    return _decode_line(raw, f"The {what} {path}")


def read_piped_line() -> str:
    """The first line of piped standard input, as UTF-8 like a passphrase file."""
    # Bytes, not sys.stdin's text: its error handler turns invalid bytes into lone surrogates,
    # which would fail later, far from here, as an unexpected error.
    raw = sys.stdin.buffer.readline(MAX_LINE_BYTES + 1) if sys.stdin is not None else b""
    if not raw:
        raise UsageError("No passphrase given: use --passphrase-file FILE or pipe it in.")
    return _decode_line(raw, "The passphrase on standard input")


def check_new_passphrase(passphrase: str) -> str:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise UsageError(
            f"The new passphrase is too short: use at least {MIN_PASSPHRASE_LENGTH} characters "
            "(a few unrelated words work well)."
        )
    # A tab or NUL cannot be typed into the unlock screen: such a passphrase would lock the window out.
    if any(unicodedata.category(ch) == "Cc" for ch in passphrase):
        raise UsageError(
            "The new passphrase contains a control character (such as a tab); use only typeable text."
        )
    return passphrase


@dataclass
class CliContext:
    paths: AppPaths
    args: argparse.Namespace
    kdf_profile: KdfProfile = PRODUCT_PROFILE

    @property
    def store(self) -> VaultStore:
        return VaultStore(self.paths, self.kdf_profile)

    def read_passphrase(self, prompt: str = "Passphrase: ", confirm: bool = False) -> str:
        """From --passphrase-file, else piped standard input, else an interactive prompt."""
        path = getattr(self.args, "passphrase_file", None)
        if path:
            return read_first_line(path)
        if sys.stdin is None or not sys.stdin.isatty():
            return read_piped_line()
        passphrase = getpass.getpass(prompt)
        if confirm and getpass.getpass("Repeat the passphrase: ") != passphrase:
            raise UsageError("The two passphrases differ; nothing was created.")
        return passphrase

    @contextlib.contextmanager
    def instance_lock(self) -> Iterator[None]:
        with InstanceLock(self.paths.runtime_dir, self.paths.data_dir):
            yield

    @contextlib.contextmanager
    def unlocked(self) -> Iterator[UnlockedVault]:
        """Hold the instance lock and an unlocked vault for the length of a command."""
        with self.instance_lock():
            store = self.store
            store.read_key_file()  # missing or damaged files fail before asking for a passphrase
            unlocked = store.unlock(self.read_passphrase())
            try:
                yield unlocked
            finally:
                unlocked.close()


def load_json_file(path: str | Path, max_bytes: int, what: str) -> object:
    """Read a JSON input file with a size limit checked before parsing."""
    import json

    file = Path(path)
    try:
        size = file.stat().st_size
    except FileNotFoundError:
        raise InvalidInput(f"The {what} {file} does not exist.") from None
    if size > max_bytes:
        raise InvalidInput(f"The {what} {file} is larger than {max_bytes // 1_000_000} MB; refused.")
    try:
        return json.loads(file.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InvalidInput(f"The {what} {file} is not valid JSON ({exc.__class__.__name__}).") from None
    except RecursionError:
        raise InvalidInput(f"The {what} {file} is nested too deeply.") from None
