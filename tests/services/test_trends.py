"""Trends aggregation on hand-computed data: ranges, weekly buckets across DST and year ends,
rolling means with gaps, coverage counting, and the lagged correlation only with enough weeks.
Pure rules are tested directly; the service runs on real SQLCipher vaults."""

from __future__ import annotations

import math
import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from therapist_desk.domain.caseload import SessionDraft
from therapist_desk.domain.clock import FakeClock
from therapist_desk.domain.errors import InvalidEntry
from therapist_desk.domain.journal import ADDRESSING_DIMENSIONS, THEMES, BiasReflection, NoteDraft
from therapist_desk.domain.selfcare import CheckInValues
from therapist_desk.services.caseload import CaseloadService
from therapist_desk.services.caseload_load import weekly_session_totals
from therapist_desk.services.journal import JournalService
from therapist_desk.services.selfcare import SelfCareService
from therapist_desk.services.trends import TrendsService
from therapist_desk.services.trends_load import weekly_load
from therapist_desk.services.trends_math import (
    DAY,
    MONTH,
    QUARTER,
    TAKEN,
    WEEK,
    YEAR,
    DateRange,
    add_months,
    heatmap_period,
    lagged_correlation,
    lagged_pairs,
    pearson,
    period_start,
    periods_between,
    preset_range,
    split_at_gaps,
    whole_period,
)
from therapist_desk.services.trends_series import TrendPoint, TrendSeries, build_heatmap

D = date.fromisoformat
NEW_YORK = ZoneInfo("America/New_York")


def clock_at(day: str, hour: int = 20) -> FakeClock:
    return FakeClock(datetime.fromisoformat(day).replace(hour=hour, tzinfo=NEW_YORK))


def span(first: str, last: str) -> DateRange:
    return DateRange(D(first), D(last))


def check_ins(vault, clock, start: str, values: list[dict | None]) -> None:
    service = SelfCareService(vault, clock)
    for offset, fields in enumerate(values):
        if fields is not None:
            service.save_check_in(D(start) + timedelta(days=offset), CheckInValues(**fields))


def client(vault, clock, alias: str = "River", level: str = "iop", started: str = "2020-01-01") -> str:
    return CaseloadService(vault, clock).add_client(alias, level, started_on=D(started)).client.id


def session(vault, clock, client_id: str, day: str, minutes: int = 60, intensity: int = 3, **ratings) -> None:
    CaseloadService(vault, clock).log_session(
        SessionDraft(client_id=client_id, date=D(day), minutes=minutes, intensity=intensity, **ratings)
    )


# -- ranges and presets ------------------------------------------------------------------------------
def test_presets_end_today_and_have_the_promised_length():
    today = D("2026-03-02")
    assert preset_range("4w", today, None) == span("2026-02-03", "2026-03-02")
    assert preset_range("4w", today, None).days == 28
    assert preset_range("3m", today, None) == span("2025-12-03", "2026-03-02")
    assert preset_range("1y", today, None) == span("2025-03-03", "2026-03-02")
    assert preset_range("all", today, D("2019-06-15")) == span("2019-06-15", "2026-03-02")
    # A new vault's "all" is never squeezed into a few days, nor an empty one's.
    assert preset_range("all", today, D("2026-02-28")) == span("2026-02-03", "2026-03-02")
    assert preset_range("all", today, None) == span("2026-02-03", "2026-03-02")
    with pytest.raises(InvalidEntry):
        preset_range("5y; DROP TABLE notes", today, None)


def test_months_are_clamped_to_the_shorter_month():
    assert add_months(D("2026-05-31"), -3) == D("2026-02-28")
    assert add_months(D("2024-02-29"), 12) == D("2025-02-28")
    assert add_months(D("2025-12-15"), 1) == D("2026-01-15")
    assert preset_range("3m", D("2026-05-31"), None).start == D("2026-03-01")


def test_a_range_refuses_to_run_backwards_or_span_a_lifetime():
    with pytest.raises(InvalidEntry):
        span("2026-03-02", "2026-03-01")
    with pytest.raises(InvalidEntry):
        span("1900-01-01", "2026-01-01")
    assert span("2026-03-02", "2026-03-02").days == 1
    assert span("2026-02-01", "2026-02-28").previous() == span("2026-01-04", "2026-01-31")


