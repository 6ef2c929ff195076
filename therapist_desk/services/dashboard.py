"""The dashboard: how the user is doing today, gathered from the other services in one call.

``DashboardService.snapshot()`` returns one frozen ``DashboardSnapshot`` for the first screen
after unlock. It must be ready (and drawn) within 250 ms with ten years of records, so it asks
each area once and only for what the cards show:

- today's check-in: one indexed row;
- the early-warning indicators: evaluated once (``IndicatorService.evaluate``), then split into
  the patterns found and the counts of clear and waiting ones, rather than ``triggered()`` plus
  a second evaluation for the empty state;
- this week's load: one week of sessions plus the active load (``CaseloadService.load_figures``);
- rest: two aggregate queries (``SelfCareService.time_off_status``);
- clients with stalled progress: the caseload's flags, then the data behind flagged clients only;
- the latest CBI and its change: the two newest results.

The prompt of the day comes from the prompt library, without touching the vault.
Everything is an indicator for the user's own judgement: this module words nothing as a finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from therapist_desk.domain.clock import Clock
from therapist_desk.domain.indicators import CLEAR, NOT_ENOUGH_DATA, IndicatorResult
from therapist_desk.domain.prompts import Prompt, PromptLibrary, load_prompt_library
from therapist_desk.domain.selfcare import AssessmentChange, DailyCheckIn, TimeOffStatus
from therapist_desk.domain.stalled_progress import StalledProgressAlert
from therapist_desk.services.caseload import CaseloadService
from therapist_desk.services.caseload_load import LoadFigures
from therapist_desk.services.selfcare import SelfCareService
from therapist_desk.services.selfcare_indicators import IndicatorService

CBI = "cbi"


@dataclass(frozen=True)
class DashboardSnapshot:
    """Everything the dashboard's cards show, as of ``today``."""

    today: date
    check_in: DailyCheckIn | None  # today's, or None when not done yet
    warnings: tuple[IndicatorResult, ...]  # the indicators that found a pattern, in rule order
    indicators_clear: int
    indicators_waiting: int  # switched on but without enough data yet
    load: LoadFigures  # this ISO week
    time_off: TimeOffStatus
    prompt: Prompt
    stalled: tuple[StalledProgressAlert, ...]  # active clients the stalled-progress rule flags
    cbi: AssessmentChange | None  # the latest CBI and the change since the one before

    @property
    def has_sessions_this_week(self) -> bool:
        return self.load.week.sessions > 0

    @property
    def has_active_clients(self) -> bool:
        return self.load.active_clients > 0


class DashboardService:
    """Combines the caseload, self-care and indicator services into the dashboard's snapshot."""

    def __init__(
        self,
        *,
        clock: Clock,
        caseload: CaseloadService,
        selfcare: SelfCareService,
        indicators: IndicatorService,
        prompts: PromptLibrary | None = None,
    ) -> None:
        self.clock = clock
        self.caseload = caseload
        self.selfcare = selfcare
        self.indicators = indicators
        self.prompts = prompts or load_prompt_library()

    def snapshot(self) -> DashboardSnapshot:
        """The dashboard as of the clock's today, in about a dozen queries.

        Raises what the underlying services raise (``TherapistDeskError`` subclasses); an empty
        vault is not an error: every part then has its empty value (None, zero, an empty tuple).
        """
        today = self.clock.today()
        results = self.indicators.evaluate()
        return DashboardSnapshot(
            today=today,
            check_in=self.selfcare.check_in(today),
            warnings=tuple(r for r in results if r.triggered),
            indicators_clear=sum(r.status == CLEAR for r in results),
            indicators_waiting=sum(r.status == NOT_ENOUGH_DATA for r in results),
            load=self.caseload.load_figures(today),
            time_off=self.selfcare.time_off_status(),
            prompt=self.prompt_of_the_day(today),
            stalled=tuple(self.caseload.stalled_alerts()),
            cbi=self.selfcare.latest_change(CBI),
        )

    def prompt_of_the_day(self, day: date | None = None) -> Prompt:
        """The same reflection prompt all day (the journal offers the same one)."""
        return self.prompts.prompt_of_the_day(day or self.clock.today())
