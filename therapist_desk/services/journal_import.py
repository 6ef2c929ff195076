"""Move in from other journals: jrnl's and Day One's JSON exports become reflection notes.

Both are converted to an export document (format v1, CONTRACTS.md §3) with a ``notes``
section and imported with ``import_document``, so the same validation, all-or-nothing
transaction and idempotence apply. Ids are derived from the source (``dayone-<uuid>``, or
``jrnl-<hash of date, time, title and body>``), so importing the same file twice adds nothing.

- jrnl (``jrnl --export json``): ``{"tags": {...}, "entries": [{"title", "body", "date":
  "YYYY-MM-DD", "time": "HH:MM", "tags": ["@tag"], "starred"}]}``; times are local and
  naive, so they are read in the given time zone (default: this computer's).
- Day One (File → Export → JSON): a zip holding ``Journal.json`` (one ``<name>.json`` per
  journal) with ``{"metadata": {"version"}, "entries": [{"uuid", "creationDate":
  "2025-01-07T09:30:00Z", "modifiedDate", "text", "tags", "timeZone", "starred"}]}``. The
  first line of ``text`` becomes the title; Markdown backslash escapes are undone.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime, time, tzinfo
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from therapist_desk.domain.clock import Clock
from therapist_desk.domain.errors import InvalidImport, UsageError
from therapist_desk.domain.journal import MAX_TAG_LENGTH, MAX_TAGS, MAX_TITLE_LENGTH, clean_text
from therapist_desk.services.exchange import (
    FORMAT,
    MAX_IMPORT_BYTES,
    VERSION,
    ImportReport,
    import_document,
    load_codecs,
)
from therapist_desk.services.exchange_codec import SECTION_CODECS
from therapist_desk.storage.vault import Vault

MAX_JOURNAL_DEPTH = 24
MAX_ZIP_MEMBERS = 200_000  # a Day One export also holds one file per photo
MAX_COMPRESSION_RATIO = 100
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")
_UUID = re.compile(r"[A-Za-z0-9-]{1,64}")
_REFUSED = "Import refused, nothing was written: "


def _refused(problem: str) -> InvalidImport:
    return InvalidImport(f"{_REFUSED}{problem}.")


def _load_json(data: bytes, what: str) -> Any:
    if len(data) > MAX_IMPORT_BYTES:
        raise _refused(f"the {what} is larger than {MAX_IMPORT_BYTES // 1_000_000} MB")
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except RecursionError:
        raise _refused(f"the {what} is nested too deeply") from None
    except (UnicodeDecodeError, ValueError):
        raise _refused(f"the {what} is not valid JSON") from None
    stack = [(value, 1)]
    while stack:  # the same guard as for export documents, a little more lenient
        item, depth = stack.pop()
        if depth > MAX_JOURNAL_DEPTH:
            raise _refused(f"the {what} is nested too deeply")
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        stack.extend((child, depth + 1) for child in children)
    return value


def _tags(raw: Any, where: str) -> list[str]:
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(t, str) for t in raw):
        raise _refused(f"{where}.tags must be a list of text")
    result: list[str] = []
    seen: set[str] = set()
    for text in raw:
        tag = " ".join(clean_text(text).split()).lstrip("@#").strip()
        tag = "".join(ch for ch in tag if ord(ch) >= 32)[:MAX_TAG_LENGTH].strip()
        if tag and tag.casefold() not in seen and len(result) < MAX_TAGS:
            seen.add(tag.casefold())
            result.append(tag)
    return result


def _text(entry: dict[str, Any], name: str, where: str) -> str:
    value = entry.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _refused(f"{where}.{name} must be text")
    return clean_text(value)


def _title_and_body(title: str, body: str) -> tuple[str, str]:
    # A title too long to keep whole is shortened, and the full text stays in the body.
    title = title.strip()
    if len(title) <= MAX_TITLE_LENGTH:
        return title, body
    return title[: MAX_TITLE_LENGTH - 1].rstrip() + "…", f"{title}\n{body}" if body else title


def _unique(record_id: str, used: dict[str, int]) -> str:
    # Two identical entries get the same derived id; number the repeats so none is lost.
    used[record_id] = used.get(record_id, 0) + 1
    return record_id if used[record_id] == 1 else f"{record_id}-{used[record_id]}"


def _document(clock: Clock, notes: list[dict[str, Any]]) -> dict[str, Any]:
    now = clock.now()
    stamp = (now if now.tzinfo else now.astimezone()).isoformat()
    return {"format": FORMAT, "version": VERSION, "exported_at": stamp, "notes": notes}


# -- jrnl --------------------------------------------------------------------------------------
def jrnl_document(data: bytes, clock: Clock, tz: tzinfo | None = None) -> dict[str, Any]:
    """Convert jrnl's JSON export to an export document with a ``notes`` section."""
    source = _load_json(data, "jrnl export")
    if not isinstance(source, dict) or not isinstance(source.get("entries"), list):
        raise _refused('the file is not a jrnl JSON export (no "entries" list)')
    notes: list[dict[str, Any]] = []
    used: dict[str, int] = {}
    for index, entry in enumerate(source["entries"]):
        where = f"jrnl entries[{index}]"
        if not isinstance(entry, dict):
            raise _refused(f"{where} must be an object")
        day, clock_time = entry.get("date"), entry.get("time") or "00:00"
        try:
            if not isinstance(day, str) or not isinstance(clock_time, str):
                raise ValueError
            naive = datetime.combine(date.fromisoformat(day), time.fromisoformat(clock_time))
        except ValueError:
            raise _refused(f"{where}.date and .time must be like 2025-01-07 and 09:30") from None
        # jrnl writes local wall-clock times; astimezone() applies the local rules of that date.
        created = naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()
        title, body = _title_and_body(_text(entry, "title", where), _text(entry, "body", where).strip("\n"))
        digest = hashlib.sha256(f"{day}\n{clock_time}\n{title}\n{body}".encode()).hexdigest()[:24]
        notes.append(
            {
                "id": _unique(f"jrnl-{digest}", used),
                "created_at": created.isoformat(),
                "updated_at": created.isoformat(),
                "title": title,
                "body": body,
                "tags": _tags(entry.get("tags"), where),
                "prompt_id": None,
                "client_alias": None,
                "starred": entry.get("starred") is True,
                "source": "jrnl",
            }
        )
    return _document(clock, notes)


