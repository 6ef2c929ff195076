"""Listing and full-text search of reflection notes (used through ``JournalService``).

Search runs FTS5 ``MATCH`` ranked by bm25 (a title match weighs ten times a body match, a tag
five times), then builds snippets (``domain/snippets.py``) only for the rows it returns. Notes
in the trash are not in the index, so they never appear. Without filters, when more than
``RANK_WINDOW`` notes match, only the most recently added ``RANK_WINDOW`` matches are ranked:
a word that common ranks every note about the same, and scoring thousands of matches per
keystroke is what costs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from therapist_desk.domain.journal import NoteSummary, SearchHit
from therapist_desk.domain.search_query import match_expression
from therapist_desk.domain.snippets import make_snippet, term_patterns
from therapist_desk.storage.journal_repository import LIVE_SUMMARY_COLUMNS, row_to_summary, split_tags
from therapist_desk.storage.journal_schema import RANK_WEIGHTS
from therapist_desk.storage.vault import DatabaseError, Vault

RANK_WINDOW = 1000  # unfiltered searches rank at most this many of the newest matches
WEIGHTS = RANK_WEIGHTS


@dataclass(frozen=True)
class NoteFilter:
    """Filters shared by the list and by search. Dates are inclusive, in the note's local date."""

    tag: str | None = None
    theme: str | None = None
    client_id: str | None = None
    kind: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    def sql(self) -> tuple[str, list[Any]]:
        """``AND ...`` clauses on ``notes n`` and their parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.tag:
            clauses.append("n.id IN (SELECT note_id FROM note_tags WHERE tag = ?)")
            params.append(" ".join(self.tag.split()).lstrip("#"))
        if self.theme:
            clauses.append("n.id IN (SELECT note_id FROM note_labels WHERE facet = 'theme' AND value = ?)")
            params.append(self.theme)
        if self.client_id:
            clauses.append("n.client_id = ?")
            params.append(self.client_id)
        if self.kind:
            clauses.append("n.kind = ?")
            params.append(self.kind)
        # created_at starts with the local date it was written, so a text range on it is a
        # date range, and the index on created_at serves it.
        if self.date_from:
            clauses.append("n.created_at >= ?")
            params.append(self.date_from.isoformat())
        if self.date_to:
            clauses.append("n.created_at < ?")
            params.append((self.date_to + timedelta(days=1)).isoformat())
        return "".join(f" AND {c}" for c in clauses), params


def list_summaries(
    vault: Vault, note_filter: NoteFilter, limit: int | None = None, offset: int = 0
) -> list[NoteSummary]:
    where, params = note_filter.sql()
    rows = vault.query(
        f"SELECT {LIVE_SUMMARY_COLUMNS} FROM notes n WHERE n.deleted_at IS NULL{where} "
        "ORDER BY n.created_utc DESC, n.seq DESC LIMIT ? OFFSET ?",
        [*params, -1 if limit is None else max(0, limit), max(0, offset)],
    )
    return [row_to_summary(row) for row in rows]


def _hit_from_summary(summary: NoteSummary) -> SearchHit:
    return SearchHit(
        id=summary.id,
        title=summary.title,
        created_at=summary.created_at,
        tags=summary.tags,
        kind=summary.kind,
        client_id=summary.client_id,
        snippet=summary.first_line,
    )


def _ranked(vault: Vault, expression: str, note_filter: NoteFilter, limit: int) -> list[tuple[int, float]]:
    """(seq, bm25) of the best matches. bm25() is called directly: through the ``rank`` column
    FTS5 evaluated it two to three times slower."""
    where, params = note_filter.sql()
    if where:
        return vault.query(
            f"SELECT notes_fts.rowid, bm25(notes_fts, {WEIGHTS}) AS score FROM notes_fts "
            f"JOIN notes n ON n.seq = notes_fts.rowid WHERE notes_fts MATCH ?{where} ORDER BY score LIMIT ?",
            [expression, *params, limit],
        )
    # Without filters no join is needed: the index holds only notes outside the trash. When a
    # word occurs in most notes, scoring every match is what costs; rank the most recently
    # added RANK_WINDOW matches instead (rowids grow as notes are added).
    floor = vault.scalar(
        "SELECT rowid FROM notes_fts WHERE notes_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        (expression, RANK_WINDOW - 1),
    )
    return vault.query(
        f"SELECT rowid, bm25(notes_fts, {WEIGHTS}) AS score FROM notes_fts "
        "WHERE notes_fts MATCH ? AND rowid >= ? ORDER BY score LIMIT ?",
        (expression, floor or 0, limit),
    )


def search_notes(
    vault: Vault,
    query: str,
    note_filter: NoteFilter,
    limit: int = 50,
    prefix_last: bool = True,
) -> list[SearchHit]:
    if limit <= 0:
        return []
    expression = match_expression(query, prefix_last)
    if expression is None:
        return [_hit_from_summary(s) for s in list_summaries(vault, note_filter, limit)]
    try:
        ranked = _ranked(vault, expression, note_filter, limit)
    except DatabaseError:
        # Every term is quoted, so FTS5 should never see syntax it rejects; if a future
        # SQLite disagrees, an empty result is kinder to a search box than an error.
        return []
    if not ranked:
        return []
    seqs = [seq for seq, _score in ranked]
    marks = ", ".join("?" for _ in seqs)
    rows = {
        row[0]: row[1:]
        for row in vault.query(
            "SELECT seq, id, title, created_at, tags_text, kind, client_id, first_line, fields_text, body "
            f"FROM notes WHERE seq IN ({marks})",
            seqs,
        )
    }
    patterns = term_patterns(query, prefix_last)
    hits = []
    for seq, score in ranked:
        if seq not in rows:  # only if the index were out of step with the notes: skip, never fail
            continue
        note_id, title, created_at, tags_text, kind, client_id, preview, fields, body = rows[seq]
        # A passage of the body, else of the guided fields; a match only in the title or the
        # tags (shown on their own anyway) shows the note's opening line.
        snippet = make_snippet(body, patterns) or make_snippet(fields, patterns) or (preview, ())
        hits.append(
            SearchHit(
                id=note_id,
                title=title,
                created_at=datetime.fromisoformat(created_at),
                tags=split_tags(tags_text),
                kind=kind,
                client_id=client_id,
                snippet=snippet[0],
                highlights=snippet[1],
                score=float(score),
            )
        )
    return hits
