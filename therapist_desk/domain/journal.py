"""Reflection notes as plain data: vocabulary, dataclasses, and the checks a draft must pass.

The vocabulary (themes, assumption types, ADDRESSING dimensions, guided fields) is fixed in code
because the schema and Trends count by these ids; their labels and guidance are data in
``resources/prompts/prompts.json`` (see ``domain/prompts.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any

from therapist_desk.domain.errors import InvalidEntry

THEMES = (
    "congruence",
    "positive_regard",
    "empathy",
    "alliance_shared_goals",
    "resistance",
    "stalled_progress",
    "boundaries",
    "countertransference",
    "burnout_self_care",
    "structure_support",
    "social_support_trust",
    "cultural_humility",
    "bias",
)
# The seeds' three kinds of false assumption about a client.
ASSUMPTION_TYPES = ("background", "motivation", "likelihood_of_success")
# Hays' ADDRESSING framework, in the framework's own order.
ADDRESSING_DIMENSIONS = (
    "age",
    "developmental_disability",
    "acquired_disability",
    "religion",
    "ethnicity",
    "socioeconomic_status",
    "sexual_orientation",
    "indigenous_heritage",
    "national_origin",
    "gender",
)
KINDS = ("free", "gibbs", "bias")
GIBBS_FIELDS = ("description", "feelings", "evaluation", "analysis", "conclusion", "action_plan")
BIAS_TEXT_FIELDS = (
    "situation",
    "assumption",
    "evidence_for",
    "evidence_against",
    "alternative_reading",
    "next_step",
)
# Label facets stored per note (note_labels.facet); Trends counts by them.
FACET_THEME = "theme"
FACET_ASSUMPTION_TYPE = "assumption_type"
FACET_DIMENSION = "dimension"

MAX_TITLE_LENGTH = 500
MAX_TEXT_LENGTH = 1_000_000  # per body or guided field: far beyond any real reflection
MAX_TAG_LENGTH = 60
MAX_TAGS = 50
MAX_PROMPT_ID_LENGTH = 100
# NUL cuts text short in parts of SQLite and in most widgets; it is never meaningful in a note.
_STRIPPED = str.maketrans({"\x00": None})
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")


def clean_text(text: str) -> str:
    """Remove only the characters that must never be stored (NUL)."""
    return text.translate(_STRIPPED)


def word_count(text: str) -> int:
    """Words as a reader counts them: "don't" and "self-care" are one word each.

    Scripts written without spaces (Chinese, Japanese) count one word per run of characters.
    """
    return len(_WORD.findall(text))


def first_line(*texts: str, max_length: int = 200) -> str:
    """The first non-blank line of the first text that has one, shortened for a list row."""
    for text in texts:
        for line in text.splitlines():
            line = line.strip()
            if line:
                return line if len(line) <= max_length else line[: max_length - 1].rstrip() + "…"
    return ""


def normalise_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Trim, drop a leading '#', squeeze spaces; keep the first spelling of each tag (any case)."""
    result: list[str] = []
    seen: set[str] = set()
    for raw in tags:
        if not isinstance(raw, str):
            raise InvalidEntry("A tag must be text.")
        tag = " ".join(clean_text(raw).split()).lstrip("#").strip()
        if not tag:
            continue
        if len(tag) > MAX_TAG_LENGTH:
            raise InvalidEntry(f"A tag can be at most {MAX_TAG_LENGTH} characters long.")
        if any(ord(ch) < 32 for ch in tag):
            raise InvalidEntry("A tag cannot contain control characters.")
        if tag.casefold() not in seen:
            seen.add(tag.casefold())
            result.append(tag)
    if len(result) > MAX_TAGS:
        raise InvalidEntry(f"A reflection can have at most {MAX_TAGS} tags.")
    return tuple(result)


