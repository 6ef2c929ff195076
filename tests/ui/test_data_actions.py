"""Issue 4 in the window: back up now, restore, export (with its warning), import."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog

from tests.conftest import PASSPHRASE
from tests.ui.conftest import activate, unlock_via_ui
from tests.ui.data_helpers import DATA, DOCUMENT, RecordingDialogs, clients_in, wait_for
from therapist_desk.domain.errors import InvalidBackup
from therapist_desk.paths import AppPaths
from therapist_desk.security.kdf import TEST_PROFILE
from therapist_desk.services.backup import create_backup
from therapist_desk.services.backup_archive import verify_backup
from therapist_desk.services.exchange import import_document
from therapist_desk.services.vault_store import VaultStore


@pytest.fixture
def dialogs() -> RecordingDialogs:
    return RecordingDialogs()


def test_back_up_now_writes_a_verified_file_off_the_ui_thread(
    qtbot, unlocked_window, dialogs, paths, tmp_path
):
    window = unlocked_window
    dialogs.script("pick_save_file", tmp_path / "mine")  # no suffix typed: .tdbackup is added
    window.data_actions.backup_action.trigger()
    # The action returned while the backup still runs on a worker: the window is not frozen.
    assert window.bridge.busy
    assert window.findChild(QProgressDialog, "dataJobProgress") is not None
    wait_for(qtbot, dialogs, "info", "Backup made")
    assert dialogs.suggested == [paths.backup_dir / "therapist-desk-2026-03-02.tdbackup"]
    target = tmp_path / "mine.tdbackup"
    info = verify_backup(target)
    assert info.vault_id == window.bridge.store.read_key_file().vault_id
    assert str(target) in dialogs.texts["info"][-1]
    assert window.bridge.session.is_unlocked
    assert window.data_actions.backups.status.label.text().startswith("Last backup: today")


def test_back_up_now_failure_is_reported_and_writes_nothing(qtbot, unlocked_window, dialogs, tmp_path):
    dialogs.script("pick_save_file", tmp_path / "no such folder" / "b.tdbackup")
    unlocked_window.data_actions.backup_action.trigger()
    wait_for(qtbot, dialogs, "error", "Backup not made")
    assert "No backup was written." in dialogs.texts["error"][-1]
    assert not (tmp_path / "no such folder").exists()
    assert unlocked_window.bridge.session.is_unlocked


def test_export_shows_the_warning_then_writes_the_document(qtbot, unlocked_window, dialogs, tmp_path):
    window = unlocked_window
    import_document(window.bridge.session.services.vault, json.loads(json.dumps(DOCUMENT)))
    window.data_actions.export_action.trigger()
    warning = window.data_actions.export_warning
    assert warning is not None and warning.isVisible()
    assert "NOT encrypted" in warning.text() and "everything" in warning.text()
    assert warning.cancel_button.isDefault()  # the safe choice is the default
    assert "pick_save_file" not in [name for name, _ in dialogs.calls]  # nothing asked before the warning
    target = tmp_path / "export.json"
    dialogs.script("pick_save_file", target)
    warning.confirm_button.click()
    wait_for(qtbot, dialogs, "info", "Export written")
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["format"] == "therapist-desk/export"
    assert sorted(c["alias"] for c in document["clients"]) == ["K7", "River"]
    assert len(document["notes"]) == 1
    text = dialogs.texts["info"][-1]
    assert "Clients: 2" in text and "Sessions: 1" in text and "NOT encrypted" in text
    assert not list(tmp_path.glob(".*"))  # the atomic write left no temp file behind


def test_export_cancelled_at_the_warning_writes_nothing(qtbot, unlocked_window, dialogs, tmp_path):
    window = unlocked_window
    window.data_actions.export_action.trigger()
    window.data_actions.export_warning.cancel_button.click()
    qtbot.waitUntil(lambda: window.data_actions.export_warning is None)
    assert dialogs.calls == []
    assert list(tmp_path.glob("*.json")) == []


def test_markdown_export_warns_and_writes_one_file_per_note(qtbot, unlocked_window, dialogs, tmp_path):
    window = unlocked_window
    import_document(window.bridge.session.services.vault, json.loads(json.dumps(DOCUMENT)))
    (tmp_path / "Documents").mkdir()
    (tmp_path / "Documents" / "letter.txt").write_text("not ours")
    window.data_actions.markdown_action.trigger()
    warning = window.data_actions.export_warning
    assert "NOT encrypted" in warning.text()
    dialogs.script("pick_folder", tmp_path / "Documents")
    warning.confirm_button.click()
    wait_for(qtbot, dialogs, "info", "Notes exported")
    # A folder that already holds files gets a dated subfolder, not loose files.
    (written,) = (tmp_path / "Documents" / "therapist-desk-notes-2026-03-02").glob("*.md")
    assert "After group" in written.read_text(encoding="utf-8")


def test_import_of_an_invalid_document_names_the_field_and_writes_nothing(
    qtbot, unlocked_window, dialogs, tmp_path
):
    window = unlocked_window
    document = json.loads(json.dumps(DOCUMENT))
    document["sessions"][0]["intensity"] = 6
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    dialogs.script("pick_open_file", path)
    window.data_actions.import_action.trigger()
    wait_for(qtbot, dialogs, "error", "Import refused")
    text = dialogs.texts["error"][-1]
    assert text.startswith("Nothing was imported, and nothing in the vault was changed.")
    assert "sessions[0].intensity" in text
    assert clients_in(window) == 0  # the valid clients before the bad session were not written either


def test_import_shows_counts_and_a_second_import_adds_nothing(qtbot, unlocked_window, dialogs, tmp_path):
    window = unlocked_window
    path = tmp_path / "export.json"
    path.write_text(json.dumps(DOCUMENT), encoding="utf-8")
    window.workspace.select("caseload")
    dialogs.script("pick_open_file", path, path)
    window.data_actions.import_action.trigger()
    wait_for(qtbot, dialogs, "info", "Import finished")
    first = dialogs.texts["info"][-1]
    assert "Clients: 2 added, 0 already present" in first
    assert "Sessions: 1 added, 0 already present" in first
    assert "Reflection notes: 1 added, 0 already present" in first
    assert clients_in(window) == 2
    assert window.workspace.current_section == "caseload"  # the sections came back where they were

    window.data_actions.import_action.trigger()
    qtbot.waitUntil(lambda: len(dialogs.texts["info"]) == 2, timeout=20_000)
    second = dialogs.texts["info"][-1]
    assert second.startswith("Nothing new")
    assert "Clients: 0 added, 2 already present" in second
    assert clients_in(window) == 2


def test_import_from_jrnl(qtbot, unlocked_window, dialogs):
    dialogs.script("pick_open_file", DATA / "jrnl_export.json")
    unlocked_window.data_actions.journal_action.trigger()
    wait_for(qtbot, dialogs, "info", "Import finished")
    source = json.loads((DATA / "jrnl_export.json").read_text(encoding="utf-8"))
    assert f"Reflection notes: {len(source['entries'])} added" in dialogs.texts["info"][-1]


def test_restore_replaces_the_vault_only_after_the_second_confirmation(
    qtbot, unlocked_window, dialogs, paths, tmp_path
):
    window = unlocked_window
    session = window.bridge.session
    backup = tmp_path / "before.tdbackup"
    info = create_backup(session.unlocked_vault, backup)
    session.services.vault.execute("INSERT INTO meta(key, value) VALUES ('marker', 'after the backup')")

    # First question answered, the separate second one declined: nothing happens.
    dialogs.script("pick_open_file", backup).script("confirm", True, False)
    window.data_actions.restore_action.trigger()
    qtbot.waitUntil(lambda: len(dialogs.titles("confirm")) == 2, timeout=20_000)
    assert dialogs.titles("confirm") == ["Restore from backup", "Replace the current vault?"]
    described = dialogs.texts["confirm"][0]
    assert info.vault_id in described and "Schema version" in described
    assert "vault you use now" in described
    assert "safety copy" in dialogs.texts["confirm"][1]
    assert session.is_unlocked
    assert session.services.vault.scalar("SELECT value FROM meta WHERE key = 'marker'") == "after the backup"
    assert not list(paths.backup_dir.glob("before-restore-*"))

    dialogs.script("pick_open_file", backup).script("confirm", True, True)
    window.data_actions.restore_action.trigger()
    notice = lambda: window.data_actions.restore.notice  # noqa: E731
    qtbot.waitUntil(lambda: notice() is not None and notice().isVisible(), timeout=20_000)
    assert not session.is_unlocked
    assert window.stack.currentWidget() is window.lock_screen
    assert "passphrase that was valid when that backup was made" in notice().text()
    (safety,) = paths.backup_dir.glob("before-restore-*")
    assert (safety / "vault.db").is_file() and (safety / "vault.keys.json").is_file()

    unlock_via_ui(qtbot, window, PASSPHRASE)
    assert session.is_unlocked
    assert session.services.vault.scalar("SELECT value FROM meta WHERE key = 'marker'") is None
    assert not notice().isVisible()


def test_restore_of_a_damaged_backup_asks_nothing_and_changes_nothing(
    qtbot, unlocked_window, dialogs, paths, tmp_path
):
    window = unlocked_window
    garbage = tmp_path / "broken.tdbackup"
    garbage.write_bytes(b"PK\x03\x04 not really a backup")
    with pytest.raises(InvalidBackup):
        verify_backup(garbage)
    dialogs.script("pick_open_file", garbage)
    window.data_actions.restore_action.trigger()
    wait_for(qtbot, dialogs, "error", "Backup not restored")
    assert dialogs.texts["error"][-1].startswith("Nothing was changed.")
    assert dialogs.titles("confirm") == []
    assert window.bridge.session.is_unlocked
    assert not list(paths.backup_dir.glob("before-restore-*"))


def test_restore_on_the_first_run_brings_an_old_vault_to_a_new_computer(
    qtbot, make_window, dialogs, paths, tmp_path
):
    old = AppPaths(tmp_path / "old", tmp_path / "oc", tmp_path / "ok", tmp_path / "ol", tmp_path / "or")
    unlocked, _code = VaultStore(old, TEST_PROFILE).create(PASSPHRASE)
    unlocked.vault.execute("INSERT INTO meta(key, value) VALUES ('marker', 'from the old laptop')")
    create_backup(unlocked, tmp_path / "old.tdbackup")
    unlocked.close()

    window = make_window()
    assert window.first_run is not None
    assert window.data_actions.restore_action.isEnabled()
    dialogs.script("pick_open_file", tmp_path / "old.tdbackup").script("confirm", True)
    window.data_actions.restore_action.trigger()
    qtbot.waitUntil(lambda: window.first_run is None, timeout=20_000)
    assert dialogs.titles("confirm") == ["Restore from backup"]  # no vault here to replace
    assert window.stack.currentWidget() is window.lock_screen
    unlock_via_ui(qtbot, window)
    assert window.bridge.session.services.vault.scalar("SELECT value FROM meta WHERE key = 'marker'") == (
        "from the old laptop"
    )


def test_actions_follow_the_lock_state_and_have_shortcuts(qtbot, make_window, recovery_code, dialogs):
    window = make_window()
    actions = window.data_actions
    assert not actions.backup_action.isEnabled() and not actions.import_action.isEnabled()
    assert actions.restore_action.isEnabled()  # a vault that will not open can be replaced
    for action in actions.actions():
        assert not action.shortcut().isEmpty() and action.text()
        assert action in window.vault_menu.actions()
    unlock_via_ui(qtbot, window)
    assert actions.backup_action.isEnabled() and actions.export_action.isEnabled()
    activate(qtbot, window)
    dialogs.script("pick_save_file", None)
    qtbot.keyClick(
        window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert dialogs.titles("pick_save_file") == ["Back up now"]


# -- the status line's words (pure) -------------------------------------------------------------
