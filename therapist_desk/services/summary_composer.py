"""Compose a supervision summary from what the supervisee ticks, and nothing else.

``SummaryComposer.compose(options)`` gathers aggregates (numbers, counts and the series the
charts are redrawn from) for the ticked sections only, plus the excerpts and questions the
user explicitly chose. The payload it returns is what the preview renders
(``render_preview_text``), what the PDF shows and, signed, exactly what the ``.tdsummary``
file holds: ``write_summary(payload, path, key)`` writes ``sign_summary(payload, key)``.
Aliases never appear unless their own box is ticked; note text never appears unless the user
picked a note and kept (or edited) its excerpt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from therapist_desk.domain.caseload import PROGRAM_LEVELS, CaseloadFlag
from therapist_desk.domain.clock import Clock
from therapist_desk.domain.errors import InvalidEntry, RecordNotFound
from therapist_desk.domain.journal import ADDRESSING_DIMENSIONS, THEMES, first_line
from therapist_desk.domain.weeks import week_start, weeks_between
from therapist_desk.security.summary_signing import sign_summary
from therapist_desk.services.caseload import CaseloadService
from therapist_desk.services.caseload_load import active_clients_on
from therapist_desk.services.indicator_sources import build_indicator_service
from therapist_desk.services.journal import JournalService
from therapist_desk.services.selfcare import SelfCareService, read_preference, write_preference
from therapist_desk.services.selfcare_indicators import IndicatorService
from therapist_desk.services.selfcare_trends import SelfCareTrends
from therapist_desk.services.summary_document import (
    MAX_LABEL,
    MAX_NAME,
    MAX_TEXT,
    PAYLOAD_FORMAT,
    PAYLOAD_VERSION,
    QUESTION_HEADINGS,
    WEEK_METRICS,
    clean_text,
)
from therapist_desk.services.summary_text import identifier_warnings, render_preview_text
from therapist_desk.storage.atomic import atomic_write_bytes
from therapist_desk.storage.vault import Vault

__all__ = [
    "NoteChoice",
    "SelectedExcerpt",
    "SummaryComposer",
    "SummaryOptions",
    "identifier_warnings",
    "render_preview_text",
    "write_summary",
]

DEFAULT_DISPLAY_NAME = "Therapist Desk user"
DISPLAY_NAME_KEY = "supervision.display_name"
MAX_PERIOD_DAYS = 5 * 366
MAX_EXCERPTS = 50
DEFAULT_EXCERPT_LENGTH = 600
# A session's program level on its date, from the dated history (the current level if older).
_LEVEL_AT_SESSION = (
    "coalesce((SELECT h.program_level FROM client_level_history h WHERE h.client_id = s.client_id"
    " AND h.effective_on <= s.date ORDER BY h.effective_on DESC LIMIT 1), c.program_level)"
)


@dataclass(frozen=True)
class SelectedExcerpt:
    """A note the user ticked, with the excerpt text they kept or edited (only this is shared)."""

    note_id: str
    text: str
    heading: str = ""


@dataclass(frozen=True)
class SummaryOptions:
    period_from: date
    period_to: date
    display_name: str = DEFAULT_DISPLAY_NAME
    self_care_trends: bool = True
    indicator_status: bool = True
    caseload_by_level: bool = True
    caseload_aliases: bool = False
    themes: bool = True
    stalled_sessions: bool = True
    stalled_aliases: bool = False
    excerpts: tuple[SelectedExcerpt, ...] = ()
    formative: str = ""
    normative: str = ""
    restorative: str = ""


@dataclass(frozen=True)
class NoteChoice:
    """One row of the note picker."""

    id: str
    title: str
    written_on: date
    first_line: str


def write_summary(payload: dict[str, Any], path: Path, key: bytes) -> bytes:
    """Sign ``payload`` and write the ``.tdsummary`` atomically; returns the bytes written."""
    data = sign_summary(payload, key)
    atomic_write_bytes(Path(path), data)
    return data


def _round(value: float | None, places: int = 1) -> float | None:
    return None if value is None else round(float(value), places)


class SummaryComposer:
    """Builds summary payloads from one vault."""

    def __init__(self, vault: Vault, clock: Clock, indicators: IndicatorService | None = None) -> None:
        self.vault = vault
        self.clock = clock
        self.journal = JournalService(vault, clock)
        self.caseload = CaseloadService(vault, clock)
        self.selfcare = SelfCareService(vault, clock)
        self.trends = SelfCareTrends(vault)
        self.indicators = indicators or build_indicator_service(vault, clock)

    # -- preferences and the note picker ------------------------------------------------------
    def display_name(self) -> str:
        """The name last used on a summary (kept inside the vault), or a neutral default."""
        stored = read_preference(self.vault, DISPLAY_NAME_KEY)
        return stored if isinstance(stored, str) and stored.strip() else DEFAULT_DISPLAY_NAME

    def set_display_name(self, name: str) -> None:
        with self.vault.transaction():
            write_preference(self.vault, DISPLAY_NAME_KEY, _display_name(name))

    def find_notes(
        self, query: str = "", date_from: date | None = None, date_to: date | None = None, limit: int = 200
    ) -> list[NoteChoice]:
        """Reflections for the note picker: a search when ``query`` has words, else newest first."""
        hits = self.journal.search(query, date_from=date_from, date_to=date_to, limit=limit)
        return [NoteChoice(h.id, h.title, h.created_at.date(), first_line(h.snippet)) for h in hits]

    def default_excerpt(self, note_id: str) -> SelectedExcerpt:
        """A starting excerpt for a ticked note: its title and first paragraph, shortened.
        The user edits it in the composer; only what they keep is shared."""
        note = self.journal.get(note_id)
        texts = [note.body, *note.draft.guided_texts().values()]
        paragraph = next((p.strip() for t in texts for p in t.split("\n\n") if p.strip()), "")
        if len(paragraph) > DEFAULT_EXCERPT_LENGTH:
            paragraph = paragraph[:DEFAULT_EXCERPT_LENGTH].rsplit(" ", 1)[0].rstrip() + " …"
        return SelectedExcerpt(note_id, clean_text(paragraph), clean_text(note.title.strip())[:MAX_LABEL])

    # -- composing -------------------------------------------------------------------------------
    def compose(self, options: SummaryOptions) -> dict[str, Any]:
        """The payload for ``options``: only the ticked sections, the chosen excerpts and the
        questions that were written. Raises ``InvalidEntry`` for a bad period, name or excerpt."""
        start, end = options.period_from, options.period_to
        today = self.clock.today()
        if end < start:
            raise InvalidEntry("The period must end on or after the day it starts.")
        if end > today:
            raise InvalidEntry("The period cannot end after today.")
        if (end - start).days >= MAX_PERIOD_DAYS:
            raise InvalidEntry("A summary can cover at most five years; choose a shorter period.")
        sections: dict[str, Any] = {}
        if options.self_care_trends:
            sections["self_care"] = self._self_care(start, end)
        if options.indicator_status:
            sections["indicators"] = self._indicators()
        if options.caseload_by_level:
            sections["caseload"] = self._caseload(start, end, options.caseload_aliases)
        if options.themes:
            sections["themes"] = self._themes(start, end)
        if options.stalled_sessions:
            sections["stalled"] = self._stalled(start, end, options.stalled_aliases)
        if options.excerpts:
            sections["excerpts"] = self._excerpts(options.excerpts)
        questions = {
            h: _limited(getattr(options, h), MAX_TEXT, f"The {h} questions") for h in QUESTION_HEADINGS
        }
        if any(questions.values()):
            sections["questions"] = {h: text for h, text in questions.items() if text}
        now = self.clock.now()
        now = now if now.tzinfo is not None else now.astimezone()
        return {
            "format": PAYLOAD_FORMAT,
            "version": PAYLOAD_VERSION,
            "display_name": _display_name(options.display_name),
            "period": {"from": start.isoformat(), "to": end.isoformat()},
            "generated_at": now.isoformat(timespec="seconds"),
            "sections": sections,
        }

    def _self_care(self, start: date, end: date) -> dict[str, Any]:
        metrics = {
            "exhaustion": "exhaustion",
            "energy": "energy",
            "mood": "mood",
            "sleep_hours": "sleep_hours",
            "self_care_minutes": "self_care_total_minutes",
        }
        means = {
            key: _round(self.trends.window_summary(metric, start, end)[0]) for key, metric in metrics.items()
        }
        weekly: dict[date, dict[str, Any]] = {
            monday: {"week_start": monday.isoformat(), "days": 0, **dict.fromkeys(WEEK_METRICS)}
            for monday in weeks_between(start, end)
        }
        for metric in WEEK_METRICS:
            for point in self.trends.weekly_series(metric, start, end):
                weekly[point.period_start][metric] = _round(point.mean)
        check_in_days = [date.fromisoformat(r[0]) for r in self.vault.query(
            "SELECT day FROM self_care_checkins WHERE day BETWEEN ? AND ?", (start.isoformat(), end.isoformat())
        )]  # fmt: skip
        for day in check_in_days:
            weekly[week_start(day)]["days"] += 1
        support = self.trends.daily_series("support_contact", start, end)
        assessments = self.selfcare.list_assessments(start=start, end=end)
        return {
            "days_in_period": (end - start).days + 1,
            "check_in_days": len(check_in_days),
            "means": means,
            "days_off": len(self.selfcare.days_off(start, end)),
            "support_contact_days": sum(1 for p in support if p.value > 0),
            "weekly": list(weekly.values()),
            "cbi": [
                {
                    "taken_on": a.taken_on.isoformat(),
                    **{s: _round(a.scores.get(s)) for s in ("personal", "work", "client")},
                }
                for a in assessments
                if a.instrument_id == "cbi"
            ],
            "single_item": [
                {"taken_on": a.taken_on.isoformat(), "score": a.scores["burnout"]}
                for a in assessments
                if a.instrument_id == "single_item" and a.scores.get("burnout") is not None
            ],
        }

    def _indicators(self) -> dict[str, Any]:
        return {
            "evaluated_on": self.clock.today().isoformat(),
            "items": [
                {"title": r.title, "status": r.status, "explanation": r.explanation}
                for r in self.indicators.evaluate()
            ],
        }

    def _caseload(self, start: date, end: date, with_aliases: bool) -> dict[str, Any]:
        at_start, at_end = active_clients_on(self.vault, [start, end])
        by_level = {level: {"sessions": 0, "hours": 0.0, "high_intensity": 0} for level in PROGRAM_LEVELS}
        for level, sessions, minutes, high in self.vault.query(
            f"SELECT {_LEVEL_AT_SESSION} AS level, count(*), total(s.minutes), total(s.intensity >= 4)"
            " FROM sessions s JOIN clients c ON c.id = s.client_id WHERE s.date BETWEEN ? AND ? GROUP BY level",
            (start.isoformat(), end.isoformat()),
        ):
            by_level[level] = {
                "sessions": sessions,
                "hours": round(minutes / 60, 1),
                "high_intensity": int(high),
            }
        weeks = {
            monday: [0, 0, 0, 0] for monday in weeks_between(start, end)
        }  # sessions, minutes, rated, high
        for day, minutes, intensity in self.vault.query(
            "SELECT date, minutes, intensity FROM sessions WHERE date BETWEEN ? AND ?",
            (start.isoformat(), end.isoformat()),
        ):
            week = weeks[week_start(date.fromisoformat(day))]
            week[0] += 1
            week[1] += minutes
            if intensity is not None:
                week[2] += 1
                week[3] += intensity >= 4
        result: dict[str, Any] = {
            "active_at_start": at_start,
            "active_at_end": at_end,
            "sessions_by_level": by_level,
            "weekly": [
                {
                    "week_start": monday.isoformat(),
                    "sessions": w[0],
                    "hours": round(w[1] / 60, 1),
                    "high_intensity_share": round(w[3] / w[2], 3) if w[2] else None,
                }
                for monday, w in weeks.items()
            ],
            "sustainable_weekly_hours": self.caseload.sustainable_weekly_hours(),
        }
        if with_aliases:
            result["aliases_by_level"] = self._active_aliases(end)
        return result

    def _active_aliases(self, day: date) -> dict[str, list[str]]:
        aliases: dict[str, list[str]] = {level: [] for level in PROGRAM_LEVELS}
        for alias, level, status in self.vault.query(
            "SELECT c.alias,"
            " (SELECT program_level FROM client_level_history h WHERE h.client_id = c.id AND h.effective_on <= ?"
            "  ORDER BY h.effective_on DESC LIMIT 1),"
            " (SELECT status FROM client_status_history h WHERE h.client_id = c.id AND h.effective_on <= ?"
            "  ORDER BY h.effective_on DESC LIMIT 1)"
            " FROM clients c ORDER BY c.alias_key",
            (day.isoformat(), day.isoformat()),
        ):
            if status == "active" and level in aliases:
                aliases[level].append(alias)
        return aliases

    def _themes(self, start: date, end: date) -> dict[str, Any]:
        prompts = self.journal.prompts
        themes = dict.fromkeys(THEMES, 0)
        for row in self.journal.reflections_per_month_by_theme(start, end):
            themes[row.key] = themes.get(row.key, 0) + row.count
        dimensions = dict.fromkeys(ADDRESSING_DIMENSIONS, 0)
        for row in self.journal.reflections_per_month_by_dimension(start, end):
            dimensions[row.key] = dimensions.get(row.key, 0) + row.count
        return {
            "reflections": sum(m.count for m in self.journal.reflections_per_month(start, end)),
            "by_theme": [{"id": t, "label": prompts.theme_label(t), "count": n} for t, n in themes.items()],
            "by_dimension": [
                {"id": d, "label": prompts.dimension_label(d), "count": n} for d, n in dimensions.items()
            ],
        }

    def _stalled(self, start: date, end: date, with_aliases: bool) -> dict[str, Any]:
        span = (start.isoformat(), end.isoformat())
        by_level = dict.fromkeys(PROGRAM_LEVELS, 0)
        for level, count in self.vault.query(
            f"SELECT {_LEVEL_AT_SESSION} AS level, count(*) FROM sessions s JOIN clients c ON c.id = s.client_id"
            " WHERE s.stalled = 1 AND s.date BETWEEN ? AND ? GROUP BY level",
            span,
        ):
            by_level[level] = count
        per_client = self.vault.query(
            "SELECT c.alias, count(*) FROM sessions s JOIN clients c ON c.id = s.client_id"
            " WHERE s.stalled = 1 AND s.date BETWEEN ? AND ? GROUP BY c.id ORDER BY c.alias_key",
            span,
        )
        alerts = self.caseload.stalled_alerts()
        result: dict[str, Any] = {
            "stalled_sessions": sum(by_level.values()),
            "clients_with_stalled_sessions": len(per_client),
            "by_level": by_level,
            "rule_sessions_in_a_row": self.caseload.stalled_progress_rule().stalled_sessions,
            "clients_flagged_now": sum(1 for a in alerts if CaseloadFlag.STALLED_SESSIONS in a.triggers),
        }
        if with_aliases:
            result["aliases"] = [{"alias": alias, "stalled_sessions": n} for alias, n in per_client]
        return result

    def _excerpts(self, chosen: Sequence[SelectedExcerpt]) -> list[dict[str, str]]:
        if len(chosen) > MAX_EXCERPTS:
            raise InvalidEntry(f"A summary can hold at most {MAX_EXCERPTS} excerpts.")
        result = []
        for number, excerpt in enumerate(chosen, start=1):
            try:
                note = self.journal.get(excerpt.note_id)
            except RecordNotFound:
                raise RecordNotFound(f"The reflection of excerpt {number} no longer exists.") from None
            if note.in_trash:
                raise InvalidEntry(
                    f"The reflection of excerpt {number} is in the trash; restore it or untick it."
                )
            text = _limited(excerpt.text, MAX_TEXT, f"Excerpt {number}")
            if not text:
                raise InvalidEntry(f"Excerpt {number} is empty; write the part to share or untick the note.")
            result.append(
                {
                    "written_on": note.created_at.date().isoformat(),
                    "heading": _limited(excerpt.heading, MAX_LABEL, f"The heading of excerpt {number}"),
                    "text": text,
                }
            )
        return result


def _limited(text: str, limit: int, what: str) -> str:
    cleaned = clean_text(text).strip()
    if len(cleaned) > limit:
        raise InvalidEntry(f"{what} is longer than {limit:,} characters; shorten it.")
    return cleaned


def _display_name(name: str) -> str:
    cleaned = " ".join(clean_text(name).split())
    if not cleaned:
        raise InvalidEntry("Give a display name for the summary (it can be a first name or initials).")
    if len(cleaned) > MAX_NAME:
        raise InvalidEntry(f"The display name can be at most {MAX_NAME} characters long.")
    return cleaned


def last_weeks(today: date, weeks: int = 4) -> tuple[date, date]:
    """The default period: the last ``weeks`` weeks up to today."""
    return today - timedelta(days=7 * weeks - 1), today
