"""Unlock, lock with Ctrl+L, and what a real lock drops."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QMessageBox

from tests.conftest import PASSPHRASE, assert_no_canary
from tests.ui.conftest import DraftView, activate, draft_views, unlock_via_ui
from therapist_desk.ui.main_window import MainWindow


def test_wrong_then_right_passphrase(qtbot, make_window, recovery_code, paths):
    window = make_window()
    page = window.lock_screen.unlock_page
    assert window.stack.currentWidget() is window.lock_screen
    assert page.passphrase.echoMode() == QLineEdit.EchoMode.Password
    assert page.passphrase.accessibleName()
    before = {p.name: p.read_bytes() for p in paths.data_dir.iterdir()}

    unlock_via_ui(qtbot, window, "not my passphrase")
    assert not window.bridge.session.is_unlocked
    assert page.error.isVisible()
    assert "passphrase" in page.error.text()
    assert page.passphrase.text() == ""
    assert not page.busy.isVisible() and page.passphrase.isEnabled()
    assert {p.name: p.read_bytes() for p in paths.data_dir.iterdir()} == before  # nothing touched

    unlock_via_ui(qtbot, window, PASSPHRASE)
    assert window.bridge.session.is_unlocked
    assert window.stack.currentWidget() is window.workspace
    assert window.state_label.text() == "Unlocked"
    assert str(paths.data_dir) in window.path_label.text()
    assert page.passphrase.text() == ""


def test_busy_indicator_while_the_kdf_runs(qtbot, make_window, recovery_code):
    window = make_window()
    page = window.lock_screen.unlock_page
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    page.unlock_button.click()
    # The KDF runs on a worker: the page shows it is busy until the result comes back.
    assert page.busy.isVisible() or window.bridge.session.is_unlocked
    assert not page.passphrase.isEnabled() or window.bridge.session.is_unlocked
    qtbot.waitUntil(lambda: window.bridge.session.is_unlocked)


def test_ctrl_l_locks_for_real(qtbot, unlocked_window: MainWindow, paths, isolated_dirs):
    window = unlocked_window
    view = window.workspace.section_views()["journal"]
    assert isinstance(view, DraftView)
    canary = "CANARY-ctrl-l-7f3a"
    qtbot.keyClicks(view.editor, canary)
    activate(qtbot, window)

    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    session = window.bridge.session
    assert not session.is_unlocked
    assert session.holds_connection is False
    assert window.workspace.section_views() == {}
    qtbot.waitUntil(lambda: draft_views() == [])  # deleted, not just hidden
    assert window.stack.currentWidget() is window.lock_screen
    assert window.state_label.text() == "Locked"
    assert not window.lock_action.isEnabled()
    # The lock hook saved the draft (encrypted) before the connection closed.
    reopened = session.store.unlock(PASSPHRASE)
    try:
        assert reopened.vault.scalar("SELECT value FROM meta WHERE key = 'test-draft'") == canary
    finally:
        reopened.close()
    assert_no_canary(
        canary, paths.data_dir, paths.config_dir, paths.cache_dir, paths.log_dir, *isolated_dirs.values()
    )


def test_lock_closes_dialogs_and_takes_back_the_clipboard(qtbot, unlocked_window: MainWindow):
    window = unlocked_window
    settings_dialog = window.open_settings()
    box = QMessageBox(QMessageBox.Icon.Information, "Question", "Still there?", parent=window)
    box.open()
    assert settings_dialog is not None and settings_dialog.isVisible() and box.isVisible()
    window.clipboard.copy("RECOVERY-CODE-ON-CLIPBOARD")

    window.bridge.lock()  # what auto-lock does while a dialog is open

    assert not settings_dialog.isVisible()
    assert not box.isVisible()
    assert QGuiApplication.clipboard().text() == ""
    assert not window.bridge.session.holds_connection


def test_lock_leaves_other_clipboard_text_alone(qtbot, unlocked_window: MainWindow):
    window = unlocked_window
    window.clipboard.copy("OUR-CODE")
    QGuiApplication.clipboard().setText("something the user copied elsewhere")
    window.bridge.lock()
    assert QGuiApplication.clipboard().text() == "something the user copied elsewhere"


def test_unlock_again_rebuilds_sections(qtbot, unlocked_window: MainWindow):
    window = unlocked_window
    first = window.workspace.section_views()["journal"]
    window.lock_action.trigger()
    qtbot.waitUntil(lambda: draft_views() == [])
    unlock_via_ui(qtbot, window)
    again = window.workspace.section_views()["journal"]
    assert again is not first
    assert window.workspace.current_section == "journal"


def test_lock_requested_while_unlocking_happens_after(qtbot, make_window, recovery_code):
    window = make_window()
    page = window.lock_screen.unlock_page
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    page.unlock_button.click()
    window.bridge.lock()  # e.g. the screen locked while the KDF was running
    qtbot.waitUntil(lambda: not window.bridge.busy)
    assert not window.bridge.session.is_unlocked
    assert not window.bridge.session.holds_connection
    assert window.stack.currentWidget() is window.lock_screen


def test_closing_the_window_locks(qtbot, unlocked_window: MainWindow):
    window = unlocked_window
    session = window.bridge.session
    window.close()
    assert not session.holds_connection


def test_section_shortcuts_and_sidebar(qtbot, unlocked_window: MainWindow):
    window = unlocked_window
    assert window.workspace.sidebar.isVisible()
    assert [window.workspace.sidebar.item(i).text() for i in range(2)] == ["Journal", "Caseload"]
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.current_section == "caseload"
    assert set(window.workspace.section_views()) == {"journal", "caseload"}
    for action in window.actions():
        assert not action.shortcut().isEmpty(), action.text()
        assert action.toolTip()
