"""The one object that owns the SQLCipher connection.

Opening follows STYLE.md §3: refuse plaintext, empty and missing files; key with a raw hex
key built from random bytes (never from user text); prove the key by reading sqlite_master
before anything else; hold an exclusive lock so a second process cannot write behind us.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import sqlcipher3

from therapist_desk.domain.errors import (
    NotAVault,
    StorageWriteFailed,
    VaultDamaged,
    VaultLocked,
    VaultLockedByOtherInstance,
    VaultMissing,
)

PLAINTEXT_SQLITE_HEADER = b"SQLite format 3\x00"
DatabaseError = sqlcipher3.DatabaseError
IntegrityError = sqlcipher3.IntegrityError


def _key_pragma(data_key: bytes | bytearray) -> str:
    if len(data_key) != 32:
        raise ValueError("the data key must be 32 bytes")
    # Only hex digits from our own random bytes reach this string; PRAGMA key cannot bind.
    return "PRAGMA key = \"x'" + bytes(data_key).hex() + "'\""


def _is_locked_error(exc: Exception) -> bool:
    return _storage_condition(exc) == "busy"


# SQLite result codes (the primary code is the low byte of an extended one) that mean the
# storage refused the write; anything else (e.g. SQLITE_ERROR: no such table) is a bug in our SQL
# and must surface as one, not be reported as a full disk.
_STORAGE_CODES = {5: "busy", 6: "busy", 8: "unwritable", 10: "unwritable", 13: "unwritable", 14: "unwritable"}


def _storage_condition(exc: Exception) -> str | None:
    """"unwritable" or "busy" when ``exc`` is the storage refusing a write; None otherwise."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return _STORAGE_CODES.get(code & 0xFF)
    text = str(exc).lower()  # a driver without error codes: fall back to the message
    if "full" in text or "disk" in text or "i/o" in text or "readonly" in text:
        return "unwritable"
    return "busy" if "locked" in text or "busy" in text else None


def _write_failure(exc: Exception) -> StorageWriteFailed | None:
    """What to tell the user when ``exc`` is the storage refusing a write; None for anything else."""
    condition = _storage_condition(exc)
    if condition is None:
        return None
    if condition == "busy":
        return StorageWriteFailed(
            "The change could not be saved because another program is using the vault file. "
            "Everything saved before is safe; try again."
        )
    return StorageWriteFailed(
        "The change could not be saved: the disk is full or not writable. "
        "Everything saved before is safe; free some space and try again."
    )


def check_vault_file(db_path: Path) -> None:
    """Refuse a missing, empty, plaintext or obviously truncated file before keying it."""
    if not db_path.exists():
        raise VaultMissing(f"No vault at {db_path}. Create one, or point --data-dir at your vault.")
    if not db_path.is_file():  # a folder, a pipe or a device: reading it would fail or hang
        raise VaultDamaged(
            f"{db_path.name} is not a regular file, so it is not a vault. Nothing has been changed."
        )
    size = db_path.stat().st_size
    if size == 0:
        raise VaultDamaged(
            f"{db_path.name} is empty (0 bytes), so it is not a usable vault. "
            "Restore it from a backup; nothing has been changed."
        )
    with db_path.open("rb") as handle:
        head = handle.read(16)
    if head == PLAINTEXT_SQLITE_HEADER:
        raise NotAVault(
            f"{db_path.name} is an unencrypted SQLite file, not a Therapist Desk vault. "
            "It was not opened or changed."
        )