# -- Day One -----------------------------------------------------------------------------------
def _dayone_time(value: Any, zone: tzinfo, where: str, name: str) -> datetime | None:
    if value is None:
        return None
    try:
        if not isinstance(value, str):
            raise ValueError
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _refused(f"{where}.{name} must be a time like 2025-01-07T09:30:00Z") from None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(zone)


def _zone(name: Any) -> tzinfo:
    if isinstance(name, str) and 0 < len(name) < 80:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return UTC


def _dayone_notes(source: Any, journal: str, used: dict[str, int]) -> list[dict[str, Any]]:
    if not isinstance(source, dict) or not isinstance(source.get("entries"), list):
        raise _refused(f'{journal} is not a Day One JSON journal (no "entries" list)')
    notes = []
    for index, entry in enumerate(source["entries"]):
        where = f"{journal} entries[{index}]"
        if not isinstance(entry, dict):
            raise _refused(f"{where} must be an object")
        zone = _zone(entry.get("timeZone"))
        created = _dayone_time(entry.get("creationDate"), zone, where, "creationDate")
        if created is None:
            raise _refused(f"{where}.creationDate is required")
        modified = _dayone_time(entry.get("modifiedDate"), zone, where, "modifiedDate") or created
        text = _MARKDOWN_ESCAPE.sub(r"\1", _text(entry, "text", where)).strip("\n")
        first, _, rest = text.partition("\n")
        title, body = _title_and_body(first.lstrip("#"), rest.strip("\n"))
        uuid = entry.get("uuid")
        if not (isinstance(uuid, str) and _UUID.fullmatch(uuid)):
            uuid = hashlib.sha256(f"{created.isoformat()}\n{text}".encode()).hexdigest()[:24]
        notes.append(
            {
                "id": _unique(f"dayone-{uuid}", used),
                "created_at": created.isoformat(),
                "updated_at": max(modified, created).isoformat(),
                "title": title,
                "body": body,
                "tags": _tags(entry.get("tags"), where),
                "prompt_id": None,
                "client_alias": None,
                "starred": entry.get("starred") is True,
                "source": "dayone",
            }
        )
    return notes


