"""Hostile inputs to the vault core, all on real SQLCipher files.

Every refusal must name the problem (a specific error with one clear sentence) and leave
every file in the data folder byte-identical: a damaged vault is never "repaired" by
replacing it with a new empty one.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, assert_no_canary
from tests.file_snapshot import snapshot
from therapist_desk.domain.clock import FakeClock
from therapist_desk.domain.errors import (
    NotAVault,
    UnsupportedSchema,
    VaultDamaged,
    VaultMissing,
    WrongPassphrase,
    WrongRecoveryCode,
)
from therapist_desk.paths import resolve_paths
from therapist_desk.security.kdf import TEST_PROFILE
from therapist_desk.services.vault_store import VaultStore
from therapist_desk.storage import migrations
from therapist_desk.storage.vault import PLAINTEXT_SQLITE_HEADER

CANARY = "CANARY-7f3a-quiet-harbour-\u00e9l\u00e8ve"
PAGE = 4096


def _fill(unlocked, rows: int = 60) -> None:
    with unlocked.vault.transaction():
        for i in range(rows):
            unlocked.vault.execute("INSERT INTO preferences VALUES (?, ?)", (f"row-{i}", f"value {i} " * 120))


@pytest.fixture
def closed(store, created):
    """A closed vault holding enough rows to span many pages; returns its recovery code."""
    unlocked, code = created
    _fill(unlocked)
    unlocked.close()
    assert store.db_path.stat().st_size > 8 * PAGE
    return code


def _refused(store, data_dir: Path, error: type[Exception], *, code: str | None = None) -> str:
    """Unlock (and recover) must raise ``error`` and change nothing; returns the message."""
    before = snapshot(data_dir)
    with pytest.raises(error) as caught:
        store.unlock(PASSPHRASE)
    assert snapshot(data_dir) == before
    if code is not None:
        with pytest.raises(error):
            store.unlock_with_recovery_code(code)
        assert snapshot(data_dir) == before
    message = str(caught.value)
    assert message.endswith(".") and "\n" not in message
    assert "Traceback" not in message and PASSPHRASE not in message
    return message


# -- plaintext never reaches disk -------------------------------------------------------


def test_database_file_is_never_plaintext_sqlite(store, unlocked):
    assert store.db_path.read_bytes()[:16] != PLAINTEXT_SQLITE_HEADER
    _fill(unlocked)
    unlocked.vault.checkpoint()
    assert store.db_path.read_bytes()[:16] != PLAINTEXT_SQLITE_HEADER


def test_canary_is_in_no_file_while_open_and_after_close(store, paths, unlocked, isolated_dirs):
    roots = [paths.data_dir, *isolated_dirs.values()]
    with unlocked.vault.transaction():
        unlocked.vault.execute("INSERT INTO preferences VALUES ('canary', ?)", (CANARY * 50,))
        unlocked.vault.execute("INSERT INTO preferences VALUES (?, 'key holds it too')", (CANARY,))
    # Not checkpointed: the committed row lives in the WAL right now.
    wal = store.db_path.with_name("vault.db-wal")
    assert wal.exists() and wal.stat().st_size > 0
    assert unlocked.vault.scalar("SELECT value FROM preferences WHERE key = 'canary'") == CANARY * 50
    assert_no_canary(CANARY, *roots)
    unlocked.close()
    assert_no_canary(CANARY, *roots)
    again = store.unlock(PASSPHRASE)
    try:
        assert again.vault.scalar("SELECT count(*) FROM preferences WHERE key = ?", (CANARY,)) == 1
    finally:
        again.close()
    assert_no_canary(CANARY, *roots)


# -- wrong secrets -------------------------------------------------------------------------


def test_wrong_passphrase_changes_nothing(store, paths, closed):
    before = snapshot(paths.data_dir)
    with pytest.raises(WrongPassphrase, match="passphrase"):
        store.unlock(PASSPHRASE + " ")
    with pytest.raises(WrongPassphrase):
        store.unlock("")
    with pytest.raises(WrongRecoveryCode, match="recovery code"):
        store.unlock_with_recovery_code("0000-0000-0000-0000-0000-0000")
    assert snapshot(paths.data_dir) == before
    store.unlock(PASSPHRASE).close()


# -- damaged database files ----------------------------------------------------------------


def _zero_bytes(db: Path) -> None:
    db.write_bytes(b"")


def _cut_in_half(db: Path) -> None:
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])


def _cut_to_one_page(db: Path) -> None:
    db.write_bytes(db.read_bytes()[:PAGE])


def _cut_mid_page(db: Path) -> None:
    data = db.read_bytes()
    db.write_bytes(data[: len(data) - PAGE // 2])


def _garbage(db: Path) -> None:
    db.write_bytes(random.Random(7).randbytes(db.stat().st_size))


def _flip_page_one(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[100] ^= 0x01
    db.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage",
    [_zero_bytes, _cut_in_half, _cut_to_one_page, _cut_mid_page, _garbage, _flip_page_one],
    ids=lambda f: f.__name__.strip("_"),
)
def test_damaged_database_is_refused_and_left_alone(store, paths, closed, damage):
    damage(store.db_path)
    message = _refused(store, paths.data_dir, VaultDamaged, code=closed)
    assert "vault.db" in message
    assert store.exists()  # nothing removed, and create() would still refuse


def test_plaintext_sqlite_file_is_not_a_vault(store, paths, closed):
    import sqlite3

    store.db_path.unlink()
    with sqlite3.connect(store.db_path) as plain:
        plain.execute("CREATE TABLE notes (body TEXT)")
        plain.execute("INSERT INTO notes VALUES ('hello')")
    plain.close()
    assert store.db_path.read_bytes()[:16] == PLAINTEXT_SQLITE_HEADER
    message = _refused(store, paths.data_dir, NotAVault, code=closed)
    assert "unencrypted" in message


def test_missing_database_with_key_file_is_refused(store, paths, closed):
    store.db_path.unlink()
    message = _refused(store, paths.data_dir, VaultMissing, code=closed)
    assert "vault.db" in message
    assert store.exists()


def test_empty_data_folder_is_a_missing_vault(store, paths):
    paths.data_dir.mkdir(parents=True)
    message = _refused(store, paths.data_dir, VaultMissing)
    assert "No vault" in message
    assert snapshot(paths.data_dir) == {}


# -- damaged or foreign key files ---------------------------------------------------------


def test_missing_key_file_is_refused(store, paths, closed):
    store.keys_path.unlink()
    message = _refused(store, paths.data_dir, VaultDamaged, code=closed)
    assert "key file" in message


def _edit_created_at(text: str) -> str:
    doc = json.loads(text)
    doc["created_at"] = "2020-01-01T00:00:00+00:00"
    return json.dumps(doc, indent=2, sort_keys=True)


def _raise_time_cost(text: str) -> str:
    doc = json.loads(text)
    doc["kdf"]["time_cost"] += 1
    return json.dumps(doc, indent=2, sort_keys=True)


def _flip_hex_in_wrap(wrap: str):
    def flip(text: str) -> str:
        doc = json.loads(text)
        hex_text = doc["wraps"][wrap]["ciphertext"]
        doc["wraps"][wrap]["ciphertext"] = ("1" if hex_text[0] != "1" else "2") + hex_text[1:]
        return json.dumps(doc, indent=2, sort_keys=True)

    flip.__name__ = f"flip_{wrap}_wrap"
    return flip


def _flip_raw_byte(text: str) -> str:
    # A byte flipped somewhere in the middle of the file, not necessarily valid JSON after.
    data = bytearray(text.encode())
    data[len(data) // 2] ^= 0x04
    return data.decode("latin-1")


def _truncate(text: str) -> str:
    return text[: len(text) // 2]


def _empty(text: str) -> str:
    return ""


def _oversized(text: str) -> str:
    return text + " " * 100_000


@pytest.mark.parametrize(
    "alter",
    [
        _edit_created_at,
        _raise_time_cost,
        _flip_hex_in_wrap("passphrase"),
        _flip_hex_in_wrap("recovery"),
        _flip_raw_byte,
        _truncate,
        _empty,
        _oversized,
    ],
    ids=lambda f: f.__name__.strip("_"),
)
def test_altered_key_file_is_refused(store, paths, closed, alter):
    store.keys_path.write_bytes(alter(store.keys_path.read_text()).encode("latin-1"))
    message = _refused(store, paths.data_dir, VaultDamaged, code=closed)
    assert "key file" in message


def test_key_file_of_another_vault_is_refused(store, paths, closed, tmp_path):
    other = VaultStore(resolve_paths(tmp_path / "other"), TEST_PROFILE)
    unlocked, other_code = other.create(PASSPHRASE)  # same passphrase: the wrap opens
    unlocked.close()
    shutil.copyfile(other.keys_path, store.keys_path)
    message = _refused(store, paths.data_dir, VaultDamaged, code=other_code)
    assert "key file" in message
    # The vault's own recovery code does not open the foreign key file either.
    with pytest.raises(WrongRecoveryCode):
        store.unlock_with_recovery_code(closed)


# -- schema versions --------------------------------------------------------------------------


def test_vault_from_a_newer_app_is_refused_untouched(store, paths, unlocked):
    newer = migrations.latest_version() + 1
    unlocked.vault.execute(f"PRAGMA user_version = {newer}")
    unlocked.close()
    message = _refused(store, paths.data_dir, UnsupportedSchema)
    assert str(newer) in message and "newer" in message
    assert not paths.backup_dir.exists()


def test_upgrade_copies_the_vault_to_a_backup_first(store, paths, unlocked, monkeypatch):
    current = migrations.latest_version()
    _fill(unlocked, rows=5)
    unlocked.close()
    seen: list[list[Path]] = []

    def next_version(vault) -> None:
        seen.append(sorted(paths.backup_dir.glob(f"before-upgrade-v{current}-*")))
        vault.execute("CREATE TABLE added_later (x TEXT)")

    monkeypatch.setitem(migrations.MIGRATIONS, current + 1, next_version)
    upgraded = store.unlock(PASSPHRASE)
    try:
        assert migrations.schema_version(upgraded.vault) == current + 1
        assert upgraded.vault.scalar("SELECT count(*) FROM preferences") == 5
    finally:
        upgraded.close()
    assert len(seen) == 1 and len(seen[0]) == 1, "the backup must exist before the step runs"
    backup = seen[0][0]
    assert sorted(os.listdir(backup)) == ["vault.db", "vault.keys.json"]
    assert (backup / "vault.keys.json").read_bytes() == store.keys_path.read_bytes()
    assert (backup / "vault.db").read_bytes()[:16] != PLAINTEXT_SQLITE_HEADER

    monkeypatch.delitem(migrations.MIGRATIONS, current + 1)
    restored = VaultStore(resolve_paths(backup), TEST_PROFILE).unlock(PASSPHRASE)
    try:
        assert migrations.schema_version(restored.vault) == current
        assert restored.vault.scalar("SELECT count(*) FROM preferences") == 5
        assert restored.vault.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'added_later'") == 0
        assert restored.vault.integrity_problems() == []
    finally:
        restored.close()


def test_a_failing_migration_step_changes_nothing_in_the_vault(store, paths, unlocked, monkeypatch):
    current = migrations.latest_version()
    _fill(unlocked, rows=5)
    unlocked.close()

    def broken(vault) -> None:
        vault.execute("CREATE TABLE half_done (x TEXT)")
        vault.execute("DELETE FROM preferences")
        raise RuntimeError("step failed")

    monkeypatch.setitem(migrations.MIGRATIONS, current + 1, broken)
    with pytest.raises(RuntimeError):
        store.unlock(PASSPHRASE)
    monkeypatch.delitem(migrations.MIGRATIONS, current + 1)
    assert len(list(paths.backup_dir.glob("before-upgrade-*"))) == 1
    again = store.unlock(PASSPHRASE)
    try:
        assert migrations.schema_version(again.vault) == current
        assert again.vault.scalar("SELECT count(*) FROM preferences") == 5
        assert again.vault.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'") == 0
    finally:
        again.close()


def test_files_left_by_a_refused_open_do_not_accumulate(store, paths, closed):
    """Repeated refused unlocks of a truncated vault leave exactly the same files each time."""
    _cut_in_half(store.db_path)
    before = snapshot(paths.data_dir)
    for _ in range(3):
        with pytest.raises(VaultDamaged):
            store.unlock(PASSPHRASE)
    assert snapshot(paths.data_dir) == before
    assert sorted(os.listdir(paths.data_dir)) == ["vault.db", "vault.keys.json"]


def test_vault_left_by_a_crash_keeps_its_wal_through_refusals(store, paths, unlocked, tmp_path):
    """Committed rows that live only in the -wal survive refused opens and are there after."""
    _fill(unlocked, rows=5)
    with unlocked.vault.transaction():
        unlocked.vault.execute("INSERT INTO preferences VALUES ('only-in-wal', 'yes')")
    # Copy the files as a power cut would leave them: the WAL not folded into vault.db.
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for name in ("vault.db", "vault.db-wal", "vault.keys.json"):
        shutil.copy2(paths.data_dir / name, crashed / name)
    unlocked.close()
    assert (crashed / "vault.db-wal").stat().st_size > 0
    crashed_store = VaultStore(resolve_paths(crashed), TEST_PROFILE)
    keys = (crashed / "vault.keys.json").read_bytes()

    before = snapshot(crashed)
    with pytest.raises(WrongPassphrase):
        crashed_store.unlock("not the passphrase")
    (crashed / "vault.keys.json").unlink()
    with pytest.raises(VaultDamaged):
        crashed_store.unlock(PASSPHRASE)
    (crashed / "vault.keys.json").write_bytes(keys)
    assert snapshot(crashed) == before

    recovered = crashed_store.unlock(PASSPHRASE)
    try:
        assert recovered.vault.scalar("SELECT value FROM preferences WHERE key = 'only-in-wal'") == "yes"
        assert recovered.vault.integrity_problems() == []
    finally:
        recovered.close()


def _replace_with_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside").write_text("x")


def _replace_with_device(path: Path) -> None:
    path.unlink()
    path.symlink_to("/dev/zero")  # endless bytes: a read without a limit would never end


def _replace_with_pipe(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)  # opening it for reading would wait forever for a writer


@pytest.mark.parametrize("which", ["vault.db", "vault.keys.json"])
@pytest.mark.parametrize("make", [_replace_with_folder, _replace_with_device, _replace_with_pipe])
def test_vault_files_that_are_not_regular_files_are_refused(store, paths, closed, which, make):
    make(paths.data_dir / which)
    message = _refused(store, paths.data_dir, VaultDamaged, code=closed)
    assert which in message


def test_oversized_key_file_is_refused_without_reading_it_all(store, paths, closed):
    with store.keys_path.open("ab") as handle:
        handle.truncate(16 * 1024**2)  # sparse: 16 MiB that must not be read into memory
    message = _refused(store, paths.data_dir, VaultDamaged, code=closed)
    assert "key file" in message


def test_upgrade_copies_are_named_by_the_clock_and_a_retry_in_the_same_second_gets_its_own(
    paths, unlocked, monkeypatch
):
    current = migrations.latest_version()
    unlocked.close()
    store = VaultStore(paths, TEST_PROFILE, FakeClock(datetime(2026, 3, 2, 9, 15, 30, tzinfo=UTC)))

    def broken(vault) -> None:
        raise RuntimeError("step failed")

    monkeypatch.setitem(migrations.MIGRATIONS, current + 1, broken)
    for _ in range(2):  # the same (fake) second twice
        with pytest.raises(RuntimeError):
            store.unlock(PASSPHRASE)
    names = sorted(p.name for p in paths.backup_dir.glob("before-upgrade-*"))
    first = f"before-upgrade-v{current}-20260302-091530"
    assert names == [first, first + "-2"]
