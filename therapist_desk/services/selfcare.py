"""Self-care use cases: daily check-ins, time off, instrument assessments, reminders.

Scores are always computed from the stored answers by the instrument engine; nothing that
arrives from outside (a form, an import) is trusted as a score.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from therapist_desk.domain.clock import Clock
from therapist_desk.domain.errors import InvalidEntry, RecordNotFound
from therapist_desk.domain.instruments import Instrument, bundled_instruments, get_instrument, score
from therapist_desk.domain.selfcare import (
    CHECK_IN_FIELDS,
    Assessment,
    AssessmentChange,
    CheckInValues,
    DailyCheckIn,
    TimeOff,
    TimeOffStatus,
    check_time_off,
    check_values,
)
from therapist_desk.storage.vault import Vault

REMINDER_KEY = "selfcare.reminder"
_CHECK_IN_COLUMNS = [f.name for f in CHECK_IN_FIELDS]
_BOOL_COLUMNS = {f.name for f in CHECK_IN_FIELDS if f.kind == "bool"}


@dataclass(frozen=True)
class ReminderSettings:
    """The optional daily check-in reminder: a quiet notice, never a sound unless asked for."""

    enabled: bool = False
    at: time = time(18, 0)
    sound: bool = False


@dataclass(frozen=True)
class InstrumentDue:
    instrument_id: str
    title: str
    cadence_text: str
    last_taken_on: date | None
    due_on: date | None  # None when the instrument has no suggested cadence
    overdue: bool


def read_preference(vault: Vault, key: str) -> Any:
    """A JSON preference from the vault, or None when absent or unreadable."""
    raw = vault.scalar("SELECT value FROM preferences WHERE key = ?", (key,))
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


def write_preference(vault: Vault, key: str, value: Any) -> None:
    vault.execute(
        "INSERT INTO preferences (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, json.dumps(value, sort_keys=True)),
    )


def row_to_check_in(row: Any) -> DailyCheckIn:
    """Build a check-in from ``SELECT id, day, <CHECK_IN_FIELDS...>, created_at, updated_at``."""
    values: dict[str, Any] = {}
    for name, raw in zip(_CHECK_IN_COLUMNS, row[2 : 2 + len(_CHECK_IN_COLUMNS)], strict=True):
        values[name] = bool(raw) if name in _BOOL_COLUMNS and raw is not None else raw
    values["note"] = values["note"] or ""
    return DailyCheckIn(
        id=row[0],
        day=date.fromisoformat(row[1]),
        values=CheckInValues(**values),
        created_at=datetime.fromisoformat(row[-2]),
        updated_at=datetime.fromisoformat(row[-1]),
    )


CHECK_IN_SELECT = (
    f"SELECT id, day, {', '.join(_CHECK_IN_COLUMNS)}, created_at, updated_at FROM self_care_checkins"
)


def check_in_params(values: CheckInValues) -> list[Any]:
    row = values.as_dict()
    return [int(row[c]) if c in _BOOL_COLUMNS and row[c] is not None else row[c] for c in _CHECK_IN_COLUMNS]


def build_assessment(
    instrument: Instrument, row_id: str, taken_on: str, answers: Any, created_at: str
) -> Assessment:
    result = score(instrument, answers)
    return Assessment(
        id=row_id,
        instrument_id=instrument.id,
        taken_on=date.fromisoformat(taken_on),
        answers=dict(result.answers),
        result=result,
        created_at=datetime.fromisoformat(created_at),
    )


class SelfCareService:
    """Daily check-ins, time off and assessments in one vault."""

    def __init__(self, vault: Vault, clock: Clock) -> None:
        self.vault = vault
        self.clock = clock

    def _now(self) -> str:
        return self.clock.now().isoformat()

    # -- daily check-ins ---------------------------------------------------------------
    def save_check_in(self, day: date, values: CheckInValues) -> DailyCheckIn:
        """Create or replace the check-in for ``day`` (today or any past day, never the future).

        Replacing keeps the record's id, creation time and any imported extra fields.
        """
        if day > self.clock.today():
            raise InvalidEntry("A check-in can be saved for today or a past day, not a future one.")
        check_values(values)
        now = self._now()
        columns = ", ".join(_CHECK_IN_COLUMNS)
        marks = ", ".join("?" for _ in _CHECK_IN_COLUMNS)
        updates = ", ".join(f"{c} = excluded.{c}" for c in _CHECK_IN_COLUMNS)
        with self.vault.transaction():
            self.vault.execute(
                f"INSERT INTO self_care_checkins (id, day, {columns}, created_at, updated_at) "
                f"VALUES (?, ?, {marks}, ?, ?) "
                f"ON CONFLICT(day) DO UPDATE SET {updates}, updated_at = excluded.updated_at",
                [str(uuid.uuid4()), day.isoformat(), *check_in_params(values), now, now],
            )
        saved = self.check_in(day)
        assert saved is not None
        return saved

    def check_in(self, day: date) -> DailyCheckIn | None:
        """The check-in for ``day``, or None."""
        rows = self.vault.query(f"{CHECK_IN_SELECT} WHERE day = ?", (day.isoformat(),))
        return row_to_check_in(rows[0]) if rows else None

    def list_check_ins(self, start: date | None = None, end: date | None = None) -> list[DailyCheckIn]:
        """Check-ins from ``start`` to ``end`` (both inclusive, both optional), oldest first."""
        rows = self.vault.query(
            f"{CHECK_IN_SELECT} WHERE day >= ? AND day <= ? ORDER BY day",
            (_lo(start), _hi(end)),
        )
        return [row_to_check_in(r) for r in rows]

    def delete_check_in(self, day: date) -> bool:
        """Remove the check-in for ``day``; True when there was one."""
        with self.vault.transaction():
            cursor = self.vault.execute("DELETE FROM self_care_checkins WHERE day = ?", (day.isoformat(),))
        return cursor.rowcount > 0

    # -- time off ------------------------------------------------------------------
    def add_time_off(
        self, kind: str, start_on: date, end_on: date, status: str | None = None, note: str = ""
    ) -> TimeOff:
        """Log a day off or a vacation. ``status`` defaults to planned for the future, else taken."""
        status = status or ("planned" if start_on > self.clock.today() else "taken")
        check_time_off(kind, status, start_on, end_on, note)
        entry = TimeOff(str(uuid.uuid4()), kind, status, start_on, end_on, note)
        now = self._now()
        with self.vault.transaction():
            self.vault.execute(
                "INSERT INTO time_off (id, kind, status, start_on, end_on, note, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (entry.id, kind, status, start_on.isoformat(), end_on.isoformat(), note, now, now),
            )
        return entry

    def update_time_off(self, entry: TimeOff) -> TimeOff:
        """Change an existing period (matched by id)."""
        check_time_off(entry.kind, entry.status, entry.start_on, entry.end_on, entry.note)
        with self.vault.transaction():
            cursor = self.vault.execute(
                "UPDATE time_off SET kind = ?, status = ?, start_on = ?, end_on = ?, note = ?, updated_at = ? "
                "WHERE id = ?",
                (
                    entry.kind,
                    entry.status,
                    entry.start_on.isoformat(),
                    entry.end_on.isoformat(),
                    entry.note,
                    self._now(),
                    entry.id,
                ),
            )
        if cursor.rowcount == 0:
            raise RecordNotFound("That time off no longer exists; nothing was saved.")
        return entry

    def delete_time_off(self, time_off_id: str) -> bool:
        """Remove a period; True when it existed."""
        with self.vault.transaction():
            cursor = self.vault.execute("DELETE FROM time_off WHERE id = ?", (time_off_id,))
        return cursor.rowcount > 0

    def list_time_off(self, start: date | None = None, end: date | None = None) -> list[TimeOff]:
        """Periods overlapping ``start``..``end`` (inclusive, optional), earliest first."""
        rows = self.vault.query(
            "SELECT id, kind, status, start_on, end_on, note FROM time_off "
            "WHERE end_on >= ? AND start_on <= ? ORDER BY start_on, end_on, id",
            (_lo(start), _hi(end)),
        )
        return [
            TimeOff(r[0], r[1], r[2], date.fromisoformat(r[3]), date.fromisoformat(r[4]), r[5]) for r in rows
        ]

    def days_off(self, start: date, end: date) -> list[date]:
        """Every calendar day from ``start`` to ``end`` inside a period that is not cancelled."""
        covered: set[date] = set()
        for period in self.list_time_off(start, end):
            if period.status == "cancelled":
                continue
            day = max(period.start_on, start)
            while day <= min(period.end_on, end):
                covered.add(day)
                day += timedelta(days=1)
        return sorted(covered)

    def time_off_status(self) -> TimeOffStatus:
        """Days since the last day off and days to the next planned one (calendar days)."""
        today = self.clock.today()
        iso = today.isoformat()
        last = self.vault.scalar(
            "SELECT max(min(end_on, ?)) FROM time_off WHERE status != 'cancelled' AND start_on <= ?",
            (iso, iso),
        )
        upcoming = self.vault.scalar(
            "SELECT min(start_on) FROM time_off WHERE status != 'cancelled' AND start_on > ?", (iso,)
        )
        last_day = date.fromisoformat(last) if last else None
        next_day = date.fromisoformat(upcoming) if upcoming else None
        return TimeOffStatus(
            today=today,
            off_today=last_day == today,
            last_day_off=last_day,
            days_since_last_day_off=None if last_day is None else (today - last_day).days,
            next_day_off=next_day,
            days_to_next_day_off=None if next_day is None else (next_day - today).days,
        )

    # -- assessments ---------------------------------------------------------------
    def save_assessment(self, instrument_id: str, taken_on: date, answers: Mapping[str, Any]) -> Assessment:
        """Score ``answers`` and store them with the computed scores; raises ``InvalidAnswers``."""
        instrument = get_instrument(instrument_id)
        if taken_on > self.clock.today():
            raise InvalidEntry("An assessment can be dated today or earlier, not in the future.")
        now = self._now()
        assessment = build_assessment(instrument, str(uuid.uuid4()), taken_on.isoformat(), answers, now)
        with self.vault.transaction():
            self.vault.execute(
                "INSERT INTO assessments (id, instrument, taken_on, answers, scores, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    assessment.id,
                    instrument.id,
                    taken_on.isoformat(),
                    json.dumps(assessment.answers),
                    json.dumps(assessment.scores),
                    now,
                ),
            )
        return assessment

    def _assessments(self, where: str, params: tuple[Any, ...]) -> list[Assessment]:
        instruments = bundled_instruments()
        rows = self.vault.query(
            f"SELECT id, instrument, taken_on, answers, created_at FROM assessments WHERE {where} "
            "ORDER BY taken_on, created_at, id",
            params,
        )
        # Scores are recomputed on every read, so a stored score can never disagree.
        return [
            build_assessment(instruments[r[1]], r[0], r[2], json.loads(r[3]), r[4])
            for r in rows
            if r[1] in instruments
        ]

    def assessment(self, assessment_id: str) -> Assessment | None:
        found = self._assessments("id = ?", (assessment_id,))
        return found[0] if found else None

    def list_assessments(
        self, instrument_id: str | None = None, start: date | None = None, end: date | None = None
    ) -> list[Assessment]:
        """Assessments, oldest first, optionally of one instrument and within dates."""
        where = "taken_on >= ? AND taken_on <= ?"
        params: tuple[Any, ...] = (_lo(start), _hi(end))
        if instrument_id is not None:
            where += " AND instrument = ?"
            params += (instrument_id,)
        return self._assessments(where, params)

    def delete_assessment(self, assessment_id: str) -> bool:
        with self.vault.transaction():
            cursor = self.vault.execute("DELETE FROM assessments WHERE id = ?", (assessment_id,))
        return cursor.rowcount > 0

    def latest_change(self, instrument_id: str) -> AssessmentChange | None:
        """The latest result of an instrument and the change of each scale since the previous one."""
        ids = [
            r[0]
            for r in self.vault.query(
                "SELECT id FROM assessments WHERE instrument = ? "
                "ORDER BY taken_on DESC, created_at DESC, id DESC LIMIT 2",
                (instrument_id,),
            )
        ]
        if not ids:
            return None
        latest = self.assessment(ids[0])
        previous = self.assessment(ids[1]) if len(ids) > 1 else None
        assert latest is not None
        change: dict[str, float | None] = {}
        for scale_id, value in latest.scores.items():
            before = previous.scores.get(scale_id) if previous else None
            change[scale_id] = None if value is None or before is None else value - before
        return AssessmentChange(latest, previous, change)

    def instruments_due(self) -> list[InstrumentDue]:
        """For each bundled instrument: when it was last taken and when its cadence suggests next."""
        today = self.clock.today()
        due = []
        for instrument in bundled_instruments().values():
            last = self.vault.scalar(
                "SELECT max(taken_on) FROM assessments WHERE instrument = ?", (instrument.id,)
            )
            last_day = date.fromisoformat(last) if last else None
            due_on = None
            if instrument.cadence_days:
                due_on = today if last_day is None else last_day + timedelta(days=instrument.cadence_days)
            due.append(
                InstrumentDue(
                    instrument.id,
                    instrument.title,
                    instrument.cadence_text,
                    last_day,
                    due_on,
                    due_on is not None and due_on <= today,
                )
            )
        return due

    # -- reminder and activity --------------------------------------------------------
    def reminder(self) -> ReminderSettings:
        raw = read_preference(self.vault, REMINDER_KEY)
        if not isinstance(raw, dict):
            return ReminderSettings()
        try:
            at = time.fromisoformat(str(raw.get("at", "18:00")))
        except ValueError:
            at = ReminderSettings.at
        return ReminderSettings(bool(raw.get("enabled", False)), at, bool(raw.get("sound", False)))

    def set_reminder(self, settings: ReminderSettings) -> None:
        with self.vault.transaction():
            write_preference(
                self.vault,
                REMINDER_KEY,
                {"enabled": settings.enabled, "at": settings.at.strftime("%H:%M"), "sound": settings.sound},
            )

    def first_activity(self) -> date | None:
        """The earliest day with any self-care record (the start of "enough data" windows)."""
        found = self.vault.scalar(
            "SELECT min(d) FROM (SELECT min(day) AS d FROM self_care_checkins "
            # Time off counts from when it was logged: a vacation entered retroactively says
            # nothing about how long the app has been in use.
            "UNION ALL SELECT min(substr(created_at, 1, 10)) FROM time_off "
            "UNION ALL SELECT min(taken_on) FROM assessments)"
        )
        return date.fromisoformat(found) if found else None


def _lo(day: date | None) -> str:
    return day.isoformat() if day else "0000-01-01"


def _hi(day: date | None) -> str:
    return day.isoformat() if day else "9999-12-31"
