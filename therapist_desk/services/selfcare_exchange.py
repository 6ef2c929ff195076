"""Export/import codecs for ``self_care``, ``assessments`` and ``time_off`` (CONTRACTS.md §3).

Assessment scores are recomputed from the answers on import and on export; a ``scores``
field in an imported document is read past, never trusted.
"""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Any

from therapist_desk.domain.errors import InvalidAnswers
from therapist_desk.domain.instruments import bundled_instruments, score
from therapist_desk.domain.selfcare import (
    CHECK_IN_FIELDS,
    MAX_NOTE_LENGTH,
    TIME_OFF_KINDS,
    TIME_OFF_STATUSES,
    CheckInValues,
)
from therapist_desk.services.exchange_codec import Field, ImportContext, merge_extra, register_section
from therapist_desk.services.selfcare import CHECK_IN_SELECT, check_in_params, row_to_check_in
from therapist_desk.storage.vault import Vault

_COLUMNS = [f.name for f in CHECK_IN_FIELDS]


def _existing(vault: Vault, table: str, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ", ".join("?" for _ in chunk)
        found.update(r[0] for r in vault.query(f"SELECT id FROM {table} WHERE id IN ({marks})", chunk))
    return found


def _extra_by_id(vault: Vault, table: str) -> dict[str, str]:
    return {r[0]: r[1] for r in vault.query(f"SELECT id, extra FROM {table} WHERE extra IS NOT NULL")}


class SelfCareCodec:
    name = "self_care"
    order = 60

    def __init__(self) -> None:
        self._seen_days: dict[str, int] = {}

    def export_records(self, vault: Vault) -> list[dict[str, Any]]:
        extras = _extra_by_id(vault, "self_care_checkins")
        records = []
        for row in vault.query(f"{CHECK_IN_SELECT} ORDER BY day"):
            entry = row_to_check_in(row)
            record = {"id": entry.id, "date": entry.day.isoformat(), **entry.values.as_dict()}
            record["created_at"] = entry.created_at.isoformat()
            record["updated_at"] = entry.updated_at.isoformat()
            records.append(merge_extra(record, extras.get(entry.id)))
        return records

    def prepare(self, records: list[dict[str, Any]], ctx: ImportContext) -> None:
        self._seen_days = {}

    def validate(self, record: dict[str, Any], index: int, ctx: ImportContext) -> dict[str, Any]:
        f = Field(self.name, index, record)
        out: dict[str, Any] = {"id": f.id(), "date": f.date("date", required=True)}
        for spec in CHECK_IN_FIELDS:
            if spec.kind == "int":
                out[spec.name] = f.integer(spec.name, lo=int(spec.lo or 0), hi=int(spec.hi or 0))
            elif spec.kind == "number":
                out[spec.name] = f.number(spec.name, lo=spec.lo, hi=spec.hi)
                if out[spec.name] is not None and not math.isfinite(out[spec.name]):
                    raise f.fail(spec.name, "must be a number")
            elif spec.kind == "bool":
                out[spec.name] = f.boolean(spec.name)
            else:
                out[spec.name] = f.text(spec.name, max_len=MAX_NOTE_LENGTH, default="")
        out["created_at"] = f.datetime("created_at")
        out["updated_at"] = f.datetime("updated_at")
        out["extra"] = f.extra(["id", "date", "created_at", "updated_at", *_COLUMNS])  # noqa: S610 (not Django)
        if out["date"] in self._seen_days:
            raise f.fail(
                "date", f"repeats the date of self_care[{self._seen_days[out['date']]}] (one check-in a day)"
            )
        self._seen_days[out["date"]] = index
        holder = ctx.vault.scalar("SELECT id FROM self_care_checkins WHERE day = ?", (out["date"],))
        if holder is not None and holder != out["id"]:
            raise f.fail("date", "already has a different check-in in this vault (one check-in a day)")
        return out

    def existing_ids(self, vault: Vault, ids: list[str]) -> set[str]:
        return _existing(vault, "self_care_checkins", ids)

    def insert(self, vault: Vault, record: dict[str, Any], ctx: ImportContext) -> None:
        values = CheckInValues(**{c: record[c] for c in _COLUMNS})
        created = record["created_at"] or _day_start(record["date"])
        vault.execute(
            f"INSERT INTO self_care_checkins (id, day, {', '.join(_COLUMNS)}, extra, created_at, updated_at) "
            f"VALUES (?, ?, {', '.join('?' for _ in _COLUMNS)}, ?, ?, ?)",
            [
                record["id"],
                record["date"],
                *check_in_params(values),
                record["extra"],
                created,
                record["updated_at"] or created,
            ],
        )


class AssessmentCodec:
    name = "assessments"
    order = 61

    def export_records(self, vault: Vault) -> list[dict[str, Any]]:
        instruments = bundled_instruments()
        records = []
        for rid, instrument, taken_on, answers, extra, created in vault.query(
            "SELECT id, instrument, taken_on, answers, extra, created_at FROM assessments "
            "ORDER BY taken_on, created_at, id"
        ):
            parsed = json.loads(answers)
            scores = score(instruments[instrument], parsed).scores if instrument in instruments else {}
            record = {
                "id": rid,
                "instrument": instrument,
                "taken_on": taken_on,
                "answers": parsed,
                "scores": scores,
                "created_at": created,
            }
            records.append(merge_extra(record, extra))
        return records

    def prepare(self, records: list[dict[str, Any]], ctx: ImportContext) -> None:
        pass

    def validate(self, record: dict[str, Any], index: int, ctx: ImportContext) -> dict[str, Any]:
        f = Field(self.name, index, record)
        rid = f.id()
        instruments = bundled_instruments()
        instrument_id = f.text("instrument", required=True, max_len=100)
        if instrument_id not in instruments:
            raise f.fail(
                "instrument", f"is not an instrument this app knows ({', '.join(sorted(instruments))})"
            )
        taken_on = f.date("taken_on", required=True)
        answers = record.get("answers")
        if answers is None:
            raise f.fail("answers", "is required")
        try:
            result = score(instruments[instrument_id], answers)
        except InvalidAnswers as exc:
            raise f.fail("answers", f"is not valid: {exc.message.rstrip('.')}") from None
        return {
            "id": rid,
            "instrument": instrument_id,
            "taken_on": taken_on,
            "answers": json.dumps(dict(result.answers)),
            "scores": json.dumps(result.scores),  # recomputed; the document's scores are ignored
            "created_at": f.datetime("created_at"),
            "extra": f.extra(["id", "instrument", "taken_on", "answers", "scores", "created_at"]),  # noqa: S610 (not Django)
        }

    def existing_ids(self, vault: Vault, ids: list[str]) -> set[str]:
        return _existing(vault, "assessments", ids)

    def insert(self, vault: Vault, record: dict[str, Any], ctx: ImportContext) -> None:
        vault.execute(
            "INSERT INTO assessments (id, instrument, taken_on, answers, scores, extra, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                record["id"],
                record["instrument"],
                record["taken_on"],
                record["answers"],
                record["scores"],
                record["extra"],
                record["created_at"] or _day_start(record["taken_on"]),
            ),
        )


