"""Nothing typed in the journal reaches the disk in plaintext, the settings, or the clipboard after lock."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard, QGuiApplication

from tests.conftest import PASSPHRASE, assert_no_canary
from tests.ui.conftest import unlock_via_ui
from tests.ui.journal_helpers import (  # noqa: F401 (registry is a fixture)
    CTRL,
    SHIFT,
    focused,
    journal_views,
    open_journal,
    press,
    registry,
    wait_saved,
)
from therapist_desk.settings import SETTINGS_NAME


def test_a_canary_typed_everywhere_is_nowhere_on_disk_after_lock(
    qtbot, unlocked_window, paths, isolated_dirs
):
    window = unlocked_window
    canary = "CANARY-journal-7d1e9f"
    view = open_journal(qtbot, window)
    press(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.keyClicks(focused(), f"title {canary}")
    view.editor.tags.setFocus()
    qtbot.keyClicks(focused(), f"{canary}-tag")
    view.editor.body.setFocus()
    qtbot.keyClicks(focused(), f"body {canary}")
    wait_saved(qtbot, view, lambda n: canary in n.body)
    press(qtbot, Qt.Key.Key_A, CTRL | SHIFT)  # a bias reflection too
    qtbot.keyClicks(focused(), f"situation {canary}")
    view.editor.bias.dimensions["gender"].click()
    press(qtbot, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(focused(), canary)  # a search is typed, never stored
    view.search_bar.flush()
    assert view.model.rowCount() >= 1
    press(qtbot, Qt.Key.Key_L, CTRL)  # locks before the bias form's autosave has run
    assert not window.bridge.session.is_unlocked
    qtbot.waitUntil(lambda: journal_views() == [])

    reopened = window.bridge.store.unlock(PASSPHRASE)
    try:
        texts = [row[0] for row in reopened.vault.query("SELECT title || body || fields_text FROM notes")]
        assert sum(canary in text for text in texts) == 2  # both notes are in the vault, encrypted
    finally:
        reopened.close()
    assert_no_canary(
        canary, paths.data_dir, paths.config_dir, paths.cache_dir, paths.log_dir, *isolated_dirs.values()
    )
    settings_file = paths.config_dir / SETTINGS_NAME
    if settings_file.exists():
        assert canary not in settings_file.read_text(encoding="utf-8")


def test_text_copied_from_a_note_is_cleared_from_the_clipboard_at_lock(qtbot, unlocked_window):
    window = unlocked_window
    view = open_journal(qtbot, window)
    press(qtbot, Qt.Key.Key_N, CTRL)
    view.editor.body.setFocus()
    qtbot.keyClicks(focused(), "private words")
    press(qtbot, Qt.Key.Key_A, CTRL)
    press(qtbot, Qt.Key.Key_C, CTRL)
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text(QClipboard.Mode.Clipboard) == "private words"
    press(qtbot, Qt.Key.Key_L, CTRL)
    assert not window.bridge.session.is_unlocked
    assert clipboard.text(QClipboard.Mode.Clipboard) == ""


def test_text_copied_elsewhere_is_left_alone(qtbot, unlocked_window):
    window = unlocked_window
    open_journal(qtbot, window)
    clipboard = QGuiApplication.clipboard()
    window.workspace.sidebar.setFocus()  # the journal does not have the focus
    assert focused() is window.workspace.sidebar
    clipboard.setText("from another program")
    press(qtbot, Qt.Key.Key_L, CTRL)
    assert clipboard.text() == "from another program"
    unlock_via_ui(qtbot, window)
