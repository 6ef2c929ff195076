"""A lock whose save fails (the disk is full) loses nothing and leaves nothing readable behind.

The failure is real: the vault's connection is switched to ``PRAGMA query_only``, so SQLCipher
refuses the autosave exactly as it refuses a write to a full disk (StorageWriteFailed). The
next unlock opens a new connection, as after freeing space.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import PASSPHRASE, assert_no_canary
from tests.ui.conftest import unlock_via_ui
from tests.ui.journal_helpers import (  # noqa: F401 (registry is a fixture)
    CTRL,
    add_notes,
    focused,
    journal_views,
    open_journal,
    press,
    registry,
    wait_saved,
)
from therapist_desk.domain.journal import GibbsReflection, NoteDraft
from therapist_desk.paths import resolve_paths
from therapist_desk.security.kdf import TEST_PROFILE
from therapist_desk.services.vault_store import VaultStore

CANARY = "kept-canary-51d2 she is too far gone for IOP"


def refuse_writes(window) -> None:
    window.bridge.session.services.vault.execute("PRAGMA query_only = ON")


def test_text_a_lock_could_not_save_comes_back_after_the_unlock_and_is_saved(qtbot, unlocked_window, paths):
    window = unlocked_window
    view = open_journal(qtbot, window)
    (note,) = add_notes(view, NoteDraft(title="After group"))
    assert view.open_note(note.id)
    view.editor.body.setFocus()
    qtbot.keyClicks(focused(), CANARY)
    assert view.autosaver.pending
    refuse_writes(window)  # the disk fills up between the last keystroke and the lock

    press(qtbot, Qt.Key.Key_L, CTRL)
    assert not window.bridge.session.is_unlocked
    qtbot.waitUntil(lambda: journal_views() == [])
    notice = window.lock_screen.unlock_page.kept_notice
    assert notice.isVisible() and "could not be saved" in notice.text()
    assert_no_canary(CANARY, paths.data_dir, paths.config_dir, paths.log_dir)

    unlock_via_ui(qtbot, window, PASSPHRASE)
    # The window goes straight to the journal, where the text is back and being saved.
    assert window.workspace.current_section == "journal"
    (view,) = journal_views()
    assert view.editor.note.id == note.id
    assert view.editor.body.toPlainText() == CANARY
    wait_saved(qtbot, view, lambda n: n.body == CANARY)
    assert "are back, and saved" in view.message.text.text()
    assert view.editor.save_state.text() == "Saved"
    assert len(window.bridge.session.services.kept) == 0
    assert not window.lock_screen.unlock_page.kept_notice.isVisible()


def test_guided_fields_are_kept_too_and_a_second_failure_keeps_them_again(qtbot, unlocked_window):
    window = unlocked_window
    view = open_journal(qtbot, window)
    (note,) = add_notes(view, NoteDraft(kind="gibbs", gibbs=GibbsReflection(), title="Gibbs"))
    assert view.open_note(note.id)
    qtbot.keyClicks(view.editor.gibbs.texts["feelings"].edit, "Irritated when he was late again")
    refuse_writes(window)
    window.bridge.lock()

    unlock_via_ui(qtbot, window, PASSPHRASE)
    view = open_journal(qtbot, window)
    assert view.editor.gibbs.value().feelings == "Irritated when he was late again"
    wait_saved(qtbot, view, lambda n: n.gibbs is not None and n.gibbs.feelings.startswith("Irritated"))

    feelings = view.editor.gibbs.texts["feelings"].edit
    feelings.moveCursor(feelings.textCursor().MoveOperation.End)
    qtbot.keyClicks(feelings, ", and I said nothing")
    refuse_writes(window)
    window.bridge.lock()  # full again: kept again
    assert window.lock_screen.unlock_page.kept_notice.isVisible()
    unlock_via_ui(qtbot, window, PASSPHRASE)
    view = open_journal(qtbot, window)
    wait_saved(qtbot, view, lambda n: n.gibbs.feelings == "Irritated when he was late again, and I said nothing")


def type_then_fill_the_disk(qtbot, window) -> None:
    """Unsaved text in an open note, and a vault that no longer takes writes."""
    view = open_journal(qtbot, window)
    (note,) = add_notes(view, NoteDraft(title="Before quitting"))
    assert view.open_note(note.id)
    qtbot.keyClicks(view.editor.body, CANARY)
    refuse_writes(window)


def test_quitting_with_kept_text_asks_first_and_staying_keeps_it(qtbot, unlocked_window, dialogs):
    window = unlocked_window
    type_then_fill_the_disk(qtbot, window)
    dialogs.script("confirm", False)  # "Quit and lose them?" — no, stay
    window.close()
    assert dialogs.titles("confirm") == ["Quit Therapist Desk?"]
    assert window.isVisible() and not window.bridge.session.is_unlocked
    assert window.lock_screen.unlock_page.kept_notice.isVisible()

    unlock_via_ui(qtbot, window, PASSPHRASE)
    view = open_journal(qtbot, window)
    wait_saved(qtbot, view, lambda n: n.body == CANARY)


def test_quitting_anyway_forgets_the_kept_text(qtbot, unlocked_window, dialogs):
    window = unlocked_window
    type_then_fill_the_disk(qtbot, window)
    dialogs.script("confirm", True)
    window.close()
    assert not window.isVisible()
    assert dialogs.titles("confirm") == ["Quit Therapist Desk?"]


def test_a_quit_with_nothing_unsaved_does_not_ask(qtbot, unlocked_window, dialogs):
    window = unlocked_window
    open_journal(qtbot, window)
    window.close()
    assert not window.isVisible()
    assert dialogs.titles("confirm") == []


def test_a_key_rotation_that_cannot_save_the_draft_first_is_refused_and_the_text_comes_back(
    qtbot, unlocked_window, dialogs
):
    window = unlocked_window
    type_then_fill_the_disk(qtbot, window)
    old_key = bytes(window.bridge.session.unlocked_vault.data_key)
    dialogs.script("confirm", True).script("ask", PASSPHRASE)
    settings = window.open_settings()
    assert settings is not None
    assert settings.rotation.start() is False
    assert dialogs.titles("error") == ["Data key not rotated"]
    assert bytes(window.bridge.session.unlocked_vault.data_key) == old_key  # nothing re-encrypted
    view = window.workspace.section_views()["journal"]  # built again, with the text on screen
    assert view.editor.body.toPlainText() == CANARY and view.editor.save_state.text() == "Not saved"
    settings.reject()

    window.bridge.session.services.vault.execute("PRAGMA query_only = OFF")  # space freed
    view.editor.body.moveCursor(view.editor.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(view.editor.body, ".")
    wait_saved(qtbot, view, lambda n: n.body == CANARY + ".")


def test_the_notice_is_shown_on_the_unlock_page_of_the_vault_it_came_from_only(
    qtbot, unlocked_window, dialogs, tmp_path
):
    window = unlocked_window
    type_then_fill_the_disk(qtbot, window)
    window.bridge.lock()
    notice = window.lock_screen.unlock_page.kept_notice
    assert not notice.isHidden()
    real = window.bridge.store
    other = VaultStore(resolve_paths(tmp_path / "other"), TEST_PROFILE)
    other.create(PASSPHRASE)[0].close()

    window.use_store(other, demo=True)  # as "Try with demo data" does
    window.show_start_screen()
    assert notice.isHidden()
    unlock_via_ui(qtbot, window, PASSPHRASE)  # another vault: nothing of the real one opens
    assert len(window.bridge.session.services.kept) == 1
    window.bridge.lock()
    assert notice.isHidden()

    window.use_store(real, demo=False)
    window.show_start_screen()
    assert not notice.isHidden()
    unlock_via_ui(qtbot, window, PASSPHRASE)
    assert window.workspace.current_section == "journal"
    (view,) = [v for v in journal_views() if v is window.workspace.section_views()["journal"]]
    wait_saved(qtbot, view, lambda n: n.body == CANARY)
