"""A supervision summary's payload read into typed, bounded parts.

The composer writes the payload (services/summary_composer.py); the preview, the PDF and the
supervisor's view all read it back through ``read_summary``. A signature proves who sent a
file, not that its content is well formed, so the reader trusts nothing: every value is
type-checked, every text and list is capped, and anything it does not understand is named
in ``unknown_parts`` (the views say that part is not shown) instead of being guessed at.
Text stays text: nothing here (or anywhere that shows a summary) is ever rendered as HTML.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from therapist_desk.domain.caseload import PROGRAM_LEVELS

PAYLOAD_FORMAT = "therapist-desk/supervision-summary"
PAYLOAD_VERSION = 1
SECTION_KEYS = ("self_care", "indicators", "caseload", "themes", "stalled", "excerpts", "questions")
QUESTION_HEADINGS = ("formative", "normative", "restorative")
WEEK_METRICS = ("exhaustion", "energy", "mood", "sleep_hours")
MEAN_METRICS = ("exhaustion", "energy", "mood", "sleep_hours", "self_care_minutes")
CBI_SCALES = ("personal", "work", "client")

MAX_NAME = 120
MAX_LABEL = 200
MAX_SENTENCE = 2_000
MAX_TEXT = 20_000
MAX_ITEMS = 2_000
MAX_ALIAS = 60

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class WeekPoint:
    week_start: str
    days: int  # days with a check-in that week
    values: dict[str, float | None]  # WEEK_METRICS -> weekly mean (None: no value)


@dataclass(frozen=True)
class CbiPoint:
    taken_on: str
    scores: dict[str, float | None]  # CBI_SCALES -> 0–100 (None: not scored)


@dataclass(frozen=True)
class SelfCareSection:
    days_in_period: int
    check_in_days: int
    means: dict[str, float | None]
    days_off: int
    support_contact_days: int
    weekly: tuple[WeekPoint, ...]
    cbi: tuple[CbiPoint, ...]
    single_item: tuple[tuple[str, float], ...]  # (taken_on, 1–5)


@dataclass(frozen=True)
class IndicatorItem:
    title: str
    status: str
    explanation: str


@dataclass(frozen=True)
class IndicatorSection:
    evaluated_on: str
    items: tuple[IndicatorItem, ...]


@dataclass(frozen=True)
class LevelSessions:
    sessions: int
    hours: float
    high_intensity: int


@dataclass(frozen=True)
class LoadWeek:
    week_start: str
    sessions: int
    hours: float
    high_intensity_share: float | None


@dataclass(frozen=True)
class CaseloadSection:
    active_at_start: dict[str, int]
    active_at_end: dict[str, int]
    sessions_by_level: dict[str, LevelSessions]
    weekly: tuple[LoadWeek, ...]
    sustainable_weekly_hours: float | None
    aliases_by_level: dict[str, tuple[str, ...]] | None  # None: aliases were not shared


@dataclass(frozen=True)
class Count:
    id: str
    label: str
    count: int


@dataclass(frozen=True)
class ThemesSection:
    reflections: int
    by_theme: tuple[Count, ...]
    by_dimension: tuple[Count, ...]


@dataclass(frozen=True)
class StalledSection:
    stalled_sessions: int
    clients_with_stalled_sessions: int
    by_level: dict[str, int]
    rule_sessions_in_a_row: int | None
    clients_flagged_now: int | None
    aliases: tuple[tuple[str, int], ...] | None  # (alias, stalled sessions); None: not shared


@dataclass(frozen=True)
class Excerpt:
    written_on: str
    heading: str
    text: str


@dataclass(frozen=True)
class SummaryDocument:
    display_name: str
    period_from: str
    period_to: str
    generated_at: str
    self_care: SelfCareSection | None = None
    indicators: IndicatorSection | None = None
    caseload: CaseloadSection | None = None
    themes: ThemesSection | None = None
    stalled: StalledSection | None = None
    excerpts: tuple[Excerpt, ...] = ()
    questions: dict[str, str] = field(default_factory=dict)  # heading -> text (non-empty only)
    unknown_parts: tuple[str, ...] = ()  # parts of the file this app does not show


# -- bounded readers -------------------------------------------------------------------------
def clean_text(value: str) -> str:
    """Text as a summary holds it: newlines as ``\n``, no control characters but tab and newline
    (NUL and friends never belong in shown text) and no bidirectional overrides (they can make
    shown text read differently from what it is). The composer and the reader both use this,
    so what is written is exactly what is shown."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in value if ch in "\t\n" or not _hidden(ord(ch)))


