"""Load figures on hand-computed data: DST weeks, year ends, discharge, the sustainable limit."""

from __future__ import annotations

import time

import pytest

from tests.services.caseload_helpers import D, berlin_clock, draft, service, set_today
from therapist_desk.domain.errors import InvalidEntry
from therapist_desk.services.caseload_load import WeeklyLoad


@pytest.fixture(autouse=True)
def berlin_time(monkeypatch):
    """Run in a zone with DST so that any accidental use of local time would show."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def clock():
    return berlin_clock("2025-12-01")


@pytest.fixture
def svc(unlocked, clock):
    return service(unlocked, clock)


@pytest.fixture
def river(svc):
    return svc.add_client("River", "php", started_on=D("2019-01-07")).client


def week(svc, day: str) -> WeeklyLoad:
    (only,) = svc.weekly_load(D(day), D(day))
    return only


def test_weeks_around_the_spring_dst_change(svc, river):
    # EU clocks go forward on Sunday 2025-03-30 (US: 2025-03-09). Week 13 is Mon 24 – Sun 30 March.
    svc.log_session(draft(river.id, "2025-03-24", 50, 4))
    svc.log_session(draft(river.id, "2025-03-30", 90, 2, format="group"))
    svc.log_session(draft(river.id, "2025-03-31", 60, 5, format="family"))
    svc.log_session(draft(river.id, "2025-04-06", 30, 3))
    w13, w14 = svc.weekly_load(D("2025-03-24"), D("2025-04-06"))
    assert (w13.label, w13.week_start, w13.week_end) == ("2025-W13", D("2025-03-24"), D("2025-03-30"))
    assert (w13.sessions, w13.minutes, w13.individual_minutes, w13.group_minutes) == (2, 140, 50, 90)
    assert w13.hours == pytest.approx(140 / 60) and w13.group_hours == 1.5
    assert w13.high_intensity_share == 0.5
    assert (w14.label, w14.sessions, w14.minutes, w14.family_minutes, w14.individual_minutes) == (
        "2025-W14", 2, 90, 60, 30,
    )  # fmt: skip
    assert w14.high_intensity_share == 0.5


def test_weeks_around_the_autumn_dst_change(svc, river):
    # EU clocks go back on Sunday 2025-10-26: that Sunday still belongs to week 43.
    svc.log_session(draft(river.id, "2025-10-26", 120, 4, format="group"))
    svc.log_session(draft(river.id, "2025-10-27", 50, 1))
    w43, w44 = svc.weekly_load(D("2025-10-20"), D("2025-10-27"))
    assert (w43.label, w43.sessions, w43.group_hours, w43.high_intensity_share) == ("2025-W43", 1, 2.0, 1.0)
    assert (w44.label, w44.sessions, w44.individual_hours, w44.high_intensity_share) == (
        "2025-W44",
        1,
        50 / 60,
        0.0,
    )


def test_iso_week_53_across_the_year_end(svc, river):
    for day, minutes in [
        ("2020-12-27", 40),
        ("2020-12-28", 50),
        ("2020-12-31", 45),
        ("2021-01-03", 60),
        ("2021-01-04", 30),
    ]:
        svc.log_session(draft(river.id, day, minutes))
    weeks = svc.weekly_load(D("2020-12-21"), D("2021-01-10"))
    assert [(w.label, w.sessions, w.minutes) for w in weeks] == [
        ("2020-W52", 1, 40),
        ("2020-W53", 3, 155),  # Mon 28 Dec 2020 – Sun 3 Jan 2021
        ("2021-W01", 1, 30),
    ]


def test_december_days_in_the_next_years_week_one(svc, river):
    svc.log_session(draft(river.id, "2024-12-29", 50))  # Sunday: 2024-W52
    svc.log_session(draft(river.id, "2024-12-31", 50))  # Tuesday: 2025-W01
    svc.log_session(draft(river.id, "2025-01-01", 25))
    assert [
        (w.label, w.week_start, w.minutes) for w in svc.weekly_load(D("2024-12-29"), D("2025-01-05"))
    ] == [
        ("2024-W52", D("2024-12-23"), 50),
        ("2025-W01", D("2024-12-30"), 75),
    ]


def test_empty_weeks_are_zeros_and_unrated_sessions_have_no_share(svc, river):
    weeks = svc.weekly_load(D("2025-01-01"), D("2025-01-31"))
    assert len(weeks) == 5 and all(w.sessions == 0 for w in weeks)
    assert weeks[0].high_intensity_share is None and weeks[0].hours == 0


def test_series_length_is_bounded(svc):
    with pytest.raises(InvalidEntry):
        svc.weekly_load(D("1900-01-01"), D("2025-01-01"))
    assert svc.weekly_load(D("2025-02-01"), D("2025-01-01")) == []


def test_active_load_by_level_and_discharge(svc, clock):
    set_today(clock, "2025-03-19")  # a Wednesday
    a = svc.add_client("River", "php", started_on=D("2025-01-06")).client
    b = svc.add_client("Brook", "iop", started_on=D("2025-01-06")).client
    c = svc.add_client("Stone", "outpatient", status="waitlist", started_on=D("2025-01-06")).client
    d = svc.add_client("Lake", "iop", started_on=D("2025-01-06")).client
    svc.set_status(c.id, "active", D("2025-02-03"))
    svc.change_program_level(a.id, "iop", D("2025-03-20"))  # steps down, dated ahead
    svc.set_status(b.id, "discharged", D("2025-03-18"))
    svc.set_status(d.id, "transferred", D("2025-03-19"))
    svc.log_session(draft(b.id, "2025-03-11", 60))

    series = svc.load_series(D("2025-01-27"), D("2025-03-24"))
    by_week = {f.week.label: (f.active_on, f.active_clients_by_level, f.active_clients) for f in series}
    assert by_week["2025-W05"] == (D("2025-02-02"), {"inpatient": 0, "php": 1, "iop": 2, "outpatient": 0}, 3)
    assert by_week["2025-W06"][1] == {"inpatient": 0, "php": 1, "iop": 2, "outpatient": 1}
    assert by_week["2025-W11"][1] == {"inpatient": 0, "php": 1, "iop": 2, "outpatient": 1}
    # This week counts today (Wednesday 19 March): Brook and Lake have left, River has not stepped down yet.
    assert by_week["2025-W12"] == (D("2025-03-19"), {"inpatient": 0, "php": 1, "iop": 0, "outpatient": 1}, 2)
    # A coming week counts from its Monday, when River is in IOP.
    assert by_week["2025-W13"] == (D("2025-03-24"), {"inpatient": 0, "php": 0, "iop": 1, "outpatient": 1}, 2)
    # Brook's session stays in the history of its week, and Brook stays in the caseload.
    assert svc.load_figures(D("2025-03-12")).week.minutes == 60
    assert "Brook" in [r.alias for r in svc.caseload()]
    assert svc.active_clients_by_level() == {"inpatient": 0, "php": 1, "iop": 0, "outpatient": 1}
    assert svc.active_clients_by_level(D("2025-01-05"))["php"] == 0  # before anyone started


def test_load_figures_default_to_this_week_and_compare_with_the_limit(svc, river, clock):
    set_today(clock, "2025-03-19")
    for day in ("2025-03-17", "2025-03-18", "2025-03-19"):
        for _ in range(6):
            svc.log_session(draft(river.id, day, 90, 5))  # 27 hours in three days
    figures = svc.load_figures()
    assert figures.week.week_start == D("2025-03-17")
    assert figures.week.hours == 27 and figures.sustainable_weekly_hours == 25
    assert figures.over_sustainable_limit
    svc.set_sustainable_weekly_hours(30)
    assert svc.sustainable_weekly_hours() == 30
    assert not svc.load_figures(D("2025-03-23")).over_sustainable_limit


@pytest.mark.parametrize("hours", [0, 81, -5, True, "25", float("nan")])
def test_sustainable_hours_limits(svc, hours):
    with pytest.raises(InvalidEntry):
        svc.set_sustainable_weekly_hours(hours)
    assert svc.sustainable_weekly_hours() == 25


def test_a_damaged_preference_falls_back_to_the_default(svc, unlocked):
    unlocked.vault.execute(
        "INSERT INTO preferences (key, value) VALUES ('caseload.sustainable_weekly_hours', 'not json')"
    )
    assert svc.sustainable_weekly_hours() == 25


def test_the_session_load_indicator_uses_the_caseloads_own_limit(svc, river, unlocked, clock):
    """One setting shown in two places: changing either changes both."""
    from therapist_desk.services.indicator_sources import build_indicator_service

    indicators = build_indicator_service(unlocked.vault, clock)
    for day in ("2025-11-24", "2025-11-25", "2025-11-26", "2025-11-27"):  # the week before "today"
        svc.log_session(draft(river.id, day, 7 * 60, 2))  # 28 hours in all
    svc.set_sustainable_weekly_hours(30)
    rule = indicators.rule("session_load")
    assert rule.value("max_hours") == 30 and "above 30" in rule.rule_text
    (result,) = [r for r in indicators.evaluate() if r.rule_id == "session_load"]
    assert result.status == "clear"  # 28 h is within the caseload's own 30 h

    indicators.update_rule("session_load", values={"max_hours": 20})
    assert svc.sustainable_weekly_hours() == 20  # changed in Indicators, seen in Caseload
    (result,) = [r for r in indicators.evaluate() if r.rule_id == "session_load"]
    assert result.status == "triggered" and "28 session hours" in result.explanation

    with pytest.raises(InvalidEntry):
        indicators.update_rule("session_load", values={"max_hours": 0})
    assert svc.sustainable_weekly_hours() == 20  # nothing half-applied
    indicators.reset_rule("session_load")
    assert svc.sustainable_weekly_hours() == 25 == indicators.rule("session_load").value("max_hours")
