"""Backups on real vaults: create, verify, restore, replace, refusals, automatic backups.

Hostile runs in a child process (disk full, kill) are in test_backup_hostile.py.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import PASSPHRASE, assert_no_canary
from tests.file_snapshot import snapshot
from therapist_desk.domain.clock import FakeClock
from therapist_desk.domain.errors import InvalidBackup, TargetNotEmpty, UsageError, WrongPassphrase
from therapist_desk.paths import DB_NAME, KEYS_NAME, AppPaths, resolve_paths
from therapist_desk.security.kdf import TEST_PROFILE
from therapist_desk.services.backup import (
    AutoBackupPolicy,
    auto_backups,
    backup_overdue,
    backups_to_keep,
    create_backup,
    last_good_backup,
    replace_current_vault_from_backup,
    restore_backup,
    run_auto_backup,
    verify_backup,
)
from therapist_desk.services.backup_archive import MANIFEST_NAME
from therapist_desk.services.vault_store import VaultStore
from therapist_desk.storage import migrations

CANARY = "CANARY-backup-7f3a9c-zebra-lighthouse"
BERLIN = ZoneInfo("Europe/Berlin")


def clock_at(*args: int) -> FakeClock:
    return FakeClock(datetime(*args, tzinfo=BERLIN))


def put(unlocked, key: str, value: str) -> None:
    with unlocked.vault.transaction():
        unlocked.vault.execute("INSERT OR REPLACE INTO preferences VALUES (?, ?)", (key, value))


def preference(paths: AppPaths, key: str) -> str | None:
    unlocked = VaultStore(paths, TEST_PROFILE).unlock(PASSPHRASE)
    try:
        assert unlocked.vault.integrity_problems() == []
        return unlocked.vault.scalar("SELECT value FROM preferences WHERE key = ?", (key,))
    finally:
        unlocked.close()


@pytest.fixture
def backup_file(unlocked, tmp_path: Path) -> Path:
    put(unlocked, "canary", CANARY)
    target = tmp_path / "out" / "vault.tdbackup"
    target.parent.mkdir()
    create_backup(unlocked, target, clock=clock_at(2026, 3, 10, 12, 0))
    return target


@pytest.fixture
def new_paths(tmp_path: Path) -> AppPaths:
    return resolve_paths(tmp_path / "restored")


def rebuild(source: Path, target: Path, change=None, extra: dict[str, bytes] | None = None) -> Path:
    """Copy a backup member by member, optionally changing one member's bytes or adding members."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, change(info.filename, data) if change else data)
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return target


# -- creating --------------------------------------------------------------------------------------
def test_backup_holds_the_encrypted_database_key_file_and_manifest(unlocked, backup_file):
    info = verify_backup(backup_file)
    assert info.vault_id == unlocked.key_file.vault_id
    assert info.schema_version == migrations.latest_version()
    assert info.created_at == datetime(2026, 3, 10, 12, 0, tzinfo=BERLIN)
    with zipfile.ZipFile(backup_file) as archive:
        assert sorted(archive.namelist()) == sorted([DB_NAME, KEYS_NAME, MANIFEST_NAME])
        assert {i.compress_type for i in archive.infolist()} == {zipfile.ZIP_STORED}
        manifest = json.loads(archive.read(MANIFEST_NAME))
        assert archive.read(KEYS_NAME) == unlocked.key_file.to_bytes()
    assert manifest["format"] == "therapist-desk/backup" and manifest["version"] == 1
    assert set(manifest["members"]) == {DB_NAME, KEYS_NAME}


def test_a_backup_contains_no_plaintext_and_leaves_no_work_files(backup_file, isolated_dirs):
    assert_no_canary(CANARY, backup_file.parent, isolated_dirs["TMPDIR"])
    assert [p.name for p in backup_file.parent.iterdir()] == [backup_file.name]


def test_a_new_backup_replaces_the_old_one_at_the_same_path(unlocked, backup_file):
    put(unlocked, "later", "yes")
    create_backup(unlocked, backup_file, clock=clock_at(2026, 3, 11, 12, 0))
    assert verify_backup(backup_file).created_at.day == 11