# -- periods ----------------------------------------------------------------------------------------
def test_weeks_start_on_monday_across_year_ends():
    assert period_start(D("2021-01-03"), WEEK) == D("2020-12-28")  # ISO 2020-W53
    assert period_start(D("2026-01-01"), WEEK) == D("2025-12-29")  # 1 January in 2026-W01
    assert period_start(D("2026-03-08"), WEEK) == D("2026-03-02")  # US DST starts that Sunday
    assert periods_between(D("2020-12-27"), D("2021-01-04"), WEEK) == [
        D("2020-12-21"),
        D("2020-12-28"),
        D("2021-01-04"),
    ]


def test_months_quarters_and_years():
    assert periods_between(D("2025-11-15"), D("2026-02-01"), MONTH) == [
        D("2025-11-01"),
        D("2025-12-01"),
        D("2026-01-01"),
        D("2026-02-01"),
    ]
    assert period_start(D("2026-08-31"), QUARTER) == D("2026-07-01")
    assert periods_between(D("2025-12-31"), D("2026-04-01"), QUARTER) == [
        D("2025-10-01"),
        D("2026-01-01"),
        D("2026-04-01"),
    ]
    assert period_start(D("2026-08-31"), YEAR) == D("2026-01-01")
    assert period_start(D("2026-08-31"), TAKEN) == D("2026-08-31")


def test_heatmap_columns_stay_few_enough_to_hold_a_number():
    assert heatmap_period(span("2025-03-03", "2026-03-02")) == MONTH  # 13 months
    assert heatmap_period(span("2024-01-01", "2025-12-31")) == MONTH  # 24 months
    assert heatmap_period(span("2024-01-01", "2026-01-01")) == QUARTER  # 25 months, 9 quarters
    assert heatmap_period(span("2016-03-01", "2026-03-02")) == YEAR  # 41 quarters


def test_whole_periods_only_for_totals():
    inside = span("2026-02-02", "2026-03-01")  # Monday to Sunday, four whole weeks
    assert whole_period(D("2026-02-02"), WEEK, inside)
    assert whole_period(D("2026-02-23"), WEEK, inside)
    assert not whole_period(D("2026-03-02"), WEEK, inside)
    assert not whole_period(D("2026-02-01"), MONTH, span("2026-02-02", "2026-03-31"))


def test_lines_break_at_gaps_longer_than_one_step():
    days = [D("2026-01-01"), D("2026-01-02"), D("2026-01-05"), D("2026-01-06"), D("2026-01-20")]
    assert split_at_gaps(days, 1) == [(0, 2), (2, 4), (4, 5)]
    assert split_at_gaps(days, 7) == [(0, 4), (4, 5)]
    assert split_at_gaps(days, None) == [(0, 5)]
    assert split_at_gaps([], 1) == []
    weekly = TrendSeries(
        "x",
        WEEK,
        tuple(TrendPoint(D(d), 1.0, "check_in") for d in ("2026-01-05", "2026-01-12", "2026-01-26")),
    )
    assert [len(run) for run in weekly.runs()] == [2, 1]


def test_series_mean_is_weighted_by_the_records_behind_each_point():
    series = TrendSeries(
        "x", WEEK, (TrendPoint(D("2026-01-05"), 4.0, "s", 3), TrendPoint(D("2026-01-12"), 8.0, "s", 1))
    )
    assert series.mean() == pytest.approx(5.0)  # (4*3 + 8) / 4
    assert TrendSeries("x", WEEK).mean() is None


# -- correlation -----------------------------------------------------------------------------------------
def test_pearson_on_hand_computed_numbers():
    # sxy = 3.5, sxx = 5, syy = 4.75  ->  r = 3.5 / sqrt(23.75)
    assert pearson([1, 2, 3, 4], [2, 4, 5, 4]) == pytest.approx(3.5 / math.sqrt(23.75))
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert pearson([5, 5, 5], [1, 2, 3]) is None  # a load that never varies says nothing
    assert pearson([1], [2]) is None


def test_lagged_pairs_pair_each_week_with_the_next():
    load = [(D("2026-01-05"), 20.0), (D("2026-01-12"), 30.0), (D("2026-01-19"), 25.0)]
    outcome = {D("2026-01-12"): 4.0, D("2026-01-26"): 6.0}
    assert lagged_pairs(load, outcome) == [(D("2026-01-05"), 20.0, 4.0), (D("2026-01-19"), 25.0, 6.0)]


