"""Crashes and full disks in the middle of writes, on real SQLCipher files.

The writers run in child processes (``sys.executable``) so that they can be killed with
SIGKILL or limited with RLIMIT_FSIZE without touching the test process. The vault is
created with the cheap test KDF profile; the children read the parameters from the key file,
so their unlock is fast.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, REPO_ROOT
from tests.storage import rotation_steps
from therapist_desk.domain.errors import WrongRecoveryCode
from therapist_desk.paths import resolve_paths
from therapist_desk.security.kdf import TEST_PROFILE
from therapist_desk.services.vault_store import VaultStore

# Opens the vault and commits rows forever, printing each id once its transaction committed.
WRITER = textwrap.dedent(
    """
    import sys
    from therapist_desk.paths import resolve_paths
    from therapist_desk.security.kdf import TEST_PROFILE
    from therapist_desk.services.vault_store import VaultStore

    data_dir, passphrase, first, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    unlocked = VaultStore(resolve_paths(data_dir), TEST_PROFILE).unlock(passphrase)
    vault = unlocked.vault
    print("ready", flush=True)
    n = first
    while True:
        with vault.transaction():
            vault.execute("INSERT INTO preferences VALUES (?, ?)", (f"row-{n}", f"{n}:" + "v" * (size + n % 97)))
        print(n, flush=True)
        n += 1
    """
)

# Commits big rows under a small file-size limit until the disk is "full".
FILLER = textwrap.dedent(
    """
    import os, resource, signal, sys
    from therapist_desk.domain.errors import StorageWriteFailed
    from therapist_desk.paths import resolve_paths
    from therapist_desk.security.kdf import TEST_PROFILE
    from therapist_desk.services.vault_store import VaultStore

    data_dir, passphrase, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    store = VaultStore(resolve_paths(data_dir), TEST_PROFILE)
    unlocked = store.unlock(passphrase)
    vault = unlocked.vault
    # Without this the kernel kills the process at the limit instead of failing the write.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    largest = max(p.stat().st_size for p in store.db_path.parent.iterdir() if p.is_file())
    # Rows: room for a few; rotation: not enough for a full copy of the database;
    # passphrase: not enough for a new key file.
    limit = {
        "rows": largest + 256 * 1024,
        "rotate": store.db_path.stat().st_size // 2,
        "passphrase": store.keys_path.stat().st_size // 2,
    }[mode]
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        if mode == "rows":
            for n in range(10_000):
                with vault.transaction():
                    vault.execute("INSERT INTO preferences VALUES (?, ?)", (f"big-{n}", os.urandom(20_000).hex()))
                print(n, flush=True)
        elif mode == "rotate":
            store.rotate_data_key(unlocked, passphrase)
        else:
            store.change_passphrase(unlocked, "a passphrase that never lands")
        print("no error", flush=True)
    except StorageWriteFailed as exc:
        print("StorageWriteFailed:", exc, flush=True)
    unlocked.close()
    """
)


def child_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}


def start(script: str, *args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
        cwd=REPO_ROOT,
    )


def rows(store: VaultStore) -> dict[str, str]:
    unlocked = store.unlock(PASSPHRASE)
    try:
        return dict(unlocked.vault.query("SELECT key, value FROM preferences"))
    finally:
        unlocked.close()


@pytest.mark.slow
def test_kill_during_write_loop_loses_no_committed_row(store, created):
    created[0].close()
    rng = random.Random(20261122)
    committed: set[int] = set()
    next_id = 0
    for round_no in range(20):
        # Small rows most rounds; big ones in some so that auto-checkpoints get interrupted too.
        size = 6000 if round_no % 4 == 3 else 200
        child = start(WRITER, store.paths.data_dir, PASSPHRASE, next_id, size)
        assert child.stdout is not None
        ready = child.stdout.readline()
        assert ready == "ready\n", child.stderr.read() if child.stderr else ""
        wanted = rng.choice([0, 1, 3, 20, 80, 250])
        for _ in range(wanted):
            line = child.stdout.readline()
            assert line, "the writer stopped before it was killed"
            committed.add(int(line))
        os.kill(child.pid, signal.SIGKILL)
        child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL

        present = rows(store)
        for n in committed:
            assert present.get(f"row-{n}", "").startswith(f"{n}:"), f"committed row {n} lost"
        # Rows committed after the last line we read may exist; each is whole.
        for key, value in present.items():
            n = int(key.removeprefix("row-"))
            assert value == f"{n}:" + "v" * (len(value) - len(f"{n}:"))
        assert store.check(PASSPHRASE) == []
        next_id = max((int(k.removeprefix("row-")) for k in present), default=-1) + 1
    assert len(committed) > 100


@pytest.mark.slow
def test_disk_full_during_writes_is_an_error_and_keeps_committed_rows(store, created):
    created[0].close()
    child = start(FILLER, store.paths.data_dir, PASSPHRASE, "rows")
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert "Traceback" not in err and "ERROR CORE" not in err
    lines = out.splitlines()
    assert lines[-1].startswith("StorageWriteFailed: "), out[-500:]
    assert "disk is full" in lines[-1]
    committed = [int(line) for line in lines[:-1]]
    assert committed, "the limit left no room for a single row"

    present = rows(store)
    assert {f"big-{n}" for n in committed} <= set(present)
    assert store.check(PASSPHRASE) == []


def test_disk_full_during_key_rotation_keeps_the_old_key(store, created):
    unlocked, code = created
    with unlocked.vault.transaction():
        for n in range(200):
            unlocked.vault.execute("INSERT INTO preferences VALUES (?, ?)", (f"r{n}", "x" * 500))
    unlocked.close()
    keys_before = store.keys_path.read_bytes()
    child = start(FILLER, store.paths.data_dir, PASSPHRASE, "rotate")
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert "Traceback" not in err and "ERROR CORE" not in err
    assert out.startswith("StorageWriteFailed: "), out
    assert store.keys_path.read_bytes() == keys_before
    assert sorted(p.name for p in store.paths.data_dir.iterdir()) == ["vault.db", "vault.keys.json"]
    assert len(rows(store)) == 200
    store.unlock_with_recovery_code(code).close()
    assert store.check(PASSPHRASE) == []


def test_disk_full_during_passphrase_change_keeps_the_old_key_file(store, created):
    code = created[1]
    created[0].close()
    keys_before = store.keys_path.read_bytes()
    child = start(FILLER, store.paths.data_dir, PASSPHRASE, "passphrase")
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert "Traceback" not in err
    assert out.startswith("StorageWriteFailed: "), out
    assert "unchanged" in out
    assert store.keys_path.read_bytes() == keys_before
    assert sorted(p.name for p in store.paths.data_dir.iterdir()) == ["vault.db", "vault.keys.json"]
    store.unlock(PASSPHRASE).close()
    store.unlock_with_recovery_code(code).close()


# -- data key rotation interrupted at every step -----------------------------------------------

ROTATOR = textwrap.dedent(
    """
    import os, sys
    from therapist_desk.paths import resolve_paths
    from therapist_desk.security.kdf import TEST_PROFILE
    from therapist_desk.services.vault_store import VaultStore
    from tests.storage import rotation_steps

    data_dir, passphrase, die_at = sys.argv[1], sys.argv[2], int(sys.argv[3])
    steps = []

    def on_step(name):
        steps.append(name)
        if len(steps) == die_at:
            print(name, flush=True)
            os._exit(70)  # no cleanup at all, like a power cut

    store = VaultStore(resolve_paths(data_dir), TEST_PROFILE)
    unlocked = store.unlock(passphrase)
    rotation_steps.install(setattr, on_step)
    rotated, code = store.rotate_data_key(unlocked, passphrase)
    rotated.close()
    print("completed", flush=True)
    """
)


ROTATION_ROWS = 3000


class Interrupted(Exception):
    pass


def _rotation_vault(store: VaultStore, created) -> str:
    unlocked, code = created
    with unlocked.vault.transaction():
        # Enough rows for the export to report progress, so a step can fall in its middle.
        for n in range(ROTATION_ROWS):
            unlocked.vault.execute("INSERT INTO preferences VALUES (?, ?)", (f"r{n}", f"value {n} " * 4))
    return code


def _rotation_steps(store: VaultStore, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the steps of one complete rotation (run on a throwaway copy of the vault)."""
    names: list[str] = []
    with monkeypatch.context() as patch:
        unlocked = store.unlock(PASSPHRASE)
        rotation_steps.install(patch.setattr, names.append)
        rotated, _ = store.rotate_data_key(unlocked, PASSPHRASE)
    rotated.close()
    assert any(name.startswith("export middle") for name in names), names
    assert "replace vault.keys.json.rotating -> vault.keys.json" in names, names
    return names