def _hidden(code: int) -> bool:
    return code < 32 or 0x7F <= code < 0xA0 or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069


def _text(value: Any, limit: int) -> str:
    return clean_text(value[:limit]) if isinstance(value, str) else ""


def _day(value: Any) -> str:
    try:
        return date.fromisoformat(value).isoformat() if isinstance(value, str) and len(value) == 10 else ""
    except ValueError:
        return ""


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) and abs(number) < 1e9 else None


def _count(value: Any) -> int:
    number = _number(value)
    return int(number) if number is not None and number >= 0 and number == int(number) else 0


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value[:MAX_ITEMS] if isinstance(value, list) else []


def _levels(value: Any) -> dict[str, int]:
    raw = _dict(value)
    return {level: _count(raw.get(level)) for level in PROGRAM_LEVELS}


# -- sections -----------------------------------------------------------------------------------
def _self_care(raw: dict[str, Any]) -> SelfCareSection:
    means = _dict(raw.get("means"))
    weekly = tuple(
        WeekPoint(
            _day(w.get("week_start")), _count(w.get("days")), {m: _number(w.get(m)) for m in WEEK_METRICS}
        )
        for w in map(_dict, _list(raw.get("weekly")))
        if _day(w.get("week_start"))
    )
    cbi = tuple(
        CbiPoint(_day(c.get("taken_on")), {s: _number(c.get(s)) for s in CBI_SCALES})
        for c in map(_dict, _list(raw.get("cbi")))
        if _day(c.get("taken_on"))
    )
    single = tuple(
        (_day(s.get("taken_on")), score)
        for s in map(_dict, _list(raw.get("single_item")))
        if _day(s.get("taken_on")) and (score := _number(s.get("score"))) is not None
    )
    return SelfCareSection(
        days_in_period=_count(raw.get("days_in_period")),
        check_in_days=_count(raw.get("check_in_days")),
        means={m: _number(means.get(m)) for m in MEAN_METRICS},
        days_off=_count(raw.get("days_off")),
        support_contact_days=_count(raw.get("support_contact_days")),
        weekly=weekly,
        cbi=cbi,
        single_item=single,
    )


def _indicators(raw: dict[str, Any]) -> IndicatorSection:
    items = tuple(
        IndicatorItem(
            _text(i.get("title"), MAX_LABEL),
            _text(i.get("status"), 40),
            _text(i.get("explanation"), MAX_SENTENCE),
        )
        for i in map(_dict, _list(raw.get("items")))
        if _text(i.get("title"), MAX_LABEL)
    )
    return IndicatorSection(_day(raw.get("evaluated_on")), items)


def _caseload(raw: dict[str, Any]) -> CaseloadSection:
    by_level = _dict(raw.get("sessions_by_level"))
    sessions = {}
    for level in PROGRAM_LEVELS:
        item = _dict(by_level.get(level))
        sessions[level] = LevelSessions(
            _count(item.get("sessions")),
            _number(item.get("hours")) or 0.0,
            _count(item.get("high_intensity")),
        )
    weekly = tuple(
        LoadWeek(
            _day(w.get("week_start")),
            _count(w.get("sessions")),
            _number(w.get("hours")) or 0.0,
            _number(w.get("high_intensity_share")),
        )
        for w in map(_dict, _list(raw.get("weekly")))
        if _day(w.get("week_start"))
    )
    aliases = None
    if isinstance(raw.get("aliases_by_level"), dict):
        found = _dict(raw.get("aliases_by_level"))
        aliases = {
            level: tuple(a for a in (_text(x, MAX_ALIAS) for x in _list(found.get(level))) if a)
            for level in PROGRAM_LEVELS
        }
    return CaseloadSection(
        active_at_start=_levels(raw.get("active_at_start")),
        active_at_end=_levels(raw.get("active_at_end")),
        sessions_by_level=sessions,
        weekly=weekly,
        sustainable_weekly_hours=_number(raw.get("sustainable_weekly_hours")),
        aliases_by_level=aliases,
    )


