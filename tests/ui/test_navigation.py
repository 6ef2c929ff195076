"""Cross-section navigation: MainWindow.show_section, the Navigator, and the sections' "open X" signals."""

from __future__ import annotations

import pytest

from tests.ui.conftest import unlock_via_ui
from tests.ui.dashboard_helpers import MONDAY, all_sections, click, seed
from therapist_desk.ui.caseload import CaseloadView
from therapist_desk.ui.dashboard import DashboardView
from therapist_desk.ui.journal.prompt_dialog import ID_ROLE
from therapist_desk.ui.journal.section import JournalView
from therapist_desk.ui.navigation import Navigator
from therapist_desk.ui.selfcare import SelfCareView
from therapist_desk.ui.trends.section import TrendsView


@pytest.fixture
def registry():
    return all_sections()


@pytest.fixture
def seeded(store, clock, recovery_code) -> dict[str, str]:
    return seed(store, clock)


@pytest.fixture
def window(qtbot, make_window, seeded):
    window = make_window()
    unlock_via_ui(qtbot, window)
    assert window.bridge.session.is_unlocked
    return window


def navigator(window) -> Navigator:
    return window.bridge.session.services.navigator


def test_show_section_switches_and_returns_the_view(window) -> None:
    view = window.show_section("journal")
    assert isinstance(view, JournalView) and window.workspace.current_section == "journal"
    assert window.show_section("journal") is view  # built once, then reused
    assert isinstance(window.show_section("dashboard"), DashboardView)
    assert window.show_section("no-such-section") is None
    assert window.workspace.current_section == "dashboard"


def test_show_section_is_refused_while_locked(qtbot, window) -> None:
    window.bridge.lock()
    qtbot.waitUntil(lambda: not window.bridge.session.is_unlocked)
    assert window.show_section("journal") is None
    assert window.workspace.section_views() == {}


def test_a_detached_navigator_does_nothing() -> None:
    lone = Navigator()
    assert lone.show("journal") is None
    assert lone.open_prompts("stalled_progress") is None
    assert lone.open_entries("check_in", MONDAY) is None


def test_the_stalled_prompt_on_a_client_page_opens_the_journals_prompts(qtbot, window, seeded) -> None:
    caseload = window.show_section("caseload")
    assert isinstance(caseload, CaseloadView)
    caseload.open_client(seeded["heron"])
    box = caseload.client_page.prompt
    assert box.prompts_button.isVisible()  # the client's last four sessions were marked stalled
    click(qtbot, box.prompts_button)
    journal = window.workspace.section_views()["journal"]
    assert window.workspace.current_section == "journal" and isinstance(journal, JournalView)
    dialog = journal.prompt_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.themes.currentItem().data(ID_ROLE) == "stalled_progress"
    assert not caseload.message_bar.isVisible()  # no "they are in the Journal" fallback notice
    dialog.reject()


def test_trends_points_open_their_entries(qtbot, window, seeded) -> None:
    trends = window.show_section("trends")
    assert isinstance(trends, TrendsView)
    day = MONDAY.replace(day=1)

    trends.openEntriesRequested.emit("check_in", day)
    selfcare = window.workspace.section_views()["self-care"]
    assert isinstance(selfcare, SelfCareView)
    assert window.workspace.current_section == "self-care"
    assert selfcare.tabs.currentWidget() is selfcare.check_in and selfcare.check_in.day == day

    window.show_section("trends")
    trends.openEntriesRequested.emit("time_off", day)
    assert selfcare.tabs.currentWidget() is selfcare.time_off

    window.show_section("trends")
    trends.openEntriesRequested.emit("assessment", day)  # the CBI taken on 1 March
    assert selfcare.tabs.currentWidget() is selfcare.instruments
    assert selfcare.instruments.stack.currentWidget() is selfcare.instruments.results

    for kind, section in (("sessions", "caseload"), ("journal", "journal")):
        window.show_section("trends")
        trends.openEntriesRequested.emit(kind, day)
        assert window.workspace.current_section == section

    window.show_section("trends")
    trends.openEntriesRequested.emit("something-new", day)  # an unknown kind changes nothing
    assert window.workspace.current_section == "trends"


def test_navigation_survives_a_lock_and_unlock(qtbot, window) -> None:
    window.bridge.lock()
    qtbot.waitUntil(lambda: not window.bridge.session.is_unlocked)
    unlock_via_ui(qtbot, window)
    assert window.workspace.current_section == "dashboard"
    view = navigator(window).open_time_off()
    assert isinstance(view, SelfCareView) and view.tabs.currentWidget() is view.time_off
