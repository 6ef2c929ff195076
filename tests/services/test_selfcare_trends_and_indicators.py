"""Trend aggregates (SQL) and the indicator service on real vaults, with an injected clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from therapist_desk.domain.clock import FakeClock
from therapist_desk.domain.errors import InvalidEntry
from therapist_desk.domain.indicators import NOT_ENOUGH_DATA, OFF, TRIGGERED, WeeklyLoad
from therapist_desk.domain.selfcare import CheckInValues
from therapist_desk.services.selfcare import SelfCareService
from therapist_desk.services.selfcare_indicators import SETTINGS_KEY, IndicatorService
from therapist_desk.services.selfcare_trends import SelfCareTrends

D = date.fromisoformat
TZ = ZoneInfo("America/New_York")


def at(day: str, hour: int = 21) -> FakeClock:
    return FakeClock(datetime.fromisoformat(day).replace(hour=hour, tzinfo=TZ))


def fill(vault, clock, start: str, values: list[dict | None]) -> None:
    service = SelfCareService(vault, clock)
    for i, fields in enumerate(values):
        if fields is not None:
            service.save_check_in(D(start) + timedelta(days=i), CheckInValues(**fields))


# -- trends --------------------------------------------------------------------------------------
def test_daily_series_keeps_gaps_as_gaps(unlocked):
    fill(
        unlocked.vault,
        at("2026-03-31"),
        "2026-03-01",
        [{"exhaustion": 3}, None, {"exhaustion": 0}, {"mood": 5}],
    )
    points = SelfCareTrends(unlocked.vault).daily_series("exhaustion", D("2026-03-01"), D("2026-03-31"))
    assert [(p.day, p.value) for p in points] == [(D("2026-03-01"), 3.0), (D("2026-03-03"), 0.0)]


def test_rolling_mean_over_calendar_days_across_a_gap_and_the_leap_day(unlocked):
    # values on 02-24 (2), 02-26 (4), 02-29 (6), 03-01 (8); nothing on the other days
    fill(
        unlocked.vault,
        at("2028-03-31"),
        "2028-02-24",
        [{"exhaustion": 2}, None, {"exhaustion": 4}, None, None, {"exhaustion": 6}, {"exhaustion": 8}],
    )
    points = SelfCareTrends(unlocked.vault).rolling_mean("exhaustion", D("2028-02-23"), D("2028-03-04"))
    by_day = {p.day: (p.mean, p.count) for p in points}
    assert len(points) == 11  # 02-23 .. 03-04 inclusive, with 02-29
    assert by_day[D("2028-02-23")] == (None, 0)
    assert by_day[D("2028-02-25")] == (2.0, 1)  # a day without a value still gets a point
    assert by_day[D("2028-02-29")] == (4.0, 3)  # (2 + 4 + 6) / 3
    assert by_day[D("2028-03-01")] == (5.0, 4)  # window 02-24..03-01: (2 + 4 + 6 + 8) / 4
    assert by_day[D("2028-03-02")] == (6.0, 3)  # 02-24 left the window: (4 + 6 + 8) / 3
    assert by_day[D("2028-03-04")] == (7.0, 2)  # window 02-27..03-04: (6 + 8) / 2


def test_weekly_and_monthly_series(unlocked):
    # Sunday 2026-03-01 closes the week of Monday 02-23; Monday 03-02 opens the next
    fill(
        unlocked.vault,
        at("2026-04-30"),
        "2026-02-28",
        [
            {"exercise_minutes": 30},
            {"exercise_minutes": 10},
            {"exercise_minutes": 20, "self_care_minutes": 15},
        ],
    )
    trends = SelfCareTrends(unlocked.vault)
    weeks = trends.weekly_series("exercise_minutes", D("2026-01-01"), D("2026-12-31"))
    assert [(w.period_start, w.mean, w.total, w.count) for w in weeks] == [
        (D("2026-02-23"), 20.0, 40.0, 2),
        (D("2026-03-02"), 20.0, 20.0, 1),
    ]
    months = trends.monthly_series("self_care_total_minutes", D("2026-01-01"), D("2026-12-31"))
    assert [(m.period_start, m.total, m.count) for m in months] == [
        (D("2026-02-01"), 30.0, 1),
        (D("2026-03-01"), 45.0, 2),
    ]


def test_boolean_metrics_are_shares_and_window_summary(unlocked):
    fill(
        unlocked.vault,
        at("2026-03-31"),
        "2026-03-02",
        [{"peer_support": True}, {"peer_support": False}, {"supervision": True}, {"mood": 3}],
    )
    trends = SelfCareTrends(unlocked.vault)
    assert trends.window_summary("peer_support", D("2026-03-02"), D("2026-03-08")) == (0.5, 2)
    assert trends.window_summary("support_contact", D("2026-03-02"), D("2026-03-08")) == (2 / 3, 3)
    assert trends.window_summary("energy", D("2026-03-02"), D("2026-03-08")) == (None, 0)


def test_unknown_metric_and_bad_ranges_refused(unlocked):
    trends = SelfCareTrends(unlocked.vault)
    with pytest.raises(InvalidEntry, match="no check-in measure"):
        trends.daily_series("note; DROP TABLE self_care_checkins", D("2026-01-01"), D("2026-02-01"))
    with pytest.raises(InvalidEntry):
        trends.rolling_mean("mood", D("2026-02-01"), D("2026-01-01"))
    with pytest.raises(InvalidEntry):
        trends.rolling_mean("mood", D("2026-01-01"), D("2026-02-01"), window=0)


def test_score_series(unlocked):
    service = SelfCareService(unlocked.vault, at("2026-04-30"))
    service.save_assessment("cbi", D("2026-01-05"), {"w1": "high", "w2": "high", "w3": "high", "w4": "often"})
    service.save_assessment("cbi", D("2026-02-05"), {"w1": "high"})  # work unscored
    service.save_assessment("cbi", D("2026-03-05"), {"w1": "low", "w2": "low", "w3": "low", "w4": "seldom"})
    points = SelfCareTrends(unlocked.vault).score_series("cbi", "work")
    assert [(p.day, p.value) for p in points] == [(D("2026-01-05"), 75.0), (D("2026-03-05"), 25.0)]
    assert SelfCareTrends(unlocked.vault).score_series("cbi", "bogus'\"]") == []


# -- indicator service -------------------------------------------------------------------------
def test_brand_new_vault_raises_no_alarm(unlocked):
    service = IndicatorService(
        unlocked.vault,
        at("2026-03-10"),
        weekly_load=lambda a, b: [],
        reflection_coverage=dict,
        clients_active=lambda: True,
    )
    results = service.evaluate()
    assert len(results) == 8 and service.triggered() == []


def test_first_week_of_heavy_check_ins_raises_no_alarm(unlocked):
    clock = at("2026-03-07")
    fill(unlocked.vault, clock, "2026-03-01", [{"exhaustion": 10, "exercise_minutes": 0}] * 7)
    assert IndicatorService(unlocked.vault, clock).triggered() == []


def test_service_gathers_vault_data_and_triggers(unlocked):
    clock = at("2026-03-31")
    # 21 days of exhaustion 2 then 7 days of 6 (7-day mean 6, 28-day mean 3), never any support
    fill(unlocked.vault, clock, "2026-03-04", [{"exhaustion": 2}] * 21 + [{"exhaustion": 6}] * 7)
    selfcare = SelfCareService(unlocked.vault, clock)
    selfcare.add_time_off("day_off", D("2026-03-10"), D("2026-03-10"))
    selfcare.save_assessment("single_item", D("2026-03-30"), {"burnout": 3})
    service = IndicatorService(
        unlocked.vault,
        clock,
        weekly_load=lambda start, end: [WeeklyLoad(D("2026-03-30"), 12.0, 0.1)],
    )
    results = {r.rule_id: r for r in service.evaluate()}
    assert results["exhaustion_rising"].status == TRIGGERED
    assert results["single_item_high"].status == TRIGGERED
    assert results["no_day_off"].status == TRIGGERED  # 21 days since 03-10, 28 days of check-ins
    assert results["no_support_contact"].status == NOT_ENOUGH_DATA  # in use only 28 of 30 days
    assert results["session_load"].status == "clear"
    assert results["bias_coverage"].status == NOT_ENOUGH_DATA  # no journal wired in
    assert results["exhaustion_rising"].evidence[-1].day == D("2026-03-31")


def test_supervision_records_from_elsewhere_count_as_contact(unlocked):
    clock = at("2026-04-30")
    fill(unlocked.vault, clock, "2026-03-01", [{"mood": 5}] * 61)
    plain = {r.rule_id: r.status for r in IndicatorService(unlocked.vault, clock).evaluate()}
    assert plain["no_support_contact"] == TRIGGERED
    wired = IndicatorService(unlocked.vault, clock, extra_support_contacts=lambda a, b: [D("2026-04-20")])
    assert {r.rule_id: r.status for r in wired.evaluate()}["no_support_contact"] == "clear"


def test_settings_are_stored_in_the_vault_and_survive(unlocked):
    clock = at("2026-03-10")
    service = IndicatorService(unlocked.vault, clock)
    service.update_rule("session_load", values={"max_hours": 30})
    service.update_rule("single_item_high", enabled=False)
    again = IndicatorService(unlocked.vault, clock)
    assert again.rule("session_load").value("max_hours") == 30
    assert "above 30" in again.rule("session_load").rule_text
    SelfCareService(unlocked.vault, clock).save_assessment("single_item", D("2026-03-10"), {"burnout": 5})
    assert {r.rule_id: r.status for r in again.evaluate()}["single_item_high"] == OFF
    again.reset_rule("single_item_high")
    assert again.rule("single_item_high").enabled


def test_bad_settings_refused_and_corrupt_preferences_fall_back(unlocked):
    service = IndicatorService(unlocked.vault, at("2026-03-10"))
    with pytest.raises(InvalidEntry, match="between 1 and 80"):
        service.update_rule("session_load", values={"max_hours": 500})
    with pytest.raises(InvalidEntry, match="no indicator"):
        service.update_rule("nope", enabled=False)
    unlocked.vault.execute("INSERT INTO preferences (key, value) VALUES (?, 'not json{')", (SETTINGS_KEY,))
    assert service.rule("session_load").value("max_hours") == 25
