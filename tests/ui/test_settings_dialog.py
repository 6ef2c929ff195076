"""The settings dialog: preferences, change passphrase, rotate data key, show the data folder."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from tests.conftest import PASSPHRASE
from tests.ui.conftest import DraftView, draft_views, unlock_via_ui
from therapist_desk.domain.errors import WrongPassphrase, WrongRecoveryCode
from therapist_desk.settings import SETTINGS_NAME, registered_preferences
from therapist_desk.ui.main_window import MainWindow
from therapist_desk.ui.settings_dialog import SettingsDialog

NEW_PASSPHRASE = "lantern meadow copper eleven"


def open_settings(window: MainWindow) -> SettingsDialog:
    dialog = window.open_settings()
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_preferences_are_saved(qtbot, unlocked_window: MainWindow, paths, settings):
    dialog = open_settings(unlocked_window)
    assert dialog.auto_lock.value() == 10
    assert dialog.screen_lock.isChecked()
    dialog.auto_lock.setValue(25)
    dialog.screen_lock.setChecked(False)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert settings.auto_lock_minutes == 25
    assert settings.lock_on_screen_lock is False
    stored = json.loads((paths.config_dir / SETTINGS_NAME).read_text())
    assert stored["auto_lock_minutes"] == 25 and stored["lock_on_screen_lock"] is False
    assert set(stored) <= set(registered_preferences())  # nothing but registered preferences


def test_cancel_keeps_preferences(qtbot, unlocked_window: MainWindow, settings):
    dialog = open_settings(unlocked_window)
    dialog.auto_lock.setValue(99)
    dialog.reject()
    assert settings.auto_lock_minutes == 10


def test_change_passphrase(qtbot, unlocked_window: MainWindow, dialogs):
    window = unlocked_window
    dialog = open_settings(window)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    change = dialog.passphrase_dialog
    assert change is not None and change.isVisible()

    qtbot.keyClicks(change.current, "wrong current passphrase")
    qtbot.keyClicks(change.form.first, NEW_PASSPHRASE)
    qtbot.keyClicks(change.form.second, NEW_PASSPHRASE)
    qtbot.mouseClick(change.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: change.error.isVisible(), timeout=20_000)
    assert "current passphrase" in change.error.text()
    assert change.current.text() == ""

    qtbot.keyClicks(change.current, PASSPHRASE)
    qtbot.mouseClick(change.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not change.isVisible(), timeout=20_000)
    assert ("info", "Passphrase changed") in dialogs.calls
    assert window.bridge.session.is_unlocked  # still open, nothing rewritten

    dialog.reject()
    window.lock_action.trigger()
    store = window.bridge.store
    with pytest.raises(WrongPassphrase):
        store.unlock(PASSPHRASE)
    unlock_via_ui(qtbot, window, NEW_PASSPHRASE)
    assert window.bridge.session.is_unlocked


def test_rotate_data_key_keeps_data_and_issues_a_new_code(
    qtbot, unlocked_window: MainWindow, dialogs, recovery_code
):
    window = unlocked_window
    view = window.workspace.section_views()["journal"]
    assert isinstance(view, DraftView)
    qtbot.keyClicks(view.editor, "draft written before the rotation")
    old_key = bytes(window.bridge.session.unlocked_vault.data_key)

    dialogs.script("confirm", True).script("ask", PASSPHRASE)
    dialog = open_settings(window)
    qtbot.mouseClick(dialog.rotate_button, Qt.MouseButton.LeftButton)
    rotation = dialog.rotation
    qtbot.waitUntil(
        lambda: rotation.code_dialog is not None and rotation.code_dialog.isVisible(), timeout=30_000
    )
    assert dialogs.titles("confirm") == ["Rotate data key"]
    assert rotation.progress is None  # the progress dialog is gone

    code_view = rotation.code_dialog.view
    new_code = code_view.code_label.text()
    assert new_code and new_code != recovery_code
    session = window.bridge.session
    assert session.is_unlocked and session.holds_connection
    assert bytes(session.unlocked_vault.data_key) != old_key
    # The draft was saved by the lock hook before the rekey and survived it.
    assert session.unlocked_vault.vault.scalar("SELECT value FROM meta WHERE key = 'test-draft'") == (
        "draft written before the rotation"
    )
    # Sections came back with the new services.
    assert window.workspace.section_views()["journal"] is not view

    code_view.stored.setChecked(True)
    code_view.continue_button.click()
    assert not rotation.code_dialog.isVisible()
    assert code_view.code_label.text() == ""  # forgotten once closed

    store = window.bridge.store
    dialog.reject()
    window.bridge.lock()
    with pytest.raises(WrongRecoveryCode):
        store.unlock_with_recovery_code(recovery_code)
    store.unlock_with_recovery_code(new_code).close()
    store.unlock(PASSPHRASE).close()


def test_rotate_with_the_wrong_passphrase_changes_nothing(qtbot, unlocked_window: MainWindow, dialogs, paths):
    window = unlocked_window
    before = {p.name: p.read_bytes() for p in paths.data_dir.iterdir() if p.name.startswith("vault.keys")}
    dialogs.script("confirm", True).script("ask", "not the passphrase")
    dialog = open_settings(window)
    dialog.rotate_button.click()
    qtbot.waitUntil(lambda: dialogs.titles("error") == ["Data key not rotated"], timeout=30_000)
    assert window.bridge.session.is_unlocked
    assert "journal" in window.workspace.section_views()
    after = {p.name: p.read_bytes() for p in paths.data_dir.iterdir() if p.name.startswith("vault.keys")}
    assert after == before


def test_rotate_declined(qtbot, unlocked_window: MainWindow, dialogs):
    dialogs.script("confirm", False)
    dialog = open_settings(unlocked_window)
    views = unlocked_window.workspace.section_views()
    assert dialog.rotation.start() is False
    assert unlocked_window.workspace.section_views() == views  # sections untouched


def test_lock_during_rotation_waits_for_it(qtbot, unlocked_window: MainWindow, dialogs):
    window = unlocked_window
    dialogs.script("confirm", True).script("ask", PASSPHRASE)
    dialog = open_settings(window)
    dialog.rotate_button.click()
    window.bridge.lock()  # auto-lock fires mid-rotation: deferred, not under the worker's feet
    qtbot.waitUntil(lambda: not window.bridge.busy, timeout=30_000)
    qtbot.waitUntil(lambda: not window.bridge.session.is_unlocked)
    assert not window.bridge.session.holds_connection
    qtbot.waitUntil(lambda: draft_views() == [])
    window.bridge.store.unlock(PASSPHRASE).close()  # the vault is consistent afterwards

    # The new recovery code was never confirmed: it is shown again after the next unlock.
    unlock_via_ui(qtbot, window)
    again = window.unseen_code_dialog
    assert again is not None and again.isVisible()
    code = again.view.code
    again.view.stored.setChecked(True)
    again.view.continue_button.click()
    window.bridge.lock()
    window.bridge.store.unlock_with_recovery_code(code).close()


def test_show_data_folder(qtbot, unlocked_window: MainWindow, dialogs, paths):
    dialog = open_settings(unlocked_window)
    assert dialog.folder_label.text() == str(paths.data_dir)
    assert dialog.folder_label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    dialog.folder_button.click()
    assert dialogs.opened_folders == [paths.data_dir]


def test_settings_unavailable_while_locked(qtbot, make_window, recovery_code):
    window = make_window()
    assert not window.settings_action.isEnabled()
    assert window.open_settings() is None