def _counts(value: Any) -> tuple[Count, ...]:
    return tuple(
        Count(_text(c.get("id"), 60), _text(c.get("label"), MAX_LABEL), _count(c.get("count")))
        for c in map(_dict, _list(value))
        if _text(c.get("label"), MAX_LABEL)
    )


def _themes(raw: dict[str, Any]) -> ThemesSection:
    return ThemesSection(
        _count(raw.get("reflections")), _counts(raw.get("by_theme")), _counts(raw.get("by_dimension"))
    )


def _stalled(raw: dict[str, Any]) -> StalledSection:
    aliases = None
    if isinstance(raw.get("aliases"), list):
        aliases = tuple(
            (alias, _count(a.get("stalled_sessions")))
            for a in map(_dict, _list(raw.get("aliases")))
            if (alias := _text(a.get("alias"), MAX_ALIAS))
        )
    rule = _number(raw.get("rule_sessions_in_a_row"))
    flagged = _number(raw.get("clients_flagged_now"))
    return StalledSection(
        stalled_sessions=_count(raw.get("stalled_sessions")),
        clients_with_stalled_sessions=_count(raw.get("clients_with_stalled_sessions")),
        by_level=_levels(raw.get("by_level")),
        rule_sessions_in_a_row=None if rule is None else _count(rule),
        clients_flagged_now=None if flagged is None else _count(flagged),
        aliases=aliases,
    )


def _excerpts(value: Any) -> tuple[Excerpt, ...]:
    return tuple(
        Excerpt(_day(e.get("written_on")), _text(e.get("heading"), MAX_LABEL), text)
        for e in map(_dict, _list(value))
        if (text := _text(e.get("text"), MAX_TEXT))
    )


def read_summary(payload: Any) -> SummaryDocument:
    """The payload as typed parts; anything malformed is left out and named in ``unknown_parts``."""
    raw = _dict(payload)
    unknown = []
    if raw.get("format") != PAYLOAD_FORMAT or raw.get("version") != PAYLOAD_VERSION:
        unknown.append("format")
    period = _dict(raw.get("period"))
    sections = _dict(raw.get("sections"))
    readers = {
        "self_care": _self_care,
        "indicators": _indicators,
        "caseload": _caseload,
        "themes": _themes,
        "stalled": _stalled,
    }
    parts: dict[str, Any] = {}
    for key, value in sections.items():
        if key in readers and isinstance(value, dict):
            parts[key] = readers[key](value)
        elif key == "excerpts" and isinstance(value, list):
            parts["excerpts"] = _excerpts(value)
        elif key == "questions" and isinstance(value, dict):
            parts["questions"] = {
                h: t for h in QUESTION_HEADINGS if (t := _text(value.get(h), MAX_TEXT).strip())
            }
        else:
            unknown.append(_text(key, 60) or "?")
    known_top = {"format", "version", "display_name", "period", "generated_at", "sections"}
    unknown += sorted(_text(k, 60) or "?" for k in raw if k not in known_top)
    return SummaryDocument(
        display_name=" ".join(_text(raw.get("display_name"), MAX_NAME).split()),
        period_from=_day(period.get("from")),
        period_to=_day(period.get("to")),
        generated_at=_text(raw.get("generated_at"), 40),
        unknown_parts=tuple(unknown),
        **parts,
    )
