"""Reading and writing reflection notes (schema v3), shared by the journal service and its codec.

Every function expects a draft already checked by ``domain.journal.check_draft``. Callers own
the transaction: a note's row, tags, guided fields and labels are written together.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from therapist_desk.domain.journal import (
    ADDRESSING_DIMENSIONS,
    ASSUMPTION_TYPES,
    BIAS_TEXT_FIELDS,
    FACET_ASSUMPTION_TYPE,
    FACET_DIMENSION,
    FACET_THEME,
    GIBBS_FIELDS,
    THEMES,
    BiasReflection,
    GibbsReflection,
    NoteDraft,
    NoteSummary,
    ReflectionNote,
    first_line,
)
from therapist_desk.storage.vault import Vault

TAG_SEPARATOR = "\n"  # tags never contain a newline (normalise_tags squeezes whitespace)

# Columns of a list row (for ``row_to_summary``). LIVE_SUMMARY_COLUMNS is for notes outside the
# trash: every column is in the index notes_live_list, so listing reads no table rows.
_LIST_COLUMNS = (
    "n.id, n.title, n.created_at, n.updated_at, n.tags_text, n.first_line, n.kind, n.prompt_id, n.client_id"
)
SUMMARY_COLUMNS = f"{_LIST_COLUMNS}, n.deleted_at"
LIVE_SUMMARY_COLUMNS = f"{_LIST_COLUMNS}, NULL"


def stamp(moment: datetime) -> str:
    """ISO 8601 with the offset, to the second (what export writes and the UI shows)."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.isoformat(timespec="seconds")


def utc_key(moment: datetime) -> str:
    """Fixed-width UTC text that sorts in time order whatever offset the note was written in."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_stamp(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def split_tags(tags_text: str) -> tuple[str, ...]:
    return tuple(t for t in tags_text.split(TAG_SEPARATOR) if t)


def fields_text(draft: NoteDraft) -> str:
    return "\n\n".join(v for v in draft.guided_texts().values() if v.strip())


def preview(draft: NoteDraft) -> str:
    """The list's first line: from the body, else from the guided fields."""
    return first_line(draft.body, *draft.guided_texts().values())


def _labels(draft: NoteDraft) -> list[tuple[str, str]]:
    labels = [(FACET_THEME, t) for t in draft.themes]
    if draft.bias is not None:
        labels += [(FACET_ASSUMPTION_TYPE, t) for t in draft.bias.assumption_types]
        labels += [(FACET_DIMENSION, d) for d in draft.bias.dimensions]
    return labels


def _write_tags(vault: Vault, note_id: str, tags: Sequence[str]) -> None:
    vault.execute("DELETE FROM note_tags WHERE note_id = ?", (note_id,))
    vault.executemany("INSERT INTO note_tags (note_id, tag) VALUES (?, ?)", [(note_id, t) for t in tags])


def _write_fields(vault: Vault, note_id: str, draft: NoteDraft) -> None:
    vault.execute("DELETE FROM note_fields WHERE note_id = ?", (note_id,))
    rows = [(note_id, name, value) for name, value in draft.guided_texts().items() if value]
    vault.executemany("INSERT INTO note_fields (note_id, field, value) VALUES (?, ?, ?)", rows)


def _write_labels(vault: Vault, note_id: str, draft: NoteDraft) -> None:
    vault.execute("DELETE FROM note_labels WHERE note_id = ?", (note_id,))
    vault.executemany(
        "INSERT INTO note_labels (note_id, facet, value) VALUES (?, ?, ?)",
        [(note_id, facet, value) for facet, value in _labels(draft)],
    )


def insert_note(
    vault: Vault,
    note_id: str,
    draft: NoteDraft,
    created_at: datetime,
    updated_at: datetime,
    deleted_at: datetime | None = None,
    extra: str | None = None,
) -> None:
    vault.execute(
        "INSERT INTO notes (id, created_at, created_utc, updated_at, title, body, tags_text, fields_text, "
        "first_line, prompt_id, client_id, kind, deleted_at, extra) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            note_id,
            stamp(created_at),
            utc_key(created_at),
            stamp(updated_at),
            draft.title,
            draft.body,
            TAG_SEPARATOR.join(draft.tags),
            fields_text(draft),
            preview(draft),
            draft.prompt_id,
            draft.client_id,
            draft.kind,
            None if deleted_at is None else stamp(deleted_at.astimezone(UTC)),
            extra,
        ),
    )
    _write_tags(vault, note_id, draft.tags)
    _write_fields(vault, note_id, draft)
    _write_labels(vault, note_id, draft)