def test_correlation_only_with_twelve_weeks():
    pairs = [(D("2026-01-05") + timedelta(weeks=i), float(i), float(i % 3)) for i in range(12)]
    assert lagged_correlation(pairs[:11]) is None
    result = lagged_correlation(pairs)
    assert result is not None and result.weeks == 12
    assert result.r == pytest.approx(pearson([p[1] for p in pairs], [p[2] for p in pairs]))
    strong = lagged_correlation([(p[0], p[1], p[1] * 2 + 1) for p in pairs])
    assert strong is not None and strong.strength == "strong" and strong.positive
    flat = lagged_correlation([(p[0], p[1], 3.0) for p in pairs])
    assert flat is None


# -- the service on a real vault ---------------------------------------------------------------------------
def test_load_weeks_across_the_dst_change_with_next_weeks_exhaustion(unlocked):
    vault, clock = unlocked.vault, clock_at("2026-03-30")
    river = client(vault, clock)
    # Saturday 7 and Sunday 8 March (clocks go forward on the 8th in New York) share a week.
    session(vault, clock, river, "2026-03-07", 60, intensity=5)
    session(vault, clock, river, "2026-03-08", 90, intensity=2)
    session(vault, clock, river, "2026-03-09", 30, intensity=4)
    check_ins(
        vault,
        clock,
        "2026-03-07",
        [{"exhaustion": 4}, {"exhaustion": 6}, {"exhaustion": 9}, {"exhaustion": 7}],
    )
    trend = TrendsService(vault, clock).load(span("2026-03-02", "2026-03-22"))
    assert [(p.day, p.value, p.count) for p in trend.hours.points] == [
        (D("2026-03-02"), 2.5, 2),
        (D("2026-03-09"), 0.5, 1),
        (D("2026-03-16"), 0.0, 0),
    ]
    assert dict(trend.hours.points[0].detail)["individual"] == 2.5
    assert [(p.day, p.value) for p in trend.high_intensity_share.points] == [
        (D("2026-03-02"), 50.0),
        (D("2026-03-09"), 100.0),
    ]  # the empty week has no share at all
    assert [(p.day, p.value, p.count) for p in trend.exhaustion.points] == [
        (D("2026-03-02"), 5.0, 2),
        (D("2026-03-09"), 8.0, 2),
    ]
    assert trend.paired_weeks == 1 and trend.correlation is None


def test_load_week_53_and_the_week_in_progress(unlocked):
    vault, clock = unlocked.vault, clock_at("2021-01-06")  # a Wednesday
    river = client(vault, clock, started="2020-12-01")
    session(vault, clock, river, "2020-12-31", 50)
    session(vault, clock, river, "2021-01-03", 70)  # still 2020-W53
    session(vault, clock, river, "2021-01-04", 60)  # the week in progress: not drawn yet
    trend = TrendsService(vault, clock).load(span("2020-12-20", "2021-01-06"))
    assert [(p.day, p.value) for p in trend.hours.points] == [(D("2020-12-28"), 2.0)]
    assert trend.hours.points[0].count == 2


def test_weeks_before_the_first_session_are_not_light_weeks(unlocked):
    vault, clock = unlocked.vault, clock_at("2026-03-30")
    session(vault, clock, client(vault, clock), "2026-03-10", 60)
    trend = TrendsService(vault, clock).load(span("2026-02-01", "2026-03-22"))
    assert trend.hours.points[0].day == D("2026-03-09")


def test_the_correlation_needs_twelve_weeks_of_pairs(unlocked):
    vault, clock = unlocked.vault, clock_at("2026-06-30")
    river = client(vault, clock)
    first = D("2026-01-05")
    hours = [2, 5, 3, 6, 1, 4, 6, 2, 5, 3, 4, 1, 6]  # 13 weeks of sessions
    for week, h in enumerate(hours):
        for n in range(h):
            session(vault, clock, river, str(first + timedelta(weeks=week, days=n % 5)), 60)
    service = TrendsService(vault, clock)
    # Exhaustion on the Monday after each week follows that week's hours: 1 + h.
    for week, h in enumerate(hours):
        check_ins(vault, clock, str(first + timedelta(weeks=week + 1)), [{"exhaustion": 1 + h}])
    eleven = service.load(span("2026-01-05", str(first + timedelta(weeks=11, days=6))))
    assert eleven.paired_weeks == 11 and eleven.correlation is None
    twelve = service.load(span("2026-01-05", str(first + timedelta(weeks=13, days=6))))
    assert twelve.paired_weeks == 13
    assert twelve.correlation is not None and twelve.correlation.r == pytest.approx(1.0)


