"""Schema version 3: reflection notes, tags, full-text index, trash, guided and bias reflection fields.

- ``notes``: one row per reflection. ``seq`` is an explicit INTEGER PRIMARY KEY so that the
  full-text index's rowids survive VACUUM. ``created_at`` keeps the writer's own offset (it is
  what the user saw, and its first 7 characters are the local month Trends counts by);
  ``created_utc`` is the same instant in fixed-width UTC, which sorts correctly across DST and
  travel. ``deleted_at`` (UTC) set means "in the trash". ``client_id`` points at the caseload's
  ``clients`` (schema v2, which always runs first) and is cleared when that client is deleted.
  ``tags_text`` and ``fields_text`` are copies of the tags and guided fields that the journal
  service maintains so the index can search them; ``first_line`` is the list's preview, so
  listing never reads whole bodies.
- ``note_tags``: the tags (the source of truth for filters and completion).
- ``note_fields``: the texts of Gibbs and structured bias reflections, one row per field.
- ``note_labels``: coded choices Trends counts: themes, assumption types, ADDRESSING dimensions.
- ``notes_fts``: FTS5 over title, body, tags and guided fields of the notes outside the trash
  (external content: the ``notes_live`` view), kept in sync by triggers. There is no prefix
  index and ``secure-delete`` is off by default: each made every autosave several times slower.
  The journal service switches ``secure-delete`` on while a note leaves the index (trash,
  discard), so its words are removed from the index pages rather than only marked deleted.
"""

from __future__ import annotations

from therapist_desk.storage.migrations import migration
from therapist_desk.storage.vault import Vault

# bm25 weights per column (title, body, tags, guided fields): a title match counts most.
RANK_WEIGHTS = "10.0, 1.0, 5.0, 1.0"
RANK_FUNCTION = f"bm25({RANK_WEIGHTS})"

_STATEMENTS = [
    # Short columns first and the long texts last: SQLite reads a row's columns in order, so a
    # list query that stops before ``fields_text`` and ``body`` never walks their overflow pages.
    """CREATE TABLE notes (
           seq         INTEGER PRIMARY KEY,
           id          TEXT NOT NULL UNIQUE,
           created_at  TEXT NOT NULL,
           created_utc TEXT NOT NULL,
           updated_at  TEXT NOT NULL,
           deleted_at  TEXT,
           kind        TEXT NOT NULL DEFAULT 'free' CHECK (kind IN ('free', 'gibbs', 'bias')),
           prompt_id   TEXT,
           client_id   TEXT REFERENCES clients(id) ON DELETE SET NULL,
           title       TEXT NOT NULL DEFAULT '',
           tags_text   TEXT NOT NULL DEFAULT '',
           first_line  TEXT NOT NULL DEFAULT '',
           extra       TEXT,
           fields_text TEXT NOT NULL DEFAULT '',
           body        TEXT NOT NULL DEFAULT ''
       )""",
    # The journal list, newest first, trash excluded. It holds every column of a list row, so
    # listing reads no table rows (each of which may span pages because of its body). The
    # partial indexes list deleted_at too: only then does SQLite count them as covering.
    """CREATE INDEX notes_live_list ON notes(
           created_utc DESC, seq DESC, id, created_at, updated_at, kind, prompt_id, client_id,
           title, tags_text, first_line, deleted_at
       ) WHERE deleted_at IS NULL""",
    # Joins from tags and labels that skip the trash, and Trends' months, without table rows.
    "CREATE INDEX notes_live_by_id ON notes(id, created_at, created_utc, deleted_at) WHERE deleted_at IS NULL",
    # Date ranges and Trends' months: a local month is a prefix of created_at, so a range of
    # months is a range of this index, read without table rows.
    "CREATE INDEX notes_live_by_local_time ON notes(created_at, deleted_at) WHERE deleted_at IS NULL",
    "CREATE INDEX notes_in_trash ON notes(deleted_at) WHERE deleted_at IS NOT NULL",
    "CREATE INDEX notes_by_client ON notes(client_id) WHERE client_id IS NOT NULL",
    """CREATE TABLE note_tags (
           note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
           tag     TEXT NOT NULL COLLATE NOCASE,
           PRIMARY KEY (note_id, tag)
       ) WITHOUT ROWID""",
    "CREATE INDEX note_tags_by_tag ON note_tags(tag, note_id)",
    """CREATE TABLE note_fields (
           note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
           field   TEXT NOT NULL,
           value   TEXT NOT NULL,
           PRIMARY KEY (note_id, field)
       ) WITHOUT ROWID""",
    """CREATE TABLE note_labels (
           note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
           facet   TEXT NOT NULL CHECK (facet IN ('theme', 'assumption_type', 'dimension')),
           value   TEXT NOT NULL,
           PRIMARY KEY (note_id, facet, value)
       ) WITHOUT ROWID""",
    "CREATE INDEX note_labels_by_value ON note_labels(facet, value, note_id)",
    # The index covers notes outside the trash only: it is this view's content. Search then
    # needs no join to leave trashed notes out, and a trashed note's words leave the index.
    """CREATE VIEW notes_live AS
           SELECT seq, title, body, tags_text, fields_text FROM notes WHERE deleted_at IS NULL""",
    """CREATE VIRTUAL TABLE notes_fts USING fts5(
           title, body, tags_text, fields_text,
           content = 'notes_live', content_rowid = 'seq',
           tokenize = 'unicode61 remove_diacritics 2',
           prefix = '2 3'
       )""",
    f"INSERT INTO notes_fts(notes_fts, rank) VALUES ('rank', '{RANK_FUNCTION}')",
    """CREATE TRIGGER notes_fts_after_insert AFTER INSERT ON notes WHEN new.deleted_at IS NULL BEGIN
           INSERT INTO notes_fts(rowid, title, body, tags_text, fields_text)
           VALUES (new.seq, new.title, new.body, new.tags_text, new.fields_text);
       END""",
    """CREATE TRIGGER notes_fts_after_delete AFTER DELETE ON notes WHEN old.deleted_at IS NULL BEGIN
           INSERT INTO notes_fts(notes_fts, rowid, title, body, tags_text, fields_text)
           VALUES ('delete', old.seq, old.title, old.body, old.tags_text, old.fields_text);
       END""",
    # One trigger for edits, trash and restore, so the old entry always leaves before the new
    # one arrives. It does nothing when no indexed text changed (linking a client, say).
    """CREATE TRIGGER notes_fts_after_update
       AFTER UPDATE OF title, body, tags_text, fields_text, deleted_at ON notes
       WHEN old.title IS NOT new.title OR old.body IS NOT new.body
         OR old.tags_text IS NOT new.tags_text OR old.fields_text IS NOT new.fields_text
         OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL)
       BEGIN
           INSERT INTO notes_fts(notes_fts, rowid, title, body, tags_text, fields_text)
           SELECT 'delete', old.seq, old.title, old.body, old.tags_text, old.fields_text
           WHERE old.deleted_at IS NULL;
           INSERT INTO notes_fts(rowid, title, body, tags_text, fields_text)
           SELECT new.seq, new.title, new.body, new.tags_text, new.fields_text
           WHERE new.deleted_at IS NULL;
       END""",
]


@migration(3)
def _create(vault: Vault) -> None:
    for statement in _STATEMENTS:
        vault.execute(statement)
