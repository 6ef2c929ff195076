"""Every early-warning rule on hand-made series with an injected "today".

Covers gaps, a leap day (2028-02-29), DST change days, and the first week of use, where
too little data must never raise an alarm.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from therapist_desk.domain.errors import InvalidEntry
from therapist_desk.domain.indicator_rules import ADDRESSING_DIMENSIONS, TALK_TO_SOMEONE
from therapist_desk.domain.indicators import (
    CLEAR,
    NOT_ENOUGH_DATA,
    OFF,
    TRIGGERED,
    IndicatorData,
    WeeklyLoad,
    apply_settings,
    default_rules,
    evaluate_all,
    settings_of,
)

D = date.fromisoformat
RULES = {r.id: r for r in default_rules()}


def days(start: str, count: int) -> list[date]:
    return [D(start) + timedelta(days=i) for i in range(count)]


def series(start: str, values: list[float | None]) -> list[tuple[date, float]]:
    return [(D(start) + timedelta(days=i), v) for i, v in enumerate(values) if v is not None]


def run(rule_id: str, today: str, **data):
    return RULES[rule_id].evaluate(IndicatorData(**data), D(today))


def test_rule_catalogue():
    assert list(RULES) == [
        "cbi_high_or_rising",
        "single_item_high",
        "exhaustion_rising",
        "session_load",
        "no_day_off",
        "no_support_contact",
        "self_care_drop",
        "bias_coverage",
    ]
    for rule in RULES.values():
        assert rule.enabled and rule.title and rule.next_steps
        assert "{" not in rule.rule_text  # every placeholder filled with a current value


def test_rule_text_shows_current_thresholds():
    rule = RULES["session_load"]
    assert "above 25" in rule.rule_text and "40%" in rule.rule_text
    tuned = rule.with_settings(values={"max_hours": 30, "max_high_share": 35})
    assert "above 30" in tuned.rule_text and "35%" in tuned.rule_text
    assert "2 points" in RULES["exhaustion_rising"].rule_text


# -- CBI --------------------------------------------------------------------------------------
def cbi(*rows):
    return [(D(d), {"personal": None, "work": w, "client": c}) for d, w, c in rows]


def test_cbi_two_in_a_row_at_50():
    result = run(
        "cbi_high_or_rising", "2026-04-02", cbi=cbi(("2026-03-01", 50.0, 20.0), ("2026-04-01", 53.6, 10.0))
    )
    assert result.status == TRIGGERED
    assert [(e.day, e.value) for e in result.evidence] == [(D("2026-03-01"), 50.0), (D("2026-04-01"), 53.6)]
    assert "work-related" in result.explanation and "two check-ins in a row" in result.explanation
    assert TALK_TO_SOMEONE not in result.next_steps


def test_cbi_only_the_latest_high_is_clear():
    result = run(
        "cbi_high_or_rising", "2026-04-02", cbi=cbi(("2026-03-01", 49.9, 20.0), ("2026-04-01", 55.0, 20.0))
    )
    assert result.status == CLEAR and result.next_steps == ()


def test_cbi_rise_of_ten_on_the_client_scale():
    result = run(
        "cbi_high_or_rising", "2026-04-02", cbi=cbi(("2026-03-01", 20.0, 25.0), ("2026-04-01", 20.0, 35.0))
    )
    assert result.status == TRIGGERED and "up 10 points" in result.explanation
    assert result.evidence[0].source == "CBI client-related burnout"
    rose_9 = run(
        "cbi_high_or_rising", "2026-04-02", cbi=cbi(("2026-03-01", 20.0, 25.0), ("2026-04-01", 20.0, 34.9))
    )
    assert rose_9.status == CLEAR


def test_cbi_very_high_adds_talking_to_someone():
    result = run(
        "cbi_high_or_rising", "2026-04-02", cbi=cbi(("2026-03-01", 80.0, 0.0), ("2026-04-01", 78.6, 0.0))
    )
    assert TALK_TO_SOMEONE in result.next_steps


def test_cbi_unscored_scale_is_skipped_not_zero():
    result = run(
        "cbi_high_or_rising", "2026-04-02", cbi=cbi(("2026-03-01", None, None), ("2026-04-01", 60.0, None))
    )
    assert result.status == CLEAR


def test_cbi_needs_two_and_a_recent_one():
    assert (
        run("cbi_high_or_rising", "2026-04-02", cbi=cbi(("2026-04-01", 90.0, 90.0))).status == NOT_ENOUGH_DATA
    )
    old = cbi(("2025-11-01", 60.0, 60.0), ("2025-12-01", 60.0, 60.0))
    assert run("cbi_high_or_rising", "2026-04-02", cbi=old).status == NOT_ENOUGH_DATA
    assert run("cbi_high_or_rising", "2026-02-28", cbi=old).status == TRIGGERED  # 90 days inclusive


def test_cbi_ignores_future_dated_entries():
    rows = cbi(("2026-03-01", 60.0, 0.0), ("2026-04-01", 60.0, 0.0), ("2026-05-01", 0.0, 0.0))
    assert run("cbi_high_or_rising", "2026-04-02", cbi=rows).status == TRIGGERED


# -- single item -----------------------------------------------------------------------------
def test_single_item_three_or_more():
    assert run("single_item_high", "2026-03-10", single_item=series("2026-03-09", [3])).status == TRIGGERED
    assert (
        run(
            "single_item_high",
            "2026-03-10",
            single_item=series("2026-03-02", [4, None, None, None, None, None, None, 2]),
        ).status
        == CLEAR
    )
    five = run("single_item_high", "2026-03-10", single_item=series("2026-03-10", [5]))
    assert TALK_TO_SOMEONE in five.next_steps
    assert (
        run("single_item_high", "2026-03-10", single_item=series("2026-01-01", [5])).status == NOT_ENOUGH_DATA
    )


# -- exhaustion: 7-day mean vs 28-day mean ----------------------------------------------------------
def test_exhaustion_rise_of_two_triggers():
    # 21 days at 3 then 7 days at 6: 7-day mean 6, 28-day mean (63 + 42) / 28 = 3.75 -> +2.25
    data = series("2026-02-01", [3] * 21 + [6] * 7)
    result = run("exhaustion_rising", "2026-02-28", exhaustion=data)
    assert result.status == TRIGGERED
    assert "7-day mean exhaustion is 6" in result.explanation and "28-day mean is 3.8" in result.explanation
    assert len(result.evidence) == 28


def test_exhaustion_rise_just_below_two_is_clear():
    # 21 days at 4 then 7 at 6.6: 7-day 6.6; 28-day (84 + 46.2) / 28 = 4.65 -> +1.95
    data = series("2026-02-01", [4] * 21 + [6.6] * 7)
    assert run("exhaustion_rising", "2026-02-28", exhaustion=data).status == CLEAR


def test_exhaustion_first_week_of_use_is_never_an_alarm():
    # three high days after nothing: far above any mean, but only 3 days of data
    data = series("2026-03-03", [1, 9, 10])
    assert run("exhaustion_rising", "2026-03-05", exhaustion=data).status == NOT_ENOUGH_DATA
    data = series("2026-03-01", [0, 0, 10, 10, 10, 10, 10])  # a full week, still under 14 of 28 days
    assert run("exhaustion_rising", "2026-03-07", exhaustion=data).status == NOT_ENOUGH_DATA


def test_exhaustion_gaps_count_calendar_days_not_rows():
    # baseline of 20 days at 2, then a 5-day gap, then 3 days at 9: only 3 of the last 7 days
    data = series("2026-01-01", [2] * 20 + [None] * 5 + [9] * 3)
    assert run("exhaustion_rising", "2026-01-28", exhaustion=data).status == NOT_ENOUGH_DATA
    # same but 5 of the last 7 days: 7-day mean 9; 28-day (40 + 45) / 25 = 3.4 -> triggered
    data = series("2026-01-01", [2] * 20 + [None] * 3 + [9] * 5)
    assert run("exhaustion_rising", "2026-01-28", exhaustion=data).status == TRIGGERED


def test_exhaustion_window_across_leap_day():
    # today 2028-03-01: the 7-day window is 02-24..03-01 and includes 02-29 (7 calendar days)
    base = series("2028-02-03", [2] * 21)  # 02-03 .. 02-23
    recent = series("2028-02-24", [7] * 7)  # 02-24, 25, 26, 27, 28, 29, 03-01
    assert recent[-2][0] == D("2028-02-29")
    result = run("exhaustion_rising", "2028-03-01", exhaustion=base + recent)
    # 7-day mean 7; 28-day window 02-03..03-01 = (42 + 49) / 28 = 3.25
    assert result.status == TRIGGERED and "28-day mean is 3.2" in result.explanation
    assert result.evidence[0].day == D("2028-02-03")


@pytest.mark.parametrize("today", ["2026-03-08", "2026-03-29", "2026-10-25", "2026-11-01"])
def test_exhaustion_on_dst_change_days(today):
    # DST days (US 03-08 / 11-01, EU 03-29 / 10-25) are ordinary dates: 7 and 28 calendar days
    end = D(today)
    data = [(end - timedelta(days=27 - i), 3.0 if i < 21 else 6.0) for i in range(28)]
    assert run("exhaustion_rising", today, exhaustion=data).status == TRIGGERED


# -- caseload --------------------------------------------------------------------------------------
def test_session_load_over_limit_and_share():
    load = [WeeklyLoad(D("2026-03-02"), 26.0, 0.2), WeeklyLoad(D("2026-03-09"), 10.0, 0.5)]
    result = run("session_load", "2026-03-11", weekly_load=load)
    assert result.status == TRIGGERED
    assert [(e.day, e.value) for e in result.evidence] == [(D("2026-03-02"), 26.0), (D("2026-03-09"), 50.0)]


def test_session_load_at_the_limit_is_clear_and_small_weeks_ignore_share():
    load = [WeeklyLoad(D("2026-03-02"), 25.0, 0.4), WeeklyLoad(D("2026-03-09"), 2.0, 1.0)]
    assert run("session_load", "2026-03-11", weekly_load=load).status == CLEAR


def test_session_load_without_caseload_or_recent_weeks():
    assert run("session_load", "2026-03-11").status == NOT_ENOUGH_DATA
    old = [WeeklyLoad(D("2026-01-05"), 40.0, 0.9)]
    assert run("session_load", "2026-03-11", weekly_load=old).status == NOT_ENOUGH_DATA


# -- no day off -------------------------------------------------------------------------------------
def logged(start: str, count: int) -> dict:
    return {"check_in_days": days(start, count), "first_use": D(start)}


def test_no_day_off_in_14_days_across_the_leap_day():
    data = logged("2028-01-01", 60) | {"days_off": [D("2028-02-15")]}
    assert run("no_day_off", "2028-02-28", **data).status == CLEAR  # 13 days since
    result = run("no_day_off", "2028-02-29", **data)  # 14 days since
    assert result.status == TRIGGERED and "14 days ago" in result.explanation
    assert result.evidence[0].day == D("2028-02-15")


def test_no_day_off_first_weeks_and_sparse_logging_are_quiet():
    assert run("no_day_off", "2026-03-07", **logged("2026-03-01", 7)).status == NOT_ENOUGH_DATA
    sparse = {"check_in_days": days("2026-03-01", 3), "first_use": D("2026-01-01")}
    assert run("no_day_off", "2026-03-14", **sparse).status == NOT_ENOUGH_DATA
    assert run("no_day_off", "2026-03-14", **logged("2026-03-01", 14)).status == TRIGGERED


def test_future_days_off_do_not_count():
    data = logged("2026-03-01", 30) | {"days_off": [D("2026-04-10")]}
    assert run("no_day_off", "2026-03-30", **data).status == TRIGGERED


# -- no supervision or peer support ---------------------------------------------------------------
def test_no_support_in_30_days():
    data = logged("2026-01-01", 90) | {"support_contacts": [D("2026-02-01")]}
    assert run("no_support_contact", "2026-03-02", **data).status == CLEAR  # 29 days since
    assert run("no_support_contact", "2026-03-03", **data).status == TRIGGERED  # 30 days since
    unlogged = {"first_use": D("2026-01-01"), "check_in_days": days("2026-01-01", 20)}
    assert run("no_support_contact", "2026-03-03", **unlogged).status == NOT_ENOUGH_DATA


# -- self-care minutes ------------------------------------------------------------------------------
def test_self_care_down_by_half():
    # 30 days at 40 minutes, then 30 days at 20: exactly half -> triggered
    data = series("2026-01-01", [40] * 30 + [20] * 30)
    result = run("self_care_drop", "2026-03-01", self_care_minutes=data)
    assert result.status == TRIGGERED and "down 50%" in result.explanation
    assert [(e.day, e.value) for e in result.evidence] == [(D("2026-01-01"), 40.0), (D("2026-01-31"), 20.0)]
    data = series("2026-01-01", [40] * 30 + [21] * 30)
    assert run("self_care_drop", "2026-03-01", self_care_minutes=data).status == CLEAR


def test_self_care_uses_means_per_logged_day_so_gaps_are_not_a_drop():
    # the same 40 minutes a day, logged every day before and every third day now
    data = series("2026-01-01", [40] * 30 + [40, None, None] * 10)
    assert run("self_care_drop", "2026-03-01", self_care_minutes=data).status == CLEAR


def test_self_care_needs_data_in_both_periods_and_a_real_baseline():
    assert (
        run("self_care_drop", "2026-03-01", self_care_minutes=series("2026-02-20", [0] * 10)).status
        == NOT_ENOUGH_DATA
    )
    tiny = series("2026-01-01", [6] * 30 + [1] * 30)  # 6 -> 1 minutes is below the 10-minute floor
    assert run("self_care_drop", "2026-03-01", self_care_minutes=tiny).status == CLEAR


# -- bias reflection coverage ----------------------------------------------------------------------
def all_dimensions(day: str) -> dict:
    return {k: D(day) for k in ADDRESSING_DIMENSIONS}


def test_bias_coverage_names_uncovered_dimensions():
    coverage = all_dimensions("2026-03-01") | {"religion": None, "gender": D("2025-11-30")}
    result = run(
        "bias_coverage",
        "2026-03-30",
        reflection_last=coverage,
        clients_active=True,
        first_use=D("2025-01-01"),
    )
    assert result.status == TRIGGERED
    assert "Religion and spirituality" in result.explanation and "Gender" in result.explanation
    assert [(e.day, e.value) for e in result.evidence] == [(None, "never"), (D("2025-11-30"), "2025-11-30")]
    # 2025-12-31 is the first day of the 90-day window ending 2026-03-30
    coverage["religion"], coverage["gender"] = D("2026-01-01"), D("2025-12-31")
    assert (
        run(
            "bias_coverage",
            "2026-03-30",
            reflection_last=coverage,
            clients_active=True,
            first_use=D("2025-01-01"),
        ).status
        == CLEAR
    )


def test_bias_coverage_accepts_labels_and_needs_active_clients_and_time():
    by_label = {label: D("2026-03-01") for label in ADDRESSING_DIMENSIONS.values()}
    assert (
        run(
            "bias_coverage",
            "2026-03-30",
            reflection_last=by_label,
            clients_active=True,
            first_use=D("2025-01-01"),
        ).status
        == CLEAR
    )
    assert (
        run(
            "bias_coverage", "2026-03-30", reflection_last={}, clients_active=False, first_use=D("2025-01-01")
        ).status
        == CLEAR
    )
    assert (
        run(
            "bias_coverage", "2026-03-30", reflection_last={}, clients_active=True, first_use=D("2026-03-01")
        ).status
        == NOT_ENOUGH_DATA
    )
    assert run("bias_coverage", "2026-03-30").status == NOT_ENOUGH_DATA


# -- the first week of use, all rules together ----------------------------------------------------
def test_first_week_of_use_raises_no_alarm_from_too_little_data():
    data = IndicatorData(
        exhaustion=series("2026-03-02", [8, 9, 10, 10]),
        self_care_minutes=series("2026-03-02", [0, 0, 0, 0]),
        check_in_days=days("2026-03-02", 4),
        cbi=cbi(("2026-03-02", 90.0, 90.0)),
        weekly_load=[],
        reflection_last={},
        clients_active=True,
        first_use=D("2026-03-02"),
    )
    results = evaluate_all(default_rules(), data, D("2026-03-05"))
    assert [r.rule_id for r in results if r.triggered] == []
    assert {r.status for r in results} <= {NOT_ENOUGH_DATA, CLEAR}


# -- settings, wording ------------------------------------------------------------------------------
def test_switched_off_rule_reports_off():
    rule = RULES["single_item_high"].with_settings(enabled=False)
    result = rule.evaluate(IndicatorData(single_item=series("2026-03-10", [5])), D("2026-03-10"))
    assert result.status == OFF and result.next_steps == () and not result.triggered


def test_tuned_threshold_changes_the_outcome():
    rule = RULES["single_item_high"].with_settings(values={"threshold": 4})
    assert (
        rule.evaluate(IndicatorData(single_item=series("2026-03-10", [3])), D("2026-03-10")).status == CLEAR
    )


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ({"threshold": 101}, "between 0 and 100"),
        ({"threshold": "50"}, "must be a number"),
        ({"rise": 2.5}, "whole number"),
        ({"nope": 1}, "no setting called"),
        ({"threshold": float("nan")}, "must be a number"),
        ({"threshold": True}, "must be a number"),
    ],
)
def test_out_of_range_settings_are_refused(values, problem):
    with pytest.raises(InvalidEntry, match=problem):
        RULES["cbi_high_or_rising"].with_settings(values=values)


def test_stored_settings_round_trip_and_junk_falls_back():
    tuned = [r.with_settings(enabled=False) if r.id == "no_day_off" else r for r in default_rules()]
    tuned = [r.with_settings(values={"max_hours": 30}) if r.id == "session_load" else r for r in tuned]
    back = {r.id: r for r in apply_settings(default_rules(), settings_of(tuned))}
    assert back["no_day_off"].enabled is False and back["session_load"].value("max_hours") == 30
    junk = {
        "session_load": {"enabled": "yes", "values": {"max_hours": -5, "max_high_share": 30}},
        "cbi_high_or_rising": [1, 2],
        "unknown": {},
    }
    back = {r.id: r for r in apply_settings(default_rules(), junk)}
    assert back["session_load"].enabled is True
    assert (
        back["session_load"].value("max_hours") == 25 and back["session_load"].value("max_high_share") == 30
    )
    assert apply_settings(default_rules(), "garbage") == default_rules()


def test_wording_is_indicator_never_diagnosis():
    texts = []
    for rule in default_rules():
        texts += [rule.title, rule.rule_text, *rule.next_steps]
    joined = " ".join(texts).lower()
    for banned in ("you have burnout", "you are burned out", "you are burnt out", "diagnos"):
        assert banned not in joined
    assert "consider" in joined
    steps = " ".join(s for r in default_rules() for s in r.next_steps).lower()
    for remedy in ("self-care", "peer-support", "boundary", "supervision"):
        assert remedy in steps


def test_explanations_name_days_as_the_window_does_not_as_iso_dates():
    from therapist_desk.domain.weeks import human_date

    assert human_date(date(2026, 2, 27)) == "27 Feb 2026" and human_date(date(2025, 12, 1)) == "1 Dec 2025"
    found = run("single_item_high", "2026-03-10", single_item=series("2026-03-09", [3]))
    assert "was 3 on 9 Mar 2026:" in found.explanation and "2026-03-09" not in found.explanation