def test_a_range_longer_than_the_caseloads_limit_is_read_in_parts(unlocked):
    vault, clock = unlocked.vault, clock_at("2026-03-02")
    river = client(vault, clock, started="1990-01-01")
    session(vault, clock, river, "1990-01-03", 60)
    session(vault, clock, river, "2026-02-25", 120)
    trend = TrendsService(vault, clock).load(span("1990-01-01", "2026-03-01"))
    weeks = [p.day for p in trend.hours.points]
    assert weeks[0] == D("1990-01-01") and weeks[-1] == D("2026-02-23")
    assert len(weeks) == len(set(weeks)) == (D("2026-02-23") - D("1990-01-01")).days // 7 + 1
    assert sum(p.value for p in trend.hours.points) == 3.0


def test_daily_values_and_rolling_means_keep_gaps(unlocked):
    vault, clock = unlocked.vault, clock_at("2026-02-28")
    # 1..3 Feb, then nothing for ten days, then 14 Feb
    check_ins(
        vault, clock, "2026-02-01", [{"exhaustion": 2, "energy": 8}, {"exhaustion": 4}, {"exhaustion": 6}]
    )
    check_ins(vault, clock, "2026-02-14", [{"exhaustion": 9, "energy": 3}])
    trend = TrendsService(vault, clock).wellbeing(span("2026-02-01", "2026-02-20"))
    assert trend.resolution == DAY
    assert [(p.day.day, p.value) for p in trend.exhaustion.points] == [
        (1, 2.0),
        (2, 4.0),
        (3, 6.0),
        (14, 9.0),
    ]
    rolling = {p.day.day: (p.value, p.count) for p in trend.exhaustion_rolling.points}
    assert rolling[3] == (4.0, 3)
    assert rolling[9] == (6.0, 1)  # 3..9 Feb holds only the 3rd
    assert 10 not in rolling and 13 not in rolling  # a week without a check-in has no mean
    assert rolling[14] == (9.0, 1) and rolling[20] == (9.0, 1)
    assert [len(run) for run in trend.exhaustion_rolling.runs()] == [9, 7]  # 1..9 and 14..20
    assert trend.exhaustion_average == pytest.approx(21 / 4)
    assert trend.energy_average == pytest.approx(5.5)
    assert trend.exhaustion_previous_average is None


def test_wellbeing_compares_with_the_period_before_and_uses_weeks_beyond_a_year(unlocked):
    vault, clock = unlocked.vault, clock_at("2026-03-31")
    check_ins(vault, clock, "2026-02-26", [{"exhaustion": 3}, {"exhaustion": 5}])
    check_ins(vault, clock, "2026-03-02", [{"exhaustion": 8}])
    service = TrendsService(vault, clock)
    trend = service.wellbeing(span("2026-03-02", "2026-03-05"))
    assert (trend.exhaustion_average, trend.exhaustion_previous_average) == (8.0, 4.0)
    long = service.wellbeing(span("2024-01-01", "2026-03-08"))
    assert long.resolution == WEEK and long.exhaustion_rolling.empty
    assert [(p.day, p.value, p.count) for p in long.exhaustion.points] == [
        (D("2026-02-23"), 4.0, 2),
        (D("2026-03-02"), 8.0, 1),
    ]


def test_burnout_scores_per_assessment_and_the_empty_states(unlocked):
    vault, clock = unlocked.vault, clock_at("2026-03-31")
    service = TrendsService(vault, clock)
    empty = service.burnout(span("2026-01-01", "2026-03-31"))
    assert empty.empty and not empty.has_any
    selfcare = SelfCareService(vault, clock)
    always = {f"p{i}": "always" for i in range(1, 7)}
    selfcare.save_assessment("cbi", D("2026-02-01"), {**always, "p6": "sometimes"})  # personal (5*100+50)/6
    selfcare.save_assessment("single_item", D("2026-02-08"), {"burnout": "3"})
    trend = service.burnout(span("2026-01-01", "2026-03-31"))
    personal, work, client_scale = trend.scales
    assert [(p.day, p.value, p.source) for p in personal.points] == [
        (D("2026-02-01"), pytest.approx(550 / 6), "cbi")
    ]
    assert work.empty and client_scale.empty  # unanswered scales are not scored as 0
    assert [(p.value, p.source) for p in trend.single_item.points] == [(3.0, "single_item")]
    elsewhere = service.burnout(span("2025-01-01", "2025-03-31"))
    assert elsewhere.empty and elsewhere.has_any


