"""backup, restore, export, import and import-journal, run as a user runs them (subprocess).

Vaults are created in-process with the cheap test KDF profile; the subprocess reads the KDF
parameters from the key file. Exit statuses are those of CONTRACTS.md §2.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, assert_no_canary
from tests.e2e.test_cli_vault import clean
from tests.file_snapshot import snapshot
from therapist_desk.paths import resolve_paths
from therapist_desk.security.kdf import TEST_PROFILE
from therapist_desk.services.exchange import load_codecs
from therapist_desk.services.exchange_codec import SECTION_CODECS
from therapist_desk.services.vault_store import VaultStore

CANARY = "CANARY-cli-data-93bd-harbour"
JRNL = Path(__file__).resolve().parent.parent / "services" / "data" / "jrnl_export.json"


@pytest.fixture
def cli(run_cli):
    return lambda *args, **kwargs: clean(run_cli(*args, **kwargs))


@pytest.fixture
def data_dir(store: VaultStore, created) -> Path:
    unlocked, _ = created
    with unlocked.vault.transaction():
        unlocked.vault.execute("INSERT INTO preferences VALUES ('canary', ?)", (CANARY,))
    unlocked.close()
    return store.paths.data_dir


def new_vault(tmp_path: Path, name: str) -> Path:
    unlocked, _ = VaultStore(resolve_paths(tmp_path / name), TEST_PROFILE).create(PASSPHRASE)
    unlocked.close()
    return tmp_path / name


def canary_in(folder: Path) -> str | None:
    unlocked = VaultStore(resolve_paths(folder), TEST_PROFILE).unlock(PASSPHRASE)
    try:
        return unlocked.vault.scalar("SELECT value FROM preferences WHERE key = 'canary'")
    finally:
        unlocked.close()


# -- backup and restore -------------------------------------------------------------------------------
def test_backup_and_restore_round_trip(cli, data_dir, passphrase_file, tmp_path):
    backup = tmp_path / "vault.tdbackup"
    result = cli("--data-dir", data_dir, "backup", "--output", backup, "--passphrase-file", passphrase_file)
    assert result.returncode == 0 and "verified" in result.stdout
    assert_no_canary(CANARY, backup)
    target = tmp_path / "restored"
    result = cli("restore", backup, "--data-dir", target, "--passphrase-file", passphrase_file)
    assert result.returncode == 0, result.stderr
    assert "unlocks with the given passphrase" in result.stdout
    assert canary_in(target) == CANARY
    assert cli("--data-dir", target, "check", "--passphrase-file", passphrase_file).returncode == 0
    # Without a passphrase file, restore needs no passphrase at all.
    result = cli("restore", backup, "--data-dir", tmp_path / "again", stdin="")
    assert result.returncode == 0 and canary_in(tmp_path / "again") == CANARY


def test_restore_refusals_change_nothing(cli, data_dir, passphrase_file, tmp_path):
    backup = tmp_path / "vault.tdbackup"
    cli("--data-dir", data_dir, "backup", "--output", backup, "--passphrase-file", passphrase_file)
    # Into a folder that holds a vault already: usage error, nothing changed.
    before = snapshot(data_dir)
    result = cli("restore", backup, "--data-dir", data_dir)
    assert result.returncode == 2 and "not empty" in result.stderr
    assert snapshot(data_dir) == before
    # A wrong passphrase: exit 3, nothing left behind.
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n")
    target = tmp_path / "target"
    result = cli("restore", backup, "--data-dir", target, "--passphrase-file", wrong)
    assert result.returncode == 3 and "passphrase" in result.stderr
    assert not target.exists()
    # Damaged, truncated, foreign or missing backup files: exit 6.
    raw = backup.read_bytes()
    damaged = tmp_path / "damaged.tdbackup"
    damaged.write_bytes(raw[:1000] + bytes([raw[1000] ^ 1]) + raw[1001:])
    truncated = tmp_path / "truncated.tdbackup"
    truncated.write_bytes(raw[: len(raw) // 3])
    for bad in (damaged, truncated, JRNL, tmp_path / "absent.tdbackup"):
        result = cli("restore", bad, "--data-dir", target)
        assert result.returncode == 6, (bad.name, result.stderr)
        assert not target.exists()


def test_backup_needs_the_vault_and_the_passphrase(cli, data_dir, tmp_path):
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("nope nope nope\n")
    result = cli("--data-dir", data_dir, "backup", "--output", tmp_path / "b", "--passphrase-file", wrong)
    assert result.returncode == 3 and not (tmp_path / "b").exists()
    result = cli("--data-dir", tmp_path / "none", "backup", "--output", tmp_path / "b", stdin=PASSPHRASE)
    assert result.returncode == 4


# -- export and import ------------------------------------------------------------------------------------
def test_export_then_import_into_a_new_vault_twice(cli, data_dir, passphrase_file, tmp_path):
    load_codecs()
    export = tmp_path / "export.json"
    result = cli("--data-dir", data_dir, "export", "--output", export, "--passphrase-file", passphrase_file)
    assert result.returncode == 0 and "NOT encrypted" in result.stderr
    document = json.loads(export.read_text(encoding="utf-8"))
    document["self_care"] = [{"id": "sc-1", "date": "2025-01-07"}] if "self_care" in SECTION_CODECS else []
    document["from_the_future"] = [{"id": "x"}]
    export.write_text(json.dumps(document), encoding="utf-8")
    other = new_vault(tmp_path, "other")
    first = cli("--data-dir", other, "import", export, "--passphrase-file", passphrase_file)
    assert first.returncode == 0, first.stderr
    assert "from_the_future: kept as it is" in first.stdout
    if "self_care" in SECTION_CODECS:
        assert "self_care: 1 added, 0 already present" in first.stdout
    second = cli("--data-dir", other, "import", export, "--passphrase-file", passphrase_file)
    assert second.returncode == 0 and " 1 added" not in second.stdout
    again = tmp_path / "again.json"
    cli("--data-dir", other, "export", "--output", again, "--passphrase-file", passphrase_file)
    exported = json.loads(again.read_text(encoding="utf-8"))
    assert exported["from_the_future"] == [{"id": "x"}]
    assert [r["id"] for r in exported["self_care"]] == [r["id"] for r in document["self_care"]]
    assert {k: v for k, v in exported.items() if k not in ("exported_at", "self_care")} == {
        k: v for k, v in document.items() if k not in ("exported_at", "self_care")
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({"format": "therapist-desk/export", "version": 9}, "version 9"),
        ({"format": "something-else", "version": 1}, '"format"'),
        ([1, 2], "JSON object"),
        (
            {"format": "therapist-desk/export", "version": 1, "self_care": [{"date": "2025-02-30"}]},
            "self_care[0].date",
        ),
        (
            {
                "format": "therapist-desk/export",
                "version": 1,
                "self_care": [{"id": "a", "date": "2025-01-01"}, {"id": "a", "date": "2025-01-02"}],
            },
            "self_care[1].id",
        ),  # fmt: skip
    ],
)
def test_invalid_imports_exit_6_and_write_nothing(cli, data_dir, passphrase_file, tmp_path, content, message):
    load_codecs()
    if "self_care" in json.dumps(content) and "self_care" not in SECTION_CODECS:
        pytest.skip("the self_care section is not registered in this build")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(content))
    before = snapshot(data_dir)
    result = cli("--data-dir", data_dir, "import", path, "--passphrase-file", passphrase_file)
    assert result.returncode == 6 and message in result.stderr, result.stderr
    assert snapshot(data_dir) == before


def test_oversized_deep_and_missing_imports_exit_6(cli, data_dir, passphrase_file, tmp_path):
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    deep = tmp_path / "deep.json"
    deep.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    for path, message in (
        (big, "larger than"),
        (deep, "nested too deeply"),
        (tmp_path / "no.json", "does not exist"),
    ):
        result = cli("--data-dir", data_dir, "import", path, "--passphrase-file", passphrase_file)
        assert result.returncode == 6 and message in result.stderr, result.stderr


def test_import_journal(cli, data_dir, passphrase_file):
    load_codecs()
    if "notes" not in SECTION_CODECS:
        pytest.skip("the journal's notes section is not registered in this build yet")
    result = cli("--data-dir", data_dir, "import-journal", JRNL, "--passphrase-file", passphrase_file)
    assert result.returncode == 0 and "notes: 3 added, 0 already present" in result.stdout, result.stderr
    result = cli(
        "--data-dir", data_dir, "import-journal", "--jrnl", JRNL, "--passphrase-file", passphrase_file
    )
    assert "notes: 0 added, 3 already present" in result.stdout
    result = cli(
        "--data-dir", data_dir, "import-journal", "--dayone", JRNL, "--passphrase-file", passphrase_file
    )
    assert result.returncode == 6
