"""A seeded, realistic year for the Trends charts: a heavy winter, then recovery after a vacation.

March to September 2025 is a sustainable load (about 22 session hours a week). From October the
load climbs to 30+ hours with more high-intensity sessions through December and early January;
exhaustion follows a week later, sleep, exercise and peer support thin out, CBI scores pass 50
and the self-ratings of empathy and positive regard sag. A two-week vacation (19 January to
1 February 2026) is followed by a lighter February and recovery. Reflections thin out in the
winter too, and a few ADDRESSING dimensions are never or long not reflected on.

``populate(services)`` is the ``tools/screenshots.py --populate`` entry point; the clock of
the screenshots and tests is Monday 2 March 2026.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone
from typing import Any

from therapist_desk.domain.caseload import SessionDraft
from therapist_desk.domain.clock import FakeClock
from therapist_desk.domain.instruments import get_instrument
from therapist_desk.domain.journal import BiasReflection, NoteDraft
from therapist_desk.domain.selfcare import CheckInValues
from therapist_desk.services.journal import JournalService

TODAY = date(2026, 3, 2)
FIRST_DAY = date(2025, 3, 3)
VACATION = (date(2026, 1, 19), date(2026, 2, 1))
SUMMER_BREAK = (date(2025, 8, 4), date(2025, 8, 10))
CET = timezone(timedelta(hours=1))
CLIENTS = (
    ("River", "iop"),
    ("Juniper", "outpatient"),
    ("Harbor", "php"),
    ("Sparrow", "inpatient"),
    ("Cedar", "outpatient"),
    ("Willow", "iop"),
    ("Quill", "php"),
    ("Maple", "outpatient"),
    ("Aspen", "inpatient"),
    ("Ember", "iop"),
    ("Fern", "outpatient"),
    ("Lark", "php"),
)
COMMON_DIMENSIONS = ("age", "socioeconomic_status", "ethnicity", "gender", "religion")
RARE_DIMENSIONS = ("sexual_orientation", "national_origin", "acquired_disability")
THEME_WEIGHTS = {
    "empathy": 3,
    "alliance_shared_goals": 4,
    "resistance": 3,
    "boundaries": 3,
    "burnout_self_care": 2,
    "countertransference": 2,
    "positive_regard": 2,
    "congruence": 2,
    "cultural_humility": 2,
    "structure_support": 1,
    "stalled_progress": 1,
    "social_support_trust": 1,
}


def on_vacation(day: date) -> bool:
    return any(first <= day <= last for first, last in (VACATION, SUMMER_BREAK))


def strain(day: date) -> float:
    """0 (sustainable) to 1 (the heaviest weeks of the winter)."""
    if on_vacation(day):
        return 0.0
    if day < date(2025, 10, 1):
        return 0.12
    if day < date(2025, 12, 1):
        return 0.12 + 0.5 * (day - date(2025, 10, 1)).days / 61
    if day < VACATION[0]:
        return 0.85 + 0.15 * ((day - date(2025, 12, 1)).days % 14) / 14
    return max(0.1, 0.45 - 0.35 * (day - VACATION[1]).days / 21)


def clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def weekly_hours(monday: date, rng: random.Random) -> float:
    if on_vacation(monday) and on_vacation(monday + timedelta(days=4)):
        return 0.0
    return clamp(21 + 13 * strain(monday) + rng.gauss(0, 1.6), 8, 36)


def rating(rng: random.Random, rated: bool, mean: float) -> int | None:
    return int(clamp(round(rng.gauss(mean, 0.55)), 1, 5)) if rated else None


def populate_sessions(services: Any, rng: random.Random) -> dict[date, float]:
    caseload = services.caseload
    ids = {}
    for alias, level in CLIENTS:
        started = FIRST_DAY - timedelta(days=rng.randint(0, 60))
        ids[alias] = caseload.add_client(alias, level, started_on=started).client.id
    caseload.change_program_level(ids["Sparrow"], "php", date(2025, 6, 2))
    caseload.change_program_level(ids["Sparrow"], "iop", date(2025, 9, 1))
    caseload.change_program_level(ids["Harbor"], "iop", date(2025, 11, 3))
    caseload.change_program_level(ids["Aspen"], "php", date(2026, 1, 5))
    hours_by_week = {}
    monday = FIRST_DAY
    while monday < TODAY:
        target = weekly_hours(monday, rng) * 60
        hours_by_week[monday] = target / 60
        done = 0
        while done < target - 25:
            day = monday + timedelta(days=rng.randint(0, 4))
            if on_vacation(day):
                break
            session_format = rng.choices(("individual", "group", "family"), (7, 2, 1))[0]
            minutes = {"individual": 50, "group": 90, "family": 60}[session_format]
            load = strain(day)
            intensity = int(clamp(round(rng.gauss(2.6 + 1.6 * load, 0.9)), 1, 5))
            rated = rng.random() < 0.75

            client = rng.choice(list(ids.values()))
            caseload.log_session(
                SessionDraft(
                    client_id=client,
                    date=day,
                    minutes=minutes,
                    intensity=intensity,
                    format=session_format,
                    # The conditions wear down with the strain, empathy and regard the most.
                    alliance=rating(rng, rated, 4.3 - 0.9 * load),
                    congruence=rating(rng, rated, 4.1 - 0.8 * load),
                    positive_regard=rating(rng, rated, 4.5 - 1.3 * load),
                    empathy=rating(rng, rated, 4.4 - 1.5 * load),
                )
            )
            done += minutes
        monday += timedelta(days=7)
    return hours_by_week


def populate_check_ins(services: Any, hours_by_week: dict[date, float], rng: random.Random) -> None:
    day = FIRST_DAY
    while day < TODAY:
        monday = day - timedelta(days=day.weekday())
        previous = hours_by_week.get(monday - timedelta(days=7), 22.0)
        away = on_vacation(day)
        if (away and rng.random() < 0.8) or rng.random() < 0.07:
            day += timedelta(days=1)
            continue
        # Exhaustion follows the previous week's hours (the pattern the Load chart looks for).
        exhaustion = clamp(0.5 + 0.09 * previous + 4.5 * strain(day) + rng.gauss(0, 0.9), 0, 10)
        if away:
            exhaustion = clamp(rng.gauss(2.5, 0.8), 0, 10)
        services.selfcare.save_check_in(
            day,
            CheckInValues(
                energy=int(round(clamp(10.5 - 0.8 * exhaustion + rng.gauss(0, 0.8), 0, 10))),
                mood=int(round(clamp(8 - 0.5 * exhaustion + rng.gauss(0, 0.8), 0, 10))),
                exhaustion=int(round(exhaustion)),
                sleep_hours=round(clamp(rng.gauss(7.4 - 1.3 * strain(day), 0.5), 4, 10) * 2) / 2,
                exercise_minutes=rng.choice((0, 0, 20, 30, 45)) if rng.random() > strain(day) * 0.7 else 0,
                self_care_minutes=rng.choice((10, 15, 20, 30)),
                peer_support=day.weekday() in (1, 3) and rng.random() > 0.25 + 0.5 * strain(day),
                supervision=day.weekday() == 2 and day.isocalendar().week % 2 == 0 and not away,
                breaks=rng.randint(1, 4),
                boundaries_kept=rng.random() > 0.2 + 0.5 * strain(day),
            ),
        )
        day += timedelta(days=1)


def cbi_answers(score: float, rng: random.Random) -> dict[str, str]:
    answers = {}
    for item in get_instrument("cbi").items:
        level = clamp(round(score / 25 + rng.uniform(-0.7, 0.7)), 0, 4)
        if item.reverse:
            level = 4 - level
        answers[item.id] = item.response_set.options[4 - int(level)].value
    return answers


def populate_instruments(services: Any, rng: random.Random) -> None:
    """A CBI on the first Monday of each month and the single item every Monday at work."""
    month = FIRST_DAY.replace(day=1)
    while month <= TODAY:
        taken = month + timedelta(days=(7 - month.weekday()) % 7)
        if taken >= TODAY or taken < FIRST_DAY:
            month = (month + timedelta(days=32)).replace(day=1)
            continue
        load = strain(taken - timedelta(days=3))
        answers: dict[str, str] = {}
        for prefix, shift in (("p", 0), ("w", 6), ("c", -12)):
            scale = cbi_answers(28 + 50 * load + shift, rng)
            answers.update({k: v for k, v in scale.items() if k.startswith(prefix)})
        services.selfcare.save_assessment("cbi", taken, answers)
        month = (month + timedelta(days=32)).replace(day=1)
    monday = FIRST_DAY
    while monday < TODAY:
        if not on_vacation(monday):
            value = int(clamp(round(1.75 + 2.6 * strain(monday) + rng.gauss(0, 0.25)), 1, 5))
            services.selfcare.save_assessment("single_item", monday, {"burnout": str(value)})
        monday += timedelta(days=7)


def populate_time_off(services: Any) -> None:
    selfcare = services.selfcare
    selfcare.add_time_off("vacation", *SUMMER_BREAK, status="taken", note="Summer week")
    selfcare.add_time_off("vacation", *VACATION, status="taken", note="Winter vacation")
    for day in (date(2025, 4, 18), date(2025, 5, 26), date(2025, 7, 4), date(2025, 9, 1), date(2025, 10, 13)):
        selfcare.add_time_off("day_off", day, day, status="taken")
    selfcare.add_time_off("day_off", date(2025, 12, 12), date(2025, 12, 12), status="cancelled")
    selfcare.add_time_off("day_off", date(2026, 2, 16), date(2026, 2, 16), status="taken")


def populate_journal(services: Any, rng: random.Random) -> None:
    day = FIRST_DAY
    themes, weights = zip(*THEME_WEIGHTS.items(), strict=True)
    while day < TODAY:
        load = strain(day)
        if not on_vacation(day) and rng.random() < 0.24 - 0.12 * load:
            moment = datetime(day.year, day.month, day.day, 19, rng.randint(0, 59), tzinfo=CET)
            journal = JournalService(services.vault, FakeClock(moment))
            if rng.random() < 0.45:
                common = rng.sample(COMMON_DIMENSIONS, rng.choice((1, 1, 2)))
                rare = [rng.choice(RARE_DIMENSIONS)] if day < date(2025, 11, 1) and rng.random() < 0.2 else []
                journal.create(
                    NoteDraft(
                        title="Noticing an assumption",
                        kind="bias",
                        themes=("bias", "cultural_humility"),
                        bias=BiasReflection(
                            situation="After a group session.",
                            assumption="I expected less follow-through.",
                            assumption_types=tuple(
                                rng.sample(
                                    ("background", "motivation", "likelihood_of_success"), rng.choice((1, 2))
                                )
                            ),
                            dimensions=tuple(common + rare),
                            next_step="Ask about goals in the client's own words.",
                        ),
                    )
                )
            else:
                picked = rng.choices(themes, weights, k=2)
                if load > 0.6:
                    picked = ["burnout_self_care", picked[0]]
                journal.create(
                    NoteDraft(
                        title="End of day",
                        body="What stayed with me today.",
                        themes=tuple(dict.fromkeys(picked)),
                    )
                )
        day += timedelta(days=1)


def populate(services: Any, *, seed: int = 20260302) -> None:
    """Fill an empty, unlocked vault with the seeded year (one transaction, a few seconds)."""
    rng = random.Random(seed)
    with services.vault.transaction():
        hours = populate_sessions(services, rng)
        populate_check_ins(services, hours, rng)
        populate_instruments(services, rng)
        populate_time_off(services)
        populate_journal(services, rng)
