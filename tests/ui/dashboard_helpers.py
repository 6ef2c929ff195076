"""Helpers for the Dashboard and navigation UI tests: all real sections, seeded data, clicks."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from tests.conftest import PASSPHRASE
from therapist_desk.app import build_sections, build_services
from therapist_desk.domain.caseload import SessionDraft
from therapist_desk.domain.clock import Clock
from therapist_desk.domain.selfcare import CheckInValues
from therapist_desk.services.vault_store import VaultStore
from therapist_desk.ui.dashboard import DashboardView
from therapist_desk.ui.main_window import MainWindow
from therapist_desk.ui.sections import SectionRegistry

D = date.fromisoformat
MONDAY = D("2026-03-02")  # the day of tests/ui/conftest.py's clock
HTML_ALIAS = "<b>Heron</b> & Co"  # must show as typed, never as rich text or a mnemonic
FREQUENCY = ("p1", "p2", "p3", "p4", "p5", "p6", "w4", "w5", "w6", "c5", "c6")
INTENSITY = ("w1", "w2", "w3", "c1", "c2", "c3", "c4")


def all_sections() -> SectionRegistry:
    return build_sections()


def cbi(frequency: str, intensity: str, w7: str) -> dict[str, str]:
    return dict.fromkeys(FREQUENCY, frequency) | dict.fromkeys(INTENSITY, intensity) | {"w7": w7}


def seed(store: VaultStore, clock: Clock) -> dict[str, str]:
    """A small, busy vault: a stalled client, a heavy week, two CBI results, time off.

    Returns ids the tests look for (the stalled client, the latest CBI).
    """
    unlocked = store.unlock(PASSPHRASE)
    try:
        services = build_services(unlocked, clock)
        caseload, selfcare = services.caseload, services.selfcare
        heron = caseload.add_client(HTML_ALIAS, "iop", started_on=D("2025-11-03")).client.id
        aspen = caseload.add_client("Aspen", "php", started_on=D("2025-11-03")).client.id
        for week in range(4):  # four stalled sessions in a row
            day = D("2026-02-05") + timedelta(weeks=week)
            caseload.log_session(
                SessionDraft(client_id=heron, date=day, minutes=50, intensity=4, stalled=True)
            )
        for n in range(27):  # last week: 27 hours, above the default limit of 25
            day = D("2026-02-23") + timedelta(days=n % 5)
            caseload.log_session(SessionDraft(client_id=aspen, date=day, minutes=60, intensity=3))
        selfcare.save_assessment("cbi", D("2026-02-01"), cbi("sometimes", "somewhat", "sometimes"))
        latest = selfcare.save_assessment("cbi", D("2026-03-01"), cbi("often", "high", "seldom"))
        selfcare.add_time_off("day_off", D("2026-02-21"), D("2026-02-22"))
        selfcare.add_time_off("vacation", D("2026-03-16"), D("2026-03-20"))
        selfcare.save_check_in(MONDAY - timedelta(days=1), CheckInValues(energy=4, exhaustion=6))
        return {"heron": heron, "aspen": aspen, "cbi": latest.id}
    finally:
        unlocked.close()


def dashboard_of(window: MainWindow) -> DashboardView:
    view = window.workspace.section_views()["dashboard"]
    assert isinstance(view, DashboardView)
    return view


def click(qtbot, widget: QWidget) -> None:
    """A left click in the middle of ``widget``, as the user's mouse would."""
    assert widget.isVisible()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(widget.width() // 2, widget.height() // 2))
