"""The demo vault beside the data folder: where it goes, what marks it, and what is never removed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.conftest import PASSPHRASE, assert_no_canary
from therapist_desk.domain.clock import FakeClock
from therapist_desk.domain.errors import InvalidEntry, UsageError, VaultAlreadyExists, WrongPassphrase
from therapist_desk.paths import resolve_paths
from therapist_desk.security.kdf import TEST_PROFILE
from therapist_desk.services.demo_vault import (
    MARKER_NAME,
    DemoStopped,
    build_demo_vault,
    demo_paths,
    is_marked_demo,
    remove_demo_vault,
)
from therapist_desk.services.vault_store import VaultStore

CLOCK = FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
SMALL = {"years": 1, "scale": 0.05}


@pytest.fixture
def demo_store(paths) -> VaultStore:
    return VaultStore(demo_paths(paths), TEST_PROFILE)


def test_the_demo_folder_is_a_sibling_of_the_data_folder(paths, tmp_path) -> None:
    demo = demo_paths(paths)
    assert demo.data_dir == tmp_path / "data-demo"
    assert demo.config_dir == paths.config_dir and demo.runtime_dir == paths.runtime_dir
    default = resolve_paths(None)
    assert demo_paths(default).data_dir == default.data_dir.with_name(default.data_dir.name + "-demo")


def test_build_makes_a_marked_encrypted_vault_full_of_data(paths, demo_store) -> None:
    seen: list[int] = []
    unlocked = build_demo_vault(demo_store, PASSPHRASE, CLOCK, progress=seen.append, **SMALL)
    try:
        notes = unlocked.vault.scalar("SELECT COUNT(*) FROM notes")
        assert notes > 0 and unlocked.vault.scalar("SELECT COUNT(*) FROM clients") > 0
        body = unlocked.vault.scalar("SELECT body FROM notes LIMIT 1")
    finally:
        unlocked.close()
    assert seen[0] == 0 and seen[-1] == 100 and seen == sorted(seen)
    assert is_marked_demo(demo_store.paths)
    assert demo_store.db_path.read_bytes()[:16] != b"SQLite format 3\0"
    assert not paths.data_dir.exists()  # the real folder is never created
    # Synthetic or not, nothing readable on disk: a phrase of a note and the passphrase.
    assert_no_canary(body.split(".")[0][:40], demo_store.paths.data_dir)
    assert_no_canary(PASSPHRASE, demo_store.paths.data_dir)
    demo_store.unlock(PASSPHRASE).close()


def test_an_existing_vault_is_refused_unless_replacing(demo_store) -> None:
    build_demo_vault(demo_store, PASSPHRASE, CLOCK, **SMALL).close()
    before = demo_store.keys_path.read_bytes()
    with pytest.raises(VaultAlreadyExists):
        build_demo_vault(demo_store, "another passphrase here", CLOCK, **SMALL)
    assert demo_store.keys_path.read_bytes() == before

    build_demo_vault(demo_store, "another passphrase here", CLOCK, replace_existing=True, **SMALL).close()
    with pytest.raises(WrongPassphrase):
        demo_store.unlock(PASSPHRASE)
    demo_store.unlock("another passphrase here").close()


def test_an_unmarked_vault_in_the_demo_folder_is_never_removed(demo_store) -> None:
    # Someone keeps a real vault under that name (or made it with `therapist-desk demo`).
    demo_store.create(PASSPHRASE)[0].close()
    files = {p.name: p.read_bytes() for p in demo_store.paths.data_dir.iterdir()}
    with pytest.raises(VaultAlreadyExists, match="not made as a demo"):
        build_demo_vault(demo_store, "another passphrase here", CLOCK, replace_existing=True, **SMALL)
    with pytest.raises(VaultAlreadyExists):
        remove_demo_vault(demo_store.paths)
    assert {p.name: p.read_bytes() for p in demo_store.paths.data_dir.iterdir()} == files
    assert not (demo_store.paths.data_dir / MARKER_NAME).exists()


def test_remove_keeps_the_marker_and_other_files(demo_store) -> None:
    build_demo_vault(demo_store, PASSPHRASE, CLOCK, **SMALL).close()
    other = demo_store.paths.data_dir / "notes-of-mine.txt"
    other.write_text("not ours")
    remove_demo_vault(demo_store.paths)
    assert not demo_store.exists()
    assert sorted(p.name for p in demo_store.paths.data_dir.iterdir()) == [MARKER_NAME, other.name]


def test_stopping_half_way_leaves_no_vault(demo_store) -> None:
    calls = []

    def stop() -> bool:
        calls.append(1)
        return len(calls) > 2  # after the vault was created, during the generator

    with pytest.raises(DemoStopped):
        build_demo_vault(demo_store, PASSPHRASE, CLOCK, stop=stop, **SMALL)
    assert not demo_store.exists()
    assert not any(p.name.startswith("vault.") for p in demo_store.paths.data_dir.iterdir())


def test_bad_sizes_are_refused_before_anything_is_written(demo_store) -> None:
    with pytest.raises(InvalidEntry):
        build_demo_vault(demo_store, PASSPHRASE, CLOCK, years=0, scale=0.2)
    with pytest.raises(InvalidEntry):
        build_demo_vault(demo_store, PASSPHRASE, CLOCK, years=1, scale=0)
    assert not demo_store.paths.data_dir.exists()


def test_a_file_where_the_demo_folder_goes_is_refused(demo_store) -> None:
    demo_store.paths.data_dir.write_text("a file")
    with pytest.raises(UsageError, match="is a file, not a folder"):
        build_demo_vault(demo_store, PASSPHRASE, CLOCK, **SMALL)
    assert demo_store.paths.data_dir.read_text() == "a file"
