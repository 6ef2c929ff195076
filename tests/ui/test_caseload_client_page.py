"""The client page: session undo, the stalled-progress prompt, goals, history, reflections, load."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.caseload_ui_helpers import (
    CTRL,
    SHIFT,
    key,
    open_caseload,
    row_of,
    session,
    type_text,
    wait_active,
)
from tests.ui.conftest import activate
from therapist_desk.domain.caseload import PROGRAM_LEVELS
from therapist_desk.domain.journal import NoteDraft
from therapist_desk.services.caseload import CaseloadService
from therapist_desk.services.journal import JournalService
from therapist_desk.ui.caseload import CASELOAD_SECTION, CaseloadView
from therapist_desk.ui.caseload.table_model import RECENT
from therapist_desk.ui.sections import SectionRegistry


@pytest.fixture
def registry() -> SectionRegistry:
    return SectionRegistry([CASELOAD_SECTION])


@pytest.fixture
def view(qtbot, unlocked_window) -> CaseloadView:
    return open_caseload(qtbot, unlocked_window)


def add(view: CaseloadView, alias: str, clock, days_ago: int = 60, level: str = "iop") -> str:
    return view.service.add_client(
        alias, level, started_on=clock.today() - timedelta(days=days_ago)
    ).client.id


def test_delete_a_session_then_undo_with_ctrl_z_and_with_the_bar(qtbot, unlocked_window, view, clock):
    client = add(view, "Harbor", clock)
    first = view.service.log_session(session(client, clock.today(), note="kept private"))
    second = view.service.log_session(session(client, clock.today() - timedelta(days=7)))
    view.reload()
    view.open_client(client)
    page = view.client_page
    page.sessions.setFocus()
    page.sessions.selectRow(0)
    key(qtbot, Qt.Key.Key_Delete)
    assert [s.id for s in view.service.sessions_for_client(client)] == [second.id]
    assert view.message_bar.isVisible() and view.message_bar.text.text() == "Session deleted"
    assert view.message_bar.undo_button.isVisible()
    assert page.sessions_model.rowCount() == 1

    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert view.service.session(first.id) == first  # the same session, note and times included
    assert page.sessions_model.rowCount() == 2
    assert not view.undo_action.isEnabled()

    page.sessions.selectRow(1)
    key(qtbot, Qt.Key.Key_Delete)
    assert [s.id for s in view.service.sessions_for_client(client)] == [first.id]
    view.message_bar.undo_button.click()
    assert view.service.session(second.id) == second
    view.show_table()
    assert view.proxy.index(row_of(view, "Harbor"), RECENT).data() == "2"


def test_edit_a_session_and_undo_the_edit(qtbot, unlocked_window, view, clock):
    client = add(view, "Cedar", clock)
    original = view.service.log_session(session(client, clock.today(), minutes=50))
    view.reload()
    view.open_client(client)
    page = view.client_page
    page.sessions.setFocus()
    page.sessions.selectRow(0)
    key(qtbot, Qt.Key.Key_Return)
    dialog = view.session_dialog
    assert dialog is not None
    wait_active(qtbot, dialog)
    assert dialog.form.client.text() == "Cedar" and dialog.form.minutes.value() == 50
    dialog.form.minutes.setFocus()
    dialog.form.minutes.selectAll()
    type_text(qtbot, "75")
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.session_dialog is None)
    assert view.service.session(original.id).minutes == 75
    activate(qtbot, unlocked_window)
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert view.service.session(original.id) == original


def test_stalled_prompt_appears_after_four_stalled_sessions(qtbot, unlocked_window, view, clock):
    client = add(view, "River", clock)
    for weeks in (4, 3, 2):
        view.service.log_session(session(client, clock.today() - timedelta(days=7 * weeks), stalled=True))
    view.reload()
    view.open_client(client)
    assert not view.client_page.prompt.isVisible()

    # The fourth one through quick entry, opened with Ctrl+N on the page: the client is filled in.
    key(qtbot, Qt.Key.Key_N, CTRL)
    dialog = view.session_dialog
    assert dialog is not None
    wait_active(qtbot, dialog)
    assert dialog.form.client.text() == "River"
    assert QApplication.focusWidget() is dialog.form.intensity
    type_text(qtbot, "4")
    dialog.form.stalled.setFocus()
    key(qtbot, Qt.Key.Key_Space)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.confirmation.isVisible())
    assert dialog.form.client.text() == "River"  # ready for the next session of this client
    key(qtbot, Qt.Key.Key_Escape)

    prompt = view.client_page.prompt
    qtbot.waitUntil(prompt.isVisible)
    assert "last 4 sessions in a row" in prompt.reasons.text()
    assert prompt.data.text().count(",") == 3  # the four dates behind it
    steps = prompt.steps.text()
    for words in ("consultation", "supervision", "plan", "change of therapist"):
        assert words in steps
    with qtbot.waitSignal(view.openPromptsRequested, timeout=1000) as signal:
        prompt.prompts_button.click()
    assert signal.args == ["stalled_progress"]


def test_goals_with_identifier_warning_progress_and_undo(qtbot, unlocked_window, view, clock):
    client = add(view, "Juniper", clock)
    view.reload()
    view.open_client(client)
    goals = view.client_page.goals
    key(qtbot, Qt.Key.Key_G, CTRL)
    dialog = goals.dialog
    assert dialog is not None
    wait_active(qtbot, dialog)
    type_text(qtbot, "Call Maria Gonzalez on 555-201-7788")
    assert dialog.warning.isVisible()
    reasons = dialog.warning.reasons.text()
    assert "full name" in reasons and "phone number" in reasons
    key(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.warning.ask.isVisible()
    dialog.text.selectAll()
    dialog.text.setFocus()
    type_text(qtbot, "Attend two peer meetings a week")
    assert not dialog.warning.isVisible()
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(view.service.goals(client)) == 1)
    goal = view.service.goals(client)[0]
    assert goals.tree.topLevelItem(0).text(0) == "Attend two peer meetings a week"

    activate(qtbot, unlocked_window)
    goals.tree.setFocus()
    goals.tree.setCurrentItem(goals.tree.topLevelItem(0))
    key(qtbot, Qt.Key.Key_G, CTRL | SHIFT)
    progress = goals.dialog
    wait_active(qtbot, progress)
    type_text(qtbot, "Went to one meeting.")
    key(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(view.service.goals(client)[0].progress) == 1)
    assert goals.tree.topLevelItem(0).childCount() == 1

    activate(qtbot, unlocked_window)
    goals.tree.setFocus()
    goals.tree.setCurrentItem(goals.tree.topLevelItem(0))
    key(qtbot, Qt.Key.Key_Delete)
    assert view.service.goals(client) == []
    assert view.message_bar.text.text() == "Goal deleted"
    key(qtbot, Qt.Key.Key_Z, CTRL)
    restored = view.service.goals(client)
    assert [g.id for g in restored] == [goal.id] and len(restored[0].progress) == 1


def test_dated_step_down_is_kept_in_the_history(qtbot, unlocked_window, view, clock):
    client = add(view, "Aspen", clock, level="php")
    view.reload()
    view.open_client(client)
    page = view.client_page
    key(qtbot, Qt.Key.Key_L, CTRL | SHIFT)
    dialog = page.dialog
    assert dialog is not None
    wait_active(qtbot, dialog)
    dialog.choice.setCurrentIndex(PROGRAM_LEVELS.index("iop"))
    dialog.day.setFocus()
    key(qtbot, Qt.Key.Key_PageDown)  # a week ago
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.levels.count() == 2)
    history = view.service.client_page(client).level_history
    assert [(c.program_level, (clock.today() - c.effective_on).days) for c in history] == [
        ("php", 60),
        ("iop", 7),
    ]
    assert page.levels.item(1).text().startswith("IOP from ")
    assert page.summary.text().startswith("IOP")


def test_load_figures_and_the_editable_limit(qtbot, view, clock):
    client = add(view, "Onyx", clock)
    monday = clock.today() - timedelta(days=clock.today().weekday())
    view.service.log_session(session(client, monday, minutes=90, intensity=5, format="group"))
    view.service.log_session(session(client, monday, minutes=60, intensity=2))
    view.reload()
    panel = view.load_panel
    assert panel.sessions.text() == "2"
    assert panel.hours.text() == "2.5 h of your 25 h limit"
    assert panel.high.text().startswith("50 %")
    assert "Group 1.5 h" in panel.formats.text() and "Individual 1 h" in panel.formats.text()
    assert panel.by_level["iop"].text() == "1" and panel.active_total.text() == "1"
    assert not panel.over_text.isVisible()
    panel.limit.setValue(2)
    assert view.service.sustainable_weekly_hours() == 2.0
    assert panel.over_text.isVisible() and "consider" in panel.over_text.text()


def test_linked_reflections_show_when_the_journal_is_there(qtbot, unlocked, clock):
    caseload = CaseloadService(unlocked.vault, clock)
    journal = JournalService(unlocked.vault, clock)
    client = caseload.add_client("Maple", "outpatient").client.id
    journal.create(NoteDraft(title="After a tense group", body="…", client_id=client))
    journal.create(NoteDraft(title="Unrelated", body="…"))
    services = SimpleNamespace(caseload=caseload, journal=journal)
    parent = QWidget()
    qtbot.addWidget(parent)
    with_journal = CaseloadView(services, parent)
    with_journal.open_client(client)
    items = [
        with_journal.client_page.reflections.item(i).text()
        for i in range(with_journal.client_page.reflections.count())
    ]
    assert len(items) == 1 and items[0].endswith("After a tense group")
    without = CaseloadView(SimpleNamespace(caseload=caseload), parent)
    without.open_client(client)
    assert without.client_page.reflections_box.isHidden()


def test_without_a_listener_the_prompt_button_says_where_the_prompts_are(qtbot, view, clock):
    client = add(view, "Nova", clock)
    for weeks in range(4):
        view.service.log_session(session(client, clock.today() - timedelta(days=7 * weeks), stalled=True))
    view.reload()
    view.open_client(client)
    view.client_page.prompt.prompts_button.click()
    assert view.message_bar.isVisible() and "Journal" in view.message_bar.text.text()
    seen = []
    view.openPromptsRequested.connect(seen.append)
    view.message_bar.dismiss()
    view.client_page.prompt.prompts_button.click()
    assert seen == ["stalled_progress"] and not view.message_bar.isVisible()


def test_rename_from_the_client_page_keeps_every_session(qtbot, unlocked_window, view, clock):
    client = add(view, "Client A3", clock)
    for days in (1, 8):
        view.service.log_session(session(client, clock.today() - timedelta(days=days)))
    view.reload()
    view.open_client(client)
    key(qtbot, Qt.Key.Key_E, CTRL)
    dialog = view.client_dialog
    assert dialog is not None and dialog.alias.text() == "Client A3"
    wait_active(qtbot, dialog)
    dialog.alias.selectAll()
    type_text(qtbot, "Kestrel")
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.client_page.alias.text() == "Kestrel")
    assert [s.alias for s in view.service.sessions_for_client(client)] == ["Kestrel", "Kestrel"]
    assert view.client_page.sessions_model.rowCount() == 2
    view.show_table()
    assert row_of(view, "Kestrel") >= 0 and row_of(view, "Client A3") < 0
