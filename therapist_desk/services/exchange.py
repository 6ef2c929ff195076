"""The export document (format v1, CONTRACTS.md §3): one framework, one codec per section.

Each feature area registers a ``SectionCodec`` for its records. Import validates the whole
document first, then writes every section in one transaction (all-or-nothing), skipping
records whose ``id`` is already present (idempotent). Unknown fields of a record are kept
in the record's ``extra`` JSON and written back on export; unknown top-level sections are
kept in ``exchange_extra_sections`` and written back too.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from therapist_desk.domain.clock import Clock
from therapist_desk.domain.errors import InvalidImport, UsageError
from therapist_desk.paths import KEYS_NAME
from therapist_desk.services.exchange_codec import (
    SECTION_CODECS,
    Field,
    ImportContext,
    SectionCodec,
    check_depth,
)
from therapist_desk.storage.atomic import atomic_write_bytes
from therapist_desk.storage.vault import IntegrityError, Vault

FORMAT = "therapist-desk/export"
VERSION = 1
MAX_IMPORT_BYTES = 40_000_000
MAX_RECORDS_PER_SECTION = 500_000


# -- the whole document: export, parse, import -------------------------------------------
# Import order of the sections this product defines: clients before anything that names a
# client (sessions, notes), so that a document can bring a client and its sessions at once.
# A codec's own ``order`` is used for sections not listed here.
IMPORT_ORDER = {
    "clients": 20,
    "sessions": 30,
    "notes": 40,
    "self_care": 60,
    "assessments": 61,
    "time_off": 62,
}
RESERVED_KEYS = ("format", "version", "exported_at")
MAX_EXTRA_SECTIONS = 200
Progress = Callable[[int, int], None]
_REFUSED = "Import refused, nothing was written: "


@dataclass(frozen=True)
class SectionCount:
    section: str
    added: int
    already_present: int


@dataclass(frozen=True)
class ImportReport:
    """What an import did: per section, records added and records already present (by id)."""

    sections: tuple[SectionCount, ...]
    preserved_sections: tuple[str, ...]  # top-level sections this build does not know, kept

    def added(self, section: str) -> int:
        return sum(c.added for c in self.sections if c.section == section)

    def already_present(self, section: str) -> int:
        return sum(c.already_present for c in self.sections if c.section == section)

    @property
    def total_added(self) -> int:
        return sum(c.added for c in self.sections)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    size_bytes: int
    counts: tuple[tuple[str, int], ...]  # (section, number of records)


def load_codecs() -> None:
    """Import every ``services/*_exchange.py`` module so that its sections register.

    Convention for feature areas: put the codecs in ``services/<area>_exchange.py``.
    """
    from therapist_desk import services

    for info in pkgutil.iter_modules(services.__path__):
        if info.name.endswith("_exchange"):
            importlib.import_module(f"{services.__name__}.{info.name}")


def registered_codecs() -> list[SectionCodec]:
    """One fresh codec per registered section, in import order."""
    load_codecs()
    codecs = [factory() for factory in SECTION_CODECS.values()]
    return sorted(codecs, key=lambda c: (IMPORT_ORDER.get(c.name, c.order), c.name))


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def export_document(vault: Vault, clock: Clock, progress: Progress | None = None) -> dict[str, Any]:
    """The format v1 document of the whole vault: every registered section, every field.

    Sections kept from earlier imports that this build does not know are written back too.
    Run it while nothing else writes to the vault, so that the sections agree with each other.
    """
    codecs = registered_codecs()
    now = clock.now()
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": (now if now.tzinfo else now.astimezone()).isoformat(),
    }
    for done, codec in enumerate(codecs, start=1):
        document[codec.name] = codec.export_records(vault)
        _tick(progress, done, len(codecs) + 1)
    for name, body in vault.query("SELECT name, body FROM exchange_extra_sections ORDER BY name"):
        kept = json.loads(body)
        if name not in document:
            document[name] = kept
        elif name not in RESERVED_KEYS and isinstance(kept, list):
            # Kept while this section was unknown (an older build); never drop those records.
            ids = {_record_id(r) for r in document[name]} - {None}
            document[name].extend(r for r in kept if _record_id(r) is None or _record_id(r) not in ids)
    _tick(progress, len(codecs) + 1, len(codecs) + 1)
    return document


def document_bytes(document: dict[str, Any]) -> bytes:
    """UTF-8 JSON, one record per line: readable, diffable, and far smaller than indenting."""
    parts = []
    for key, value in document.items():
        name = json.dumps(key, ensure_ascii=False)
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            rows = ",\n".join("  " + json.dumps(v, ensure_ascii=False) for v in value)
            parts.append(f" {name}: [\n{rows}\n ]")
        else:
            parts.append(f" {name}: {json.dumps(value, ensure_ascii=False)}")
    return ("{\n" + ",\n".join(parts) + "\n}\n").encode("utf-8")


def refuse_vault_files(vault: Vault, target: Path) -> None:
    """Refuse to write an export or a backup over the vault's own files."""
    own = vault.path.resolve()
    names = {own.name, f"{own.name}-wal", f"{own.name}-shm", f"{own.name}-journal", KEYS_NAME}
    resolved = Path(target).resolve()
    if resolved.parent == own.parent and resolved.name in names:
        raise UsageError(f"{resolved.name} is a file of the vault itself; choose another file name.")


def write_export(vault: Vault, path: Path, clock: Clock, progress: Progress | None = None) -> ExportResult:
    """Export the vault to ``path`` atomically (temp file, fsync, rename). NOT encrypted."""
    refuse_vault_files(vault, Path(path))
    document = export_document(vault, clock, progress)
    data = document_bytes(document)
    atomic_write_bytes(Path(path), data)
    counts = tuple((k, len(v)) for k, v in document.items() if k not in RESERVED_KEYS and isinstance(v, list))
    return ExportResult(Path(path), len(data), counts)


class _DuplicateKey(ValueError):
    pass


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in JSON")


def parse_document(data: bytes) -> dict[str, Any]:
    """Parse and check the structure of an export document; raises ``InvalidImport``.

    The size limit is checked before parsing; repeated keys, NaN/Infinity and nesting deeper
    than ``MAX_DEPTH`` are refused. Records themselves are validated by ``import_document``.
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise InvalidImport(f"{_REFUSED}the file is larger than {MAX_IMPORT_BYTES // 1_000_000} MB.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidImport(f"{_REFUSED}the file is not UTF-8 text.") from None
    try:
        document = json.loads(text, object_pairs_hook=_refuse_duplicate_keys, parse_constant=_refuse_constant)
    except RecursionError:
        raise InvalidImport(f"{_REFUSED}the document is nested too deeply.") from None
    except _DuplicateKey as exc:
        key = str(exc)
        named = f" {key!r}" if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,40}", key) else ""
        raise InvalidImport(f"{_REFUSED}an object in the document repeats the key{named}.") from None
    except json.JSONDecodeError as exc:
        raise InvalidImport(
            f"{_REFUSED}the file is not valid JSON (line {exc.lineno}, column {exc.colno})."
        ) from None
    except ValueError:
        raise InvalidImport(f"{_REFUSED}the file is not valid JSON.") from None
    check_depth(document)
    return check_document(document)


def read_document(path: Path) -> dict[str, Any]:
    """Read and parse an export document file, refusing an oversized one before reading it."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise InvalidImport(f"{_REFUSED}the file is larger than {MAX_IMPORT_BYTES // 1_000_000} MB.")
        with path.open("rb") as handle:
            data = handle.read(MAX_IMPORT_BYTES + 1)  # the file may grow after stat
    except FileNotFoundError:
        raise InvalidImport(f"The import file {path} does not exist.") from None
    except IsADirectoryError:
        raise InvalidImport(f"{path} is a folder, not an export file.") from None
    except OSError as exc:
        raise InvalidImport(f"The import file {path} could not be read ({exc.strerror}).") from None
    return parse_document(data)


def check_document(document: Any) -> dict[str, Any]:
    """The top level: format, version, and every registered section a list of objects."""
    if not isinstance(document, dict):
        raise InvalidImport(f"{_REFUSED}the document must be a JSON object.")
    if document.get("format") != FORMAT:
        raise InvalidImport(f'{_REFUSED}"format" must be "{FORMAT}"; this is not a Therapist Desk export.')
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InvalidImport(f'{_REFUSED}"version" must be a whole number (1 for this format).')
    if version > VERSION:
        raise InvalidImport(
            f"Import refused, nothing was written: the document is export format version "
            f"{str(version)[:12]}, but this Therapist Desk reads up to version {VERSION}. "
            "Update the app to import it."
        )
    load_codecs()
    extra = 0
    for name, records in document.items():
        if name in RESERVED_KEYS:
            continue
        if name not in SECTION_CODECS:
            extra += 1
            if extra > MAX_EXTRA_SECTIONS or len(name) > 200:
                raise InvalidImport(f"{_REFUSED}the document has too many or too long unknown sections.")
            continue
        if not isinstance(records, list):
            raise InvalidImport(f'{_REFUSED}the section "{name}" must be a list of records.')
        if len(records) > MAX_RECORDS_PER_SECTION:
            raise InvalidImport(
                f'{_REFUSED}the section "{name}" has more than {MAX_RECORDS_PER_SECTION} records.'
            )
        for index, record in enumerate(records):
            if not isinstance(record, dict):
                raise InvalidImport(f"{_REFUSED}{name}[{index}] must be an object.")
    return document


def import_document(vault: Vault, document: dict[str, Any], progress: Progress | None = None) -> ImportReport:
    """Validate the whole document, then write it in one transaction (all-or-nothing).

    Records whose ``id`` is already in the vault are skipped, so importing twice adds nothing.
    Sections this build does not know are kept as they are and written back on export.
    An invalid record raises ``InvalidImport`` naming section, index and field; then nothing
    has been written.
    """
    check_document(document)
    codecs = registered_codecs()
    present = [c for c in codecs if c.name in document]
    total = 2 * sum(len(document[c.name]) for c in present) + 1
    done = 0
    ctx = ImportContext(vault=vault)
    # Every codec prepares, even for an absent section: e.g. clients makes the vault's
    # aliases known to the notes and sessions of this document.
    for codec in codecs:
        codec.prepare(document.get(codec.name, []), ctx)
    validated: dict[str, list[dict[str, Any]]] = {}
    for codec in present:
        seen: dict[str, int] = {}
        records = []
        for index, record in enumerate(document[codec.name]):
            normalised = codec.validate(record, index, ctx)
            record_id = normalised["id"]
            if record_id in seen:
                raise Field(codec.name, index, record).fail(
                    "id", f"repeats the id of {codec.name}[{seen[record_id]}]"
                )
            seen[record_id] = index
            records.append(normalised)
            done += 1
            if done % 200 == 0:
                _tick(progress, done, total)
        validated[codec.name] = records
    extras = {k: v for k, v in document.items() if k not in RESERVED_KEYS and k not in SECTION_CODECS}
    counts = []
    with vault.transaction():
        for codec in present:
            records = validated[codec.name]
            existing = codec.existing_ids(vault, [r["id"] for r in records])
            added = 0
            for index, record in enumerate(records):
                done += 1
                if done % 200 == 0:
                    _tick(progress, done, total)
                if record["id"] in existing:
                    continue
                try:
                    codec.insert(vault, record, ctx)
                except IntegrityError:
                    raise InvalidImport(
                        f"{_REFUSED}{codec.name}[{index}] conflicts with a record already in the vault."
                    ) from None
                added += 1
            counts.append(SectionCount(codec.name, added, len(records) - added))
        for name, value in extras.items():
            _keep_extra_section(vault, name, value)
    _tick(progress, total, total)
    return ImportReport(tuple(counts), tuple(extras))


def _record_id(item: Any) -> str | None:
    """The id of a kept record, when it has a usable one (ids of foreign sections may be anything)."""
    if isinstance(item, dict) and isinstance(item.get("id"), str | int) and not isinstance(item["id"], bool):
        return str(item["id"])
    return None


def _keep_extra_section(vault: Vault, name: str, value: Any) -> None:
    """Store a section this build does not know; lists merge with what was kept before."""
    old_body = vault.scalar("SELECT body FROM exchange_extra_sections WHERE name = ?", (name,))
    if old_body is not None and isinstance(value, list):
        old = json.loads(old_body)
        if isinstance(old, list):
            ids = {_record_id(item) for item in old} - {None}
            merged = list(old)
            for item in value:
                record_id = _record_id(item)
                if record_id is not None:
                    if record_id not in ids:
                        merged.append(item)
                        ids.add(record_id)
                elif item not in merged:
                    merged.append(item)
            value = merged
    vault.execute(
        "INSERT INTO exchange_extra_sections(name, body) VALUES (?, ?) "
        "ON CONFLICT(name) DO UPDATE SET body = excluded.body",
        (name, json.dumps(value, ensure_ascii=False)),
    )
