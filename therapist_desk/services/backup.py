"""Backup now, restore, and automatic daily backups (issue 4). File format: backup_archive.py.

Every function here is Qt-free and safe to run on a worker thread; long ones take a
``progress(done, total)`` callback. A backup is written to a temp file beside the target,
verified (hashes, then the database opened with its data key), and only then renamed over
the target: a full disk, a kill or a failed check leave the previous backup and the vault
exactly as they were.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from therapist_desk import __version__
from therapist_desk.domain.clock import Clock, SystemClock
from therapist_desk.domain.errors import (
    InvalidBackup,
    StorageWriteFailed,
    TargetNotEmpty,
    UsageError,
    VaultDamaged,
)
from therapist_desk.paths import DB_NAME, KEYS_NAME, AppPaths
from therapist_desk.security.keyfile import KeyFile
from therapist_desk.services.backup_archive import (
    BACKUP_FORMAT,
    BACKUP_SUFFIX,
    BACKUP_VERSION,
    BackupInfo,
    extract_member,
    read_manifest,
    verify_backup,
    write_archive,
)
from therapist_desk.services.exchange import refuse_vault_files
from therapist_desk.services.vault_store import UnlockedVault, wipe
from therapist_desk.storage import migrations
from therapist_desk.storage.atomic import fsync_directory
from therapist_desk.storage.vault import Vault

__all__ = [
    "AutoBackupPolicy",
    "BackupInfo",
    "RestoreResult",
    "backup_overdue",
    "backups_to_keep",
    "create_backup",
    "last_good_backup",
    "replace_current_vault_from_backup",
    "restore_backup",
    "run_auto_backup",
    "verify_backup",
]

Progress = Callable[[int, int], None]
WORK_PREFIX = ".td-backup-"
STAGED_PREFIX = ".restoring-"
PARTIAL_SUFFIX = ".td-partial"
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
STALE_AFTER_SECONDS = 24 * 3600


def _phase(progress: Progress | None, start: int, end: int) -> Callable[[float], None]:
    def report(fraction: float) -> None:
        if progress is not None:
            progress(start + int((end - start) * min(max(fraction, 0.0), 1.0)), 100)

    return report


def _remove_stale_work(directory: Path) -> None:
    # Work folders and temp files of a backup that was killed; they hold only encrypted data.
    cutoff = time.time() - STALE_AFTER_SECONDS
    for entry in directory.glob(".*"):
        with contextlib.suppress(OSError):
            if entry.stat().st_mtime > cutoff:
                continue
            if entry.is_dir() and entry.name.startswith(WORK_PREFIX):
                shutil.rmtree(entry, ignore_errors=True)
            elif entry.is_file() and entry.name.endswith(PARTIAL_SUFFIX):
                entry.unlink()


def create_backup(
    unlocked: UnlockedVault, target_path: Path, progress: Progress | None = None, clock: Clock | None = None
) -> BackupInfo:
    """Write a verified backup of the open vault to ``target_path`` (replacing it atomically).

    The database is copied with ``Vault.export_copy`` under the same data key, so the copy is
    consistent and stays encrypted; the key file travels with it. Raises
    ``StorageWriteFailed`` when the disk is full or the folder not writable (nothing changed).
    """
    clock = clock or SystemClock()
    target = Path(target_path)
    directory = target.parent
    if not directory.is_dir():
        raise UsageError(f"The folder {directory} does not exist; choose another place for the backup.")
    refuse_vault_files(unlocked.vault, target)
    _remove_stale_work(directory)
    report_copy, report_write, report_check = (
        _phase(progress, 0, 40),
        _phase(progress, 40, 75),
        _phase(progress, 75, 100),
    )
    tmp: Path | None = None
    work: Path | None = None
    try:
        work = Path(tempfile.mkdtemp(prefix=WORK_PREFIX, dir=directory))
        report_copy(0.0)
        db_copy = work / DB_NAME
        unlocked.vault.export_copy(db_copy, unlocked.data_key)
        report_copy(1.0)
        now = clock.now()
        manifest = {
            "format": BACKUP_FORMAT,
            "version": BACKUP_VERSION,
            "created_at": (now if now.tzinfo else now.astimezone()).isoformat(timespec="seconds"),
            "vault_id": unlocked.key_file.vault_id,
            "schema_version": migrations.schema_version(unlocked.vault),
            "app_version": __version__,
        }
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=PARTIAL_SUFFIX, dir=directory)
        tmp = Path(tmp_name)
        with os.fdopen(fd, "wb") as handle:
            write_archive(handle, db_copy, unlocked.key_file.to_bytes(), manifest, report_write)
            handle.flush()
            os.fsync(handle.fileno())
        db_copy.unlink()  # room for the check copy on a nearly full disk
        info = verify_backup(tmp, _phase(progress, 75, 85))
        _check_opens(tmp, info, unlocked.data_key, work / "check")
        report_check(1.0)
        os.replace(tmp, target)
        tmp = None
        fsync_directory(directory)
    except (OSError, StorageWriteFailed) as exc:
        reason = f" ({exc.strerror})" if isinstance(exc, OSError) and exc.strerror else ""
        raise StorageWriteFailed(
            f"The backup could not be written{reason}; the previous backup and the vault are "
            "unchanged. Free some space or choose another folder."
        ) from None
    except (InvalidBackup, VaultDamaged):
        raise StorageWriteFailed(
            "The backup failed its check after writing and was discarded; the previous backup and "
            "the vault are unchanged. Try again, or choose another folder or disk."
        ) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    return BackupInfo(
        target, info.created_at, info.vault_id, info.schema_version, info.app_version, info.members
    )


def _check_opens(backup: Path, info: BackupInfo, data_key: bytes | bytearray, folder: Path) -> None:
    """Extract the database like a restore would, and open it with the data key."""
    folder.mkdir(mode=0o700)
    db_path = folder / DB_NAME
    extract_member(backup, info, DB_NAME, db_path)
    _open_and_check(db_path, data_key, info)


def _open_and_check(db_path: Path, data_key: bytes | bytearray, info: BackupInfo) -> None:
    vault = Vault.open(db_path, data_key)
    try:
        stored_id = vault.scalar("SELECT value FROM meta WHERE key = 'vault_id'")
        if stored_id != info.vault_id or vault.integrity_problems():
            raise InvalidBackup(f"The backup {info.path.name} holds a damaged database; nothing was changed.")
    finally:
        vault.close()


# -- restore -------------------------------------------------------------------------------
@dataclass(frozen=True)
class RestoreResult:
    info: BackupInfo
    safety_copy: Path | None  # where the replaced vault was copied (replace only)


def _stage(backup: Path, info: BackupInfo, data_dir: Path, passphrase: str | None) -> dict[str, Path]:
    """Extract both files under temporary names in ``data_dir``; prove the passphrase if given."""
    staged: dict[str, Path] = {}
    try:
        for name in (DB_NAME, KEYS_NAME):
            staged[name] = data_dir / f"{STAGED_PREFIX}{name}"
            extract_member(backup, info, name, staged[name])
        key_file = KeyFile.from_bytes(staged[KEYS_NAME].read_bytes())
        if passphrase is not None:
            data_key = key_file.unwrap_with_passphrase(passphrase)  # WrongPassphrase: exit 3
            try:
                _open_and_check(staged[DB_NAME], data_key, info)
            finally:
                wipe(data_key)
        return staged
    except BaseException:
        _discard(staged.values())
        raise


def _discard(paths: Iterable[Path]) -> None:
    for path in paths:
        # The staged copy was never the live vault, so its side files hold nothing to keep.
        for victim in (path, *(path.with_name(path.name + s) for s in SIDE_SUFFIXES)):
            with contextlib.suppress(OSError):
                victim.unlink()


def _install(staged: dict[str, Path], data_dir: Path) -> None:
    # The database first, the key file last: a vault with both final names is complete.
    os.replace(staged[DB_NAME], data_dir / DB_NAME)
    os.replace(staged[KEYS_NAME], data_dir / KEYS_NAME)
    fsync_directory(data_dir)


def restore_backup(
    backup_path: Path, paths: AppPaths, passphrase: str | None = None, progress: Progress | None = None
) -> RestoreResult:
    """Restore a backup into an EMPTY data folder (``paths.data_dir``).

    Verifies the whole backup first. Refuses a non-empty folder (``TargetNotEmpty``) and any
    invalid backup (``InvalidBackup``) without changing anything. With ``passphrase``, also
    proves that the restored vault unlocks with it (``WrongPassphrase``, leaving nothing
    behind). A vault from an older schema is migrated at its first unlock by ``VaultStore``.
    """
    backup = Path(backup_path)
    info = verify_backup(backup, _phase(progress, 0, 50))
    data_dir = paths.data_dir
    if data_dir.exists() and (not data_dir.is_dir() or any(data_dir.iterdir())):
        raise TargetNotEmpty(
            f"The folder {data_dir} is not empty; restore only into an empty or new folder. "
            "Nothing was changed."
        )
    created_dir = not data_dir.exists()
    try:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        staged = _stage(backup, info, data_dir, passphrase)
        try:
            _install(staged, data_dir)
        except BaseException:
            _discard(staged.values())
            raise
    except OSError as exc:
        _remove_if_created(data_dir, created_dir)
        raise StorageWriteFailed(f"The backup could not be restored ({exc.strerror or exc}).") from None
    except BaseException:
        _remove_if_created(data_dir, created_dir)
        raise
    _phase(progress, 0, 100)(1.0)
    return RestoreResult(info, None)


def _remove_if_created(data_dir: Path, created: bool) -> None:
    if created:
        with contextlib.suppress(OSError):
            data_dir.rmdir()  # only if empty: never removes anything but our own new folder


def replace_current_vault_from_backup(
    backup_path: Path,
    paths: AppPaths,
    *,
    confirm: bool,
    passphrase: str | None = None,
    clock: Clock | None = None,
    progress: Progress | None = None,
) -> RestoreResult:
    """Replace the vault in ``paths.data_dir`` with a backup (the GUI's "Restore…").

    Call it only while the vault is locked (its connection closed). Needs ``confirm=True``,
    given after a separate, explicit question. Verifies the backup first; then copies the
    current vault files into ``backups/before-restore-<stamp>/`` and swaps the new files in by
    rename. With ``passphrase``, proves the backup unlocks with it before touching anything.
    After a restore, the passphrase is the one that was valid when the backup was made.
    """
    if not confirm:
        raise UsageError("Replacing the current vault needs an explicit confirmation; nothing was changed.")
    clock = clock or SystemClock()
    backup = Path(backup_path)
    info = verify_backup(backup, _phase(progress, 0, 50))
    data_dir = paths.data_dir
    staged: dict[str, Path] = {}
    try:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        _discard(data_dir / f"{STAGED_PREFIX}{name}" for name in (DB_NAME, KEYS_NAME))  # a crashed try
        staged = _stage(backup, info, data_dir, passphrase)
        safety = _safety_folder(paths.backup_dir, clock)
        for name in (DB_NAME, KEYS_NAME):
            if (data_dir / name).exists():
                shutil.copy2(data_dir / name, safety / name)
                with (safety / name).open("rb") as handle:
                    os.fsync(handle.fileno())
        # A WAL left beside the new database would be replayed into it: move the old side
        # files into the safety copy (never delete them: they may hold committed work).
        for suffix in SIDE_SUFFIXES:
            side = data_dir / (DB_NAME + suffix)
            if side.exists():
                shutil.move(side, safety / side.name)
        fsync_directory(safety)
        _install(staged, data_dir)
    except OSError as exc:
        _discard(staged.values())
        raise StorageWriteFailed(
            f"The backup could not be restored ({exc.strerror or exc}); the current vault is unchanged."
        ) from None
    except BaseException:
        _discard(staged.values())
        raise
    _phase(progress, 0, 100)(1.0)
    return RestoreResult(info, safety)


def _safety_folder(backup_dir: Path, clock: Clock) -> Path:
    backup_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    for n in range(100):
        folder = backup_dir / (f"before-restore-{stamp}" + (f"-{n}" if n else ""))
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
            return folder
    raise StorageWriteFailed("Could not create a folder for the safety copy; nothing was changed.")


# -- automatic backups -----------------------------------------------------------------------
AUTO_PREFIX = "auto-"
AUTO_STAMP = "%Y-%m-%d-%H%M%S"


@dataclass(frozen=True)
class AutoBackupPolicy:
    """At most one automatic backup a day; keep the last 7 daily and 4 weekly copies."""

    keep_daily: int = 7
    keep_weekly: int = 4
    warn_after: timedelta = timedelta(days=7)


DEFAULT_POLICY = AutoBackupPolicy()


def backups_to_keep(stamps: Iterable[datetime], policy: AutoBackupPolicy = DEFAULT_POLICY) -> set[datetime]:
    """Which automatic backups to keep: the newest of each of the last ``keep_daily`` days that
    have one, and the newest of each of the last ``keep_weekly`` ISO weeks that have one."""
    ordered = sorted(set(stamps), reverse=True)
    keep: set[datetime] = set()
    for limit, bucket in (
        (policy.keep_daily, lambda s: s.date()),
        (policy.keep_weekly, lambda s: s.isocalendar()[:2]),
    ):
        seen: set[object] = set()
        for stamp in ordered:
            key = bucket(stamp)
            if key not in seen and len(seen) < limit:
                seen.add(key)
                keep.add(stamp)
    return keep


def auto_backups(backup_dir: Path) -> dict[datetime, Path]:
    """The automatic backups in ``backup_dir`` by the local time in their names."""
    found: dict[datetime, Path] = {}
    if not backup_dir.is_dir():
        return found
    for path in backup_dir.glob(f"{AUTO_PREFIX}*{BACKUP_SUFFIX}"):
        with contextlib.suppress(ValueError):
            found[datetime.strptime(path.name[len(AUTO_PREFIX) : -len(BACKUP_SUFFIX)], AUTO_STAMP)] = path
    return found


def run_auto_backup(
    unlocked: UnlockedVault,
    backup_dir: Path,
    clock: Clock,
    policy: AutoBackupPolicy = DEFAULT_POLICY,
    progress: Progress | None = None,
) -> BackupInfo | None:
    """On lock or quit: back up unless an automatic backup was made today, then prune.

    Returns the new backup, or None when today's already exists. Only files this function
    named (``auto-<stamp>.tdbackup``) are ever pruned; manual backups are never touched.
    """
    now = clock.now()
    existing = auto_backups(backup_dir)
    if any(stamp.date() == now.date() for stamp in existing):
        return None
    backup_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = now.replace(tzinfo=None, microsecond=0)
    target = backup_dir / f"{AUTO_PREFIX}{stamp.strftime(AUTO_STAMP)}{BACKUP_SUFFIX}"
    info = create_backup(unlocked, target, progress, clock)
    existing[stamp] = target
    keep = backups_to_keep(existing, policy)
    for old_stamp, path in existing.items():
        if old_stamp not in keep:
            with contextlib.suppress(OSError):
                path.unlink()
    return info


def last_good_backup(backup_dir: Path) -> datetime | None:
    """When the newest backup in ``backup_dir`` was made (each was verified when written)."""
    newest: datetime | None = None
    if not backup_dir.is_dir():
        return None
    for path in backup_dir.glob(f"*{BACKUP_SUFFIX}"):
        if path.name.startswith("."):
            continue
        with contextlib.suppress(InvalidBackup):
            created = read_manifest(path).created_at
            if newest is None or created > newest:
                newest = created
    return newest


def backup_overdue(backup_dir: Path, clock: Clock, policy: AutoBackupPolicy = DEFAULT_POLICY) -> bool:
    """True when no backup was made in the last ``policy.warn_after`` (7 days): warn the user."""
    last = last_good_backup(backup_dir)
    now = clock.now()
    return last is None or (now if now.tzinfo else now.astimezone()) - last > policy.warn_after