def write_changes(vault: Vault, old: ReflectionNote, new: NoteDraft, updated_at: datetime) -> bool:
    """Write only what differs between ``old`` and ``new``; returns False when nothing did."""
    before = old.draft
    if before == new:
        return False
    columns: dict[str, Any] = {}
    for name in ("title", "body", "prompt_id", "client_id", "kind"):
        if getattr(before, name) != getattr(new, name):
            columns[name] = getattr(new, name)
    if before.tags != new.tags:
        columns["tags_text"] = TAG_SEPARATOR.join(new.tags)
        _write_tags(vault, old.id, new.tags)
    if before.guided_texts() != new.guided_texts() or before.kind != new.kind:
        new_fields_text = fields_text(new)
        if new_fields_text != fields_text(before):
            columns["fields_text"] = new_fields_text
        _write_fields(vault, old.id, new)
    if _labels(before) != _labels(new):
        _write_labels(vault, old.id, new)
    new_preview = preview(new)
    if new_preview != preview(before):
        columns["first_line"] = new_preview
    columns["updated_at"] = stamp(updated_at)
    # Column names come from the fixed list above, never from input; values are bound.
    assignments = ", ".join(f"{name} = ?" for name in columns)
    vault.execute(f"UPDATE notes SET {assignments} WHERE id = ?", (*columns.values(), old.id))
    return True


def read_note(vault: Vault, note_id: str) -> ReflectionNote | None:
    row = vault.execute(
        "SELECT id, created_at, updated_at, deleted_at, title, body, tags_text, prompt_id, client_id, kind "
        "FROM notes WHERE id = ?",
        (note_id,),
    ).fetchone()
    if row is None:
        return None
    texts = dict(vault.query("SELECT field, value FROM note_fields WHERE note_id = ?", (note_id,)))
    labels: dict[str, set[str]] = {FACET_THEME: set(), FACET_ASSUMPTION_TYPE: set(), FACET_DIMENSION: set()}
    for facet, value in vault.query("SELECT facet, value FROM note_labels WHERE note_id = ?", (note_id,)):
        labels.setdefault(facet, set()).add(value)
    kind = row[9]
    gibbs = bias = None
    if kind == "gibbs":
        gibbs = GibbsReflection(**{name: texts.get(name, "") for name in GIBBS_FIELDS})
    elif kind == "bias":
        bias = BiasReflection(
            **{name: texts.get(name, "") for name in BIAS_TEXT_FIELDS},
            assumption_types=tuple(t for t in ASSUMPTION_TYPES if t in labels[FACET_ASSUMPTION_TYPE]),
            dimensions=tuple(d for d in ADDRESSING_DIMENSIONS if d in labels[FACET_DIMENSION]),
        )
    return ReflectionNote(
        id=row[0],
        created_at=datetime.fromisoformat(row[1]),
        updated_at=datetime.fromisoformat(row[2]),
        deleted_at=parse_stamp(row[3]),
        title=row[4],
        body=row[5],
        tags=split_tags(row[6]),
        prompt_id=row[7],
        client_id=row[8],
        kind=kind,
        themes=tuple(t for t in THEMES if t in labels[FACET_THEME]),
        gibbs=gibbs,
        bias=bias,
    )


def row_to_summary(row: Sequence[Any]) -> NoteSummary:
    """Build a list row from ``SELECT {SUMMARY_COLUMNS} FROM notes n ...``."""
    return NoteSummary(
        id=row[0],
        title=row[1],
        created_at=datetime.fromisoformat(row[2]),
        updated_at=datetime.fromisoformat(row[3]),
        tags=split_tags(row[4]),
        first_line=row[5],
        kind=row[6],
        prompt_id=row[7],
        client_id=row[8],
        deleted_at=parse_stamp(row[9]),
    )
