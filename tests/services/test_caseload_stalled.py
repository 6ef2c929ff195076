"""The stalled-progress rule on a real vault: the client page, the caseload flags, the dashboard."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.services.caseload_helpers import D, berlin_clock, draft, service, set_today
from therapist_desk.domain.caseload import CaseloadFlag
from therapist_desk.domain.errors import InvalidEntry
from therapist_desk.domain.stalled_progress import STALLED_PROGRESS_THEME, StalledProgressRule

WEEKS = ("2025-02-24", "2025-03-03", "2025-03-10", "2025-03-17")


@pytest.fixture
def clock():
    return berlin_clock("2025-03-19")


@pytest.fixture
def svc(unlocked, clock):
    return service(unlocked, clock)


@pytest.fixture
def river(svc):
    return svc.add_client("River", "php", started_on=D("2025-01-06")).client


def test_four_stalled_sessions_trigger_on_page_table_and_dashboard(svc, river):
    svc.log_session(draft(river.id, "2025-02-17", stalled=False))
    for day in WEEKS:
        svc.log_session(draft(river.id, day, stalled=True))
    alert = svc.client_page(river.id).stalled_alert
    assert alert is not None and alert.triggers == (CaseloadFlag.STALLED_SESSIONS,)
    assert alert.stalled_session_dates == tuple(D(d) for d in reversed(WEEKS))
    assert alert.prompt_theme == STALLED_PROGRESS_THEME and alert.next_steps
    assert svc.client(river.id).flags == (CaseloadFlag.STALLED_SESSIONS,)
    assert [a.client_id for a in svc.stalled_alerts()] == [river.id]
    assert svc.stalled_alert(river.id) == alert


def test_three_stalled_sessions_do_not_trigger(svc, river):
    for day in WEEKS[1:]:
        svc.log_session(draft(river.id, day, stalled=True))
    assert (
        svc.stalled_alert(river.id) is None
        and svc.client(river.id).flags == ()
        and svc.stalled_alerts() == []
    )


def test_a_session_with_progress_breaks_the_run(svc, river):
    for day in WEEKS:
        svc.log_session(draft(river.id, day, stalled=True))
    svc.log_session(draft(river.id, "2025-03-18", stalled=False))
    assert svc.stalled_alert(river.id) is None and svc.client(river.id).flags == ()


def test_on_the_same_day_a_session_with_progress_counts_as_the_latest(svc, river):
    for day in WEEKS:
        svc.log_session(draft(river.id, day, stalled=True))
    svc.log_session(draft(river.id, WEEKS[-1], stalled=False))
    svc.log_session(draft(river.id, WEEKS[-1], stalled=True))
    # Page and table agree: the run is only the sessions after the last day with progress.
    assert svc.stalled_alert(river.id) is None and svc.client(river.id).flags == ()


def test_undoing_a_flag_clears_the_alert(svc, river):
    entries = [svc.log_session(draft(river.id, day, stalled=True)) for day in WEEKS]
    assert svc.stalled_alert(river.id) is not None
    last = entries[-1]
    svc.update_session(last.id, replace(last.draft(), stalled=False))
    assert svc.stalled_alert(river.id) is None


def test_the_rule_is_configurable_and_stored_in_the_vault(svc, river, unlocked, clock):
    for day in WEEKS[1:]:
        svc.log_session(draft(river.id, day, stalled=True))
    svc.set_stalled_progress_rule(StalledProgressRule(stalled_sessions=3, goal_quiet_weeks=4))
    assert service(unlocked, clock).stalled_progress_rule() == StalledProgressRule(3, 4)
    assert svc.client(river.id).flags == (CaseloadFlag.STALLED_SESSIONS,)
    with pytest.raises(InvalidEntry):
        svc.set_stalled_progress_rule(StalledProgressRule(stalled_sessions=1))
    assert svc.stalled_progress_rule() == StalledProgressRule(3, 4)


def test_goal_without_progress_for_eight_weeks(svc, river, clock):
    goal = svc.add_goal(river.id, "Attend group twice a week", created_on=D("2025-01-22")).goal
    set_today(clock, "2025-03-18")  # 55 days after the goal was agreed
    assert svc.stalled_alert(river.id) is None and svc.client(river.id).flags == ()
    set_today(clock, "2025-03-19")  # 56 days: eight weeks
    alert = svc.stalled_alert(river.id)
    assert alert.triggers == (CaseloadFlag.GOALS_WITHOUT_PROGRESS,)
    assert [(g.goal_id, g.days_without_progress) for g in alert.quiet_goals] == [(goal.id, 56)]
    assert svc.client(river.id).flags == (CaseloadFlag.GOALS_WITHOUT_PROGRESS,)
    svc.add_goal_progress(goal.id, "Came twice", D("2025-03-12"))
    assert svc.stalled_alert(river.id) is None and svc.client(river.id).flags == ()


def test_goals_not_active_and_clients_not_active_are_not_flagged(svc, river):
    goal = svc.add_goal(river.id, "Old goal", created_on=D("2024-01-01")).goal
    svc.update_goal(goal.id, status="paused")
    assert svc.stalled_alert(river.id) is None
    brook = svc.add_client("Brook", "iop", started_on=D("2024-01-01")).client
    svc.add_goal(brook.id, "Old goal", created_on=D("2024-01-01"))
    for day in WEEKS:
        svc.log_session(draft(brook.id, day, stalled=True))
    assert svc.client(brook.id).flags == (CaseloadFlag.STALLED_SESSIONS, CaseloadFlag.GOALS_WITHOUT_PROGRESS)
    svc.set_status(brook.id, "discharged")
    assert (
        svc.stalled_alert(brook.id) is None
        and svc.client(brook.id).flags == ()
        and svc.stalled_alerts() == []
    )


def test_a_filtered_caseload_reads_only_its_clients_sessions_and_gets_the_same_figures(svc, river):
    """The dashboard asks for active clients only; their rows must match the unfiltered table's."""
    sam = svc.add_client("Sam", "iop", started_on=D("2025-01-06")).client
    for day in WEEKS:
        svc.log_session(draft(river.id, day, stalled=True))
        svc.log_session(draft(sam.id, day, stalled=day != WEEKS[1]))
    svc.log_session(draft(sam.id, "2025-03-18", minutes=30))
    everyone = {e.client_id: e for e in svc.caseload()}
    for entry in svc.caseload(levels=["iop"]) + svc.caseload(search="riv"):
        assert entry == everyone[entry.client_id]
    assert [e.alias for e in svc.caseload(levels=["iop"])] == ["Sam"]
    assert [a.alias for a in svc.stalled_alerts()] == ["River"]