def test_selfcare_totals_per_whole_week_and_days_off(unlocked):
    vault, clock = unlocked.vault, clock_at("2026-03-31")
    check_ins(
        vault,
        clock,
        "2026-03-02",
        [
            {"sleep_hours": 7.0, "exercise_minutes": 30, "peer_support": True, "supervision": False},
            {"sleep_hours": 6.0, "exercise_minutes": 0, "peer_support": False, "supervision": True},
            None,
            {"sleep_hours": 8.0, "peer_support": True},
        ],
    )
    check_ins(vault, clock, "2026-03-09", [{"sleep_hours": 5.0, "exercise_minutes": 20}])
    selfcare = SelfCareService(vault, clock)
    selfcare.add_time_off("day_off", D("2026-03-06"), D("2026-03-06"), "taken")
    selfcare.add_time_off("vacation", D("2026-03-12"), D("2026-03-16"), "taken")
    selfcare.add_time_off("day_off", D("2026-03-04"), D("2026-03-04"), "cancelled")
    trend = TrendsService(vault, clock).selfcare_habits(span("2026-03-02", "2026-03-18"))
    assert trend.resolution == WEEK and trend.support_resolution == WEEK
    assert [(p.day.day, p.value, p.count) for p in trend.sleep.points] == [(2, 7.0, 3), (9, 5.0, 1)]
    # Totals only for whole weeks inside the range: the week of 16 March is cut by its end.
    assert [(p.day.day, p.value) for p in trend.exercise.points] == [(2, 30.0), (9, 20.0)]
    # Peer support left blank on the 9th is no answer, not a "no": that week has no point.
    assert [(p.day.day, p.value, p.count) for p in trend.peer_support.points] == [(2, 2.0, 3)]
    assert [(p.day.day, p.value, p.count) for p in trend.supervision.points] == [(2, 1.0, 2)]
    assert [(p.day.day, p.value) for p in trend.days_off.points] == [(2, 1.0), (9, 4.0)]


def test_days_off_weeks_are_zero_only_while_the_app_was_in_use(unlocked):
    vault, clock = unlocked.vault, clock_at("2026-03-31")
    check_ins(vault, clock, "2026-03-09", [{"sleep_hours": 7.0}])
    trend = TrendsService(vault, clock).selfcare_habits(span("2026-02-02", "2026-03-29"))
    assert [(p.day, p.value) for p in trend.days_off.points] == [
        (D("2026-03-09"), 0.0),
        (D("2026-03-16"), 0.0),
        (D("2026-03-23"), 0.0),
    ]


def write_note(vault, when: datetime, **fields) -> str:
    return JournalService(vault, FakeClock(when)).create(NoteDraft(**fields)).id


def bias_note(vault, when: datetime, dimensions=(), types=()) -> str:
    return write_note(
        vault,
        when,
        kind="bias",
        themes=("bias",),
        bias=BiasReflection(situation="s", dimensions=tuple(dimensions), assumption_types=tuple(types)),
    )


