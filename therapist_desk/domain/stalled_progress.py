"""The stalled-progress rule: a transparent pattern, shown with its data and next steps to consider.

Two triggers, each tunable by the user:
- the N most recent sessions (default 4) were all marked "progress stalled";
- an active shared goal has had no progress note for W weeks (default 8), counted from its
  last progress note, or from the day it was agreed when it has none yet.
Only active clients are checked: a discharged client's plan is no longer being worked on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from therapist_desk.domain.caseload import CaseloadFlag, SharedGoal
from therapist_desk.domain.errors import InvalidEntry
from therapist_desk.domain.weeks import human_date

STALLED_PROGRESS_THEME = "stalled_progress"
DEFAULT_STALLED_SESSIONS = 4
DEFAULT_GOAL_QUIET_WEEKS = 8

# Next steps from the seeds (DOMAIN.md §1): consultation, supervision, the plan, referral.
NEXT_STEPS = (
    "Consider talking the case through in a consultation with a trusted colleague.",
    "Consider bringing this client to your next supervision.",
    "Consider revisiting the shared goals and the plan together with the client.",
    "Consider whether a change of therapist or a referral could serve the client better.",
    "Consider a reflection on what may be getting in the way: resistance, the alliance, "
    "or your own reactions.",
)


@dataclass(frozen=True)
class StalledProgressRule:
    stalled_sessions: int = DEFAULT_STALLED_SESSIONS
    goal_quiet_weeks: int = DEFAULT_GOAL_QUIET_WEEKS

    def validated(self) -> StalledProgressRule:
        if isinstance(self.stalled_sessions, bool) or not isinstance(self.stalled_sessions, int):
            raise InvalidEntry("The number of stalled sessions must be a whole number.")
        if not 2 <= self.stalled_sessions <= 20:
            raise InvalidEntry("The number of stalled sessions must be between 2 and 20.")
        if isinstance(self.goal_quiet_weeks, bool) or not isinstance(self.goal_quiet_weeks, int):
            raise InvalidEntry("The number of weeks without goal progress must be a whole number.")
        if not 1 <= self.goal_quiet_weeks <= 52:
            raise InvalidEntry("The number of weeks without goal progress must be between 1 and 52.")
        return self

    @property
    def quiet_days(self) -> int:
        return 7 * self.goal_quiet_weeks

    def goal_is_quiet(self, goal: SharedGoal, today: date) -> bool:
        """True for an active goal with no progress note in the last ``goal_quiet_weeks`` weeks."""
        if goal.status != "active":
            return False
        since = goal.last_progress_on or goal.created_on
        return (today - since) >= timedelta(days=self.quiet_days)


@dataclass(frozen=True)
class QuietGoal:
    goal_id: str
    text: str = field(repr=False)
    last_progress_on: date | None
    created_on: date
    days_without_progress: int


@dataclass(frozen=True)
class StalledProgressAlert:
    """A gentle prompt for the client page and the dashboard, with the data behind it."""

    client_id: str
    alias: str = field(repr=False)
    triggers: tuple[str, ...]  # CaseloadFlag values
    reasons: tuple[str, ...]  # one sentence per trigger; never quotes user text
    stalled_session_dates: tuple[date, ...]  # the run of stalled sessions, most recent first
    quiet_goals: tuple[QuietGoal, ...]
    next_steps: tuple[str, ...] = NEXT_STEPS
    prompt_theme: str = STALLED_PROGRESS_THEME


def stalled_run(recent: Sequence[tuple[date, bool]]) -> tuple[date, ...]:
    """Dates of the unbroken run of stalled sessions at the recent end (``recent`` newest first)."""
    run = []
    for day, stalled in recent:
        if not stalled:
            break
        run.append(day)
    return tuple(run)


def evaluate_stalled_progress(
    client_id: str,
    alias: str,
    status: str,
    recent_sessions: Sequence[tuple[date, bool]],
    goals: Sequence[SharedGoal],
    today: date,
    rule: StalledProgressRule = StalledProgressRule(),  # noqa: B008 - frozen, safe to share
) -> StalledProgressAlert | None:
    """The alert for one client, or None. ``recent_sessions`` is (date, stalled), newest first."""
    if status != "active":
        return None
    triggers: list[str] = []
    reasons: list[str] = []
    run = stalled_run(recent_sessions)
    if len(run) >= rule.stalled_sessions:
        triggers.append(CaseloadFlag.STALLED_SESSIONS)
        reasons.append(
            f"The last {len(run)} sessions in a row were marked as progress stalled "
            f"(from {human_date(run[-1])} to {human_date(run[0])})."
        )
    quiet = tuple(
        QuietGoal(
            goal_id=g.id,
            text=g.text,
            last_progress_on=g.last_progress_on,
            created_on=g.created_on,
            days_without_progress=(today - (g.last_progress_on or g.created_on)).days,
        )
        for g in goals
        if rule.goal_is_quiet(g, today)
    )
    if quiet:
        triggers.append(CaseloadFlag.GOALS_WITHOUT_PROGRESS)
        count = "1 active shared goal has" if len(quiet) == 1 else f"{len(quiet)} active shared goals have"
        reasons.append(f"{count} had no progress note for {rule.goal_quiet_weeks} weeks or more.")
    if not triggers:
        return None
    return StalledProgressAlert(
        client_id=client_id,
        alias=alias,
        triggers=tuple(triggers),
        reasons=tuple(reasons),
        stalled_session_dates=run if len(run) >= rule.stalled_sessions else (),
        quiet_goals=quiet,
    )