def ordered_choices(values: Iterable[str], allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
    """Known ids only, without repeats, in the vocabulary's own order."""
    chosen = set()
    for value in values:
        if value not in allowed:
            raise InvalidEntry(f"A {what} given is not one this app knows.")
        chosen.add(value)
    return tuple(v for v in allowed if v in chosen)


@dataclass(frozen=True)
class GibbsReflection:
    """Gibbs' reflective cycle, one text per stage."""

    description: str = ""
    feelings: str = ""
    evaluation: str = ""
    analysis: str = ""
    conclusion: str = ""
    action_plan: str = ""

    def texts(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in GIBBS_FIELDS}


@dataclass(frozen=True)
class BiasReflection:
    """A structured look at an assumption about a client (types and dimensions are ids)."""

    situation: str = ""
    assumption: str = ""
    assumption_types: tuple[str, ...] = ()
    dimensions: tuple[str, ...] = ()
    evidence_for: str = ""
    evidence_against: str = ""
    alternative_reading: str = ""
    next_step: str = ""

    def texts(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in BIAS_TEXT_FIELDS}


@dataclass(frozen=True)
class NoteDraft:
    """Everything the editor can change. Saving a draft is idempotent (see JournalService.save)."""

    title: str = ""
    body: str = ""
    tags: tuple[str, ...] = ()
    prompt_id: str | None = None
    client_id: str | None = None
    kind: str = "free"
    themes: tuple[str, ...] = ()
    gibbs: GibbsReflection | None = None
    bias: BiasReflection | None = None

    def guided_texts(self) -> dict[str, str]:
        """The guided fields of this kind of note (empty for a free note)."""
        if self.gibbs is not None:
            return self.gibbs.texts()
        if self.bias is not None:
            return self.bias.texts()
        return {}

    def is_empty(self) -> bool:
        return not (
            self.title.strip()
            or self.body.strip()
            or self.tags
            or any(v.strip() for v in self.guided_texts().values())
        )


def draft_to_dict(draft: NoteDraft) -> dict[str, Any]:
    """A draft as JSON-ready values (``draft_from_dict`` reads it back)."""
    return asdict(draft)


def draft_from_dict(data: Mapping[str, Any]) -> NoteDraft:
    """The draft ``draft_to_dict`` wrote; the service checks it again when it is saved."""
    gibbs, bias = data.get("gibbs"), data.get("bias")
    return NoteDraft(
        title=str(data.get("title", "")),
        body=str(data.get("body", "")),
        tags=tuple(data.get("tags", ())),
        prompt_id=data.get("prompt_id"),
        client_id=data.get("client_id"),
        kind=str(data.get("kind", "free")),
        themes=tuple(data.get("themes", ())),
        gibbs=GibbsReflection(**gibbs) if gibbs is not None else None,
        bias=(
            BiasReflection(
                **{**bias, "assumption_types": tuple(bias["assumption_types"]), "dimensions": tuple(bias["dimensions"])}
            )
            if bias is not None
            else None
        ),
    )


def _clean_fields(obj: GibbsReflection | BiasReflection) -> dict[str, object]:
    values: dict[str, object] = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, str):
            if len(value) > MAX_TEXT_LENGTH:
                raise InvalidEntry("A guided field is too long to save (over a million characters).")
            value = clean_text(value)
        values[f.name] = value
    return values