def test_reflection_heatmaps_count_every_label_and_keep_zero_months(unlocked):
    vault = unlocked.vault
    bias_note(vault, datetime(2026, 1, 10, 9, tzinfo=NEW_YORK), ["age", "gender"], ["motivation"])
    bias_note(vault, datetime(2026, 1, 31, 23, 30, tzinfo=NEW_YORK), ["age"], ["background"])  # Feb in UTC
    bias_note(vault, datetime(2026, 3, 3, 9, tzinfo=NEW_YORK), ["religion"], ["motivation"])
    write_note(vault, datetime(2026, 3, 4, 9, tzinfo=NEW_YORK), body="b", themes=("empathy", "boundaries"))
    trashed = bias_note(vault, datetime(2026, 3, 5, 9, tzinfo=NEW_YORK), ["national_origin"])
    JournalService(vault, clock_at("2026-03-06")).delete(trashed)
    trend = TrendsService(vault, clock_at("2026-03-31")).reflections(span("2026-01-01", "2026-03-31"))
    heat = trend.by_dimension
    assert heat.period == MONTH and heat.columns == (D("2026-01-01"), D("2026-02-01"), D("2026-03-01"))
    assert heat.rows == ADDRESSING_DIMENSIONS
    counts = dict(zip(heat.rows, heat.counts, strict=True))
    assert counts["age"] == (2, 0, 0)  # the late-evening note counts in its own local month
    assert counts["gender"] == (1, 0, 0)
    assert counts["religion"] == (0, 0, 1)
    assert counts["national_origin"] == (0, 0, 0)  # in the trash
    assert heat.total == 4 and heat.max_count == 2
    assert dict(zip(trend.by_assumption_type.rows, trend.by_assumption_type.counts, strict=True)) == {
        "background": (1, 0, 0),
        "motivation": (1, 0, 1),
        "likelihood_of_success": (0, 0, 0),
    }
    themes = dict(zip(trend.by_theme.rows, trend.by_theme.counts, strict=True))
    assert trend.by_theme.rows == THEMES
    assert themes["bias"] == (2, 0, 1) and themes["empathy"] == (0, 0, 1)
    assert trend.reflections == 4
    # 90 days back from 31 March: only religion, age and gender were reflected on.
    assert set(ADDRESSING_DIMENSIONS) - set(trend.not_reflected_on) == {"age", "gender", "religion"}
    assert trend.not_reflected_on == tuple(
        d for d in ADDRESSING_DIMENSIONS if d not in {"age", "gender", "religion"}
    )


def test_heatmap_folds_months_into_quarters_and_skips_malformed_rows():
    columns = (D("2025-10-01"), D("2026-01-01"))
    heat = build_heatmap(
        "dimension",
        QUARTER,
        columns,
        ("age", "gender"),
        [
            ("2025-11", "age", 2),
            ("2025-12", "age", 1),
            ("2026-02", "gender", 4),
            ("20x6-0", "age", 9),
            ("2026-03", "bogus", 5),
        ],
    )
    assert heat.counts == ((3, 0), (0, 4))


def test_empty_journal_coverage_names_every_dimension(unlocked):
    trend = TrendsService(unlocked.vault, clock_at("2026-03-31")).reflections(
        span("2026-03-01", "2026-03-31")
    )
    assert trend.empty and not trend.has_any
    assert trend.not_reflected_on == ADDRESSING_DIMENSIONS
    assert all(all(c == 0 for c in row) for row in trend.by_dimension.counts)


def test_self_ratings_per_month_and_per_level_on_the_sessions_date(unlocked):
    vault, clock = unlocked.vault, clock_at("2026-03-31")
    river = client(vault, clock, "River", "php", started="2026-01-01")
    juniper = client(vault, clock, "Juniper", "outpatient", started="2026-01-01")
    CaseloadService(vault, clock).change_program_level(river, "iop", D("2026-02-15"))
    session(vault, clock, river, "2026-02-10", alliance=3, empathy=2)  # still PHP that day
    session(vault, clock, river, "2026-02-20", alliance=5, empathy=4)  # IOP
    session(vault, clock, juniper, "2026-02-21", alliance=4)
    session(vault, clock, juniper, "2026-03-02")  # unrated: counts nowhere
    session(vault, clock, juniper, "2026-03-03", congruence=5, positive_regard=3)
    service = TrendsService(vault, clock)
    every = service.alliance(span("2025-12-01", "2026-03-31"))
    assert every.resolution == MONTH
    alliance, congruence, regard, empathy = every.ratings
    assert [(p.day, p.value, p.count) for p in alliance.points] == [(D("2026-02-01"), 4.0, 3)]
    assert [(p.day, p.value) for p in empathy.points] == [(D("2026-02-01"), 3.0)]
    assert [(p.day, p.value) for p in congruence.points] == [(D("2026-03-01"), 5.0)]
    assert [(p.day, p.value) for p in regard.points] == [(D("2026-03-01"), 3.0)]
    iop = service.alliance(span("2025-12-01", "2026-03-31"), "iop")
    assert [(p.value, p.count) for p in iop.ratings[0].points] == [(5.0, 1)]
    php = service.alliance(span("2025-12-01", "2026-03-31"), "php")
    assert [(p.value, p.count) for p in php.ratings[0].points] == [(3.0, 1)]
    inpatient = service.alliance(span("2025-12-01", "2026-03-31"), "inpatient")
    assert inpatient.empty and inpatient.has_any
    weekly = service.alliance(span("2026-02-09", "2026-02-22"))
    assert weekly.resolution == WEEK
    assert [(p.day, p.value) for p in weekly.ratings[0].points] == [
        (D("2026-02-09"), 3.0),
        (D("2026-02-16"), 4.5),
    ]
    with pytest.raises(InvalidEntry):
        service.alliance(every.span, "residential' OR 1=1 --")