def test_progress_is_reported_up_to_the_end(unlocked, tmp_path):
    calls: list[tuple[int, int]] = []
    create_backup(unlocked, tmp_path / "b.tdbackup", lambda d, t: calls.append((d, t)))
    assert calls[0] == (0, 100) and calls[-1] == (100, 100)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_backup_into_a_missing_folder_is_a_usage_error(unlocked, tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        create_backup(unlocked, tmp_path / "absent" / "b.tdbackup")


# -- restoring --------------------------------------------------------------------------------------
def test_restore_round_trip(backup_file, new_paths):
    result = restore_backup(backup_file, new_paths)
    assert result.info.vault_id and result.safety_copy is None
    assert sorted(p.name for p in new_paths.data_dir.iterdir()) == [DB_NAME, KEYS_NAME]
    assert preference(new_paths, "canary") == CANARY


def test_restore_proves_the_passphrase(backup_file, new_paths):
    restore_backup(backup_file, new_paths, passphrase=PASSPHRASE)
    assert preference(new_paths, "canary") == CANARY


@pytest.mark.parametrize("exists", [False, True])
def test_restore_with_a_wrong_passphrase_leaves_nothing_behind(backup_file, new_paths, exists):
    if exists:
        new_paths.data_dir.mkdir(parents=True)
    with pytest.raises(WrongPassphrase):
        restore_backup(backup_file, new_paths, passphrase="not the passphrase")
    assert new_paths.data_dir.exists() == exists
    assert snapshot(new_paths.data_dir) == {}


def test_restore_refuses_a_non_empty_target(backup_file, new_paths):
    new_paths.data_dir.mkdir(parents=True)
    (new_paths.data_dir / "notes.txt").write_text("mine")
    before = snapshot(new_paths.data_dir)
    with pytest.raises(TargetNotEmpty):
        restore_backup(backup_file, new_paths)
    assert snapshot(new_paths.data_dir) == before


def _flip_db_byte(name: str, data: bytes) -> bytes:
    if name != DB_NAME:
        return data
    return data[:5000] + bytes([data[5000] ^ 1]) + data[5001:]


def _other_manifest(field: str, value):
    def change(name: str, data: bytes) -> bytes:
        if name != MANIFEST_NAME:
            return data
        manifest = json.loads(data)
        manifest[field] = value
        return json.dumps(manifest).encode()

    return change


def hostile_backups(good: Path, folder: Path, other_backup: Path) -> dict[str, Path]:
    cases = {}
    raw = good.read_bytes()
    # A byte flipped inside the stored database, in place: the manifest's hash no longer matches.
    corrupted = bytearray(raw)
    corrupted[raw.index(KEYS_NAME.encode()) - 3000] ^= 0xFF
    (folder / "corrupted").write_bytes(bytes(corrupted))
    cases["corrupted"] = folder / "corrupted"
    (folder / "truncated").write_bytes(raw[: len(raw) // 2])
    cases["truncated"] = folder / "truncated"
    (folder / "cut-end").write_bytes(raw[:-10])
    cases["cut-end"] = folder / "cut-end"
    cases["db hash mismatch"] = rebuild(good, folder / "mismatch", _flip_db_byte)
    cases["../ member"] = rebuild(good, folder / "traversal", extra={"../evil.db": b"x"})
    cases["absolute member"] = rebuild(good, folder / "absolute", extra={"/tmp/evil": b"x"})
    cases["newer version"] = rebuild(good, folder / "newer", _other_manifest("version", 2))
    cases["other format"] = rebuild(good, folder / "format", _other_manifest("format", "zip"))
    cases["key file of another vault"] = rebuild(
        good,
        folder / "keys",
        lambda n, d: zipfile.ZipFile(other_backup).read(KEYS_NAME) if n == KEYS_NAME else d,
    )
    cases["key file of another vault, manifest updated"] = _swap_keys(good, folder / "keys2", other_backup)
    with (
        zipfile.ZipFile(folder / "deflated", "w", zipfile.ZIP_DEFLATED) as archive,
        zipfile.ZipFile(good) as src,
    ):
        for name in src.namelist():
            archive.writestr(name, src.read(name))
    cases["compressed members"] = folder / "deflated"
    (folder / "garbage").write_bytes(b"PK\x03\x04" + b"\x00" * 4000)
    cases["garbage"] = folder / "garbage"
    (folder / "empty").write_bytes(b"")
    cases["empty"] = folder / "empty"
    cases["missing"] = folder / "absent.tdbackup"
    return cases


def _swap_keys(good: Path, target: Path, other_backup: Path) -> Path:
    """Another vault's key file, with the manifest's checksum updated to match it."""
    keys = zipfile.ZipFile(other_backup).read(KEYS_NAME)

    def change(name: str, data: bytes) -> bytes:
        if name == KEYS_NAME:
            return keys
        if name == MANIFEST_NAME:
            manifest = json.loads(data)
            manifest["members"][KEYS_NAME] = {"sha256": hashlib.sha256(keys).hexdigest(), "size": len(keys)}
            return json.dumps(manifest).encode()
        return data

    return rebuild(good, target, change)


@pytest.fixture
def other_backup(tmp_path: Path) -> Path:
    other, _ = VaultStore(resolve_paths(tmp_path / "other"), TEST_PROFILE).create(PASSPHRASE)
    try:
        create_backup(other, tmp_path / "other.tdbackup")
    finally:
        other.close()
    return tmp_path / "other.tdbackup"


def test_restore_refuses_damaged_and_hostile_backups(backup_file, new_paths, tmp_path, other_backup):
    folder = tmp_path / "hostile"
    folder.mkdir()
    for case, path in hostile_backups(backup_file, folder, other_backup).items():
        with pytest.raises(InvalidBackup) as refused:
            restore_backup(path, new_paths, passphrase=PASSPHRASE)
        assert "nothing was changed" in refused.value.message or "does not exist" in refused.value.message, (
            case
        )
        assert not new_paths.data_dir.exists(), case
        assert not (tmp_path / "evil.db").exists() and not Path("/tmp/evil").exists()
    assert "version 2" in _refusal(folder / "newer") and "version 1" in _refusal(folder / "newer")
    assert "another vault" in _refusal(folder / "keys2")


def _refusal(path: Path) -> str:
    with pytest.raises(InvalidBackup) as refused:
        verify_backup(path)
    return refused.value.message


# -- replacing the current vault (the window's Restore…) -------------------------------------------
def test_replace_needs_confirmation_and_verifies_first(store, backup_file, tmp_path):
    paths = store.paths
    before = snapshot(paths.data_dir)
    with pytest.raises(UsageError, match="confirmation"):
        replace_current_vault_from_backup(backup_file, paths, confirm=False)
    truncated = tmp_path / "truncated.tdbackup"
    truncated.write_bytes(backup_file.read_bytes()[:3000])
    with pytest.raises(InvalidBackup):
        replace_current_vault_from_backup(truncated, paths, confirm=True)
    with pytest.raises(WrongPassphrase):
        replace_current_vault_from_backup(backup_file, paths, confirm=True, passphrase="wrong one")
    assert snapshot(paths.data_dir) == before


def test_replace_keeps_a_safety_copy_of_the_current_vault(store, unlocked, backup_file):
    put(unlocked, "after-backup", "only in the current vault")
    unlocked.close()
    paths = store.paths
    result = replace_current_vault_from_backup(
        backup_file, paths, confirm=True, passphrase=PASSPHRASE, clock=clock_at(2026, 4, 1, 9, 0)
    )
    assert result.safety_copy == paths.backup_dir / "before-restore-20260401-090000"
    assert preference(paths, "canary") == CANARY
    assert preference(paths, "after-backup") is None
    # The safety copy is a complete vault holding the replaced state.
    safety_paths = resolve_paths(result.safety_copy)
    assert preference(safety_paths, "after-backup") == "only in the current vault"


# -- an older schema is migrated at first unlock ---------------------------------------------------
def make_old_vault(paths: AppPaths, version: int):
    """A vault at an older schema version: the migrations up to ``version`` only."""
    from therapist_desk.security.keyfile import create_key_file, new_data_key
    from therapist_desk.services.vault_store import UnlockedVault
    from therapist_desk.storage.vault import Vault

    paths.data_dir.mkdir(parents=True)
    data_key = new_data_key()
    key_file, _ = create_key_file(data_key, PASSPHRASE, TEST_PROFILE)
    paths.keys_path.write_bytes(key_file.to_bytes())
    vault = Vault.open(paths.db_path, data_key, create=True)
    migrations.latest_version()  # loads every migration
    for step in range(1, version + 1):
        with vault.transaction():
            migrations.MIGRATIONS[step](vault)
            vault.execute(f"PRAGMA user_version = {step}")
    with vault.transaction():
        vault.execute("INSERT INTO meta VALUES ('vault_id', ?)", (key_file.vault_id,))
        vault.execute("INSERT INTO preferences VALUES ('canary', ?)", (CANARY,))
    return UnlockedVault(vault, data_key, key_file)


@pytest.mark.parametrize("version", [1, "previous"])
def test_restoring_a_backup_of_an_older_schema_migrates_it_at_first_unlock(tmp_path, new_paths, version):
    version = migrations.latest_version() - 1 if version == "previous" else version
    old = make_old_vault(resolve_paths(tmp_path / "old"), version)
    try:
        info = create_backup(old, tmp_path / "old.tdbackup")
    finally:
        old.close()
    assert info.schema_version == version
    restore_backup(tmp_path / "old.tdbackup", new_paths, passphrase=PASSPHRASE)
    unlocked = VaultStore(new_paths, TEST_PROFILE).unlock(PASSPHRASE)
    try:
        assert migrations.schema_version(unlocked.vault) == migrations.latest_version()
        assert unlocked.vault.scalar("SELECT value FROM preferences WHERE key = 'canary'") == CANARY
        assert unlocked.vault.integrity_problems() == []
    finally:
        unlocked.close()
    assert list(new_paths.backup_dir.glob(f"before-upgrade-v{version}-*"))


# -- automatic backups -------------------------------------------------------------------------------
def days(*stamps: str) -> list[datetime]:
    return [datetime.fromisoformat(s) for s in stamps]


def test_retention_keeps_seven_daily_and_four_weekly():
    # Every day of March 2026 at noon (1 March is a Sunday).
    stamps = [datetime(2026, 3, 1, 12) + timedelta(days=n) for n in range(31)]
    keep = backups_to_keep(stamps)
    daily = {datetime(2026, 3, d, 12) for d in range(25, 32)}
    weekly = {
        datetime(2026, 3, 31, 12),
        datetime(2026, 3, 29, 12),
        datetime(2026, 3, 22, 12),
        datetime(2026, 3, 15, 12),
    }
    assert keep == daily | weekly


def test_retention_keeps_the_newest_of_each_day_and_skips_gaps():
    stamps = days(
        "2026-03-10T08:00", "2026-03-10T20:00", "2026-03-07T09:00", "2026-03-01T09:00",
        "2026-02-20T09:00", "2026-02-01T09:00", "2026-01-15T09:00", "2026-01-14T09:00",
        "2025-12-01T09:00", "2025-11-01T09:00",
    )  # fmt: skip
    keep = backups_to_keep(stamps)
    assert keep == set(days(
        "2026-03-10T20:00", "2026-03-07T09:00", "2026-03-01T09:00", "2026-02-20T09:00",
        "2026-02-01T09:00", "2026-01-15T09:00", "2026-01-14T09:00",
    ))  # fmt: skip
    assert backups_to_keep([]) == set()
    assert backups_to_keep(stamps, AutoBackupPolicy(keep_daily=1, keep_weekly=2)) == set(
        days("2026-03-10T20:00", "2026-03-07T09:00")
    )


def test_automatic_backups_run_once_a_day_and_prune(unlocked, tmp_path):
    folder = tmp_path / "auto"
    folder.mkdir()
    manual = folder / "my-own.tdbackup"
    create_backup(unlocked, manual, clock=clock_at(2026, 2, 1, 9, 0))
    clock = clock_at(2026, 3, 1, 18, 0)
    assert run_auto_backup(unlocked, folder, clock) is not None
    clock.advance(3600)
    assert run_auto_backup(unlocked, folder, clock) is None  # same day
    for _ in range(20):
        clock.advance(24 * 3600)
        assert run_auto_backup(unlocked, folder, clock) is not None
    stamps = set(auto_backups(folder))
    assert stamps == backups_to_keep(stamps) and 7 <= len(stamps) <= 11
    assert max(stamps) == datetime(2026, 3, 21, 19, 0)
    assert manual.exists()
    assert last_good_backup(folder) == datetime(2026, 3, 21, 19, 0, tzinfo=BERLIN)


def test_last_good_backup_and_the_seven_day_warning(unlocked, tmp_path):
    folder = tmp_path / "auto"
    clock = clock_at(2026, 3, 1, 18, 0)
    assert last_good_backup(folder) is None and backup_overdue(folder, clock)
    folder.mkdir()
    (folder / "broken.tdbackup").write_bytes(b"not a zip")
    assert last_good_backup(folder) is None
    run_auto_backup(unlocked, folder, clock)
    assert last_good_backup(folder) == clock.now() and not backup_overdue(folder, clock)
    clock.advance(7 * 24 * 3600 + 60)
    assert backup_overdue(folder, clock)


def test_a_backup_or_export_never_overwrites_the_vault_itself(store, unlocked, tmp_path):
    from therapist_desk.services.exchange import write_export

    before = snapshot(store.paths.data_dir)
    for target in (store.paths.db_path, store.paths.keys_path, store.paths.data_dir / "vault.db-wal"):
        with pytest.raises(UsageError, match="vault itself"):
            create_backup(unlocked, target)
        with pytest.raises(UsageError, match="vault itself"):
            write_export(unlocked.vault, target, clock_at(2026, 1, 1, 0, 0))
    assert snapshot(store.paths.data_dir) == before


def test_restore_reports_progress(backup_file, new_paths):
    calls: list[tuple[int, int]] = []
    restore_backup(backup_file, new_paths, progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (100, 100) and (50, 100) in calls


def test_leftovers_of_a_killed_backup_are_swept_after_a_day(unlocked, tmp_path):
    import os
    import time

    folder = tmp_path / "sweep"
    folder.mkdir()
    old_work, new_work = folder / ".td-backup-old", folder / ".td-backup-new"
    old_part, new_part = folder / ".b.tdbackup.x1.td-partial", folder / ".b.tdbackup.x2.td-partial"
    mine = folder / ".hidden-but-not-ours"
    for path in (old_work, new_work):
        path.mkdir()
        (path / "vault.db").write_bytes(b"encrypted bytes")
    for path in (old_part, new_part, mine):
        path.write_bytes(b"partial")
    two_days_ago = time.time() - 2 * 24 * 3600
    for path in (old_work, old_part, mine):
        os.utime(path, (two_days_ago, two_days_ago))
    create_backup(unlocked, folder / "b.tdbackup")
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted(["b.tdbackup", new_work.name, new_part.name, mine.name])


def test_replace_moves_the_wal_of_a_crashed_vault_into_the_safety_copy(
    store, unlocked, backup_file, tmp_path
):
    import shutil

    put(unlocked, "only-in-wal", "committed but not checkpointed")
    crashed = resolve_paths(tmp_path / "crashed")
    crashed.data_dir.mkdir()
    for name in (DB_NAME, KEYS_NAME, DB_NAME + "-wal"):
        shutil.copy2(store.paths.data_dir / name, crashed.data_dir / name)
    assert (crashed.data_dir / (DB_NAME + "-wal")).stat().st_size > 0
    result = replace_current_vault_from_backup(
        backup_file, crashed, confirm=True, clock=clock_at(2026, 4, 1, 9, 0)
    )
    assert not (crashed.data_dir / (DB_NAME + "-wal")).exists()
    assert preference(crashed, "canary") == CANARY and preference(crashed, "only-in-wal") is None
    assert preference(resolve_paths(result.safety_copy), "only-in-wal") == "committed but not checkpointed"
