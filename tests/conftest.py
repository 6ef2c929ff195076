"""Shared fixtures: every test gets its own data, config, cache, log, runtime and temp folders."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from therapist_desk.paths import AppPaths, resolve_paths  # noqa: E402
from therapist_desk.security.kdf import TEST_PROFILE  # noqa: E402
from therapist_desk.services.vault_store import UnlockedVault, VaultStore  # noqa: E402

PASSPHRASE = "river stone quiet lamp"
REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Point every platform folder (and TMPDIR) into this test's tmp_path."""
    dirs = {}
    for var, name in [
        ("XDG_DATA_HOME", "xdg-data"),
        ("XDG_CONFIG_HOME", "xdg-config"),
        ("XDG_CACHE_HOME", "xdg-cache"),
        ("XDG_STATE_HOME", "xdg-state"),
        ("XDG_RUNTIME_DIR", "xdg-runtime"),
        ("TMPDIR", "tmp"),
    ]:
        path = tmp_path / name
        path.mkdir(mode=0o700)
        monkeypatch.setenv(var, str(path))
        dirs[var] = path
    monkeypatch.setattr("tempfile.tempdir", None)
    return dirs


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return resolve_paths(tmp_path / "data")


@pytest.fixture
def store(paths: AppPaths) -> VaultStore:
    """A vault store with the cheap test KDF profile (the product one is tested on its own)."""
    return VaultStore(paths, TEST_PROFILE)


@pytest.fixture
def created(store: VaultStore) -> tuple[UnlockedVault, str]:
    unlocked, code = store.create(PASSPHRASE)
    yield unlocked, code
    unlocked.close()


@pytest.fixture
def unlocked(created: tuple[UnlockedVault, str]) -> UnlockedVault:
    return created[0]


@pytest.fixture
def passphrase_file(tmp_path: Path) -> Path:
    path = tmp_path / "passphrase.txt"
    path.write_text(PASSPHRASE + "\n")
    return path


def cli_env(isolated: dict[str, Path]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update({k: str(v) for k, v in isolated.items()})
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return env


@pytest.fixture
def run_cli(isolated_dirs: dict[str, Path]):
    """Run ``python -m therapist_desk ARGS`` in a subprocess with no display."""

    def run(*args: str, stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "therapist_desk", *map(str, args)],
            input=stdin if stdin is not None else "",
            capture_output=True,
            text=True,
            timeout=timeout,
            env=cli_env(isolated_dirs),
            cwd=REPO_ROOT,
        )

    return run


def all_files_under(*roots: Path) -> Iterator[Path]:
    for root in roots:
        if root.exists():
            yield from (p for p in root.rglob("*") if p.is_file())


def assert_no_canary(canary: str, *roots: Path) -> None:
    """The canary must not appear (UTF-8 or UTF-16) in any file under ``roots``."""
    needles = [canary.encode("utf-8"), canary.encode("utf-16-le")]
    for file in all_files_under(*roots):
        data = file.read_bytes()
        for needle in needles:
            assert needle not in data, f"plaintext canary found in {file}"