def test_first_day_spans_every_kind_of_record(unlocked):
    vault, clock = unlocked.vault, clock_at("2026-03-31")
    service = TrendsService(vault, clock)
    assert service.first_day() is None
    assert service.preset("all") == span("2026-03-04", "2026-03-31")
    check_ins(vault, clock, "2026-02-10", [{"mood": 5}])
    SelfCareService(vault, clock).add_time_off("day_off", D("2025-12-24"), D("2025-12-24"), "cancelled")
    assert service.first_day() == D("2026-02-10")
    session(vault, clock, client(vault, clock, started="2025-01-01"), "2025-11-03")
    assert service.first_day() == D("2025-11-03")
    gone = write_note(vault, datetime(2025, 6, 1, 9, tzinfo=NEW_YORK), body="x")
    JournalService(vault, clock).delete(gone)
    assert service.first_day() == D("2025-11-03")  # a note in the trash does not count
    write_note(vault, datetime(2025, 7, 1, 9, tzinfo=NEW_YORK), body="y")
    assert service.first_day() == D("2025-07-01")
    assert service.preset("all") == span("2025-07-01", "2026-03-31")


def test_weekly_load_summed_per_day_in_sql_matches_the_caseloads_own(unlocked):
    vault, clock = unlocked.vault, clock_at("2026-03-31")
    rng = random.Random(8)
    clients = [client(vault, clock, alias, started="2020-01-01") for alias in ("River", "Juniper", "Cedar")]
    service = CaseloadService(vault, clock)
    with vault.transaction():
        for _ in range(120):
            day = D("2020-12-20") + timedelta(days=rng.randint(0, 60))
            service.log_session(
                SessionDraft(
                    client_id=rng.choice(clients),
                    date=day,
                    minutes=rng.choice((30, 50, 90)),
                    intensity=rng.randint(1, 5),
                    format=rng.choice(("individual", "group", "family")),
                )
            )
    first, last = D("2020-12-01"), D("2021-03-01")
    assert weekly_load(vault, first, last) == weekly_session_totals(vault, first, last)
    assert weekly_load(vault, last, first) == []


def test_self_ratings_follow_a_new_session_after_being_read(unlocked):
    vault, clock = unlocked.vault, clock_at("2026-03-31")
    river = client(vault, clock)
    session(vault, clock, river, "2026-01-10", alliance=2)
    service = TrendsService(vault, clock)
    whole = span("2025-06-01", "2026-03-31")
    assert [p.value for p in service.alliance(whole).ratings[0].points] == [2.0]
    assert [p.value for p in service.alliance(span("2025-07-01", "2026-03-31")).ratings[0].points] == [2.0]
    session(vault, clock, river, "2026-01-20", alliance=4)
    assert [(p.value, p.count) for p in service.alliance(whole).ratings[0].points] == [(3.0, 2)]
    assert service.alliance(span("2025-06-01", "2025-12-31")).empty


def test_only_the_asked_heatmaps_are_counted(unlocked):
    vault = unlocked.vault
    bias_note(vault, datetime(2026, 3, 3, 9, tzinfo=NEW_YORK), ["religion"], ["motivation"])
    service = TrendsService(vault, clock_at("2026-03-31"))
    trend = service.reflections(span("2026-03-01", "2026-03-31"), ("dimension",))
    assert trend.by_theme is None and trend.by_assumption_type is None
    assert trend.by_dimension is not None and trend.by_dimension.total == 1
    assert trend.reflections == 1
    with pytest.raises(InvalidEntry):
        service.reflections(trend.span, ("tags",))
