"""The demo vault behind "Try with demo data" on the first-run screen: where it lives, how it is made.

Where: a sibling of the data folder, named after it with ``-demo`` appended
(``~/.local/share/therapist-desk-demo`` beside ``~/.local/share/therapist-desk``; with
``--data-dir DIR`` it is ``DIR-demo``). Never inside the real data folder: that folder stays
exactly as it was (a first run after the demo is still a first run), and synthetic records can
never be backed up with, restored over or mistaken for real notes. A sibling rather than a
temporary folder, so the demo survives a restart and opens again with its passphrase.

The demo vault is an ordinary vault made by the same ``VaultStore`` (the same encryption and
key file); only its content is synthetic (services/demo_data.py). A marker file,
``DEMO-VAULT.txt`` (fixed words, nothing typed by anyone), says the folder was made here as a
demo. Only a marked folder is ever emptied to make new demo data, so a real vault that someone
keeps under that name is never removed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from therapist_desk.domain.clock import Clock
from therapist_desk.domain.errors import (
    StorageWriteFailed,
    TherapistDeskError,
    UsageError,
    VaultAlreadyExists,
)
from therapist_desk.paths import AppPaths
from therapist_desk.services.vault_store import PREVIOUS_SUFFIX, ROTATING_SUFFIX, UnlockedVault, VaultStore
from therapist_desk.storage.atomic import atomic_write_bytes

DEMO_FOLDER_SUFFIX = "-demo"
MARKER_NAME = "DEMO-VAULT.txt"
MARKER_TEXT = (
    b"This folder holds a Therapist Desk demo vault: synthetic data only, made by\n"
    b'"Try with demo data" on the first-run screen. It is safe to delete this folder.\n'
)
# Two years at a fifth of a busy caseload: every section and trend has data, and making it
# takes about a second on top of the passphrase stretching.
DEMO_YEARS = 2
DEMO_SCALE = 0.2
# Progress (0-100) spent before the generator starts: the key derivation and the empty vault.
CREATED_PERCENT = 10


class DemoStopped(TherapistDeskError):
    """Making the demo vault was stopped (the window closed or the user left); nothing was kept."""


def demo_paths(paths: AppPaths) -> AppPaths:
    """The demo vault's folders: the data folder's ``-demo`` sibling; config, cache, logs as usual."""
    data = paths.data_dir
    return replace(paths, data_dir=data.parent / (data.name + DEMO_FOLDER_SUFFIX))


def is_marked_demo(paths: AppPaths) -> bool:
    """True when the folder carries the marker written when a demo vault was made there."""
    return (paths.data_dir / MARKER_NAME).is_file()


def _vault_files(paths: AppPaths) -> list[Path]:
    db, keys = paths.db_path, paths.keys_path
    names = [
        db.name,
        db.name + "-wal",
        db.name + "-shm",
        db.name + "-journal",
        db.name + ".creating",
        db.name + ".creating-journal",
        db.name + ROTATING_SUFFIX,
        db.name + ROTATING_SUFFIX + "-journal",
        db.name + PREVIOUS_SUFFIX,
        keys.name,
        keys.name + ROTATING_SUFFIX,
    ]
    return [paths.data_dir / name for name in names]


def remove_demo_vault(paths: AppPaths) -> None:
    """Remove the vault files from a marked demo folder (synthetic data only); keep the marker.

    Raises ``VaultAlreadyExists`` when the folder holds a vault but no marker: that vault was
    not made as a demo, and it is left untouched.
    """
    if not is_marked_demo(paths):
        if VaultStore(paths).exists():
            raise VaultAlreadyExists(
                f"{paths.data_dir} holds a vault that was not made as a demo, so it was left untouched."
            )
        return
    for path in _vault_files(paths):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _mark(paths: AppPaths) -> None:
    folder = paths.data_dir
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except (FileExistsError, NotADirectoryError):
        raise UsageError(
            f"{folder} is a file, not a folder, so the demo vault cannot be made there."
        ) from None
    except OSError as exc:
        raise StorageWriteFailed(
            f"The folder {folder} could not be created ({exc.strerror or exc})."
        ) from None
    if not is_marked_demo(paths):
        atomic_write_bytes(folder / MARKER_NAME, MARKER_TEXT)


def build_demo_vault(
    store: VaultStore,
    passphrase: str,
    clock: Clock,
    *,
    years: int = DEMO_YEARS,
    scale: float = DEMO_SCALE,
    replace_existing: bool = False,
    progress: Callable[[int], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> UnlockedVault:
    """Make the demo vault in ``store``'s folder, fill it with synthetic data, return it open.

    ``replace_existing`` first removes the vault of a marked demo folder (an unmarked vault is
    refused with ``VaultAlreadyExists``, as is any vault without it). ``progress(percent)``
    follows the work; ``stop()`` is asked between steps, and when it answers True the half-made
    vault is removed and ``DemoStopped`` raised. A failure also removes what was made, so the
    folder never holds a demo vault whose passphrase nobody was shown.
    """
    # Imported here: the generator and its word lists are needed only when a demo is made.
    from therapist_desk.services.demo_data import DEFAULT_SEED, check_parameters, populate_demo

    check_parameters(years, scale)
    paths = store.paths
    if store.exists():
        if not replace_existing:
            raise VaultAlreadyExists(
                f"A demo vault already exists in {paths.data_dir}; it was left untouched."
            )
        remove_demo_vault(paths)
    _mark(paths)

    def report(percent: int) -> None:
        if stop is not None and stop():
            raise DemoStopped("Making the demo vault was stopped; nothing was kept.")
        if progress is not None:
            progress(percent)

    report(0)
    unlocked, _recovery_code = store.create(passphrase)  # no recovery code for synthetic data
    try:
        report(CREATED_PERCENT)
        populate_demo(
            unlocked,
            clock,
            years=years,
            scale=scale,
            seed=DEFAULT_SEED,
            progress=lambda done, total, _label: report(
                CREATED_PERCENT + (99 - CREATED_PERCENT) * done // max(total, 1)
            ),
        )
        unlocked.vault.checkpoint()
        report(100)
    except BaseException:
        unlocked.close()
        remove_demo_vault(paths)
        raise
    return unlocked


def discard_demo_vault(unlocked: UnlockedVault, paths: AppPaths) -> None:
    """Close a demo vault whose passphrase was never shown, and remove it (nobody could open it)."""
    unlocked.close()
    remove_demo_vault(paths)