class TimeOffCodec:
    name = "time_off"
    order = 62
    _known = ("id", "kind", "status", "start_on", "end_on", "note", "created_at", "updated_at")

    def export_records(self, vault: Vault) -> list[dict[str, Any]]:
        records = []
        for row in vault.query(
            "SELECT id, kind, status, start_on, end_on, note, created_at, updated_at, extra FROM time_off "
            "ORDER BY start_on, end_on, id"
        ):
            record = dict(zip(self._known, row[:8], strict=True))
            records.append(merge_extra(record, row[8]))
        return records

    def prepare(self, records: list[dict[str, Any]], ctx: ImportContext) -> None:
        pass

    def validate(self, record: dict[str, Any], index: int, ctx: ImportContext) -> dict[str, Any]:
        f = Field(self.name, index, record)
        out = {
            "id": f.id(),
            "kind": f.choice("kind", TIME_OFF_KINDS, default="day_off"),
            # Without a clock here, "planned" is the safe default: a planned period that has
            # passed counts as time off anyway, unless marked cancelled.
            "status": f.choice("status", TIME_OFF_STATUSES, default="planned"),
            "start_on": f.date("start_on", required=True),
            "end_on": f.date("end_on"),
            "note": f.text("note", max_len=MAX_NOTE_LENGTH, default=""),
            "created_at": f.datetime("created_at"),
            "updated_at": f.datetime("updated_at"),
            "extra": f.extra(self._known),  # noqa: S610 (not Django)
        }
        out["end_on"] = out["end_on"] or out["start_on"]
        if out["end_on"] < out["start_on"]:
            raise f.fail("end_on", "is before start_on")
        if (date.fromisoformat(out["end_on"]) - date.fromisoformat(out["start_on"])).days > 366:
            raise f.fail("end_on", "makes the period longer than a year")
        return out

    def existing_ids(self, vault: Vault, ids: list[str]) -> set[str]:
        return _existing(vault, "time_off", ids)

    def insert(self, vault: Vault, record: dict[str, Any], ctx: ImportContext) -> None:
        created = record["created_at"] or _day_start(record["start_on"])
        vault.execute(
            "INSERT INTO time_off (id, kind, status, start_on, end_on, note, extra, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record["id"],
                record["kind"],
                record["status"],
                record["start_on"],
                record["end_on"],
                record["note"],
                record["extra"],
                created,
                record["updated_at"] or created,
            ),
        )


def _day_start(day: str) -> str:
    # A record imported without a creation time is taken as created on its own date: a codec
    # has no clock to ask, and "how long has the app been in use" must not reach back further.
    return f"{day}T00:00:00+00:00"


register_section("self_care")(SelfCareCodec)
register_section("assessments")(AssessmentCodec)
register_section("time_off")(TimeOffCodec)
