"""DashboardService on a real vault with hand-made data and a fake clock (Qt-free)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from therapist_desk.app import build_services
from therapist_desk.domain.caseload import CaseloadFlag, SessionDraft
from therapist_desk.domain.clock import FakeClock
from therapist_desk.domain.indicators import CLEAR, NOT_ENOUGH_DATA, OFF, TRIGGERED
from therapist_desk.domain.prompts import load_prompt_library
from therapist_desk.domain.selfcare import CheckInValues
from therapist_desk.services.dashboard import DashboardService, DashboardSnapshot

D = date.fromisoformat
TODAY = D("2026-03-04")  # a Wednesday; its ISO week runs from Monday 2 March to Sunday 8 March
FREQUENCY = ("p1", "p2", "p3", "p4", "p5", "p6", "w4", "w5", "w6", "c5", "c6")
INTENSITY = ("w1", "w2", "w3", "c1", "c2", "c3", "c4")


def cbi_answers(frequency: str, intensity: str, w7: str) -> dict[str, str]:
    answers = dict.fromkeys(FREQUENCY, frequency) | dict.fromkeys(INTENSITY, intensity)
    return answers | {"w7": w7}  # w7 is reverse-scored


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 4, 10, 0, tzinfo=UTC))


@pytest.fixture
def services(unlocked, clock):
    return build_services(unlocked, clock)


@pytest.fixture
def dashboard(services) -> DashboardService:
    return services.dashboard


def session(client_id: str, day: date, minutes: int = 60, intensity: int = 3, **kwargs) -> SessionDraft:
    return SessionDraft(client_id=client_id, date=day, minutes=minutes, intensity=intensity, **kwargs)


def test_an_empty_vault_gives_empty_parts_not_errors(dashboard: DashboardService, services) -> None:
    snap = dashboard.snapshot()
    assert isinstance(snap, DashboardSnapshot)
    assert snap.today == TODAY
    assert snap.check_in is None
    assert snap.warnings == ()
    assert snap.load.week.week_start == D("2026-03-02")
    assert snap.load.week.sessions == 0 and snap.load.week.minutes == 0
    assert snap.load.week.high_intensity_share is None
    assert not snap.has_sessions_this_week and not snap.has_active_clients
    assert snap.load.sustainable_weekly_hours == 25.0
    assert snap.time_off.last_day_off is None and snap.time_off.next_day_off is None
    assert snap.time_off.days_since_last_day_off is None
    assert snap.stalled == ()
    assert snap.cbi is None
    rules = services.indicators.rules()
    assert snap.indicators_clear + snap.indicators_waiting == len(rules)
    assert snap.indicators_waiting > 0  # nothing logged yet: most rules wait for data


def test_the_snapshot_is_frozen(dashboard: DashboardService) -> None:
    snap = dashboard.snapshot()
    with pytest.raises(AttributeError):
        snap.check_in = None  # type: ignore[misc]


def test_todays_check_in_only_counts_when_it_is_todays(dashboard, services, clock) -> None:
    services.selfcare.save_check_in(TODAY - timedelta(days=1), CheckInValues(energy=4))
    assert dashboard.snapshot().check_in is None
    services.selfcare.save_check_in(TODAY, CheckInValues(energy=7, mood=6, exhaustion=3, note="fine"))
    check_in = dashboard.snapshot().check_in
    assert check_in is not None and check_in.day == TODAY
    assert (check_in.values.energy, check_in.values.mood, check_in.values.exhaustion) == (7, 6, 3)
    clock.advance(24 * 3600)  # the next morning the card asks again
    assert dashboard.snapshot().check_in is None


def test_this_weeks_load_against_the_users_limit(dashboard, services) -> None:
    caseload = services.caseload
    a = caseload.add_client("Aspen", "iop", started_on=D("2026-01-05")).client.id
    b = caseload.add_client("Birch", "php", started_on=D("2026-01-05")).client.id
    caseload.add_client("Cedar", "outpatient", status="waitlist", started_on=D("2026-02-01"))
    # This week: 3 x 60 min at intensity 5 and 2 x 45 min at intensity 2 = 4.5 hours, 3 of 5 high.
    for day in ("2026-03-02", "2026-03-03", "2026-03-04"):
        caseload.log_session(session(a, D(day), 60, 5))
    for day in ("2026-03-02", "2026-03-03"):
        caseload.log_session(session(b, D(day), 45, 2))
    caseload.log_session(session(a, D("2026-03-01"), 600 // 10, 5))  # Sunday: last week
    caseload.set_sustainable_weekly_hours(4)
    load = dashboard.snapshot().load
    assert load.week.sessions == 5
    assert load.week.hours == pytest.approx(4.5)
    assert load.week.high_intensity_share == pytest.approx(0.6)
    assert load.sustainable_weekly_hours == 4.0
    assert load.over_sustainable_limit
    assert load.active_clients == 2  # the waitlisted client is not active load


def test_days_since_and_until_a_day_off(dashboard, services) -> None:
    selfcare = services.selfcare
    selfcare.add_time_off("day_off", D("2026-02-14"), D("2026-02-14"))
    selfcare.add_time_off("vacation", D("2026-02-28"), D("2026-03-01"))  # the weekend just gone
    selfcare.add_time_off("vacation", D("2026-03-10"), D("2026-03-11"), status="cancelled")
    selfcare.add_time_off("day_off", D("2026-03-14"), D("2026-03-14"))
    rest = dashboard.snapshot().time_off
    assert rest.last_day_off == D("2026-03-01") and rest.days_since_last_day_off == 3
    assert rest.next_day_off == D("2026-03-14") and rest.days_to_next_day_off == 10  # not the cancelled one
    assert not rest.off_today


def test_latest_cbi_and_its_change(dashboard, services) -> None:
    services.selfcare.save_assessment(
        "cbi", D("2026-02-01"), cbi_answers("sometimes", "somewhat", "sometimes")
    )
    first = dashboard.snapshot().cbi
    assert first is not None and first.previous is None
    assert first.latest.scores == {"personal": 50.0, "work": 50.0, "client": 50.0}
    assert set(first.change.values()) == {None}

    # often = 75, to a high degree = 75, and w7 "seldom" reversed = 75: every scale 75, +25.
    services.selfcare.save_assessment("cbi", D("2026-03-01"), cbi_answers("often", "high", "seldom"))
    snap = dashboard.snapshot()
    assert snap.cbi is not None
    assert snap.cbi.latest.taken_on == D("2026-03-01") and snap.cbi.previous.taken_on == D("2026-02-01")
    assert snap.cbi.latest.scores == {"personal": 75.0, "work": 75.0, "client": 75.0}
    assert dict(snap.cbi.change) == {"personal": 25.0, "work": 25.0, "client": 25.0}
    # Two check-ins at 50 or more and a rise of 25: the CBI indicator finds a pattern.
    assert "cbi_high_or_rising" in [w.rule_id for w in snap.warnings]


def test_warnings_are_the_triggered_indicators_and_the_counts_add_up(dashboard, services) -> None:
    a = services.caseload.add_client("Aspen", "iop", started_on=D("2026-01-05")).client.id
    for hour in range(27):  # 27 one-hour sessions this week: above the default limit of 25
        services.caseload.log_session(session(a, D("2026-03-02") + timedelta(days=hour % 3), 60, 3))
    snap = dashboard.snapshot()
    assert [w.rule_id for w in snap.warnings] == [
        r.rule_id for r in services.indicators.evaluate() if r.status == TRIGGERED
    ]
    assert "session_load" in [w.rule_id for w in snap.warnings]
    assert all(w.triggered and w.explanation for w in snap.warnings)
    statuses = [r.status for r in services.indicators.evaluate()]
    assert snap.indicators_clear == statuses.count(CLEAR)
    assert snap.indicators_waiting == statuses.count(NOT_ENOUGH_DATA)
    assert len(snap.warnings) + snap.indicators_clear + snap.indicators_waiting + statuses.count(OFF) == len(
        statuses
    )


def test_a_switched_off_indicator_is_not_a_warning(dashboard, services) -> None:
    a = services.caseload.add_client("Aspen", "iop", started_on=D("2026-01-05")).client.id
    for n in range(27):
        services.caseload.log_session(session(a, D("2026-03-02") + timedelta(days=n % 3), 60, 3))
    services.indicators.update_rule("session_load", enabled=False)
    assert "session_load" not in [w.rule_id for w in dashboard.snapshot().warnings]


def test_clients_with_stalled_progress(dashboard, services) -> None:
    caseload = services.caseload
    stuck = caseload.add_client("Heron", "iop", started_on=D("2025-12-01")).client.id
    quiet = caseload.add_client("Iris", "php", started_on=D("2025-12-01")).client.id
    moving = caseload.add_client("Juniper", "iop", started_on=D("2025-12-01")).client.id
    gone = caseload.add_client("Kestrel", "iop", started_on=D("2025-12-01")).client.id
    for week in range(4):
        day = D("2026-02-05") + timedelta(weeks=week)
        caseload.log_session(session(stuck, day, stalled=True))
        caseload.log_session(session(gone, day, stalled=True))
        caseload.log_session(session(moving, day, stalled=week != 2))  # a good session breaks the run
    caseload.set_status(gone, "discharged", D("2026-03-01"))
    caseload.add_goal(quiet, "Attend a peer group weekly", created_on=D("2025-12-15"))  # 11 weeks quiet
    stalled = dashboard.snapshot().stalled
    assert [a.alias for a in stalled] == ["Heron", "Iris"]
    assert stalled[0].client_id == stuck and stalled[0].triggers == (CaseloadFlag.STALLED_SESSIONS,)
    assert stalled[1].client_id == quiet and stalled[1].triggers == (CaseloadFlag.GOALS_WITHOUT_PROGRESS,)
    assert all(a.reasons for a in stalled)
    assert "Attend" not in " ".join(stalled[1].reasons)  # reasons never quote the user's text


def test_prompt_of_the_day_is_stable_for_a_day_and_changes_the_next(dashboard, clock) -> None:
    library = load_prompt_library()
    first = dashboard.snapshot().prompt
    assert first == library.prompt_of_the_day(TODAY)
    assert dashboard.snapshot().prompt == first
    clock.advance(24 * 3600)
    assert dashboard.snapshot().prompt == library.prompt_of_the_day(TODAY + timedelta(days=1))
    assert dashboard.snapshot().prompt != first


def test_the_snapshot_takes_few_queries(dashboard, services, unlocked) -> None:
    """Regression guard for the 250 ms budget: the number of statements stays small and does not
    grow with the history (only with the clients the stalled-progress rule flags)."""
    caseload = services.caseload
    a = caseload.add_client("Aspen", "iop", started_on=D("2024-01-01")).client.id
    for n in range(300):
        caseload.log_session(session(a, D("2024-01-01") + timedelta(days=2 * n), 50, 1 + n % 5))
    for n in range(120):
        services.selfcare.save_check_in(TODAY - timedelta(days=n), CheckInValues(energy=n % 10, exhaustion=4))
    statements: list[str] = []
    connection = unlocked.vault.connection
    connection.set_trace_callback(statements.append)
    try:
        dashboard.snapshot()
    finally:
        connection.set_trace_callback(None)
    assert len(statements) <= 30, statements  # 23 when this was written
