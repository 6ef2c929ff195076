"""The default early-warning rules (DOMAIN.md §3), each with its checks and next steps.

Windows are calendar days ending today (inclusive): "the last 7 days" is today and the six
days before it, however many check-ins they hold. Dates, not times, so clock changes (DST)
and leap days need no special handling.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from therapist_desk.domain.indicators import (
    CLEAR,
    NOT_ENOUGH_DATA,
    TRIGGERED,
    Evidence,
    Finding,
    IndicatorData,
    IndicatorRule,
    Parameter,
    fmt,
)
from therapist_desk.domain.weeks import human_date

SELF_CARE = "Consider protecting one small self-care habit this week: sleep, movement, or a real break."
PEER_SUPPORT = "Consider reaching out to a trusted colleague or a peer-support group."
BOUNDARIES = "Consider one boundary to keep this week, such as no work messages after hours."
SUPERVISION = "Consider bringing this pattern to your next supervision session."
REST = "Consider planning a day off soon and putting it in your calendar."
TALK_TO_SOMEONE = (
    "Scores this high are worth talking over with a supervisor, a trusted colleague, "
    "or an employee assistance program."
)
CBI_SCALES = {"work": "CBI work-related burnout", "client": "CBI client-related burnout"}

ADDRESSING_DIMENSIONS: dict[str, str] = {
    "age": "Age and generation",
    "developmental_disability": "Developmental disability",
    "acquired_disability": "Disability acquired later in life",
    "religion": "Religion and spirituality",
    "ethnicity": "Ethnic and racial identity",
    "socioeconomic_status": "Socioeconomic status",
    "sexual_orientation": "Sexual orientation",
    "indigenous_heritage": "Indigenous heritage",
    "national_origin": "National origin",
    "gender": "Gender",
}


def window(today: date, days: int) -> tuple[date, date]:
    return today - timedelta(days=days - 1), today


def in_window(day: date, start: date, end: date) -> bool:
    return start <= day <= end


def _in_use_since(data: IndicatorData, today: date, days: int) -> bool:
    return data.first_use is not None and data.first_use <= today - timedelta(days=days - 1)


def _logged_days(data: IndicatorData, start: date, end: date) -> int:
    return len({d for d in data.check_in_days if in_window(d, start, end)})


# -- CBI -------------------------------------------------------------------------------
def check_cbi(rule: IndicatorRule, data: IndicatorData, today: date) -> Finding:
    threshold, rise, recent = rule.value("threshold"), rule.value("rise"), int(rule.value("recent_days"))
    taken = [(d, s) for d, s in data.cbi if d <= today]
    if not taken or taken[-1][0] < today - timedelta(days=recent - 1):
        return Finding(NOT_ENOUGH_DATA, f"No CBI check-in in the last {recent} days.")
    if len(taken) < 2:
        return Finding(NOT_ENOUGH_DATA, "Only one CBI check-in so far; this pattern needs two.")
    (before_day, before), (last_day, last) = taken[-2], taken[-1]
    reasons, evidence, high = [], [], False
    for scale, source in CBI_SCALES.items():
        now, then = last.get(scale), before.get(scale)
        if now is None or then is None:
            continue
        two_high = now >= threshold and then >= threshold
        rose = now - then >= rise
        if two_high or rose:
            evidence += [Evidence(before_day, then, source), Evidence(last_day, now, source)]
            what = f"{fmt(threshold)} or more on two check-ins in a row" if two_high else ""
            if rose:
                what += (" and " if what else "") + f"up {fmt(now - then)} points"
            reasons.append(
                f"{source} was {fmt(then)} on {human_date(before_day)} and {fmt(now)} on "
                f"{human_date(last_day)}: {what}."
            )
            high = high or now >= 75
    if not reasons:
        return Finding(CLEAR, f"No pattern in your last two CBI check-ins ({human_date(before_day)} and {human_date(last_day)}).")
    return Finding(TRIGGERED, " ".join(reasons), tuple(evidence), (TALK_TO_SOMEONE,) if high else ())


# -- single item -------------------------------------------------------------------------
def check_single_item(rule: IndicatorRule, data: IndicatorData, today: date) -> Finding:
    threshold, recent = rule.value("threshold"), int(rule.value("recent_days"))
    taken = [(d, s) for d, s in data.single_item if in_window(d, *window(today, recent))]
    if not taken:
        return Finding(NOT_ENOUGH_DATA, f"No single-item check-in in the last {recent} days.")
    day, value = taken[-1]
    source = "Single-item burnout measure"
    if value < threshold:
        return Finding(CLEAR, f"Your latest single-item answer was {fmt(value)} on {human_date(day)}.")
    return Finding(
        TRIGGERED,
        f"Your latest single-item answer was {fmt(value)} on {human_date(day)}: {fmt(threshold)} or more is the "
        "commonly used indicator.",
        tuple(Evidence(d, v, source) for d, v in taken[-4:]),
        (TALK_TO_SOMEONE,) if value >= 4 else (),
    )


# -- exhaustion trend ----------------------------------------------------------------------
def check_exhaustion(rule: IndicatorRule, data: IndicatorData, today: date) -> Finding:
    rise = rule.value("rise")
    need_recent, need_base = int(rule.value("min_recent_days")), int(rule.value("min_baseline_days"))
    recent_start, _ = window(today, 7)
    base_start, _ = window(today, 28)
    base = sorted((d, v) for d, v in data.exhaustion if in_window(d, base_start, today))
    recent = [(d, v) for d, v in base if d >= recent_start]
    if len(recent) < need_recent or len(base) < need_base:
        return Finding(
            NOT_ENOUGH_DATA,
            f"This pattern needs exhaustion on at least {need_recent} of the last 7 days and "
            f"{need_base} of the last 28 (now {len(recent)} and {len(base)}).",
        )
    recent_mean = sum(v for _, v in recent) / len(recent)
    base_mean = sum(v for _, v in base) / len(base)
    summary = f"Your 7-day mean exhaustion is {fmt(recent_mean)} and your 28-day mean is {fmt(base_mean)}"
    if recent_mean - base_mean < rise:
        return Finding(CLEAR, summary + ".")
    evidence = tuple(Evidence(d, v, "Daily check-in: emotional exhaustion (0–10)") for d, v in base)
    return Finding(TRIGGERED, f"{summary}: {fmt(recent_mean - base_mean)} points higher.", evidence)


# -- caseload ------------------------------------------------------------------------------
def check_session_load(rule: IndicatorRule, data: IndicatorData, today: date) -> Finding:
    if data.weekly_load is None:
        return Finding(NOT_ENOUGH_DATA, "Session figures from the caseload are not available.")
    max_hours, max_share = rule.value("max_hours"), rule.value("max_high_share")
    min_hours = rule.value("min_hours_for_share")
    weeks = sorted(
        (w for w in data.weekly_load if in_window(w.week_start, today - timedelta(days=13), today)),
        key=lambda w: w.week_start,
    )
    if not weeks:
        return Finding(NOT_ENOUGH_DATA, "No sessions are logged for this week or last week.")
    reasons, evidence = [], []
    for week in weeks:
        share = week.high_intensity_share * 100
        if week.hours > max_hours:
            reasons.append(f"the week of {human_date(week.week_start)} has {fmt(week.hours)} session hours")
            evidence.append(Evidence(week.week_start, week.hours, "Caseload: session hours that week"))
        if week.hours >= min_hours and share > max_share:
            reasons.append(f"{fmt(share)}% of the week of {human_date(week.week_start)} was high-intensity sessions")
            evidence.append(Evidence(week.week_start, share, "Caseload: high-intensity share (%)"))
    if not reasons:
        return Finding(CLEAR, "Session hours and intensity are within your limits for this week and last.")
    return Finding(TRIGGERED, "In your caseload, " + "; ".join(reasons) + ".", tuple(evidence))


# -- absences of rest and support -----------------------------------------------------------
def _absence(
    rule: IndicatorRule,
    data: IndicatorData,
    today: date,
    days_seen: Sequence[date],
    what: str,
    source: str,
) -> Finding:
    days, min_logged = int(rule.value("days")), int(rule.value("min_logged_days"))
    start, _ = window(today, days)
    past = [d for d in days_seen if d <= today]
    last = max(past) if past else None
    if last is not None and last >= start:
        return Finding(CLEAR, f"Your last {what} was on {human_date(last)}.")
    logged = _logged_days(data, start, today)
    if not _in_use_since(data, today, days) or logged < min(min_logged, days):
        return Finding(
            NOT_ENOUGH_DATA,
            f"This pattern needs {days} days of use and check-ins on at least {min(min_logged, days)} "
            f"of them (now {logged}).",
        )
    if last is None:
        return Finding(TRIGGERED, f"No {what} is logged in the {days} days up to today.")
    return Finding(
        TRIGGERED,
        f"Your last logged {what} was on {human_date(last)}, {(today - last).days} days ago.",
        (Evidence(last, what, source),),
    )


def check_no_day_off(rule: IndicatorRule, data: IndicatorData, today: date) -> Finding:
    return _absence(rule, data, today, data.days_off, "day off", "Time off")


def check_no_support(rule: IndicatorRule, data: IndicatorData, today: date) -> Finding:
    return _absence(
        rule, data, today, data.support_contacts, "supervision or peer-support contact", "Daily check-in"
    )


# -- self-care minutes -----------------------------------------------------------------------
def check_self_care_drop(rule: IndicatorRule, data: IndicatorData, today: date) -> Finding:
    days, min_logged = int(rule.value("window_days")), int(rule.value("min_logged_days"))
    drop, min_before = rule.value("drop_percent"), rule.value("min_previous_minutes")
    now_start, _ = window(today, days)
    before_start, before_end = now_start - timedelta(days=days), now_start - timedelta(days=1)
    now = [v for d, v in data.self_care_minutes if in_window(d, now_start, today)]
    before = [v for d, v in data.self_care_minutes if in_window(d, before_start, before_end)]
    need = min(min_logged, days)
    if len(now) < need or len(before) < need:
        return Finding(
            NOT_ENOUGH_DATA,
            f"This pattern needs self-care minutes on at least {need} days in each of the last two "
            f"{days}-day periods (now {len(now)} and {len(before)}).",
        )
    # Means per logged day, so that logging less often does not look like doing less.
    now_mean, before_mean = sum(now) / len(now), sum(before) / len(before)
    summary = (
        f"Self-care averaged {fmt(now_mean)} minutes a day over the last {days} days, "
        f"against {fmt(before_mean)} in the {days} days before"
    )
    if before_mean < min_before or now_mean > before_mean * (1 - drop / 100):
        return Finding(CLEAR, summary + ".")
    evidence = (
        Evidence(before_start, before_mean, f"Mean self-care minutes per logged day, {days} days from"),
        Evidence(now_start, now_mean, f"Mean self-care minutes per logged day, {days} days from"),
    )
    return Finding(TRIGGERED, summary + f": down {fmt(100 - 100 * now_mean / before_mean)}%.", evidence)


# -- bias reflection coverage -----------------------------------------------------------------
def _dimension_last(coverage: dict[str, date | None], dim_id: str, label: str) -> date | None:
    found = [d for key, d in coverage.items() if key.casefold() in (dim_id, label.casefold()) and d]
    return max(found) if found else None


def check_bias_coverage(rule: IndicatorRule, data: IndicatorData, today: date) -> Finding:
    if data.reflection_last is None:
        return Finding(NOT_ENOUGH_DATA, "Bias reflections are not available.")
    days = int(rule.value("days"))
    if not data.clients_active:
        return Finding(CLEAR, "No clients are active, so this pattern does not apply now.")
    if not _in_use_since(data, today, days):
        return Finding(NOT_ENOUGH_DATA, f"This pattern needs {days} days of use.")
    start, _ = window(today, days)
    coverage = {str(k): v for k, v in data.reflection_last.items()}
    missing = []
    for dim_id, label in ADDRESSING_DIMENSIONS.items():
        last = _dimension_last(coverage, dim_id, label)
        if last is None or last < start:
            missing.append(Evidence(last, str(last) if last else "never", f"Bias reflection: {label}"))
    if not missing:
        return Finding(CLEAR, f"Every ADDRESSING dimension has a reflection in the last {days} days.")
    names = ", ".join(e.source.removeprefix("Bias reflection: ") for e in missing)
    return Finding(
        TRIGGERED,
        f"While clients are active, these ADDRESSING dimensions have no reflection in the last "
        f"{days} days: {names}.",
        tuple(missing),
        ("Consider a short structured reflection on one of them: what might I be assuming?",),
    )


RULES: tuple[IndicatorRule, ...] = (
    IndicatorRule(
        "cbi_high_or_rising",
        "CBI work or client burnout high or rising",
        "Your CBI work-related or client-related score is {threshold} or more on two check-ins in a row, "
        "or has risen {rise} points or more since the previous check-in (latest within {recent_days} days).",
        (
            Parameter("threshold", "Score threshold", 50, 0, 100),
            Parameter("rise", "Rise in points", 10, 1, 100),
            Parameter("recent_days", "Latest check-in within (days)", 90, 7, 365),
        ),
        check_cbi,
        (SUPERVISION, PEER_SUPPORT, BOUNDARIES),
    ),
    IndicatorRule(
        "single_item_high",
        "Single-item burnout at the indicator",
        "Your latest single-item burnout answer (within {recent_days} days) is {threshold} or more.",
        (
            Parameter("threshold", "Answer threshold", 3, 1, 5),
            Parameter("recent_days", "Answer within (days)", 30, 7, 365),
        ),
        check_single_item,
        (SUPERVISION, PEER_SUPPORT, SELF_CARE),
    ),
    IndicatorRule(
        "exhaustion_rising",
        "Emotional exhaustion rising",
        "Your mean exhaustion over the last 7 days is {rise} points or more above your 28-day mean "
        "(needs check-ins on {min_recent_days} of 7 and {min_baseline_days} of 28 days).",
        (
            Parameter("rise", "Rise in points", 2, 0.5, 10, whole=False),
            Parameter("min_recent_days", "Days needed in the last 7", 5, 1, 7),
            Parameter("min_baseline_days", "Days needed in the last 28", 14, 7, 28),
        ),
        check_exhaustion,
        (SELF_CARE, BOUNDARIES, PEER_SUPPORT),
    ),
    IndicatorRule(
        "session_load",
        "Session load above your limit",
        "This week or last, your session hours are above {max_hours} (your sustainable limit, the same "
        "one the Caseload shows), or high-intensity sessions are more than {max_high_share}% of a week "
        "with at least {min_hours_for_share} session hours.",
        (
            Parameter("max_hours", "Sustainable session hours a week", 25, 1, 80, whole=False),
            Parameter("max_high_share", "High-intensity share (%)", 40, 1, 100),
            Parameter("min_hours_for_share", "Minimum hours for the share", 5, 0, 80, whole=False),
        ),
        check_session_load,
        (BOUNDARIES, SUPERVISION, SELF_CARE),
    ),
    IndicatorRule(
        "no_day_off",
        "No day off for a while",
        "No day off is logged in the last {days} days (after {days} days of use with check-ins on at "
        "least {min_logged_days} of them).",
        (
            Parameter("days", "Days", 14, 3, 90),
            Parameter("min_logged_days", "Check-in days needed", 7, 0, 90),
        ),
        check_no_day_off,
        (REST, BOUNDARIES, SELF_CARE),
    ),
    IndicatorRule(
        "no_support_contact",
        "No supervision or peer support for a while",
        "No supervision or peer-support contact is logged in the last {days} days (after {days} days of "
        "use with check-ins on at least {min_logged_days} of them).",
        (
            Parameter("days", "Days", 30, 7, 180),
            Parameter("min_logged_days", "Check-in days needed", 10, 0, 180),
        ),
        check_no_support,
        (PEER_SUPPORT, SUPERVISION),
    ),
    IndicatorRule(
        "self_care_drop",
        "Self-care time dropping",
        "Your self-care minutes per logged day over the last {window_days} days are down {drop_percent}% "
        "or more against the {window_days} days before (with at least {min_previous_minutes} minutes a day "
        "before, and {min_logged_days} logged days in each period).",
        (
            Parameter("drop_percent", "Drop (%)", 50, 10, 100),
            Parameter("window_days", "Period (days)", 30, 7, 90),
            Parameter("min_logged_days", "Logged days needed per period", 10, 1, 90),
            Parameter("min_previous_minutes", "Minimum earlier minutes a day", 10, 0, 600, whole=False),
        ),
        check_self_care_drop,
        (SELF_CARE, BOUNDARIES, PEER_SUPPORT),
    ),
    IndicatorRule(
        "bias_coverage",
        "Bias reflection coverage",
        "While clients are active, an ADDRESSING dimension has no bias reflection in the last {days} days.",
        (Parameter("days", "Days", 90, 14, 365),),
        check_bias_coverage,
        (SUPERVISION, PEER_SUPPORT),
    ),
)
