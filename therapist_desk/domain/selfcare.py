"""Self-care records: the app's own daily check-in, time off, and instrument assessments.

The daily check-in is not a validated instrument (the UI says so); it is a quick log of
energy, mood, emotional exhaustion and the habits the seeds name as remedies.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from therapist_desk.domain.errors import InvalidEntry
from therapist_desk.domain.instruments import InstrumentResult

MAX_NOTE_LENGTH = 1000


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str  # "int", "number", "bool", "text"
    label: str
    lo: float | None = None
    hi: float | None = None


# The check-in's fields, their ranges and labels: one table for the form, the service,
# the import codec and the trend queries (which only accept names from here).
CHECK_IN_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("energy", "int", "Energy (0–10)", 0, 10),
    FieldSpec("mood", "int", "Mood (0–10)", 0, 10),
    FieldSpec("exhaustion", "int", "Emotional exhaustion (0–10)", 0, 10),
    FieldSpec("sleep_hours", "number", "Sleep (hours)", 0, 24),
    FieldSpec("exercise_minutes", "int", "Exercise (minutes)", 0, 1440),
    FieldSpec("self_care_minutes", "int", "Other self-care (minutes)", 0, 1440),
    FieldSpec("peer_support", "bool", "Peer support today"),
    FieldSpec("supervision", "bool", "Supervision today"),
    FieldSpec("breaks", "int", "Breaks taken", 0, 50),
    FieldSpec("boundaries_kept", "bool", "Boundaries kept"),
    FieldSpec("note", "text", "One line about today", 0, MAX_NOTE_LENGTH),
)
NUMERIC_FIELDS = tuple(f.name for f in CHECK_IN_FIELDS if f.kind in ("int", "number", "bool"))

TIME_OFF_KINDS = ("day_off", "vacation")
# A planned period that has passed counts as time off unless it is marked cancelled.
TIME_OFF_STATUSES = ("planned", "taken", "cancelled")


@dataclass(frozen=True)
class CheckInValues:
    """What the user enters in the daily check-in; every field may be left empty."""

    energy: int | None = None
    mood: int | None = None
    exhaustion: int | None = None
    sleep_hours: float | None = None
    exercise_minutes: int | None = None
    self_care_minutes: int | None = None
    peer_support: bool | None = None
    supervision: bool | None = None
    breaks: int | None = None
    boundaries_kept: bool | None = None
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class DailyCheckIn:
    id: str
    day: date
    values: CheckInValues
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class TimeOff:
    id: str
    kind: str  # one of TIME_OFF_KINDS
    status: str  # one of TIME_OFF_STATUSES
    start_on: date
    end_on: date  # inclusive
    note: str = ""

    @property
    def days(self) -> int:
        return (self.end_on - self.start_on).days + 1


@dataclass(frozen=True)
class TimeOffStatus:
    """What the dashboard shows about rest: counted in calendar days."""

    today: date
    off_today: bool
    last_day_off: date | None  # the latest day off on or before today
    days_since_last_day_off: int | None  # 0 when today is a day off
    next_day_off: date | None  # the first planned day off after today
    days_to_next_day_off: int | None


@dataclass(frozen=True)
class Assessment:
    id: str
    instrument_id: str
    taken_on: date
    answers: Mapping[str, str]
    result: InstrumentResult  # always computed from ``answers``
    created_at: datetime

    @property
    def scores(self) -> dict[str, float | None]:
        return self.result.scores


@dataclass(frozen=True)
class AssessmentChange:
    """The latest result of an instrument and how each scale moved since the one before."""

    latest: Assessment
    previous: Assessment | None
    change: Mapping[str, float | None]  # None when either score is missing


def check_values(values: CheckInValues) -> None:
    """Raise ``InvalidEntry`` naming the first field outside its range."""
    for spec in CHECK_IN_FIELDS:
        value = getattr(values, spec.name)
        problem = field_problem(spec, value)
        if problem:
            raise InvalidEntry(f"{spec.label}: {problem}; nothing was saved.")


def field_problem(spec: FieldSpec, value: Any) -> str | None:
    """Why ``value`` does not fit ``spec`` (a short phrase), or None when it fits."""
    if value is None:
        return None
    if spec.kind == "text":
        if not isinstance(value, str):
            return "must be text"
        return f"is longer than {MAX_NOTE_LENGTH} characters" if len(value) > MAX_NOTE_LENGTH else None
    if spec.kind == "bool":
        return None if isinstance(value, bool) else "must be yes or no"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "must be a number"
    if spec.kind == "int" and not isinstance(value, int):
        return "must be a whole number"
    if isinstance(value, float) and not math.isfinite(value):
        return "must be a number"
    if (spec.lo is not None and value < spec.lo) or (spec.hi is not None and value > spec.hi):
        return f"must be between {spec.lo:g} and {spec.hi:g}"
    return None


def check_time_off(kind: str, status: str, start_on: date, end_on: date, note: str) -> None:
    if kind not in TIME_OFF_KINDS:
        raise InvalidEntry(f"Time off must be one of {', '.join(TIME_OFF_KINDS)}; nothing was saved.")
    if status not in TIME_OFF_STATUSES:
        raise InvalidEntry(
            f"Time off status must be one of {', '.join(TIME_OFF_STATUSES)}; nothing was saved."
        )
    if end_on < start_on:
        raise InvalidEntry("Time off must end on or after the day it starts; nothing was saved.")
    if (end_on - start_on).days > 366:
        raise InvalidEntry("One period of time off can be at most a year long; nothing was saved.")
    if len(note) > MAX_NOTE_LENGTH:
        raise InvalidEntry(f"The note is longer than {MAX_NOTE_LENGTH} characters; nothing was saved.")
