"""Export notes as Markdown files: one file per note, with YAML front matter.

A Gibbs or bias reflection is written whole: each guided field under the question the editor
shows (bias types and ADDRESSING dimensions as lists of their labels), then the free text under
"Anything else"; its kind, themes and client alias go into the front matter.

Takes plain note data (``MarkdownNote`` or dicts with the export document's note fields), so
it does not depend on the journal's internals. File names come from the date, a slug of the
title (letters and digits only, so a title can never name another folder) and a short hash
of the note id (so names are unique and stable: exporting again replaces the same files).
The files are NOT encrypted; the window says so before writing them.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from therapist_desk.domain.errors import UsageError
from therapist_desk.domain.prompts import PromptLibrary, bundled_library
from therapist_desk.storage.atomic import atomic_write_bytes

MAX_SLUG = 50
# Characters YAML does not allow as themselves inside a double-quoted scalar.
_NOT_YAML_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class MarkdownNote:
    id: str
    title: str
    body: str
    created_at: str  # ISO 8601 with offset
    tags: tuple[str, ...] = ()
    prompt_id: str | None = None
    updated_at: str | None = None
    kind: str = "free"  # "gibbs" and "bias" notes carry their guided fields below
    themes: tuple[str, ...] = ()
    client_alias: str | None = None
    gibbs: Mapping[str, Any] | None = None
    bias: Mapping[str, Any] | None = None


def _as_note(note: MarkdownNote | Mapping[str, Any]) -> MarkdownNote:
    if isinstance(note, MarkdownNote):
        return note
    created = note["created_at"]
    updated = note.get("updated_at")
    return MarkdownNote(
        id=str(note["id"]),
        title=str(note.get("title") or ""),
        body=str(note.get("body") or ""),
        created_at=created.isoformat() if isinstance(created, datetime) else str(created),
        tags=tuple(note.get("tags") or ()),
        prompt_id=note.get("prompt_id"),
        updated_at=updated.isoformat() if isinstance(updated, datetime) else updated,
        kind=str(note.get("kind") or "free"),
        themes=tuple(note.get("themes") or ()),
        client_alias=note.get("client_alias"),
        gibbs=note.get("gibbs"),
        bias=note.get("bias"),
    )


def _yaml(value: str | None) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), or null."""
    if value is None:
        return "null"
    quoted = json.dumps(_SURROGATE.sub("\ufffd", value), ensure_ascii=False)
    return _NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def slug(title: str) -> str:
    """Letters and digits of the title, joined by '-': never a path, never empty."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z0-9]+", ascii_title.lower())
    text = "-".join(words)[:MAX_SLUG].strip("-")
    return text or "note"


def file_name(note: MarkdownNote) -> str:
    day = note.created_at[:10] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", note.created_at[:10]) else "undated"
    short = hashlib.sha256(note.id.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{day}-{slug(note.title)}-{short}.md"


def _guided_sections(note: MarkdownNote, library: PromptLibrary) -> list[str]:
    """The Gibbs or bias fields under the questions the editor shows, empty ones left out."""
    fields = note.gibbs if note.kind == "gibbs" else note.bias if note.kind == "bias" else None
    if not fields:
        return []
    label_of = {"assumption_types": library.assumption_type_label, "dimensions": library.dimension_label}
    lines: list[str] = []
    for field in library.template(note.kind).fields:
        value = fields.get(field.id)
        if field.type == "choices" and isinstance(value, list | tuple) and value:
            label = label_of.get(field.choices_from or "", str)
            lines += [f"## {field.label}", "", *(f"- {label(str(v))}" for v in value), ""]
        elif isinstance(value, str) and value.strip():
            lines += [f"## {field.label}", "", value.rstrip("\n"), ""]
    return lines


def note_markdown(note: MarkdownNote, library: PromptLibrary | None = None) -> bytes:
    lines = [
        "---",
        f"id: {_yaml(note.id)}",
        f"title: {_yaml(note.title)}",
        f"date: {_yaml(note.created_at)}",
    ]
    if note.updated_at:
        lines.append(f"updated: {_yaml(note.updated_at)}")
    lines.append("tags: [" + ", ".join(_yaml(t) for t in note.tags) + "]")
    lines.append(f"prompt_id: {_yaml(note.prompt_id)}")
    if note.kind != "free":
        lines.append(f"kind: {_yaml(note.kind)}")
    if note.themes:
        lines.append("themes: [" + ", ".join(_yaml(t) for t in note.themes) + "]")
    if note.client_alias:
        lines.append(f"client: {_yaml(note.client_alias)}")
    lines.append("---")
    lines.append("")
    if note.title:
        lines += [f"# {' '.join(note.title.split())}", ""]
    guided = _guided_sections(note, library or bundled_library())
    if guided:
        lines += guided
        if note.body.strip():
            lines += ["## Anything else", ""]
    text = "\n".join(lines) + "\n" + note.body.rstrip("\n") + "\n"
    return text.encode("utf-8", "replace")


def export_notes_markdown(
    notes: Iterable[MarkdownNote | Mapping[str, Any]],
    folder: Path,
    progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Write one ``.md`` file per note into ``folder`` (created if missing), each atomically.

    Returns the files written. A file of an earlier export of the same note is replaced.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder; choose a folder for the Markdown files.")
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    items = [_as_note(n) for n in notes]
    written = []
    for done, note in enumerate(items, start=1):
        target = folder / file_name(note)
        atomic_write_bytes(target, note_markdown(note))
        written.append(target)
        if progress is not None:
            progress(done, len(items))
    return written
