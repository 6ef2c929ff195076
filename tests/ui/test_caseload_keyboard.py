"""The Caseload section driven with the keyboard only: add a client, log sessions, identifier warnings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.caseload_ui_helpers import CTRL, SHIFT, key, open_caseload, row_of, type_text, wait_active
from tests.ui.conftest import activate
from therapist_desk.ui.caseload import CASELOAD_SECTION
from therapist_desk.ui.caseload.table_model import LEVEL, RECENT, STATUS
from therapist_desk.ui.sections import SectionRegistry


@pytest.fixture
def registry() -> SectionRegistry:
    return SectionRegistry([CASELOAD_SECTION])


def add_client_by_keyboard(qtbot, view, alias: str, level_key: str = "") -> None:
    key(qtbot, Qt.Key.Key_N, CTRL | SHIFT)
    qtbot.waitUntil(lambda: view.client_dialog is not None and view.client_dialog.isVisible())
    dialog = view.client_dialog
    wait_active(qtbot, dialog)
    type_text(qtbot, alias)
    if level_key:
        key(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, level_key)
    key(qtbot, Qt.Key.Key_Return)


def test_add_a_client_and_log_three_sessions_with_the_keyboard_only(qtbot, unlocked_window, clock):
    view = open_caseload(qtbot, unlocked_window)
    add_client_by_keyboard(qtbot, view, "Client K7", level_key="P")  # P selects PHP
    qtbot.waitUntil(lambda: row_of(view, "Client K7") >= 0)
    row = row_of(view, "Client K7")
    assert view.proxy.index(row, LEVEL).data() == "PHP"
    assert view.proxy.index(row, STATUS).data() == "Active"
    activate(qtbot, unlocked_window)  # offscreen has no window manager to hand activation back

    key(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: view.session_dialog is not None and view.session_dialog.isVisible())
    dialog = view.session_dialog
    wait_active(qtbot, dialog)
    for week, intensity in enumerate("354"):
        assert QApplication.focusWidget() is dialog.form.client
        type_text(qtbot, "k7")  # Tab completes the one alias that contains it
        key(qtbot, Qt.Key.Key_Tab)
        assert dialog.form.client.text() == "Client K7"
        for _ in range(week):  # the date: Page Down is a week back
            key(qtbot, Qt.Key.Key_PageDown)
        for _ in range(3):  # date, minutes (50), format (individual)
            key(qtbot, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.form.intensity
        type_text(qtbot, intensity)
        key(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.confirmation.isVisible())
        assert not dialog.error.isVisible()
    key(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.session_dialog is None)

    row = row_of(view, "Client K7")
    assert view.proxy.index(row, RECENT).data() == "3"
    sessions = view.service.sessions_for_client(view.proxy.client_id(row))
    assert [s.intensity for s in sessions] == [3, 5, 4]
    assert [(clock.today() - s.date).days for s in sessions] == [0, 7, 14]
    assert {s.minutes for s in sessions} == {50} and {s.format for s in sessions} == {"individual"}


def test_full_name_alias_warns_and_can_be_kept(qtbot, unlocked_window):
    view = open_caseload(qtbot, unlocked_window)
    key(qtbot, Qt.Key.Key_N, CTRL | SHIFT)
    qtbot.waitUntil(lambda: view.client_dialog is not None and view.client_dialog.isVisible())
    dialog = view.client_dialog
    wait_active(qtbot, dialog)
    type_text(qtbot, "Maria Gonzalez")
    assert dialog.warning.isVisible()
    assert "full name" in dialog.warning.reasons.text()
    assert dialog.warning.change_button.isVisible() and dialog.warning.keep.isVisible()

    key(qtbot, Qt.Key.Key_Return)  # a save meets the open warning: it asks, it does not save
    assert dialog.isVisible() and dialog.warning.ask.isVisible()
    assert QApplication.focusWidget() is dialog.warning.keep
    assert view.service.client_id_for_alias("Maria Gonzalez") is None

    key(qtbot, Qt.Key.Key_Space)  # "Keep it anyway"
    assert dialog.warning.kept
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: row_of(view, "Maria Gonzalez") >= 0)
    assert view.service.client_id_for_alias("Maria Gonzalez") is not None


def test_warning_comes_and_goes_while_typing_and_change_it_returns_to_the_alias(qtbot, unlocked_window):
    view = open_caseload(qtbot, unlocked_window)
    key(qtbot, Qt.Key.Key_N, CTRL | SHIFT)
    qtbot.waitUntil(lambda: view.client_dialog is not None and view.client_dialog.isVisible())
    dialog = view.client_dialog
    wait_active(qtbot, dialog)
    type_text(qtbot, "Client K7")
    assert not dialog.warning.isVisible()
    dialog.alias.clear()
    type_text(qtbot, "555-201-7788")
    assert dialog.warning.isVisible() and "phone number" in dialog.warning.reasons.text()
    dialog.warning.change_button.click()
    assert QApplication.focusWidget() is dialog.alias and dialog.alias.selectedText() == "555-201-7788"
    type_text(qtbot, "River")  # replaces the selection
    assert not dialog.warning.isVisible()
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: row_of(view, "River") >= 0)


def test_an_alias_in_use_is_refused_with_a_reason(qtbot, unlocked_window):
    view = open_caseload(qtbot, unlocked_window)
    view.service.add_client("River", "iop")
    view.reload()
    key(qtbot, Qt.Key.Key_N, CTRL | SHIFT)
    qtbot.waitUntil(lambda: view.client_dialog is not None and view.client_dialog.isVisible())
    dialog = view.client_dialog
    wait_active(qtbot, dialog)
    type_text(qtbot, "RIVER")
    assert dialog.alias_problem.isVisible() and "already" in dialog.alias_problem.text()
    key(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert [e.alias for e in view.service.caseload()] == ["River"]
    key(qtbot, Qt.Key.Key_Escape)


def test_session_entry_explains_what_is_missing(qtbot, unlocked_window):
    view = open_caseload(qtbot, unlocked_window)
    view.service.add_client("Harbor", "outpatient")
    view.reload()
    key(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: view.session_dialog is not None and view.session_dialog.isVisible())
    dialog = view.session_dialog
    wait_active(qtbot, dialog)
    type_text(qtbot, "Nobody")
    key(qtbot, Qt.Key.Key_Return)
    assert dialog.error.isVisible() and "No client has this alias" in dialog.error.text()
    dialog.form.client.setText("Harbor")
    key(qtbot, Qt.Key.Key_Return)  # intensity not chosen yet
    assert "intensity" in dialog.error.text()
    assert QApplication.focusWidget() is dialog.form.intensity
    type_text(qtbot, "2")
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.confirmation.isVisible())
    assert len(view.service.recent_sessions()) == 1
    key(qtbot, Qt.Key.Key_Escape)


def test_ctrl_n_again_brings_back_the_open_entry_without_losing_it(qtbot, unlocked_window):
    view = open_caseload(qtbot, unlocked_window)
    key(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: view.session_dialog is not None and view.session_dialog.isVisible())
    dialog = view.session_dialog
    dialog.form.note.setText("half typed")
    activate(qtbot, unlocked_window)
    key(qtbot, Qt.Key.Key_N, CTRL)
    assert view.session_dialog is dialog and dialog.form.note.text() == "half typed"
    dialog.close()