def _dayone_zip_journals(path: Path) -> list[tuple[str, bytes]]:
    """The journals (top-level ``*.json`` members) of a Day One export zip, read safely."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_MEMBERS:
                raise _refused("the zip holds too many files")
            for info in infos:
                parts = PurePosixPath(info.filename.replace("\\", "/")).parts
                if info.filename.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
                    raise _refused("the zip holds a file with an unsafe path")
            chosen = [
                i
                for i in infos
                if not i.is_dir() and "/" not in i.filename and i.filename.lower().endswith(".json")
            ]
            if not chosen:
                raise _refused("the zip holds no Day One journal (Journal.json)")
            total = sum(i.file_size for i in chosen)
            for info in chosen:
                ratio = info.file_size / max(info.compress_size, 1)
                if total > MAX_IMPORT_BYTES or (ratio > MAX_COMPRESSION_RATIO and info.file_size > 1_000_000):
                    raise _refused("the journals in the zip are too large (or compressed suspiciously well)")
            journals = []
            for info in sorted(chosen, key=lambda i: i.filename):
                with archive.open(info) as member:
                    data = member.read(MAX_IMPORT_BYTES + 1)  # never more than declared, checked by CRC
                journals.append((info.filename, data))
            return journals
    except InvalidImport:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError):
        raise _refused("the zip file is damaged or uses an unsupported compression") from None


def dayone_document(path: Path, clock: Clock) -> dict[str, Any]:
    """Convert a Day One JSON export (the zip, or one journal's .json) to an export document."""
    path = Path(path)
    journals = _dayone_zip_journals(path) if zipfile.is_zipfile(path) else [(path.name, _read_limited(path))]
    notes: list[dict[str, Any]] = []
    used: dict[str, int] = {}
    for name, data in journals:
        notes.extend(_dayone_notes(_load_json(data, name), name, used))
    return _document(clock, notes)


# -- detection and import -------------------------------------------------------------------
def _read_limited(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise _refused(f"the file is larger than {MAX_IMPORT_BYTES // 1_000_000} MB")
        with path.open("rb") as handle:
            return handle.read(MAX_IMPORT_BYTES + 1)
    except FileNotFoundError:
        raise InvalidImport(f"The journal file {path} does not exist.") from None
    except OSError as exc:
        raise InvalidImport(f"The journal file {path} could not be read ({exc.strerror}).") from None


def detect_journal_kind(path: Path) -> str:
    """``"dayone"`` for a zip or a Day One journal, ``"jrnl"`` for a jrnl export."""
    path = Path(path)
    if not path.is_file():
        raise InvalidImport(f"The journal file {path} does not exist.")
    if zipfile.is_zipfile(path):
        return "dayone"
    source = _load_json(_read_limited(path), "journal file")
    entries = source.get("entries") if isinstance(source, dict) else None
    if isinstance(entries, list):
        first = next((e for e in entries if isinstance(e, dict)), {})
        if "metadata" in source or "creationDate" in first:
            return "dayone"
        if not entries or "date" in first:
            return "jrnl"
    raise _refused("the file is neither a jrnl JSON export nor a Day One JSON export")


def journal_document(
    path: Path, clock: Clock, kind: str | None = None, tz: tzinfo | None = None
) -> dict[str, Any]:
    """Convert a jrnl or Day One export to an export document (``kind`` None: detect it)."""
    load_codecs()
    if "notes" not in SECTION_CODECS:
        raise UsageError("This build of Therapist Desk has no journal to import notes into.")
    path = Path(path)
    kind = kind or detect_journal_kind(path)
    if kind == "jrnl":
        return jrnl_document(_read_limited(path), clock, tz)
    if kind == "dayone":
        return dayone_document(path, clock)
    raise UsageError(f"Unknown journal kind {kind[:20]!r}: use jrnl or dayone.")


def import_journal_file(
    vault: Vault,
    path: Path,
    clock: Clock,
    kind: str | None = None,
    tz: tzinfo | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import a jrnl or Day One export as notes (``kind`` None: detect it). Idempotent."""
    return import_document(vault, journal_document(path, clock, kind, tz), progress)