def check_draft(draft: NoteDraft) -> NoteDraft:
    """Validate a draft and return it normalised (clean text, ordered choices, tidy tags)."""
    if draft.kind not in KINDS:
        raise InvalidEntry(f"A reflection's kind must be one of: {', '.join(KINDS)}.")
    if not isinstance(draft.title, str) or not isinstance(draft.body, str):
        raise InvalidEntry("The title and text of a reflection must be text.")
    if len(draft.title) > MAX_TITLE_LENGTH:
        raise InvalidEntry(f"A title can be at most {MAX_TITLE_LENGTH} characters long.")
    if len(draft.body) > MAX_TEXT_LENGTH:
        raise InvalidEntry("The reflection is too long to save (over a million characters).")
    if draft.prompt_id is not None and (not draft.prompt_id or len(draft.prompt_id) > MAX_PROMPT_ID_LENGTH):
        raise InvalidEntry("The prompt id is not valid.")
    gibbs, bias = draft.gibbs, draft.bias
    if draft.kind != "gibbs" and gibbs is not None:
        raise InvalidEntry("Only a Gibbs reflection has Gibbs fields.")
    if draft.kind != "bias" and bias is not None:
        raise InvalidEntry("Only a bias reflection has bias-reflection fields.")
    if draft.kind == "gibbs":
        gibbs = GibbsReflection(**_clean_fields(gibbs or GibbsReflection()))  # type: ignore[arg-type]
    if draft.kind == "bias":
        values = _clean_fields(bias or BiasReflection())
        values["assumption_types"] = ordered_choices(
            values["assumption_types"],  # type: ignore[arg-type]
            ASSUMPTION_TYPES,
            "assumption type",
        )
        values["dimensions"] = ordered_choices(
            values["dimensions"],  # type: ignore[arg-type]
            ADDRESSING_DIMENSIONS,
            "ADDRESSING dimension",
        )
        bias = BiasReflection(**values)  # type: ignore[arg-type]
    return NoteDraft(
        title=clean_text(draft.title),
        body=clean_text(draft.body),
        tags=normalise_tags(draft.tags),
        prompt_id=draft.prompt_id,
        client_id=draft.client_id,
        kind=draft.kind,
        themes=ordered_choices(draft.themes, THEMES, "theme"),
        gibbs=gibbs,
        bias=bias,
    )


@dataclass(frozen=True)
class ReflectionNote:
    """A saved reflection. Times carry the offset they were written with."""

    id: str
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None
    title: str
    body: str
    tags: tuple[str, ...]
    prompt_id: str | None
    client_id: str | None
    kind: str
    themes: tuple[str, ...]
    gibbs: GibbsReflection | None = None
    bias: BiasReflection | None = None

    @property
    def draft(self) -> NoteDraft:
        """The editable part, ready for ``dataclasses.replace`` and ``JournalService.save``."""
        return NoteDraft(
            title=self.title,
            body=self.body,
            tags=self.tags,
            prompt_id=self.prompt_id,
            client_id=self.client_id,
            kind=self.kind,
            themes=self.themes,
            gibbs=self.gibbs,
            bias=self.bias,
        )

    @property
    def in_trash(self) -> bool:
        return self.deleted_at is not None

    @property
    def word_count(self) -> int:
        return word_count("\n".join([self.body, *self.draft.guided_texts().values()]))


@dataclass(frozen=True)
class NoteSummary:
    """One row of the journal list."""

    id: str
    title: str
    created_at: datetime
    updated_at: datetime
    tags: tuple[str, ...]
    first_line: str
    kind: str
    prompt_id: str | None
    client_id: str | None
    deleted_at: datetime | None = None


@dataclass(frozen=True)
class SaveResult:
    note: ReflectionNote
    changed: bool  # False when the draft equalled what was stored (nothing was written)


@dataclass(frozen=True)
class TrashedNote:
    summary: NoteSummary
    deleted_at: datetime
    purge_after: datetime  # when purge_expired() will remove it for good


@dataclass(frozen=True)
class TagCount:
    tag: str
    notes: int  # reflections (not in the trash) carrying the tag


@dataclass(frozen=True)
class SearchHit:
    """One search result. ``snippet`` is plain text; ``highlights`` are (start, end) offsets in it.

    Nothing here is HTML: a view marks the spans itself (e.g. with QTextCharFormat) and shows
    the text as plain text. ``marked()`` gives a version with visible brackets for a terminal.
    """

    id: str
    title: str
    created_at: datetime
    tags: tuple[str, ...]
    kind: str
    client_id: str | None
    snippet: str
    highlights: tuple[tuple[int, int], ...] = field(default=())
    score: float = 0.0  # bm25: lower is better; 0.0 for a plain (empty-query) listing

    def marked(self, start: str = "[", end: str = "]") -> str:
        parts, last = [], 0
        for a, b in self.highlights:
            parts += [self.snippet[last:a], start, self.snippet[a:b], end]
            last = b
        parts.append(self.snippet[last:])
        return "".join(parts)
