"""The vault in a data folder: create, unlock, check, change passphrase, recover, rotate key.

Two files make a vault (CONTRACTS.md §1): ``vault.db`` (SQLCipher, random data key) and
``vault.keys.json`` (the data key wrapped under the passphrase and the recovery code).
Every operation either completes or leaves both files exactly as they were.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from therapist_desk.domain.clock import Clock, SystemClock
from therapist_desk.domain.errors import (
    StorageWriteFailed,
    UsageError,
    VaultAlreadyExists,
    VaultDamaged,
    VaultLockedByOtherInstance,
    VaultMissing,
)
from therapist_desk.paths import AppPaths
from therapist_desk.security.kdf import PRODUCT_PROFILE, KdfProfile
from therapist_desk.security.keyfile import MAX_KEY_FILE_BYTES, KeyFile, create_key_file, new_data_key
from therapist_desk.storage import migrations
from therapist_desk.storage.atomic import atomic_write_bytes, fsync_directory
from therapist_desk.storage.vault import Vault, check_vault_file

ROTATING_SUFFIX = ".rotating"
PREVIOUS_SUFFIX = ".before-rotation"


def wipe(key: bytearray) -> None:
    """Overwrite a key in place; Python may still hold copies we cannot reach."""
    for i in range(len(key)):
        key[i] = 0


@dataclass
class UnlockedVault:
    """An open vault with the data key it was opened with (wiped on close)."""

    vault: Vault
    data_key: bytearray
    key_file: KeyFile

    def close(self) -> None:
        self.vault.close()
        wipe(self.data_key)


class VaultStore:
    """Operations on the vault files in one data folder."""

    def __init__(
        self, paths: AppPaths, kdf_profile: KdfProfile = PRODUCT_PROFILE, clock: Clock | None = None
    ) -> None:
        self.paths = paths
        self.kdf_profile = kdf_profile
        self.clock = clock or SystemClock()  # names the safety copy made before a schema upgrade

    @property
    def db_path(self) -> Path:
        return self.paths.db_path

    @property
    def keys_path(self) -> Path:
        return self.paths.keys_path

    def exists(self) -> bool:
        """True when any part of a vault is present (so creating one would be refused)."""
        return self.db_path.exists() or self.keys_path.exists()

    # -- creating ------------------------------------------------------------
    def create(self, passphrase: str) -> tuple[UnlockedVault, str]:
        """Create a new vault; returns it unlocked, and the recovery code to show once."""
        if self.exists():
            raise VaultAlreadyExists(
                f"A vault already exists in {self.paths.data_dir}; it was left untouched. "
                "Choose another folder with --data-dir."
            )
        try:
            self.paths.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        except (FileExistsError, NotADirectoryError):
            raise UsageError(
                f"{self.paths.data_dir} is a file, not a folder; choose a folder for the vault."
            ) from None
        except OSError as exc:
            raise StorageWriteFailed(
                f"The folder {self.paths.data_dir} could not be created ({exc.strerror or exc})."
            ) from None
        data_key = new_data_key()
        key_file, recovery_code = create_key_file(data_key, passphrase, self.kdf_profile)
        building = self.db_path.with_name(self.db_path.name + ".creating")
        with contextlib.suppress(FileNotFoundError):
            building.unlink()  # a leftover from an interrupted creation holds no user data
        vault = Vault.open(building, data_key, create=True)
        try:
            migrations.migrate(vault)
            with vault.transaction():
                vault.execute("INSERT INTO meta(key, value) VALUES ('vault_id', ?)", (key_file.vault_id,))
                vault.execute("INSERT INTO meta(key, value) VALUES ('created_at', ?)", (key_file.created_at,))
            vault.checkpoint()
            vault.close()
            atomic_write_bytes(self.keys_path, key_file.to_bytes())
            os.replace(building, self.db_path)
            fsync_directory(self.paths.data_dir)
        except BaseException:
            vault.close()
            with contextlib.suppress(FileNotFoundError):
                building.unlink()
            raise
        return self._open(data_key, key_file), recovery_code

    # -- unlocking -------------------------------------------------------------
    def read_key_file(self) -> KeyFile:
        self._settle_interrupted_rotation()
        if not self.keys_path.exists():
            if self.db_path.exists():
                raise VaultDamaged(
                    "The key file vault.keys.json is missing, so the vault cannot be opened. "
                    "Restore it from a backup; nothing has been changed."
                )
            raise VaultMissing(f"No vault in {self.paths.data_dir}. Create one first (therapist-desk init).")
        if not self.db_path.exists():
            # Not "create one": the key file is still here, so this vault existed and init refuses.
            raise VaultMissing(
                f"The vault database vault.db is missing from {self.paths.data_dir}, though its key "
                "file is there. Restore vault.db from a backup; nothing has been changed."
            )
        check_vault_file(self.db_path)
        if not self.keys_path.is_file():  # a folder, a pipe or a device would hang or fail the read
            raise VaultDamaged(
                "vault.keys.json is not a regular file, so the vault cannot be opened. "
                "Restore the key file from a backup; nothing has been changed."
            )
        try:
            with self.keys_path.open("rb") as handle:
                data = handle.read(MAX_KEY_FILE_BYTES + 1)  # anything longer is refused unread
        except OSError:
            raise VaultDamaged(
                "The key file vault.keys.json could not be read, so the vault cannot be opened. "
                "Nothing has been changed."
            ) from None
        return KeyFile.from_bytes(data)

    def unlock(self, passphrase: str) -> UnlockedVault:
        key_file = self.read_key_file()
        return self._open(key_file.unwrap_with_passphrase(passphrase), key_file)

    def unlock_with_recovery_code(self, code: str) -> UnlockedVault:
        key_file = self.read_key_file()
        return self._open(key_file.unwrap_with_recovery_code(code), key_file)

    def _open(self, data_key: bytearray, key_file: KeyFile) -> UnlockedVault:
        vault = Vault.open(self.db_path, data_key)
        try:
            stored_id = vault.scalar("SELECT value FROM meta WHERE key = 'vault_id'")
            if stored_id != key_file.vault_id:
                raise VaultDamaged(
                    "The key file belongs to another vault. Put the matching vault.keys.json "
                    "next to vault.db; nothing has been changed."
                )
            migrations.migrate(vault, lambda old, new: self._backup_before_migration(vault, data_key, old))
        except BaseException:
            vault.close()
            raise
        return UnlockedVault(vault, data_key, key_file)

    def _backup_before_migration(self, vault: Vault, data_key: bytearray, old: int) -> None:
        stamp = self.clock.now().strftime("%Y%m%d-%H%M%S")
        self.paths.backup_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        name = f"before-upgrade-v{old}-{stamp}"
        for suffix in ["", *(f"-{n}" for n in range(2, 100))]:  # a retry in the same second gets its own
            target = self.paths.backup_dir / (name + suffix)
            try:
                target.mkdir(mode=0o700)
                break
            except FileExistsError:
                continue
        else:
            raise StorageWriteFailed(
                "No folder could be made for the copy before the upgrade; nothing was changed."
            )
        vault.export_copy(target / self.db_path.name, data_key)
        shutil.copy2(self.keys_path, target / self.keys_path.name)
        fsync_directory(target)

    # -- passphrase and recovery ------------------------------------------------
    def change_passphrase(self, unlocked: UnlockedVault, new_passphrase: str) -> None:
        """Re-wrap the data key under a new passphrase; the database is not rewritten."""
        updated = unlocked.key_file.with_new_passphrase(unlocked.data_key, new_passphrase, self.kdf_profile)
        atomic_write_bytes(self.keys_path, updated.to_bytes())
        unlocked.key_file = updated

    def recover(self, code: str, new_passphrase: str) -> None:
        unlocked = self.unlock_with_recovery_code(code)
        try:
            self.change_passphrase(unlocked, new_passphrase)
        finally:
            unlocked.close()

    # -- data key rotation -------------------------------------------------------
    def rotate_data_key(
        self,
        unlocked: UnlockedVault,
        passphrase: str,
        progress: Callable[[int], None] | None = None,
    ) -> tuple[UnlockedVault, str]:
        """Re-encrypt the whole database under a new random key.

        Returns the reopened vault and a new recovery code (the old code stops working).
        The copy and the new key file are written beside the vault; the old database is kept
        as ``vault.db.before-rotation`` until the new key file is renamed into place, which
        is the moment the rotation happens. Interrupted before that, the next unlock puts the
        old database back, so the passphrase and the recovery code the user holds still work.
        """
        unlocked.key_file.unwrap_with_passphrase(passphrase)  # proves the passphrase
        new_key = new_data_key()
        new_key_file, code = create_key_file(
            new_key, passphrase, self.kdf_profile, vault_id=unlocked.key_file.vault_id
        )
        db_copy, keys_copy, previous = self._rotation_files()
        with self._rotation_lock() as locked:
            if not locked:
                raise VaultLockedByOtherInstance(
                    "Another Therapist Desk window or command is changing this vault's key files. "
                    "Close it first, then try again."
                )
            self._settle_rotation_files()
            try:
                unlocked.vault.export_copy(db_copy, new_key, progress)
                atomic_write_bytes(keys_copy, new_key_file.to_bytes())
                unlocked.close()
                wal = self.db_path.with_name(self.db_path.name + "-wal")
                if wal.exists() and wal.stat().st_size > 0:
                    # Work not yet folded into vault.db: keep the old key; SQLite recovers it.
                    raise StorageWriteFailed(
                        "The vault could not be closed cleanly, so the data key was not rotated. "
                        "Everything saved is safe; try again."
                    )
                os.replace(self.db_path, previous)
                os.replace(db_copy, self.db_path)
                fsync_directory(self.paths.data_dir)
                os.replace(keys_copy, self.keys_path)  # the rotation happens here
            except BaseException:
                self._settle_rotation_files()
                raise
            # Committed: what follows is housekeeping that the next unlock would redo.
            with contextlib.suppress(OSError):
                fsync_directory(self.paths.data_dir)
                self._settle_rotation_files()
        return self._open(new_key, new_key_file), code

    def _rotation_files(self) -> tuple[Path, Path, Path]:
        return (
            self.db_path.with_name(self.db_path.name + ROTATING_SUFFIX),
            self.keys_path.with_name(self.keys_path.name + ROTATING_SUFFIX),
            self.db_path.with_name(self.db_path.name + PREVIOUS_SUFFIX),
        )

    @contextlib.contextmanager
    def _rotation_lock(self) -> Iterator[bool]:
        """Hold an exclusive lock on the data folder; yields False when another process has it.

        Only the holder may touch rotation files, so a process that opens the vault while
        another one is halfway through a rotation cannot undo or finish that rotation.
        The kernel releases the lock when its holder dies.
        """
        try:
            fd = os.open(self.paths.data_dir, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:  # no folder (yet), or not one: there is nothing to settle
            yield False
            return
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            yield True
        finally:
            os.close(fd)

    def _settle_interrupted_rotation(self) -> None:
        with self._rotation_lock() as locked:
            if locked:
                self._settle_rotation_files()

    def _settle_rotation_files(self) -> None:
        """Bring the files of an interrupted rotation back to one consistent vault.

        Call only while holding the rotation lock. Leftover copies hold encrypted data and
        keys that were never in use, so removing them loses nothing.
        """
        db_copy, keys_copy, previous = self._rotation_files()
        if previous.exists():
            if keys_copy.exists():
                # The new key file never went into place: the old database goes back with it.
                os.replace(previous, self.db_path)
            elif self.db_path.exists():
                previous.unlink()  # the rotation completed; the old copy is not needed
            else:
                return  # not a state a rotation leaves: touch nothing
            fsync_directory(self.paths.data_dir)
        stale = [db_copy, db_copy.with_name(db_copy.name + "-journal"), keys_copy]
        stale += self.paths.data_dir.glob(f".{self.keys_path.name}.*.tmp")  # interrupted atomic writes
        for path in stale:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    # -- checking ---------------------------------------------------------------
    def check(self, passphrase: str) -> list[str]:
        """Unlock, verify key, schema and integrity; returns a list of problems (empty = healthy)."""
        unlocked = self.unlock(passphrase)
        try:
            problems = unlocked.vault.integrity_problems()
            version = migrations.schema_version(unlocked.vault)
            if version != migrations.latest_version():
                problems.append(f"schema version {version} is not the current one")
            return problems
        finally:
            unlocked.close()
