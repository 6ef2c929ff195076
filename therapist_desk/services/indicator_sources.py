"""The early-warning indicators wired to their caseload and journal data, without Qt.

The one place this wiring lives: ``app.py`` builds the window's indicator service with it, and
headless commands (``summary create``), which cannot import the Qt composition root, too.
"""

from __future__ import annotations

from datetime import date

from therapist_desk.domain.clock import Clock
from therapist_desk.domain.indicators import WeeklyLoad as IndicatorWeek
from therapist_desk.services.caseload import CaseloadService
from therapist_desk.services.journal import COVERAGE_DAYS
from therapist_desk.services.journal_trends import dimension_coverage
from therapist_desk.services.selfcare_indicators import IndicatorService
from therapist_desk.storage.vault import Vault


def build_indicator_service(vault: Vault, clock: Clock) -> IndicatorService:
    """Indicators that read the caseload's weekly hours, active clients and sustainable-hours
    limit (the session-load rule's hours, one setting shown in both places) and the journal's
    bias-reflection coverage through small providers (no service imports another)."""
    caseload = CaseloadService(vault, clock)

    def weekly_load(first: date, last: date) -> list[IndicatorWeek]:
        # A week without rated sessions has no high-intensity share: count it as none.
        return [
            IndicatorWeek(w.week_start, w.hours, w.high_intensity_share or 0.0)
            for w in caseload.weekly_load(first, last)
        ]

    def reflection_coverage() -> dict[str, date | None]:
        now = clock.now()
        now = now if now.tzinfo is not None else now.astimezone()
        return {c.dimension: c.last_reflected_on for c in dimension_coverage(vault, now, COVERAGE_DAYS)}

    return IndicatorService(
        vault,
        clock,
        weekly_load=weekly_load,
        reflection_coverage=reflection_coverage,
        clients_active=lambda: sum(caseload.active_clients_by_level().values()) > 0,
        hours_limit=(caseload.sustainable_weekly_hours, caseload.set_sustainable_weekly_hours),
    )
