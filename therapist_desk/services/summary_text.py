"""The plain-text rendering of a supervision summary: the redaction preview and the
supervisor's reading view show exactly this text.

Every value in the payload appears here; nothing else does. Text the supervisee typed or
chose (excerpts, questions, aliases) is copied verbatim and its place is recorded, so the
identifier scanner's findings can be highlighted in the preview at the right characters.
Dates stay ISO (YYYY-MM-DD): a summary travels between people and locales.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from therapist_desk.domain.caseload import PROGRAM_LEVEL_LABELS, PROGRAM_LEVELS
from therapist_desk.domain.identifiers import IdentifierKind, detect_identifiers
from therapist_desk.services.summary_document import Path, SummaryDocument, read_summary

TITLE = "Supervision summary"
HEADINGS = {
    "self_care": "Burnout and self-care trends",
    "indicators": "Early-warning indicators",
    "caseload": "Caseload by program level",
    "themes": "Themes reflected on",
    "stalled": "Sessions flagged as stalled",
    "excerpts": "Selected note excerpts",
    "questions": "Questions for supervision",
}
QUESTION_TITLES = {
    "formative": "Formative (learning and skills)",
    "normative": "Normative (ethics, standards and risk)",
    "restorative": "Restorative (wellbeing and support)",
}
STATUS_TEXT = {
    "triggered": "Pattern found",
    "clear": "Clear",
    "not_enough_data": "Not enough data yet",
    "off": "Off",
}
METRIC_TEXT = {
    "exhaustion": ("emotional exhaustion", " / 10"),
    "energy": ("energy", " / 10"),
    "mood": ("mood", " / 10"),
    "sleep_hours": ("sleep", " hours"),
    "self_care_minutes": ("exercise and self-care", " minutes a day"),
}


def number(value: float | None, decimals: int = 1) -> str:
    """50, 62.5, 58.3; an em dash for no value."""
    if value is None:
        return "—"
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def level_label(level: str) -> str:
    return PROGRAM_LEVEL_LABELS.get(level, level)


@dataclass(frozen=True)
class UserTextSpan:
    path: Path
    start: int
    end: int


@dataclass(frozen=True)
class PreviewText:
    text: str
    spans: tuple[UserTextSpan, ...]  # where each user text sits in ``text``


@dataclass(frozen=True)
class SummaryFinding:
    """An identifier warning in shared text: where (path in the payload, offsets in that text,
    offsets in the preview) and why. Never quotes the text itself."""

    path: Path
    where: str  # "Excerpt 2", "Questions: normative", "Client alias"...
    kind: IdentifierKind
    reason: str
    start: int
    end: int
    preview_start: int
    preview_end: int


@dataclass
class _Builder:
    parts: list[str] = field(default_factory=list)
    spans: list[UserTextSpan] = field(default_factory=list)
    length: int = 0

    def add(self, text: str, path: Path | None = None) -> None:
        if path is not None:
            self.spans.append(UserTextSpan(path, self.length, self.length + len(text)))
        self.parts.append(text)
        self.length += len(text)

    def line(self, text: str = "") -> None:
        self.add(text + "\n")

    def heading(self, text: str) -> None:
        self.line()
        self.line(text.upper())

    def table(self, rows: list[list[str]], indent: str = "  ") -> None:
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            self.line(indent + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def _generated(value: str) -> str:
    # "2026-03-02T09:30:00+00:00" -> "2026-03-02 09:30 (UTC+00:00)"; anything else as it is.
    if len(value) >= 16 and value[10] == "T":
        offset = value[19:] if len(value) > 19 else ""
        return f"{value[:10]} {value[11:16]}" + (f" (UTC{offset})" if offset else "")
    return value or "—"


def _self_care(out: _Builder, doc: SummaryDocument) -> None:
    section = doc.self_care
    assert section is not None
    out.heading(HEADINGS["self_care"])
    out.line(
        f"Daily check-ins on {section.check_in_days} of {section.days_in_period} days. "
        f"Days off: {section.days_off}. Days with peer support or supervision: {section.support_contact_days}."
    )
    means = [
        f"{label} {number(section.means[m])}{unit}"
        for m, (label, unit) in METRIC_TEXT.items()
        if section.means.get(m) is not None
    ]
    out.line("Means over the period: " + ("; ".join(means) if means else "no check-in values") + ".")
    if section.weekly:
        out.line("Weekly means from the daily check-in (0–10; sleep in hours):")
        rows = [["Week of", "Check-ins", "Exhaustion", "Energy", "Mood", "Sleep"]]
        rows += [
            [
                w.week_start,
                str(w.days),
                *(number(w.values.get(m)) for m in ("exhaustion", "energy", "mood", "sleep_hours")),
            ]
            for w in section.weekly
        ]
        out.table(rows)
    out.line("Copenhagen Burnout Inventory (0–100 per scale; 50 or more is commonly read as high):")
    if section.cbi:
        rows = [["Taken on", "Personal", "Work", "Client"]]
        rows += [
            [c.taken_on, *(number(c.scores.get(s)) for s in ("personal", "work", "client"))]
            for c in section.cbi
        ]
        out.table(rows)
    else:
        out.line("  not taken in this period")
    out.line("Single-item burnout measure (1–5; 3 or more is the usual indicator):")
    if section.single_item:
        out.table([["Taken on", "Answer"], *([day, number(score)] for day, score in section.single_item)])
    else:
        out.line("  not taken in this period")


def _indicators(out: _Builder, doc: SummaryDocument) -> None:
    section = doc.indicators
    assert section is not None
    out.heading(f"{HEADINGS['indicators']} (as of {section.evaluated_on or '—'})")
    if not section.items:
        out.line("No indicators were evaluated.")
    for item in section.items:
        out.line(f"- {item.title}: {STATUS_TEXT.get(item.status, item.status or '—')}")
        if item.explanation:
            out.line(f"  {item.explanation}")


def _caseload(out: _Builder, doc: SummaryDocument) -> None:
    section = doc.caseload
    assert section is not None
    out.heading(HEADINGS["caseload"])
    rows = [["Level", "Active at start", "Active at end", "Sessions", "Hours", "High-intensity"]]
    totals = [0, 0, 0, 0.0, 0]
    for level in PROGRAM_LEVELS:
        s = section.sessions_by_level[level]
        values = [
            section.active_at_start[level],
            section.active_at_end[level],
            s.sessions,
            s.hours,
            s.high_intensity,
        ]
        totals = [a + b for a, b in zip(totals, values, strict=True)]  # type: ignore[misc]
        rows.append([level_label(level), *(number(v) for v in values)])
    rows.append(["Total", *(number(v) for v in totals)])
    out.table(rows)
    if section.sustainable_weekly_hours is not None:
        out.line(f"Own sustainable limit: {number(section.sustainable_weekly_hours)} session hours a week.")
    if section.weekly:
        out.line("Sessions per week (days inside the period only):")
        rows = [["Week of", "Sessions", "Hours", "High-intensity share"]]
        rows += [
            [
                w.week_start,
                str(w.sessions),
                number(w.hours),
                "—" if w.high_intensity_share is None else f"{number(100 * w.high_intensity_share, 0)}%",
            ]
            for w in section.weekly
        ]
        out.table(rows)
    if section.aliases_by_level is not None:
        out.line("Client aliases, active at the end of the period:")
        for level in PROGRAM_LEVELS:
            aliases = section.aliases_by_level.get(level, ())
            out.add(f"  {level_label(level)}: ")
            if not aliases:
                out.add("none")
            for i, alias in enumerate(aliases):
                out.add(", " if i else "")
                out.add(alias, ("sections", "caseload", "aliases_by_level", level, i))
            out.line()


def _themes(out: _Builder, doc: SummaryDocument) -> None:
    section = doc.themes
    assert section is not None
    out.heading(HEADINGS["themes"])
    out.line(f"Reflections written in the period: {section.reflections}")
    for title, counts in (
        ("By theme (a reflection counts once under each of its themes):", section.by_theme),
        ("Bias reflections by ADDRESSING dimension:", section.by_dimension),
    ):
        out.line(title)
        if counts:
            out.table([[c.label, str(c.count)] for c in counts])
        else:
            out.line("  none")


def _stalled(out: _Builder, doc: SummaryDocument) -> None:
    section = doc.stalled
    assert section is not None
    out.heading(HEADINGS["stalled"])
    out.line(f'Sessions marked "progress stalled" in the period: {section.stalled_sessions}')
    out.line(f"Clients with a stalled session in the period: {section.clients_with_stalled_sessions}")
    out.line(
        "By program level: " + ", ".join(f"{level_label(lv)} {section.by_level[lv]}" for lv in PROGRAM_LEVELS)
    )
    if section.clients_flagged_now is not None:
        rule = (
            f" ({section.rule_sessions_in_a_row} stalled sessions in a row)"
            if section.rule_sessions_in_a_row
            else ""
        )
        out.line(
            f"Active clients flagged by the stalled-progress rule now{rule}: {section.clients_flagged_now}"
        )
    if section.aliases is not None:
        out.add("Aliases: ")
        if not section.aliases:
            out.add("none")
        for i, (alias, count) in enumerate(section.aliases):
            out.add(", " if i else "")
            out.add(alias, ("sections", "stalled", "aliases", i, "alias"))
            out.add(f" ({count})")
        out.line()


def _excerpts(out: _Builder, doc: SummaryDocument) -> None:
    out.heading(HEADINGS["excerpts"])
    for i, excerpt in enumerate(doc.excerpts):
        out.line()
        out.add(f"Excerpt {i + 1}, written {excerpt.written_on or '—'}")
        if excerpt.heading:
            out.add(": ")
            out.add(excerpt.heading, ("sections", "excerpts", i, "heading"))
        out.line()
        out.add(excerpt.text, ("sections", "excerpts", i, "text"))
        out.line()


def _questions(out: _Builder, doc: SummaryDocument) -> None:
    out.heading(HEADINGS["questions"])
    for heading in doc.questions:
        out.line()
        out.line(QUESTION_TITLES[heading])
        out.add(doc.questions[heading], ("sections", "questions", heading))
        out.line()


def render_document(doc: SummaryDocument) -> PreviewText:
    """The summary as plain text, with the place of every user text."""
    out = _Builder()
    out.line(TITLE.upper())
    out.line(f"From: {doc.display_name or '—'}")
    out.line(f"Period: {doc.period_from or '—'} to {doc.period_to or '—'}")
    out.line(f"Generated: {_generated(doc.generated_at)}")
    if doc.self_care is not None:
        _self_care(out, doc)
    if doc.indicators is not None:
        _indicators(out, doc)
    if doc.caseload is not None:
        _caseload(out, doc)
    if doc.themes is not None:
        _themes(out, doc)
    if doc.stalled is not None:
        _stalled(out, doc)
    if doc.excerpts:
        _excerpts(out, doc)
    if doc.questions:
        _questions(out, doc)
    if doc.unknown_parts:
        out.line()
        out.line(f"This file has parts this app does not show: {', '.join(doc.unknown_parts[:20])}.")
    return PreviewText("".join(out.parts), tuple(out.spans))


def render_preview_text(payload: Any) -> str:
    """The document exactly as the preview shows it (and as the signed file holds it)."""
    return render_document(read_summary(payload)).text


def describe_path(path: Path) -> str:
    if path[:2] == ("sections", "excerpts"):
        return f"Excerpt {int(path[2]) + 1}" + (" (heading)" if path[-1] == "heading" else "")
    if path[:2] == ("sections", "questions"):
        return f"Questions: {path[2]}"
    return "Client alias"


def identifier_warnings(payload: Any, today: date | None = None) -> list[SummaryFinding]:
    """Identifier-scanner findings in every shared user text, with where they sit in the preview."""
    preview = render_document(read_summary(payload))
    findings = []
    for span in preview.spans:
        text = preview.text[span.start : span.end]
        for found in detect_identifiers(text, today=today):
            findings.append(
                SummaryFinding(
                    path=span.path,
                    where=describe_path(span.path),
                    kind=found.kind,
                    reason=found.reason,
                    start=found.start,
                    end=found.end,
                    preview_start=span.start + found.start,
                    preview_end=span.start + found.end,
                )
            )
    return findings