def _steps_worth_stopping_at(names: list[str]) -> range:
    """Indexes of the steps to stop at, skipping those that give the same files as a neighbour.

    Before the export and after the last folder sync only absent leftovers are unlinked.
    """
    first = next(i for i, name in enumerate(names) if name.startswith("export start"))
    last = max(i for i, name in enumerate(names) if name.startswith("fsync folder"))
    return range(first, last + 1)


def _assert_whole_after_interruption(store: VaultStore, old_code: str, committed: bool, step: str) -> None:
    unlocked = store.unlock(PASSPHRASE)
    try:
        assert unlocked.vault.scalar("SELECT count(*) FROM preferences") == ROTATION_ROWS, step
        last = ROTATION_ROWS - 1
        assert unlocked.vault.scalar("SELECT value FROM preferences WHERE key = ?", (f"r{last}",)) == (
            f"value {last} " * 4
        )
        assert unlocked.vault.integrity_problems() == [], step
    finally:
        unlocked.close()
    if not committed:
        # The rotation did not happen: the recovery code the user holds still works.
        store.unlock_with_recovery_code(old_code).close()
    else:
        with pytest.raises(WrongRecoveryCode):  # it happened, and is not half undone
            store.unlock_with_recovery_code(old_code)
    leftovers = sorted(p.name for p in store.paths.data_dir.iterdir())
    assert leftovers == ["vault.db", "vault.keys.json"], (step, leftovers)
    assert store.check(PASSPHRASE) == [], step


