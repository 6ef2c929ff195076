"""Demo self-care records: daily check-ins, time off, monthly CBI and weekly single-item answers.

Values follow the calendar's daily strain. Check-ins are validated with the form's own checks
(``check_values``), time off with ``check_time_off``, and every assessment is scored by the
instrument engine exactly as ``SelfCareService.save_assessment`` stores it (answers and the
computed scores as JSON). Rows are written with ``executemany`` inside the caller's transaction.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, tzinfo

from therapist_desk.domain.instruments import get_instrument
from therapist_desk.domain.selfcare import CHECK_IN_FIELDS, CheckInValues, check_time_off, check_values
from therapist_desk.services.demo_calendar import DemoCalendar
from therapist_desk.services.demo_vocabulary import CHECK_IN_NOTES
from therapist_desk.services.selfcare import build_assessment, check_in_params
from therapist_desk.storage.vault import Vault

NewId = Callable[[], str]
_COLUMNS = [f.name for f in CHECK_IN_FIELDS]


def _clamp(value: float, lo: int, hi: int) -> int:
    return int(min(hi, max(lo, round(value))))


def _stamp(day: date, hour: int, minute: int, tz: tzinfo) -> str:
    return datetime.combine(day, time(hour, minute), tz).isoformat()


def check_in(rng: random.Random, calendar: DemoCalendar, day: date) -> CheckInValues:
    """One day's check-in; strain moves exhaustion up and energy, mood, sleep and habits down."""
    s = calendar.strain(day)
    workday = calendar.is_workday(day)
    heavy = calendar.in_heavy_winter(day)
    return CheckInValues(
        energy=_clamp(8.2 - 6.5 * s + rng.gauss(0, 0.8), 0, 10),
        mood=_clamp(7.8 - 4.5 * s + rng.gauss(0, 0.9), 0, 10),
        exhaustion=_clamp(1.2 + 8.2 * s + rng.gauss(0, 0.8), 0, 10),
        sleep_hours=round(min(10.0, max(3.5, 7.8 - 2.2 * s + rng.gauss(0, 0.5))) * 2) / 2,
        exercise_minutes=rng.choice((0, 0, 20, 30, 45, 60)) if rng.random() > s else 0,
        self_care_minutes=_clamp(rng.choice((10, 15, 20, 30, 45)) * (1.4 - s), 0, 120),
        peer_support=rng.random() < (0.45 - 0.3 * s if workday else 0.1),
        supervision=workday and day.weekday() == 1 and rng.random() < (0.3 if heavy else 0.85),
        breaks=_clamp((3.2 - 2.8 * s + rng.gauss(0, 0.6)) if workday else 4, 0, 10),
        boundaries_kept=rng.random() > (0.75 * s if workday else 0.05),
        note=rng.choice(CHECK_IN_NOTES) if rng.random() < 0.25 else "",
    )


def write_check_ins(
    vault: Vault, rng: random.Random, calendar: DemoCalendar, new_id: NewId, tz: tzinfo
) -> int:
    """Nearly every day has a check-in; a third of holiday days are skipped, as people do."""
    rows = []
    for day in calendar.days():
        if day in calendar.vacation_days and rng.random() < 0.33:
            continue
        values = check_in(rng, calendar, day)
        check_values(values)
        stamp = _stamp(day, rng.randint(18, 22), rng.randint(0, 59), tz)
        rows.append([new_id(), day.isoformat(), *check_in_params(values), stamp, stamp])
    marks = ", ".join("?" for _ in _COLUMNS)
    vault.executemany(
        f"INSERT INTO self_care_checkins (id, day, {', '.join(_COLUMNS)}, created_at, updated_at) "
        f"VALUES (?, ?, {marks}, ?, ?)",
        rows,
    )
    return len(rows)


def write_time_off(vault: Vault, calendar: DemoCalendar, new_id: NewId, tz: tzinfo) -> int:
    rows = []
    for p in calendar.periods:
        check_time_off(p.kind, p.status, p.start_on, p.end_on, p.note)
        # Logged a few days ahead (time off entered after the fact would say less).
        stamp = _stamp(min(p.start_on, calendar.last) - timedelta(days=3), 17, 30, tz)
        rows.append(
            (new_id(), p.kind, p.status, p.start_on.isoformat(), p.end_on.isoformat(), p.note, stamp, stamp)
        )
    vault.executemany(
        "INSERT INTO time_off (id, kind, status, start_on, end_on, note, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return len(rows)


def cbi_answers(rng: random.Random, strain: float) -> dict[str, str]:
    """CBI answers for a month with mean ``strain``; now and then an item is left out."""
    instrument = get_instrument("cbi")
    levels = {"personal": 0.5 + 3.1 * strain, "work": 0.4 + 3.3 * strain, "client": 0.1 + 2.7 * strain}
    answers = {}
    for item in instrument.items:
        if rng.random() < 0.03:
            continue  # unanswered: the scale is still scored from the others
        level = levels[item.scale] + rng.gauss(0, 0.55)
        if item.reverse:
            level = 4 - level
        index = 4 - _clamp(level, 0, 4)  # options run from "always"/"very high" (100) down
        answers[item.id] = item.response_set.options[index].value
    return answers


def write_assessments(
    vault: Vault, rng: random.Random, calendar: DemoCalendar, new_id: NewId, tz: tzinfo
) -> int:
    """The CBI on the first workday of each month, the single item every Friday worked."""
    cbi, single = get_instrument("cbi"), get_instrument("single_item")
    rows = []
    for day in calendar.days():
        if not calendar.is_workday(day):
            continue
        answers: dict[str, str] | None = None
        instrument = None
        first_workday = day.day <= 7 and not any(
            calendar.is_workday(day - timedelta(days=d)) for d in range(1, day.day)
        )
        if first_workday:
            window = [calendar.strain(day - timedelta(days=d)) for d in range(28)]
            answers, instrument = cbi_answers(rng, sum(window) / len(window)), cbi
        elif day.weekday() == 4:
            week = sum(calendar.strain(day - timedelta(days=d)) for d in range(5)) / 5
            answers, instrument = {"burnout": str(_clamp(1 + 3.7 * week + rng.gauss(0, 0.45), 1, 5))}, single
        if instrument is None or answers is None:
            continue
        stamp = _stamp(day, 17, rng.randint(0, 59), tz)
        assessment = build_assessment(instrument, new_id(), day.isoformat(), answers, stamp)
        rows.append(
            (
                assessment.id,
                instrument.id,
                day.isoformat(),
                json.dumps(assessment.answers),
                json.dumps(assessment.scores),
                stamp,
            )
        )
    vault.executemany(
        "INSERT INTO assessments (id, instrument, taken_on, answers, scores, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )
    return len(rows)