class Vault:
    """An open, keyed, exclusively locked SQLCipher database."""

    def __init__(self, connection: sqlcipher3.Connection, path: Path) -> None:
        self._conn: sqlcipher3.Connection | None = connection
        self.path = path
        self._depth = 0

    # -- opening ---------------------------------------------------------
    @classmethod
    def open(cls, db_path: Path, data_key: bytes | bytearray, *, create: bool = False) -> Vault:
        db_path = Path(db_path)
        if create:
            if db_path.exists():
                raise VaultDamaged(f"{db_path.name} already exists; refusing to replace it.")
        else:
            check_vault_file(db_path)
        try:
            conn = sqlcipher3.connect(str(db_path), isolation_level=None, timeout=0, check_same_thread=False)
        except DatabaseError as exc:
            raise VaultDamaged(f"{db_path.name} could not be opened: {exc}.") from None
        try:
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(_key_pragma(data_key))
            # Deliberately OFF (SQLCipher's own default since 4.5), against STYLE.md's first
            # draft: ON turns every SQLite allocation into an mlock/munlock pair, which made
            # search 6-7x slower (21 ms vs 3.3 ms on 5,000 notes) and broke the speed goals.
            # What it protected (page cache swapped to disk) is covered instead by no core dumps
            # (app.py), a wiped data key, and the README's advice to use encrypted swap.
            # See docs/ARCHITECTURE.md, "Memory".
            conn.execute("PRAGMA cipher_memory_security = OFF")
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except DatabaseError as exc:
                if _is_locked_error(exc):
                    raise
                raise VaultDamaged(
                    f"{db_path.name} cannot be decrypted with its key file: the file is damaged "
                    "or the key file belongs to another vault. Restore both from a backup; "
                    "nothing has been changed."
                ) from None
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA temp_store = MEMORY")
            conn.execute("PRAGMA secure_delete = ON")
            # Take the exclusive lock now, not at the first write.
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")
            vault = cls(conn, db_path)
            if not create:
                vault._check_not_truncated()
            return vault
        except DatabaseError as exc:
            conn.close()
            if _is_locked_error(exc):
                raise VaultLockedByOtherInstance(
                    "This vault is open in another Therapist Desk window or command. "
                    "Close that first, then try again."
                ) from None
            raise VaultDamaged(f"{db_path.name} is damaged and could not be opened.") from None
        except BaseException:
            conn.close()
            raise

    def _check_not_truncated(self) -> None:
        wal = self.path.with_name(self.path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            return  # pages may legitimately live in the WAL until the next checkpoint
        page_size = int(self.scalar("PRAGMA page_size"))
        page_count = int(self.scalar("PRAGMA page_count"))
        if self.path.stat().st_size < page_size * page_count:
            self.close()
            raise VaultDamaged(
                f"{self.path.name} is shorter than it should be (truncated). "
                "Restore it from a backup; nothing has been changed."
            )

    # -- access ----------------------------------------------------------
    @property
    def connection(self) -> sqlcipher3.Connection:
        if self._conn is None:
            raise VaultLocked("The vault is locked.")
        return self._conn

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        try:
            return self.connection.execute(sql, params)
        except sqlcipher3.OperationalError as exc:
            if (failure := _write_failure(exc)) is None:
                raise
            raise failure from None

    def executemany(self, sql: str, rows: Any) -> Any:
        return self.connection.executemany(sql, rows)

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        return self.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = self.execute(sql, params).fetchone()
        return None if row is None else row[0]

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Vault]:
        """All-or-nothing: commit on success, roll back on any exception. Nests as savepoints."""
        conn = self.connection
        if self._depth:
            name = f"sp{self._depth}"
            conn.execute(f"SAVEPOINT {name}")
            self._depth += 1
            try:
                yield self
                conn.execute(f"RELEASE {name}")
            except BaseException:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
                raise
            finally:
                self._depth -= 1
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlcipher3.OperationalError as exc:
            if (failure := _write_failure(exc)) is None:
                raise
            raise failure from None
        self._depth = 1
        try:
            yield self
            conn.execute("COMMIT")
        except sqlcipher3.OperationalError as exc:
            with contextlib.suppress(DatabaseError):
                conn.execute("ROLLBACK")
            if (failure := _write_failure(exc)) is None:
                raise
            raise failure from None
        except BaseException:
            with contextlib.suppress(DatabaseError):
                conn.execute("ROLLBACK")
            raise
        finally:
            self._depth = 0

    # -- maintenance -----------------------------------------------------
    def integrity_problems(self) -> list[str]:
        """Problems reported by SQLCipher's HMAC check and SQLite's integrity check."""
        problems = [str(row[0]) for row in self.query("PRAGMA cipher_integrity_check")]
        result = [str(row[0]) for row in self.query("PRAGMA integrity_check")]
        if result != ["ok"]:
            problems.extend(result)
        return problems

    def checkpoint(self) -> None:
        """Fold the WAL into the main file (committed work is kept either way)."""
        self.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def export_copy(
        self,
        target: Path,
        data_key: bytes | bytearray,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Write a consistent encrypted copy of the whole database to ``target``.

        ``data_key`` may be the current key (backup) or a new one (data key rotation).
        """
        conn = self.connection
        if target.exists():
            raise StorageWriteFailed(f"{target.name} already exists.")
        counter = [0]

        def tick() -> int:
            counter[0] += 1
            if progress is not None:
                progress(counter[0])
            return 0

        conn.set_progress_handler(tick, 20_000)
        try:
            hex_key = bytes(data_key).hex()
            conn.execute(f"ATTACH DATABASE ? AS export_target KEY \"x'{hex_key}'\"", (str(target),))
            try:
                conn.execute("SELECT sqlcipher_export('export_target')")
                user_version = self.scalar("PRAGMA main.user_version")
                conn.execute(f"PRAGMA export_target.user_version = {int(user_version)}")
            finally:
                conn.execute("DETACH DATABASE export_target")
        except sqlcipher3.OperationalError as exc:
            with contextlib.suppress(OSError):
                target.unlink()
            failure = _write_failure(exc)
            generic = StorageWriteFailed("The change could not be saved; everything saved before is safe.")
            raise failure or generic from None
        finally:
            conn.set_progress_handler(None, 0)
        with target.open("rb") as handle:
            os.fsync(handle.fileno())

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(DatabaseError):
                self._conn.close()
            self._conn = None