def _copy_vault(source: VaultStore, target_dir: Path) -> VaultStore:
    target_dir.mkdir()
    for name in ("vault.db", "vault.keys.json"):
        (target_dir / name).write_bytes((source.paths.data_dir / name).read_bytes())
    return VaultStore(resolve_paths(target_dir), TEST_PROFILE)


def test_rotation_raising_at_any_step_keeps_vault_and_data(store, created, tmp_path, monkeypatch):
    code = _rotation_vault(store, created)
    created[0].close()
    names = _rotation_steps(_copy_vault(store, tmp_path / "dry-run"), monkeypatch)
    commit = names.index("replace vault.keys.json.rotating -> vault.keys.json")
    for index in _steps_worth_stopping_at(names):
        step = names[index]
        trial = _copy_vault(store, tmp_path / f"step-{index}")
        unlocked = trial.unlock(PASSPHRASE)
        seen: list[str] = []

        def on_step(name: str, _stop: int = index, _seen: list[str] = seen) -> None:
            _seen.append(name)
            if len(_seen) == _stop + 1:
                raise Interrupted(name)

        with monkeypatch.context() as patch:
            rotation_steps.install(patch.setattr, on_step)
            with pytest.raises(Exception) as caught:  # noqa: B017 - Interrupted or what it became
                trial.rotate_data_key(unlocked, PASSPHRASE)
        assert "Traceback" not in str(caught.value)
        unlocked.close()
        _assert_whole_after_interruption(trial, code, committed=index > commit, step=step)
        # And the next rotation goes through.
        rotated, new_code = trial.rotate_data_key(trial.unlock(PASSPHRASE), PASSPHRASE)
        rotated.close()
        trial.unlock_with_recovery_code(new_code).close()


@pytest.mark.slow
def test_rotation_killed_at_any_step_keeps_vault_and_data(store, created, tmp_path, monkeypatch):
    code = _rotation_vault(store, created)
    created[0].close()
    names = _rotation_steps(_copy_vault(store, tmp_path / "dry-run"), monkeypatch)
    commit = names.index("replace vault.keys.json.rotating -> vault.keys.json")
    for index in _steps_worth_stopping_at(names):
        step = names[index]
        trial = _copy_vault(store, tmp_path / f"step-{index}")
        child = start(ROTATOR, trial.paths.data_dir, PASSPHRASE, index + 1)
        out, err = child.communicate(timeout=60)
        assert child.returncode == 70, err
        assert out.strip() == step
        _assert_whole_after_interruption(trial, code, committed=index > commit, step=step)
