"""A full disk or a kill during a backup leaves the previous backup and the vault intact.

The backup runs in a child process: the disk is made "full" with RLIMIT_FSIZE (SIGXFSZ
ignored, so writes fail with EFBIG as on a full disk), or the child kills itself with SIGKILL
at a chosen point of its progress.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, REPO_ROOT, assert_no_canary, cli_env
from tests.file_snapshot import snapshot
from therapist_desk.services.backup import create_backup, verify_backup
from therapist_desk.services.vault_store import VaultStore

CANARY = "CANARY-hostile-backup-51e2-quartz"
CHILD = textwrap.dedent(
    """
    import os, resource, signal, sys
    from pathlib import Path
    from therapist_desk.domain.errors import StorageWriteFailed
    from therapist_desk.paths import resolve_paths
    from therapist_desk.services.backup import create_backup
    from therapist_desk.services.vault_store import VaultStore

    data_dir, target, mode, arg, passphrase = sys.argv[1:6]
    unlocked = VaultStore(resolve_paths(data_dir)).unlock(passphrase)
    progress = None
    if mode == "fsize":
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (int(arg), int(arg)))
    else:
        def progress(done, total):
            if done >= int(arg):
                os.kill(os.getpid(), signal.SIGKILL)
    try:
        create_backup(unlocked, Path(target), progress)
    except StorageWriteFailed as exc:
        print(exc.message)
        sys.exit(17)
    print("written")
    """
)


@pytest.fixture
def setup(store: VaultStore, created, tmp_path: Path) -> dict:
    """A closed vault of ~600 KB with a canary, a previous backup, and the size of a db copy."""
    unlocked, _ = created
    with unlocked.vault.transaction():
        unlocked.vault.execute("INSERT INTO preferences VALUES ('canary', ?)", (CANARY,))
        for i in range(500):
            unlocked.vault.execute("INSERT INTO preferences VALUES (?, ?)", (f"filler{i}", f"{i:04d}" * 250))
    folder = tmp_path / "backups"
    folder.mkdir()
    target = folder / "vault.tdbackup"
    create_backup(unlocked, target)
    probe = tmp_path / "probe.db"
    unlocked.vault.export_copy(probe, unlocked.data_key)
    copy_size = probe.stat().st_size
    probe.unlink()
    unlocked.close()
    return {"target": target, "previous": target.read_bytes(), "copy_size": copy_size, "store": store}


def run_child(setup: dict, isolated_dirs, mode: str, arg: int) -> subprocess.CompletedProcess[str]:
    args = [str(setup["store"].paths.data_dir), str(setup["target"]), mode, str(arg), PASSPHRASE]
    return subprocess.run(
        [sys.executable, "-c", CHILD, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=cli_env(isolated_dirs),
        cwd=REPO_ROOT,
    )


def assert_vault_intact(store: VaultStore) -> None:
    unlocked = store.unlock(PASSPHRASE)
    try:
        assert unlocked.vault.integrity_problems() == []
        assert unlocked.vault.scalar("SELECT value FROM preferences WHERE key = 'canary'") == CANARY
    finally:
        unlocked.close()


@pytest.mark.parametrize("where", ["copying the database", "writing the archive"])
def test_disk_full_during_a_backup_keeps_the_previous_backup_and_the_vault(setup, isolated_dirs, where):
    limit = setup["copy_size"] // 2 if where == "copying the database" else setup["copy_size"] + 200
    assert limit < len(setup["previous"])
    data_before = snapshot(setup["store"].paths.data_dir)
    result = run_child(setup, isolated_dirs, "fsize", limit)
    assert result.returncode == 17, result.stderr
    assert "could not be written" in result.stdout and "unchanged" in result.stdout
    assert setup["target"].read_bytes() == setup["previous"]
    assert [p.name for p in setup["target"].parent.iterdir()] == ["vault.tdbackup"]  # no temp files left
    assert snapshot(setup["store"].paths.data_dir) == data_before
    assert_vault_intact(setup["store"])


@pytest.mark.parametrize("at", [0, 41, 76, 90])
def test_a_kill_during_a_backup_keeps_the_previous_backup_and_the_vault(setup, isolated_dirs, at):
    result = run_child(setup, isolated_dirs, "kill", at)
    assert result.returncode == -9, (result.stdout, result.stderr)
    assert setup["target"].read_bytes() == setup["previous"]
    verify_backup(setup["target"])
    assert_no_canary(CANARY, setup["target"].parent, isolated_dirs["TMPDIR"])
    assert_vault_intact(setup["store"])
    # The next backup works despite the leftovers of the killed one.
    unlocked = setup["store"].unlock(PASSPHRASE)
    try:
        create_backup(unlocked, setup["target"])
    finally:
        unlocked.close()
    verify_backup(setup["target"])
