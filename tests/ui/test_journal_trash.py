"""Delete to the trash, restore, delete forever, undo, and the 30-day purge at unlock."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import PASSPHRASE
from tests.ui.conftest import unlock_via_ui
from tests.ui.journal_helpers import (  # noqa: F401 (registry is a fixture)
    CTRL,
    SHIFT,
    add_notes,
    focused,
    open_journal,
    press,
    registry,
)
from therapist_desk.domain.journal import NoteDraft


def test_delete_goes_to_the_trash_and_restore_brings_it_back(qtbot, unlocked_window):
    view = open_journal(qtbot, unlocked_window)
    first, second, third = add_notes(
        view, NoteDraft(title="First"), NoteDraft(title="Second", body="Keep me"), NoteDraft(title="Third")
    )
    view.open_note(second.id)
    view.list.setFocus()
    press(qtbot, Qt.Key.Key_Delete)
    assert view.model.note_ids() == [third.id, first.id]
    assert view.journal.get(second.id).in_trash
    assert view.editor.note.id == first.id  # the next one opens
    assert view.message.isVisible() and view.message.undo_button.isVisible()
    assert "Moved to the trash" in view.message.text.text()

    press(qtbot, Qt.Key.Key_T, CTRL | SHIFT)
    assert view.pages.currentWidget() is view.trash
    assert [n.summary.id for n in view.trash.model.notes] == [second.id]
    assert view.trash.model.index(0, 0).data() == "Second"
    assert view.trash.model.index(0, 3).data() == "1 Apr 2026"  # 30 days after 2 March
    assert focused() is view.trash.table
    press(qtbot, Qt.Key.Key_R, CTRL)
    assert view.pages.currentWidget() is view.trash and view.trash.model.rowCount() == 0
    press(qtbot, Qt.Key.Key_Escape)
    assert view.pages.currentWidget() is view.splitter
    assert view.model.note_ids() == [third.id, second.id, first.id]
    assert view.editor.note.id == second.id and view.editor.body.toPlainText() == "Keep me"


def test_undo_in_the_message_restores_and_delete_forever_asks_first(qtbot, unlocked_window, dialogs):
    view = open_journal(qtbot, unlocked_window)
    (only,) = add_notes(view, NoteDraft(title="Only"))
    view.open_note(only.id)
    view.delete_action.trigger()
    assert view.model.rowCount() == 0 and view.editor_stack.currentWidget() is view.empty_page
    view.message.undo_button.click()
    assert view.model.note_ids() == [only.id] and view.editor.note.id == only.id

    view.delete_action.trigger()
    view.show_trash()
    dialogs.script("confirm", False)
    press(qtbot, Qt.Key.Key_Delete, SHIFT)
    assert view.trash.model.rowCount() == 1  # cancelled: still there
    dialogs.script("confirm", True)
    press(qtbot, Qt.Key.Key_Delete, SHIFT)
    assert view.trash.model.rowCount() == 0
    assert dialogs.titles("confirm") == ["Delete forever?", "Delete forever?"]
    assert view.journal.list_trash() == [] and view.journal.count_notes() == 0


def test_an_untouched_new_note_is_discarded_not_trashed(qtbot, unlocked_window):
    view = open_journal(qtbot, unlocked_window)
    press(qtbot, Qt.Key.Key_N, CTRL)
    view.list.setFocus()
    press(qtbot, Qt.Key.Key_Delete)
    assert view.journal.list_trash() == [] and view.model.rowCount() == 0
    assert not view.message.undo_button.isVisible()


def test_notes_trashed_more_than_30_days_ago_are_purged_at_unlock(qtbot, unlocked_window, clock):
    window = unlocked_window
    view = open_journal(qtbot, window)
    old, recent = add_notes(view, NoteDraft(title="Old"), NoteDraft(title="Recent"))
    view.journal.delete(old.id)
    clock.advance(20 * 86400)
    view.journal.delete(recent.id)
    clock.advance(11 * 86400)  # old: 31 days in the trash; recent: 11
    press(qtbot, Qt.Key.Key_L, CTRL)
    unlock_via_ui(qtbot, window, PASSPHRASE)
    view = open_journal(qtbot, window)
    assert [t.summary.id for t in view.journal.list_trash()] == [recent.id]
