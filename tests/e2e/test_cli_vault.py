"""The vault commands of the headless CLI, run as a user runs them: in a subprocess, no display.

Vaults are created in-process with the cheap test KDF profile (the subprocess reads the
parameters from the key file, so its unlock is fast); only ``init`` uses the real profile.
Every run is checked for the promises of CONTRACTS.md §2: no traceback, no library log
lines, no Python warnings, one clear sentence, the documented exit status, and no change
to any file when the command fails.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, REPO_ROOT, assert_no_canary, cli_env
from tests.file_snapshot import snapshot
from therapist_desk.security.keyfile import KeyFile
from therapist_desk.services.vault_store import VaultStore
from therapist_desk.storage.instance_lock import InstanceLock
from therapist_desk.storage.vault import Vault

RECOVERY_CODE_LINE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4,}(-[0-9A-HJKMNP-TV-Z]{4,}){3,}$")
NEW_PASSPHRASE = "lantern meadow cobalt thread"


def clean(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    """Assert what holds for every run, successful or not."""
    for unwanted in ("Traceback", "ERROR CORE", "Warning", "sqlcipher"):
        assert unwanted not in result.stderr, result.stderr
    if result.returncode not in (0, 2):
        # One sentence, prefixed with the program name (usage errors print argparse's usage too).
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("therapist-desk: "), result.stderr
    return result


@pytest.fixture
def cli(run_cli):
    return lambda *args, **kwargs: clean(run_cli(*args, **kwargs))


@pytest.fixture
def vault(store: VaultStore, created) -> tuple[Path, str]:
    """A closed vault (test KDF profile) in the data folder; returns the folder and its recovery code."""
    unlocked, code = created
    with unlocked.vault.transaction():
        unlocked.vault.execute("INSERT INTO preferences VALUES ('kept', 'yes')")
    unlocked.close()
    return store.paths.data_dir, code


def write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, str):
        data = data.encode()
    path.write_bytes(data)
    return path


# -- init (real KDF profile) -----------------------------------------------------------------


def _assert_only_a_recovery_code(stdout: str) -> str:
    lines = stdout.splitlines()
    assert len(lines) == 1, stdout
    assert RECOVERY_CODE_LINE.match(lines[0]), lines[0]
    return lines[0]


@pytest.mark.slow
def test_init_with_passphrase_file_prints_only_the_recovery_code(cli, paths, passphrase_file):
    result = cli("init", "--data-dir", paths.data_dir, "--passphrase-file", passphrase_file)
    assert result.returncode == 0, result.stderr
    code = _assert_only_a_recovery_code(result.stdout)
    assert "recovery code" in result.stderr.lower()
    assert sorted(os.listdir(paths.data_dir)) == ["vault.db", "vault.keys.json"]
    assert KeyFile.from_bytes(paths.keys_path.read_bytes()).kdf.memory_kib >= 64 * 1024
    VaultStore(paths).unlock_with_recovery_code(code).close()

    # A second init is refused and changes nothing.
    before = snapshot(paths.data_dir)
    again = cli("init", "--data-dir", paths.data_dir, "--passphrase-file", passphrase_file)
    assert again.returncode == 2
    assert again.stdout == ""
    assert "already exists" in again.stderr
    assert snapshot(paths.data_dir) == before


@pytest.mark.slow
def test_init_reads_a_piped_passphrase_and_never_writes_it(cli, paths, isolated_dirs):
    canary = "CANARY passphrase 4f1c quiet orchard"
    result = cli("init", "--data-dir", paths.data_dir, stdin=canary + "\n")
    assert result.returncode == 0, result.stderr
    _assert_only_a_recovery_code(result.stdout)
    right = cli("check", "--data-dir", paths.data_dir, stdin=canary + "\n")
    assert right.returncode == 0, right.stderr
    assert canary not in result.stderr + right.stderr + right.stdout
    assert_no_canary(canary, paths.data_dir, *isolated_dirs.values())


def test_init_refuses_partial_vaults_and_bad_passphrases(cli, store, vault, tmp_path):
    data_dir, _ = vault
    store.db_path.unlink()  # only the key file is left: still a vault, still refused
    before = snapshot(data_dir)
    assert cli("init", "--data-dir", data_dir, stdin=PASSPHRASE + "\n").returncode == 2
    assert snapshot(data_dir) == before

    fresh = tmp_path / "fresh"
    short = cli("init", "--data-dir", fresh, stdin="short\n")
    assert short.returncode == 2 and "too short" in short.stderr
    empty = cli("init", "--data-dir", fresh, stdin="")
    assert empty.returncode == 2 and "passphrase" in empty.stderr
    assert not fresh.exists()

    a_file = write(tmp_path / "not-a-folder", "x")
    result = cli("init", "--data-dir", a_file, stdin=PASSPHRASE + "\n")
    assert result.returncode == 2 and "not a folder" in result.stderr
    assert a_file.read_text() == "x"


# -- check ----------------------------------------------------------------------------------------


def test_check_healthy_vault(cli, vault, passphrase_file):
    data_dir, _ = vault
    before = snapshot(data_dir)
    result = cli("check", "--data-dir", data_dir, "--passphrase-file", passphrase_file)
    assert result.returncode == 0, result.stderr
    assert "healthy" in result.stdout
    assert snapshot(data_dir) == before


@pytest.mark.parametrize(
    "args",
    [
        ["--data-dir", "{d}", "--passphrase-file", "{p}", "check"],
        ["check", "--data-dir", "{d}", "--passphrase-file", "{p}"],
        ["--data-dir", "{d}", "check", "--passphrase-file", "{p}"],
        ["--passphrase-file", "{p}", "check", "--data-dir", "{d}"],
    ],
    ids=["both-before", "both-after", "dir-before", "file-before"],
)
def test_common_options_work_before_and_after_the_command(cli, vault, passphrase_file, args):
    data_dir, _ = vault
    result = cli(*(a.format(d=data_dir, p=passphrase_file) for a in args))
    assert result.returncode == 0, result.stderr


def test_wrong_passphrase_is_status_3_and_changes_nothing(cli, vault, tmp_path, isolated_dirs):
    data_dir, _ = vault
    before = snapshot(data_dir)
    wrong = write(tmp_path / "wrong.txt", "river stone quiet lamps\n")
    for result in (
        cli("check", "--data-dir", data_dir, "--passphrase-file", wrong),
        cli("check", "--data-dir", data_dir, stdin="river stone quiet lamps\n"),
        cli(
            "change-passphrase",
            "--data-dir",
            data_dir,
            "--passphrase-file",
            wrong,
            "--new-passphrase-file",
            wrong,
        ),
    ):
        assert result.returncode == 3
        assert "passphrase" in result.stderr
        assert result.stdout == ""
    assert snapshot(data_dir) == before
    assert_no_canary("river stone quiet lamps", data_dir, *isolated_dirs.values())


def test_missing_vault_is_status_4_and_creates_nothing(cli, paths, passphrase_file):
    result = cli("check", "--data-dir", paths.data_dir, "--passphrase-file", passphrase_file)
    assert result.returncode == 4
    assert "No vault" in result.stderr
    assert not paths.data_dir.exists()
    paths.data_dir.mkdir(parents=True)
    assert cli("check", "--data-dir", paths.data_dir, "--passphrase-file", passphrase_file).returncode == 4
    assert snapshot(paths.data_dir) == {}


def _garbage(store: VaultStore) -> None:
    store.db_path.write_bytes(os.urandom(store.db_path.stat().st_size))


def _truncated(store: VaultStore) -> None:
    data = store.db_path.read_bytes()
    store.db_path.write_bytes(data[: len(data) // 2])


def _empty(store: VaultStore) -> None:
    store.db_path.write_bytes(b"")


def _plaintext(store: VaultStore) -> None:
    import sqlite3

    store.db_path.unlink()
    sqlite3.connect(store.db_path).execute("CREATE TABLE t (x)").connection.close()


def _no_key_file(store: VaultStore) -> None:
    store.keys_path.unlink()


def _edited_key_file(store: VaultStore) -> None:
    store.keys_path.write_text(store.keys_path.read_text().replace('"time_cost": 1', '"time_cost": 2'))


def _no_database(store: VaultStore) -> None:
    store.db_path.unlink()


@pytest.mark.parametrize(
    "damage",
    [_garbage, _truncated, _empty, _plaintext, _no_key_file, _edited_key_file, _no_database],
    ids=lambda f: f.__name__.strip("_"),
)
def test_damaged_vault_is_status_4_and_left_alone(cli, store, vault, passphrase_file, damage):
    data_dir, _ = vault
    damage(store)
    before = snapshot(data_dir)
    commands = [["check", "--passphrase-file", passphrase_file]]
    if damage in (_garbage, _no_key_file):  # the other commands share check's path; two cases suffice
        commands += [
            ["init", "--passphrase-file", passphrase_file],
            [
                "change-passphrase",
                "--passphrase-file",
                passphrase_file,
                "--new-passphrase-file",
                passphrase_file,
            ],
            ["recover", "--recovery-code", vault[1], "--new-passphrase-file", passphrase_file],
        ]
    for args in commands:
        result = cli(*args, "--data-dir", data_dir)
        expected = 2 if args[0] == "init" else 4
        assert result.returncode == expected, (args[0], result.stderr)
        assert result.stdout == ""
    assert snapshot(data_dir) == before


# -- change-passphrase and recover --------------------------------------------------------------


@pytest.mark.slow
def test_change_passphrase_then_old_fails_and_new_works(cli, store, vault, passphrase_file, tmp_path):
    data_dir, code = vault
    new_file = write(tmp_path / "new.txt", NEW_PASSPHRASE + "\n")
    changed = cli(
        "change-passphrase", "--data-dir", data_dir, "--passphrase-file", passphrase_file,
        "--new-passphrase-file", new_file,
    )  # fmt: skip
    assert changed.returncode == 0, changed.stderr
    old = cli("check", "--data-dir", data_dir, "--passphrase-file", passphrase_file)
    assert old.returncode == 3 and "passphrase" in old.stderr
    assert cli("check", "--data-dir", data_dir, "--passphrase-file", new_file).returncode == 0
    # The recovery code survives a passphrase change (checked in-process: no KDF on that path).
    store.unlock_with_recovery_code(code).close()


def test_recover_with_the_code_sets_a_new_passphrase(cli, vault, passphrase_file, tmp_path):
    data_dir, code = vault
    new_file = write(tmp_path / "new.txt", NEW_PASSPHRASE + "\n")
    # Lower case and spaces are how people type a code back in.
    typed = code.lower().replace("-", " ")
    result = cli(
        "recover", "--recovery-code", typed, "--new-passphrase-file", new_file, "--data-dir", data_dir
    )
    assert result.returncode == 0, result.stderr
    assert cli("check", "--data-dir", data_dir, stdin=NEW_PASSPHRASE + "\n").returncode == 0


@pytest.mark.parametrize(
    "code",
    ["0000-0000-0000-0000-0000-0000", "", "ÄÖÜ-\u200b-????", "0" * 5000],
    ids=["other-vault", "empty", "unicode", "huge"],
)
def test_wrong_recovery_code_is_status_3_and_changes_nothing(cli, vault, passphrase_file, code):
    data_dir, _ = vault
    before = snapshot(data_dir)
    result = cli(
        "recover", "--data-dir", data_dir, "--recovery-code", code, "--new-passphrase-file", passphrase_file
    )
    assert result.returncode == 3
    assert "recovery code" in result.stderr
    assert snapshot(data_dir) == before


# -- a second instance -------------------------------------------------------------------------


def test_second_instance_is_status_5(cli, store, vault, paths, passphrase_file):
    data_dir, _ = vault
    with InstanceLock(paths.runtime_dir, paths.data_dir):
        held = cli("check", "--data-dir", data_dir, "--passphrase-file", passphrase_file)
    assert held.returncode == 5
    assert "another" in held.stderr

    opened = store.unlock(PASSPHRASE)  # the vault itself open (exclusive lock), as a window holds it
    try:
        result = cli("check", "--data-dir", data_dir, "--passphrase-file", passphrase_file)
        assert result.returncode == 5, result.stderr
        assert "another" in result.stderr
    finally:
        opened.close()
    assert cli("check", "--data-dir", data_dir, "--passphrase-file", passphrase_file).returncode == 0


def test_vault_opened_directly_elsewhere_is_status_5(cli, store, vault, passphrase_file):
    data_dir, _ = vault
    key = store.read_key_file().unwrap_with_passphrase(PASSPHRASE)
    keys_before = store.keys_path.read_bytes()
    raw = Vault.open(store.db_path, key)
    # No snapshot() while it is open: closing any file handle on vault.db in this process
    # would drop the process's POSIX locks, the very lock under test.
    try:
        result = cli("change-passphrase", "--data-dir", data_dir, "--passphrase-file", passphrase_file,
                     "--new-passphrase-file", passphrase_file)  # fmt: skip
        assert result.returncode == 5, result.stderr
        assert store.keys_path.read_bytes() == keys_before
    finally:
        raw.close()


# -- usage errors and hostile inputs ------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["no-such-command"],
        ["check", "--no-such-option"],
        ["change-passphrase"],
        ["recover", "--new-passphrase-file", "x"],
        ["check", "extra"],
    ],
    ids=["command", "option", "missing-new-file", "missing-code", "extra-argument"],
)
def test_usage_errors_are_status_2(cli, vault, args):
    data_dir, _ = vault
    before = snapshot(data_dir)
    result = cli(*args, "--data-dir", data_dir)
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert snapshot(data_dir) == before


def _hostile_files(tmp_path: Path) -> dict[str, tuple[Path, int]]:
    """Passphrase files a user could point at by mistake, with the status each must give."""
    return {
        "missing": (tmp_path / "does-not-exist.txt", 2),
        "folder": (tmp_path, 2),
        "binary": (write(tmp_path / "binary.bin", b"\xff\xfe\x00\x81" * 64 + bytes(range(256))), 2),
        "nul-bytes": (write(tmp_path / "nul.txt", "river\x00stone quiet lamp\n"), 3),
        "empty": (write(tmp_path / "empty.txt", ""), 3),
        "huge-line": (write(tmp_path / "huge.txt", "x" * 300_000), 2),
    }


def test_hostile_passphrase_files_never_crash(cli, vault, tmp_path, passphrase_file):
    data_dir, _ = vault
    before = snapshot(data_dir)
    for name, (path, status) in _hostile_files(tmp_path).items():
        result = cli("check", "--data-dir", data_dir, "--passphrase-file", path)
        assert result.returncode == status, (name, result.stderr)
        assert "passphrase" in result.stderr, name
        if name in ("folder", "nul-bytes", "huge-line"):  # the rest share these paths
            new = cli("change-passphrase", "--data-dir", data_dir, "--passphrase-file", passphrase_file,
                      "--new-passphrase-file", path)  # fmt: skip
            assert new.returncode == 2, (name, new.stderr)  # unreadable, or not a usable new passphrase
    assert snapshot(data_dir) == before


def run_raw(isolated_dirs: dict[str, Path], *args: object, **kwargs) -> subprocess.CompletedProcess[str]:
    """Like ``run_cli``, for the cases it cannot express: raw bytes or no standard input at all."""
    result = subprocess.run(
        [sys.executable, "-m", "therapist_desk", *map(str, args)],
        capture_output=True,
        timeout=60,
        env=cli_env(isolated_dirs),
        cwd=REPO_ROOT,
        **kwargs,
    )
    text = subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode(errors="replace")
    )
    return clean(text)


def test_hostile_standard_input_never_crashes(cli, vault, isolated_dirs):
    data_dir, _ = vault
    before = snapshot(data_dir)
    not_utf8 = run_raw(isolated_dirs, "check", "--data-dir", data_dir, input=b"\xff\xfe river stone\n")
    assert not_utf8.returncode == 2 and "UTF-8" in not_utf8.stderr
    huge = run_raw(isolated_dirs, "check", "--data-dir", data_dir, input=b"y" * 500_000)
    assert huge.returncode == 2 and "longer than" in huge.stderr
    assert cli("check", "--data-dir", data_dir, stdin="").returncode == 2
    assert cli("check", "--data-dir", data_dir, stdin="\n").returncode == 3
    assert snapshot(data_dir) == before


def test_closed_standard_input_is_a_usage_error(vault, isolated_dirs):
    data_dir, _ = vault
    # The child starts with file descriptor 0 closed, so Python has no sys.stdin at all.
    result = run_raw(isolated_dirs, "check", "--data-dir", data_dir, stdin=subprocess.DEVNULL,
                     preexec_fn=lambda: os.close(0))  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "passphrase" in result.stderr


def test_errors_write_nothing_beside_the_vault(cli, vault, paths, passphrase_file, tmp_path):
    """No log file, lock file or temp file lands in the data folder, whatever fails."""
    data_dir, _ = vault
    before = snapshot(data_dir)
    cli("check", "--data-dir", data_dir, stdin="wrong passphrase\n")
    cli(
        "recover", "--data-dir", data_dir, "--recovery-code", "ABCD", "--new-passphrase-file", passphrase_file
    )
    cli("change-passphrase", "--data-dir", data_dir, "--passphrase-file", passphrase_file,
        "--new-passphrase-file", tmp_path / "missing")  # fmt: skip
    assert snapshot(data_dir) == before
    log_dir = paths.log_dir
    assert not log_dir.resolve().is_relative_to(data_dir.resolve())
    # Expected errors are told to the user, not logged.
    assert all(f.stat().st_size == 0 for f in log_dir.glob("*")), [f.read_text() for f in log_dir.glob("*")]
