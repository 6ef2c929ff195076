"""The Supervision section: compose → preview → export, then open the file as a supervisor."""

from __future__ import annotations

import unicodedata
from datetime import date

import pypdf
import pytest
from PySide6.QtCore import Qt

from tests.conftest import PASSPHRASE
from tests.services.summary_helpers import (
    PERIOD,
    SECRET_CANARY,
    SELECTED_CANARY,
    STALLED_ALIAS,
    make_clock,
    seed,
)
from tests.ui.conftest import unlock_via_ui
from tests.ui.keyboard import open_section as open_by_shortcut
from therapist_desk.app import build_sections
from therapist_desk.security.summary_signing import new_signing_key, sign_summary, verify_summary_file
from therapist_desk.services.summary_document import read_summary
from therapist_desk.services.summary_text import render_document, render_preview_text
from therapist_desk.ui.sections import SectionRegistry
from therapist_desk.ui.supervision.common import to_qdate
from therapist_desk.ui.supervision.section import SUPERVISION_SECTION, SupervisionView

CTRL = Qt.KeyboardModifier.ControlModifier
QUESTION = "Should I call Maria Gonzalez back on 555-123-4567?"


@pytest.fixture
def registry() -> SectionRegistry:
    return SectionRegistry([SUPERVISION_SECTION])


@pytest.fixture
def seeded(store):
    unlocked, _code = store.create(PASSPHRASE)
    found = seed(unlocked.vault, make_clock())
    unlocked.close()
    return found


def open_section(qtbot, window) -> SupervisionView:
    return open_by_shortcut(qtbot, window, Qt.Key.Key_6, "supervision", SupervisionView)


@pytest.fixture
def view(qtbot, make_window, seeded) -> SupervisionView:
    window = make_window()
    unlock_via_ui(qtbot, window)
    return open_section(qtbot, window)


def tick_note(view: SupervisionView, note_id: str) -> None:
    picker = view.composer.picker
    item = next(
        picker.notes.item(i)
        for i in range(picker.notes.count())
        if picker.notes.item(i).data(Qt.ItemDataRole.UserRole + 1) == note_id
    )
    item.setCheckState(Qt.CheckState.Checked)


def test_the_section_is_registered_at_ctrl_6():
    section = build_sections().get("supervision")
    assert (section.shortcut, section.order, section.icon) == ("Ctrl+6", 60, "supervision")


