"""The Dashboard: first screen after unlock, its cards, their empty states, and where each click lands."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.conftest import activate, unlock_via_ui
from tests.ui.dashboard_helpers import HTML_ALIAS, MONDAY, all_sections, click, dashboard_of, seed
from therapist_desk.domain.prompts import load_prompt_library
from therapist_desk.domain.selfcare import CheckInValues
from therapist_desk.ui.caseload import CaseloadView
from therapist_desk.ui.journal.section import JournalView
from therapist_desk.ui.selfcare import SelfCareView
from therapist_desk.ui.theme import DARK, LIGHT, apply_scheme

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def registry():
    return all_sections()


@pytest.fixture
def seeded(store, clock, recovery_code) -> dict[str, str]:
    return seed(store, clock)


@pytest.fixture
def window(qtbot, make_window, seeded):
    window = make_window()
    window.resize(1280, 800)
    unlock_via_ui(qtbot, window)
    assert window.bridge.session.is_unlocked
    return window


def test_the_dashboard_is_the_first_screen_after_unlock(unlocked_window) -> None:
    assert unlocked_window.workspace.current_section == "dashboard"
    view = dashboard_of(unlocked_window)
    assert unlocked_window.workspace.content.currentWidget() is view
    assert view.snapshot is not None and view.snapshot.today == MONDAY
    assert view.isVisible()


def test_an_empty_vault_shows_helpful_empty_states(unlocked_window) -> None:
    view = dashboard_of(unlocked_window)
    assert not view.error.isVisible()
    assert view.check_in.button.text() == "Start today's check-in" and view.check_in.button.isDefault()
    assert view.check_in.prompt.isVisible() and not view.check_in.values.isVisible()
    assert view.warnings.rows == [] and "No patterns" in view.warnings.summary.text()
    assert "check-in" in view.warnings.summary.text()  # the next step
    assert view.load.hours.text() == "0 h of 25 h"
    assert "No clients yet" in view.load.hint.text()
    assert not view.rest.since.isVisible() and "No day off logged yet" in view.rest.since_text.text()
    assert "consider planning one" in view.rest.next.text()
    assert view.stalled.rows == [] and "No active clients yet" in view.stalled.summary.text()
    assert "No CBI result yet" in view.cbi.taken.text() and view.cbi.button.text() == "Open instruments"
    assert view.prompt.text.text() == load_prompt_library().prompt_of_the_day(MONDAY).text
    for card in view.cards:
        assert card.isVisible() and card.button.accessibleName()


def test_the_cards_show_the_seeded_data(window, seeded) -> None:
    view = dashboard_of(window)
    assert [row.objectName() for row in view.warnings.rows][:2] == [
        "warning-cbi_high_or_rising",
        "warning-session_load",
    ]
    assert view.warnings.badge.text().endswith("patterns found")
    assert (
        view.rest.since.text() == "8 days"
        and view.rest.next.text() == "Next day off in 14 days (16 Mar 2026)."
    )
    assert view.cbi.findChild(QLabel, "cbi-work").text() == "75"
    assert view.cbi.findChild(QLabel, "cbiChange-work").text() == "+25"
    assert view.cbi.badge.isVisible()
    assert [row.title.text() for row in view.stalled.rows] == [HTML_ALIAS]


def test_user_text_is_shown_as_plain_text(window) -> None:
    view = dashboard_of(window)
    row = view.stalled.rows[0]
    assert row.title.text() == HTML_ALIAS and row.accessibleName() == HTML_ALIAS
    for tip in (row.toolTip(), row.title.toolTip()):  # tooltips would render "<b>" as rich text
        assert "<b>Heron" not in tip and "&lt;b&gt;Heron&lt;/b&gt; &amp; Co" in tip
    for label in view.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()


def test_check_in_card_starts_todays_check_in_and_shows_it_when_back(qtbot, window) -> None:
    view = dashboard_of(window)
    click(qtbot, view.check_in.button)
    assert window.workspace.current_section == "self-care"
    selfcare = window.workspace.section_views()["self-care"]
    assert isinstance(selfcare, SelfCareView)
    assert selfcare.tabs.currentIndex() == 0 and selfcare.check_in.day == MONDAY
    window.bridge.session.services.selfcare.save_check_in(MONDAY, CheckInValues(energy=7, mood=6))
    window.workspace.select("dashboard")  # back: the dashboard refreshes
    assert view.check_in.values.isVisible() and not view.check_in.prompt.isVisible()
    assert view.check_in.cells["energy"].text() == "7 of 10"
    assert view.check_in.cells["sleep_hours"].text() == "–"
    assert view.check_in.button.text() == "Edit today's check-in"


def test_a_warning_opens_its_indicator(qtbot, window) -> None:
    row = next(r for r in dashboard_of(window).warnings.rows if r.objectName() == "warning-session_load")
    click(qtbot, row)
    selfcare = window.workspace.section_views()["self-care"]
    assert window.workspace.current_section == "self-care"
    assert selfcare.tabs.currentWidget() is selfcare.indicators
    assert selfcare.indicators.current().rule_id == "session_load"


def test_a_warning_opens_by_keyboard_too(qtbot, window) -> None:
    row = dashboard_of(window).warnings.rows[0]
    activate(qtbot, window)
    row.setFocus()
    QTest.keyClick(row, Qt.Key.Key_Return)
    selfcare = window.workspace.section_views()["self-care"]
    assert selfcare.indicators.current().rule_id == "cbi_high_or_rising"


def test_tab_reads_the_cards_in_order(qtbot, window) -> None:
    view = dashboard_of(window)
    activate(qtbot, window)
    view.check_in.button.setFocus()
    seen = [QApplication.focusWidget()]
    for _ in range(len(view.warnings.rows) + len(view.stalled.rows) + 6):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    expected = [
        view.check_in.button,
        view.load.button,
        view.rest.button,
        *view.warnings.rows,
        view.warnings.button,
        view.cbi.button,
        *view.stalled.rows,
        view.stalled.button,
        view.prompt.button,
    ]
    assert seen == expected


def test_load_card_opens_the_caseload_table(qtbot, window) -> None:
    click(qtbot, dashboard_of(window).load.button)
    view = window.workspace.section_views()["caseload"]
    assert window.workspace.current_section == "caseload"
    assert isinstance(view, CaseloadView) and view.stack.currentWidget() is view.table_page


def test_rest_card_opens_time_off(qtbot, window) -> None:
    click(qtbot, dashboard_of(window).rest)  # anywhere on the card
    selfcare = window.workspace.section_views()["self-care"]
    assert selfcare.tabs.currentWidget() is selfcare.time_off


def test_stalled_client_opens_the_client_page(qtbot, window, seeded) -> None:
    click(qtbot, dashboard_of(window).stalled.rows[0])
    view = window.workspace.section_views()["caseload"]
    assert window.workspace.current_section == "caseload"
    assert view.stack.currentWidget() is view.client_page and view.client_page.client_id == seeded["heron"]


def test_cbi_card_opens_the_latest_results(qtbot, window, seeded) -> None:
    click(qtbot, dashboard_of(window).cbi.button)
    selfcare = window.workspace.section_views()["self-care"]
    assert selfcare.tabs.currentWidget() is selfcare.instruments
    assert selfcare.instruments.stack.currentWidget() is selfcare.instruments.results


def test_prompt_card_starts_a_note_from_the_prompt_of_the_day(qtbot, window) -> None:
    click(qtbot, dashboard_of(window).prompt.button)
    journal = window.workspace.section_views()["journal"]
    assert window.workspace.current_section == "journal" and isinstance(journal, JournalView)
    assert journal.editor.note is not None
    assert journal.editor.note.prompt_id == load_prompt_library().prompt_of_the_day(MONDAY).id


def test_card_shortcuts_alt_1_to_7(qtbot, window) -> None:
    activate(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_4, ALT)
    assert window.workspace.current_section == "self-care"
    QTest.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # back to the dashboard
    assert window.workspace.current_section == "dashboard"
    QTest.keyClick(window, Qt.Key.Key_3, ALT)
    assert window.workspace.current_section == "caseload"


def test_readable_in_dark_and_light(qtbot, window) -> None:
    app = QApplication.instance()
    style, palette = app.style().name(), app.palette()
    view = dashboard_of(window)
    try:
        for scheme, dark in ((DARK, True), (LIGHT, False)):
            apply_scheme(app, scheme)
            window.refresh_theme()
            qtbot.wait(10)
            background = view.cbi.palette().color(view.cbi.backgroundRole()).lightness()
            text = view.cbi.taken.palette().color(view.cbi.taken.foregroundRole()).lightness()
            assert (background < 128) is dark
            assert abs(background - text) > 100, scheme  # muted text still contrasts with the card
    finally:
        app.setStyle(style)
        app.setPalette(palette)
