"""The journal editor: a note from a prompt, autosave while typing, across a lock, and when saving fails."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import PASSPHRASE
from tests.ui.conftest import activate, unlock_via_ui
from tests.ui.journal_helpers import (  # noqa: F401 (registry is a fixture)
    CTRL,
    SHIFT,
    add_notes,
    focused,
    journal_views,
    open_journal,
    press,
    registry,
    wait_saved,
)
from therapist_desk.domain.errors import StorageWriteFailed
from therapist_desk.domain.journal import NoteDraft
from therapist_desk.ui.journal.prompt_dialog import PromptDialog


def test_a_note_from_a_prompt_remembers_it_and_is_autosaved_while_typing(qtbot, unlocked_window):
    view = open_journal(qtbot, unlocked_window)
    assert view.editor_stack.currentWidget() is view.empty_page  # a new vault: nothing to open
    press(qtbot, Qt.Key.Key_N, CTRL | SHIFT)
    dialog = view.prompt_dialog
    assert isinstance(dialog, PromptDialog) and dialog.isVisible()
    dialog.select_theme("stalled_progress")
    dialog.select_prompt("stalled-02")
    prompt_text = view.library.get("stalled-02").text
    assert dialog.current_prompt().text == prompt_text
    dialog.start_button.click()

    note = view.editor.note
    assert note is not None and note.prompt_id == "stalled-02" and note.kind == "free"
    assert view.editor.prompt_box.isVisible()
    assert view.editor.prompt_box.text.text() == prompt_text
    assert view.editor.prompt_box.text.textFormat() == Qt.TextFormat.PlainText
    assert focused() is view.editor.body  # straight to writing
    qtbot.keyClicks(focused(), "The question for supervision: is IOP still right?")
    assert view.editor.save_state.text() == "Saving…"
    wait_saved(qtbot, view, lambda n: n.body == "The question for supervision: is IOP still right?")
    stored = view.journal.get(note.id)
    assert stored.prompt_id == "stalled-02" and "stalled_progress" in stored.themes
    qtbot.waitUntil(lambda: view.editor.save_state.text() == "Saved")
    assert "8 words" in view.editor.meta.text()
    assert view.model.rowCount() == 1 and view.model.row_at(0).text.startswith("The question")


def test_typing_then_locking_at_once_keeps_every_character(qtbot, unlocked_window, paths):
    window = unlocked_window
    view = open_journal(qtbot, window)
    press(qtbot, Qt.Key.Key_N, CTRL)
    assert focused() is view.editor.title
    qtbot.keyClicks(focused(), "Evening")
    press(qtbot, Qt.Key.Key_Tab)  # tags
    qtbot.keyClicks(focused(), "grief, IOP")
    view.editor.body.setFocus()
    qtbot.keyClicks(focused(), "Typed just before Ctrl+L.")
    assert view.autosaver.pending  # the debounce has not fired yet
    note_id = view.editor.note.id
    press(qtbot, Qt.Key.Key_L, CTRL)  # lock from inside the editor, before the autosave
    assert not window.bridge.session.is_unlocked
    qtbot.waitUntil(lambda: journal_views() == [])  # deleted, not hidden

    unlock_via_ui(qtbot, window, PASSPHRASE)
    view = open_journal(qtbot, window)
    assert view.editor.note is not None and view.editor.note.id == note_id  # the newest opens
    assert view.editor.title.text() == "Evening"
    assert view.editor.tags.text() == "grief, IOP"
    assert view.editor.body.toPlainText() == "Typed just before Ctrl+L."


def test_a_failed_autosave_keeps_the_text_says_so_and_retries(qtbot, unlocked_window, monkeypatch):
    view = open_journal(qtbot, unlocked_window)
    older, _newer = add_notes(view, NoteDraft(title="Older"), NoteDraft(title="Newer"))
    view.open_note(view.model.row_at(0).id)
    real_save = view.journal.save
    failing = {"on": True}

    def save(note_id, draft):
        if failing["on"]:
            raise StorageWriteFailed(
                "The change could not be saved: the disk is full or not writable. "
                "Everything saved before is safe; free some space and try again."
            )
        return real_save(note_id, draft)

    monkeypatch.setattr(view.journal, "save", save)
    view.editor.body.setFocus()
    qtbot.keyClicks(focused(), "Words that must survive a full disk.")
    qtbot.waitUntil(lambda: view.message.isVisible(), timeout=3000)
    message = view.message.text.text()
    assert message.startswith("Not saved: The change could not be saved: the disk is full")
    assert "Your text is still here" in message
    assert view.editor.save_state.text() == "Not saved"
    assert view.editor.body.toPlainText() == "Words that must survive a full disk."

    # Moving to another note would drop the text: the editor stays on this one.
    view.list.setCurrentIndex(view.model.index(view.model.row_of(older.id)))
    assert view.editor.note.title == "Newer"
    assert view.editor.body.toPlainText() == "Words that must survive a full disk."
    assert view.model.row_at(view.list.currentIndex().row()).title == "Newer"

    failing["on"] = False  # space freed; the next keystroke saves everything
    qtbot.keyClicks(view.editor.body, "!")
    wait_saved(qtbot, view, lambda n: n.body == "Words that must survive a full disk.!")
    qtbot.waitUntil(lambda: not view.message.isVisible())
    assert view.editor.save_state.text() == "Saved"


def test_a_refused_draft_is_explained_and_nothing_typed_is_lost(qtbot, unlocked_window):
    """A real refusal from the service (a tag longer than 60 characters): no mock involved."""
    view = open_journal(qtbot, unlocked_window)
    press(qtbot, Qt.Key.Key_N, CTRL)
    view.editor.body.setFocus()
    qtbot.keyClicks(focused(), "Body text")
    view.editor.tags.setFocus()
    qtbot.keyClicks(focused(), "x" * 61)
    qtbot.waitUntil(lambda: view.message.isVisible(), timeout=3000)
    assert "A tag can be at most 60 characters long." in view.message.text.text()
    assert view.journal.get(view.editor.note.id).body == ""  # all or nothing
    press(qtbot, Qt.Key.Key_Backspace)
    wait_saved(qtbot, view, lambda n: n.body == "Body text" and n.tags == ("x" * 60,))


def test_a_new_note_left_empty_is_not_kept(qtbot, unlocked_window):
    view = open_journal(qtbot, unlocked_window)
    (kept,) = add_notes(view, NoteDraft(title="Kept", body="Something"))
    press(qtbot, Qt.Key.Key_N, CTRL)
    empty_id = view.editor.note.id
    assert view.model.rowCount() == 2
    assert view.open_note(kept.id)
    assert view.model.note_ids() == [kept.id]
    assert view.journal.count_notes() == 1
    assert empty_id not in view.model.note_ids()


def test_title_tags_and_client_are_saved_and_shown_as_plain_text(qtbot, unlocked_window):
    view = open_journal(qtbot, unlocked_window)
    caseload = unlocked_window.bridge.session.services.caseload
    river = caseload.add_client("River", "iop").client.id
    add_notes(view, NoteDraft(title="Earlier", tags=("supervision", "grief")))
    view._refresh_choices()
    press(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.keyClicks(focused(), "<b>x</b> & <i>y</i>")
    assert view.editor.tags.known() == ["grief", "supervision"]
    view.editor.tags.setFocus()
    qtbot.keyClicks(focused(), "sup")
    completer = view.editor.tags.completer_
    assert completer.popup().isVisible() and completer.currentCompletion() == "supervision"
    popup = QApplication.activePopupWidget()  # where Qt sends keys while the popup is open
    assert popup is completer.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # take the completion
    assert view.editor.tags.text() == "supervision, "
    view.editor.client.setCurrentIndex(view.editor.client.findText("River"))
    wait_saved(qtbot, view, lambda n: n.client_id == river and n.tags == ("supervision",))
    stored = view.journal.get(view.editor.note.id)
    assert stored.title == "<b>x</b> & <i>y</i>"
    row = view.model.row_of(stored.id)
    assert view.model.index(row).data() == "<b>x</b> & <i>y</i>"  # a plain string, drawn as text
    assert view.editor.title.text() == "<b>x</b> & <i>y</i>"


def test_keyboard_only_tab_order_from_the_list_into_the_editor(qtbot, unlocked_window):
    view = open_journal(qtbot, unlocked_window)
    add_notes(view, NoteDraft(title="One", body="Body"))
    view.open_note(view.model.row_at(0).id)
    view.list.setFocus()
    order = []
    for _ in range(4):
        press(qtbot, Qt.Key.Key_Tab)
        order.append(focused())
    assert order == [view.editor.title, view.editor.tags, view.editor.client, view.editor.body]
    activate(qtbot, unlocked_window)
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert focused() is view.search_bar.box
    assert QApplication.focusWidget() is view.search_bar.box


def test_quitting_right_after_typing_keeps_the_text(qtbot, unlocked_window):
    window = unlocked_window
    view = open_journal(qtbot, window)
    press(qtbot, Qt.Key.Key_N, CTRL)
    view.editor.body.setFocus()
    qtbot.keyClicks(focused(), "Last words before Ctrl+Q.")
    note_id = view.editor.note.id
    press(qtbot, Qt.Key.Key_Q, CTRL)
    assert not window.bridge.session.is_unlocked
    reopened = window.bridge.store.unlock(PASSPHRASE)
    try:
        body = reopened.vault.scalar("SELECT body FROM notes WHERE id = ?", (note_id,))
    finally:
        reopened.close()
    assert body == "Last words before Ctrl+Q."


def test_moving_to_another_note_saves_the_one_being_typed_in_at_once(qtbot, unlocked_window):
    view = open_journal(qtbot, unlocked_window)
    older, newer = add_notes(view, NoteDraft(title="Older"), NoteDraft(title="Newer"))
    view.open_note(newer.id)
    view.editor.body.setFocus()
    qtbot.keyClicks(focused(), "typed")
    assert view.autosaver.pending
    view.list.setFocus()
    press(qtbot, Qt.Key.Key_Down)  # the next note opens; the first is saved before it does
    assert view.editor.note.id == older.id
    assert view.journal.get(newer.id).body == "typed"
    assert not view.autosaver.pending


def test_a_note_linked_to_a_discharged_client_keeps_its_link(qtbot, unlocked_window):
    window = unlocked_window
    view = open_journal(qtbot, window)
    caseload = window.bridge.session.services.caseload
    river = caseload.add_client("River", "iop").client.id
    caseload.add_client("Maple", "php")
    (note,) = add_notes(view, NoteDraft(title="Linked", client_id=river))
    caseload.set_status(river, "discharged")
    view._refresh_choices()
    view.open_note(note.id)
    combo = view.editor.client
    assert [combo.itemText(i) for i in range(combo.count())] == ["No client", "Maple", "River (not active)"]
    assert combo.client_id() == river
    assert view.model.aliases[river] == "River"  # the list still names the client
