"""The limit search is compared against: the same search on an unencrypted copy of the vault.

``export_plain_copy`` writes every table of the open vault (same schema, same FTS5 index, same
rows) into an unkeyed database with SQLCipher's own ``sqlcipher_export``. ``PlainVault`` opens
it with the same library and the same connection settings as ``storage.vault.Vault`` minus the
key, and offers the three methods the journal's search uses, so ``JournalService.search`` runs
unchanged on both: the only difference measured is the encryption.

The copy holds synthetic demo data only and lives in the benchmark's temporary folder.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sqlcipher3

from therapist_desk.storage.vault import Vault


def export_plain_copy(vault: Vault, target: Path) -> None:
    conn = vault.connection
    # KEY '' attaches an unencrypted database; the path is bound, never formatted in.
    conn.execute("ATTACH DATABASE ? AS plain_copy KEY ''", (str(target),))
    try:
        conn.execute("SELECT sqlcipher_export('plain_copy')")
        version = int(conn.execute("PRAGMA main.user_version").fetchone()[0])
        conn.execute(f"PRAGMA plain_copy.user_version = {version}")
    finally:
        conn.execute("DETACH DATABASE plain_copy")


class PlainVault:
    """An unencrypted database with the connection settings ``Vault.open`` uses."""

    def __init__(self, path: Path) -> None:
        self.connection = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
        head = path.read_bytes()[:16]
        assert head == b"SQLite format 3\x00", "the comparison copy must be plain SQLite"
        for pragma in (
            "PRAGMA locking_mode = EXCLUSIVE",
            "PRAGMA journal_mode = WAL",
            "PRAGMA synchronous = FULL",
            "PRAGMA foreign_keys = ON",
            "PRAGMA temp_store = MEMORY",
            "PRAGMA secure_delete = ON",
        ):
            self.connection.execute(pragma)

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        return self.connection.execute(sql, params)

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        return self.connection.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = self.connection.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def close(self) -> None:
        self.connection.close()