def test_compose_preview_and_export_exactly_the_previewed_document(qtbot, view, seeded, dialogs, tmp_path):
    composer = view.composer
    composer.period_from.setDate(to_qdate(PERIOD[0]))
    composer.period_to.setDate(to_qdate(PERIOD[1]))
    composer.display_name.setText("Alex")
    composer.boxes["stalled_aliases"].setChecked(True)
    composer.questions["formative"].setPlainText(QUESTION)
    tick_note(view, seeded.selected_note)
    assert SELECTED_CANARY in composer.picker.excerpt.toPlainText()
    composer.picker.excerpt.setPlainText(f"Only this: {SELECTED_CANARY}")

    composer.period_from.setFocus()
    qtbot.keyClick(composer.period_from, Qt.Key.Key_Return, CTRL)  # Preview summary
    preview = view.preview
    assert view.prepare.currentWidget() is preview
    payload = preview.payload
    assert payload is not None
    assert preview.text.toPlainText() == render_preview_text(payload)
    assert preview.text.isReadOnly()
    highlighted = {text for _start, _end, text in preview.highlighted_spans()}
    assert {"Maria Gonzalez", "555-123-4567"} <= highlighted
    assert preview.warning_list.count() >= 2 and "Questions: formative" in preview.warning_list.item(0).text()
    assert len(preview.fingerprint.text().split()) == 8
    assert STALLED_ALIAS in preview.text.toPlainText() and "Kestrelqv" not in preview.text.toPlainText()

    dialogs.script("confirm", True).script("pick_save_file", tmp_path / "feb")
    written = view.export_summary()
    assert written == tmp_path / "feb.tdsummary"
    assert dialogs.titles("confirm") == ["Export with possible identifiers?"]
    data = written.read_bytes()
    assert data == sign_summary(payload, view.supervision.signing_key())  # byte for byte the preview
    assert verify_summary_file(written).payload == payload
    assert SELECTED_CANARY.encode() in data and SECRET_CANARY.encode() not in data

    dialogs.script("pick_save_file", tmp_path / "feb.pdf")
    pdf = view.export_pdf()
    text = " ".join(unicodedata.normalize("NFKC", p.extract_text()) for p in pypdf.PdfReader(str(pdf)).pages)
    text = " ".join(text.split())
    assert f"Only this: {SELECTED_CANARY}" in text and SECRET_CANARY not in text
    assert dialogs.titles("confirm") == ["Export with possible identifiers?"]  # asked once per preview

    qtbot.keyClick(preview.text, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # back to editing
    assert view.prepare.currentWidget() is composer


def test_a_refused_form_says_why_and_stays_in_the_composer(view, dialogs):
    view.composer.display_name.setText("   ")
    view.composer.preview_action.trigger()
    assert dialogs.titles("error") == ["The summary cannot be prepared"]
    assert view.prepare.currentWidget() is view.composer


def summary_file(
    tmp_path, name: str, key: bytes, display_name: str = "Alex Rivera", start: str = "2026-02-02"
) -> tuple:
    payload = {
        "format": "therapist-desk/supervision-summary",
        "version": 1,
        "display_name": display_name,
        "period": {"from": start, "to": "2026-03-01"},
        "generated_at": "2026-03-02T09:00:00+00:00",
        "sections": {
            "self_care": {
                "weekly": [{"week_start": "2026-02-02", "days": 5, "exhaustion": 4.5, "energy": 6, "mood": 6}]
            },
            "excerpts": [
                {"written_on": "2026-02-10", "heading": "", "text": "<img src=x onerror=alert(1)> stays text"}
            ],
        },
    }
    path = tmp_path / name
    path.write_bytes(sign_summary(payload, key))
    return path, payload


def test_supervisor_pins_on_first_use_files_known_keys_and_warns_loudly_on_a_new_key(
    qtbot, view, dialogs, tmp_path
):
    received = view.received
    view.show_tab(1)
    key = new_signing_key()
    first, payload = summary_file(tmp_path, "first.tdsummary", key, "<b>Alex</b>")
    dialogs.script("pick_open_file", first).script("ask", "Alex R.")
    received.open_action.trigger()
    assert dialogs.titles("ask") == ["A new supervisee"]
    assert [s.signer_name for s in view.supervision.received()] == ["Alex R."]
    reader = received.reader
    assert reader.title.text() == "Alex R." and reader.title.textFormat() == Qt.TextFormat.PlainText
    assert "<b>Alex</b>" in reader.details.text() and reader.details.textFormat() == Qt.TextFormat.PlainText
    assert reader.text.toPlainText() == render_document(read_summary(payload)).text
    assert "<img src=x onerror=alert(1)> stays text" in reader.text.toPlainText()
    assert [c.spec.id for c in reader.chart_views()] == ["self_care_weekly"]

    second, _ = summary_file(tmp_path, "second.tdsummary", key, "Alex R.", start="2026-03-02")
    dialogs.script("pick_open_file", second)
    received.open_action.trigger()
    assert dialogs.titles("ask") == ["A new supervisee"]  # a known key files without asking
    assert len(view.supervision.received()) == 2

    impostor, _ = summary_file(tmp_path, "impostor.tdsummary", new_signing_key(), "Alex R.")
    dialogs.script("pick_open_file", impostor).script("confirm", False)
    assert received.open_file() is None
    assert dialogs.titles("confirm") == ["Warning: the signing key has changed"]
    assert len(view.supervision.received()) == 2 and "Nothing was filed" in received.status.text()
    dialogs.script("pick_open_file", impostor).script("confirm", True)
    accepted = received.open_file()
    assert accepted is not None and accepted.key_changed
    assert received.reader.key_warning.isVisible()
    group = received.tree.topLevelItem(0)
    assert group.text(0) == "Alex R." and group.childCount() == 3


def test_a_tampered_file_shows_the_error_and_files_nothing(view, dialogs, tmp_path):
    path, _ = summary_file(tmp_path, "t.tdsummary", new_signing_key())
    data = bytearray(path.read_bytes())
    data[data.index(b"stays text")] ^= 0x20
    path.write_bytes(bytes(data))
    view.show_tab(1)
    dialogs.script("pick_open_file", path)
    assert view.received.open_file() is None
    assert dialogs.titles("error") == ["This summary cannot be trusted"]
    assert dialogs.titles("ask") == [] and view.supervision.received() == []
    assert not view.received.reader.tabs.isVisible()


def file_a_summary(view: SupervisionView, dialogs, tmp_path):
    """Open a received summary from Alex (the Received tab shows it, with its notes panel)."""
    view.show_tab(1)
    path, _ = summary_file(tmp_path, "s.tdsummary", new_signing_key())
    dialogs.script("pick_open_file", path).script("ask", "Alex")
    return view.received.open_file()


def test_supervision_notes_sit_next_to_a_summary_and_survive_a_lock(qtbot, view, dialogs, tmp_path):
    filed = file_a_summary(view, dialogs, tmp_path)
    notes = view.received.notes
    assert notes.isEnabled()
    notes.duration.setValue(60)
    notes.texts["cases_discussed"].setPlainText("Client K7 and Maria Gonzalez")
    assert notes.identifier_note.isVisible() and "Maria" not in notes.identifier_note.text()
    notes.texts["decisions"].setPlainText("Team consultation for the stalled case")
    notes.actions_editor.add_button.click()
    notes.actions_editor.rows[0].text.setText("Book the consultation")
    notes.actions_editor.rows[0].due.setDate(to_qdate(date(2026, 3, 9)))
    notes.save_action.trigger()
    saved = view.supervision.notes(summary_id=filed.id)
    assert len(saved) == 1 and saved[0].duration_minutes == 60
    assert saved[0].actions[0].text == "Book the consultation" and saved[0].actions[0].due_on == "2026-03-09"

    notes.texts["learning_goals"].setPlainText("Motivational interviewing refresher")
    view.composer.questions["restorative"].setPlainText("How do I keep evenings free?")
    window = view.window()
    window.lock_action.trigger()
    qtbot.waitUntil(lambda: not window.bridge.session.is_unlocked)
    unlock_via_ui(qtbot, window)
    again = open_section(qtbot, window)
    assert again.composer.questions["restorative"].toPlainText() == "How do I keep evenings free?"
    assert (
        again.supervision.notes(summary_id=filed.id)[0].learning_goals
        == "Motivational interviewing refresher"
    )


def test_the_composer_draft_holds_no_plaintext_outside_the_vault(qtbot, view, isolated_dirs, paths):
    from tests.conftest import assert_no_canary

    view.composer.questions["normative"].setPlainText(f"{SECRET_CANARY} question")
    window = view.window()
    window.lock_action.trigger()
    qtbot.waitUntil(lambda: not window.bridge.session.is_unlocked)
    assert_no_canary(SECRET_CANARY, paths.data_dir, *isolated_dirs.values())


def test_removing_a_summary_clears_the_reader_and_its_notes(view, dialogs, tmp_path):
    view.show_tab(1)
    path, _ = summary_file(tmp_path, "r.tdsummary", new_signing_key())
    dialogs.script("pick_open_file", path).script("ask", "Alex")
    filed = view.received.open_file()
    view.supervision.save_note(met_on="2026-03-02", summary_id=filed.id, decisions="keep")
    view.received.refresh(select=filed.id)
    dialogs.script("confirm", False)
    view.received.remove_selected()
    assert len(view.supervision.received()) == 1
    dialogs.script("confirm", True)
    view.received.remove_selected()
    assert view.supervision.received() == [] and view.supervision.notes() == []
    assert not view.received.reader.tabs.isVisible() and not view.received.notes.isEnabled()


def test_a_draft_survives_but_drops_notes_deleted_since(qtbot, view, seeded):
    tick_note(view, seeded.selected_note)
    tick_note(view, seeded.secret_note)
    draft = view.composer.draft()
    view.composer_service.journal.delete(seeded.secret_note)
    view.composer.load_draft(draft)
    assert [e.note_id for e in view.composer.picker.excerpts()] == [seeded.selected_note]
    view.composer.load_draft({"from": "garbage", "boxes": {"themes": "yes"}, "excerpts": [[1, 2]]})
    assert view.composer.boxes["themes"].isChecked()


def test_a_full_disk_at_lock_keeps_the_form_and_the_note_without_a_dialog(qtbot, view, dialogs, tmp_path):
    """The lock must not wait on an error dialog; what it could not store comes back after the unlock."""
    filed = file_a_summary(view, dialogs, tmp_path)
    notes = view.received.notes
    notes.duration.setValue(45)
    notes.texts["decisions"].setPlainText("Ask the team about the stalled case")
    notes.actions_editor.add_button.click()
    notes.actions_editor.rows[0].text.setText("Book the consultation")
    view.composer.questions["restorative"].setPlainText("Evenings free again?")
    window = view.window()
    window.bridge.session.services.vault.execute("PRAGMA query_only = ON")  # the disk is full

    window.lock_action.trigger()
    assert not window.bridge.session.is_unlocked  # not held open by a dialog
    assert dialogs.titles("error") == []
    assert window.lock_screen.unlock_page.kept_notice.isVisible()

    unlock_via_ui(qtbot, window)
    again = open_section(qtbot, window)
    assert again.composer.questions["restorative"].toPlainText() == "Evenings free again?"
    assert again.tabs.currentWidget() is again.received and again.received.notes.summary_id == filed.id
    (stored,) = again.supervision.notes(summary_id=filed.id)
    assert stored.decisions == "Ask the team about the stalled case" and stored.duration_minutes == 45
    assert [a.text for a in stored.actions] == ["Book the consultation"]
    assert not again.received.notes.dirty
    assert len(window.bridge.session.services.kept) == 0
