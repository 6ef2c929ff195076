"""Pure caseload rules: ISO weeks on plain dates, alias keys, session checks, stalled progress."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from therapist_desk.domain.caseload import (
    CaseloadFlag,
    GoalProgress,
    SessionDraft,
    SharedGoal,
    alias_key,
    normalise_alias,
)
from therapist_desk.domain.errors import InvalidEntry
from therapist_desk.domain.stalled_progress import (
    STALLED_PROGRESS_THEME,
    StalledProgressRule,
    evaluate_stalled_progress,
    stalled_run,
)
from therapist_desk.domain.weeks import iso_week_label, week_end, week_start, weeks_between

D = date.fromisoformat


@pytest.mark.parametrize(
    ("day", "monday", "label"),
    [
        ("2020-12-28", "2020-12-28", "2020-W53"),
        ("2021-01-03", "2020-12-28", "2020-W53"),  # a Sunday in January, still in 2020's week 53
        ("2021-01-04", "2021-01-04", "2021-W01"),
        ("2024-12-29", "2024-12-23", "2024-W52"),
        ("2024-12-31", "2024-12-30", "2025-W01"),  # a December day in the next year's week 1
        ("2025-03-30", "2025-03-24", "2025-W13"),  # EU clocks go forward on this Sunday
        ("2025-03-31", "2025-03-31", "2025-W14"),
        ("2025-10-26", "2025-10-20", "2025-W43"),  # EU clocks go back on this Sunday
    ],
)
def test_iso_weeks(day, monday, label):
    assert week_start(D(day)) == D(monday)
    assert week_end(D(day)) == D(monday) + timedelta(days=6)
    assert iso_week_label(D(day)) == label


def test_weeks_between_includes_both_ends():
    assert list(weeks_between(D("2020-12-24"), D("2021-01-05"))) == [
        D("2020-12-21"),
        D("2020-12-28"),
        D("2021-01-04"),
    ]
    assert list(weeks_between(D("2021-01-05"), D("2020-12-24"))) == []


def test_alias_normalising_and_keys():
    assert normalise_alias("  River   Stone ") == "River Stone"
    assert alias_key("RIVER stone") == alias_key("river  Stone")
    assert alias_key("ÉLAN") == alias_key("élan")
    assert alias_key("Straße") == alias_key("STRASSE")
    for bad in ["", "   ", "x" * 61, "Riv\x00er", None, 7]:
        with pytest.raises(InvalidEntry):
            normalise_alias(bad)


@pytest.mark.parametrize(
    "changes",
    [
        {"intensity": 0},
        {"intensity": 6},
        {"intensity": None},
        {"intensity": True},
        {"intensity": 3.0},
        {"minutes": 0},
        {"minutes": 721},
        {"format": "couple"},
        {"alliance": 0},
        {"empathy": 6},
        {"resistance": "lots"},
        {"stalled": "yes"},
        {"note": "x" * 2001},
        {"date": "2025-01-01"},
    ],
)
def test_session_draft_rejects_bad_values(changes):
    base = {"client_id": "c", "date": D("2025-01-07"), "minutes": 50, "intensity": 3}
    with pytest.raises(InvalidEntry) as info:
        SessionDraft(**{**base, **changes}).validated()
    assert "x" * 20 not in str(info.value)


def test_session_draft_trims_the_note():
    draft = SessionDraft("c", D("2025-01-07"), 50, 5, note="  short  ").validated()
    assert draft.note == "short"


# -- stalled progress ------------------------------------------------------------------------
TODAY = D("2025-03-03")


def sessions(*flags: bool) -> list[tuple[date, bool]]:
    """Newest first, one week apart, ending today."""
    return [(TODAY - timedelta(days=7 * i), flag) for i, flag in enumerate(flags)]


def goal(created: str, *progress: str, status: str = "active") -> SharedGoal:
    notes = tuple(GoalProgress(f"p{i}", "g", D(day), "note") for i, day in enumerate(progress))
    return SharedGoal("g", "c", "Goal text", status, D(created), notes)


DEFAULT_RULE = StalledProgressRule()


def evaluate(recent=(), goals=(), status="active", rule=DEFAULT_RULE):
    return evaluate_stalled_progress("c", "River", status, recent, goals, TODAY, rule)


def test_four_stalled_sessions_in_a_row_trigger():
    alert = evaluate(sessions(True, True, True, True, False))
    assert alert is not None
    assert alert.triggers == (CaseloadFlag.STALLED_SESSIONS,)
    assert alert.stalled_session_dates == tuple(TODAY - timedelta(days=7 * i) for i in range(4))
    assert "4 sessions in a row" in alert.reasons[0]
    assert alert.prompt_theme == STALLED_PROGRESS_THEME
    steps = " ".join(alert.next_steps).lower()
    for word in ("consultation", "supervision", "plan", "change of therapist"):
        assert word in steps


@pytest.mark.parametrize(
    "flags",
    [
        (True, True, True),  # only three
        (False, True, True, True, True),  # the latest session broke the run
        (True, True, False, True, True, True),
        (),
    ],
)
def test_fewer_than_four_in_a_row_do_not_trigger(flags):
    assert evaluate(sessions(*flags)) is None


def test_the_number_of_sessions_is_configurable():
    assert evaluate(sessions(True, True, True), rule=StalledProgressRule(stalled_sessions=3)) is not None
    assert evaluate(sessions(True, True, True, True), rule=StalledProgressRule(stalled_sessions=5)) is None


def test_stalled_run_reads_from_the_newest():
    assert len(stalled_run(sessions(True, True, False, True))) == 2


def test_goal_without_progress_for_eight_weeks_triggers_and_seven_weeks_six_days_does_not():
    eight_weeks_ago = (TODAY - timedelta(days=56)).isoformat()
    one_day_less = (TODAY - timedelta(days=55)).isoformat()
    alert = evaluate(goals=[goal(eight_weeks_ago)])
    assert alert is not None and alert.triggers == (CaseloadFlag.GOALS_WITHOUT_PROGRESS,)
    assert alert.quiet_goals[0].days_without_progress == 56
    assert alert.quiet_goals[0].last_progress_on is None
    assert "8 weeks" in alert.reasons[0]
    assert evaluate(goals=[goal(one_day_less)]) is None


def test_goal_progress_counts_from_the_latest_note():
    assert (
        evaluate(goals=[goal("2024-01-01", "2024-02-01", (TODAY - timedelta(days=20)).isoformat())]) is None
    )
    alert = evaluate(goals=[goal("2024-01-01", "2024-02-01")])
    assert alert is not None and alert.quiet_goals[0].last_progress_on == D("2024-02-01")


@pytest.mark.parametrize("status", ["achieved", "paused", "dropped"])
def test_goals_not_active_never_trigger(status):
    assert evaluate(goals=[goal("2020-01-01", status=status)]) is None


@pytest.mark.parametrize("status", ["discharged", "transferred", "waitlist"])
def test_only_active_clients_get_alerts(status):
    assert evaluate(sessions(True, True, True, True), [goal("2020-01-01")], status=status) is None


def test_both_triggers_together():
    alert = evaluate(sessions(True, True, True, True), [goal("2020-01-01")])
    assert alert.triggers == (CaseloadFlag.STALLED_SESSIONS, CaseloadFlag.GOALS_WITHOUT_PROGRESS)
    assert len(alert.reasons) == 2
    assert "Goal text" not in " ".join(alert.reasons)  # reasons never quote user text
    assert "River" not in repr(alert)


@pytest.mark.parametrize(
    "rule", [StalledProgressRule(1, 8), StalledProgressRule(21, 8), StalledProgressRule(4, 0)]
)
def test_rule_limits(rule):
    with pytest.raises(InvalidEntry):
        rule.validated()
