"""Export/import codec for the ``notes`` section (CONTRACTS.md §3).

A record: ``id, created_at, updated_at, title, body, tags, prompt_id, client_alias`` (the
contract's fields) plus ``kind`` ("free", "gibbs", "bias"), ``themes`` (theme ids), ``gibbs``
(``{description, feelings, evaluation, analysis, conclusion, action_plan}`` or null) and
``bias`` (``{situation, assumption, assumption_types: [...], dimensions: [...], evidence_for,
evidence_against, alternative_reading, next_step}`` or null). Import needs ``created_at`` and
``body``. ``client_alias`` must name a client of the document or the vault. Unknown fields,
also inside ``gibbs`` and ``bias``, are kept and written back on export. Notes in the trash
are not exported: the user deleted them.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from typing import Any

from therapist_desk.domain.errors import InvalidEntry, InvalidImport
from therapist_desk.domain.journal import (
    ADDRESSING_DIMENSIONS,
    ASSUMPTION_TYPES,
    BIAS_TEXT_FIELDS,
    FACET_ASSUMPTION_TYPE,
    FACET_DIMENSION,
    FACET_THEME,
    GIBBS_FIELDS,
    KINDS,
    MAX_PROMPT_ID_LENGTH,
    MAX_TAGS,
    MAX_TEXT_LENGTH,
    MAX_TITLE_LENGTH,
    THEMES,
    BiasReflection,
    GibbsReflection,
    NoteDraft,
    check_draft,
)
from therapist_desk.services.caseload_exchange import add_vault_aliases, client_id_for_import, is_known_alias
from therapist_desk.services.exchange_codec import Field, ImportContext, register_section
from therapist_desk.storage.journal_repository import insert_note, split_tags
from therapist_desk.storage.vault import Vault

NOTE_FIELDS = (
    "id", "created_at", "updated_at", "title", "body", "tags", "prompt_id", "client_alias",
    "kind", "themes", "gibbs", "bias",
)  # fmt: skip
BIAS_FIELDS = (*BIAS_TEXT_FIELDS, "assumption_types", "dimensions")
_NESTED = {"gibbs": GIBBS_FIELDS, "bias": BIAS_FIELDS}


def _merge(record: dict[str, Any], extra: str | None) -> dict[str, Any]:
    """Give back unknown fields, including unknown keys inside ``gibbs`` and ``bias``."""
    if not extra:
        return record
    for key, value in json.loads(extra).items():
        if key in _NESTED and isinstance(value, dict):
            if isinstance(record.get(key), dict):
                for sub_key, sub_value in value.items():
                    record[key].setdefault(sub_key, sub_value)
        else:
            record.setdefault(key, value)
    return record


def _choices(f: Field, name: str, values: Any, allowed: tuple[str, ...]) -> tuple[str, ...]:
    if values is None:
        return ()
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise f.fail(name, "must be a list of text")
    if any(v not in allowed for v in values):
        # The offending value is not repeated: a damaged file may hold note text anywhere.
        raise f.fail(name, f"holds a value that is not one of {', '.join(allowed)}")
    return tuple(v for v in allowed if v in values)


def _nested(f: Field, name: str) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """The known texts of a ``gibbs``/``bias`` object and its unknown keys."""
    value = f.record.get(name)
    if value is None:
        return None, {}
    if not isinstance(value, dict):
        raise f.fail(name, "must be an object or null")
    known: dict[str, Any] = {}
    for key in _NESTED[name]:
        sub = value.get(key)
        if key in ("assumption_types", "dimensions"):
            allowed = ASSUMPTION_TYPES if key == "assumption_types" else ADDRESSING_DIMENSIONS
            known[key] = _choices(f, f"{name}.{key}", sub, allowed)
        elif sub is None:
            known[key] = ""
        elif not isinstance(sub, str) or len(sub) > MAX_TEXT_LENGTH:
            raise f.fail(f"{name}.{key}", "must be text of at most a million characters")
        else:
            known[key] = sub
    return known, {k: v for k, v in value.items() if k not in _NESTED[name]}


class NotesCodec:
    name = "notes"
    order = 40  # after clients (20) and sessions (30): a note may name a client

    def export_records(self, vault: Vault) -> list[dict[str, Any]]:
        aliases = dict(vault.query("SELECT n.id, c.alias FROM notes n JOIN clients c ON c.id = n.client_id"))
        texts: dict[str, dict[str, str]] = {}
        for note_id, name, value in vault.query("SELECT note_id, field, value FROM note_fields"):
            texts.setdefault(note_id, {})[name] = value
        labels: dict[tuple[str, str], set[str]] = {}
        for note_id, facet, value in vault.query("SELECT note_id, facet, value FROM note_labels"):
            labels.setdefault((note_id, facet), set()).add(value)
        records = []
        for row in vault.query(
            "SELECT id, created_at, updated_at, title, body, tags_text, prompt_id, kind, extra "
            "FROM notes WHERE deleted_at IS NULL ORDER BY created_utc, seq"
        ):
            note_id, kind = row[0], row[7]
            own = texts.get(note_id, {})
            gibbs: dict[str, Any] | None = None
            bias: dict[str, Any] | None = None
            if kind == "gibbs":
                gibbs = {k: own.get(k, "") for k in GIBBS_FIELDS}
            elif kind == "bias":
                bias = {k: own.get(k, "") for k in BIAS_TEXT_FIELDS}
                found_types = labels.get((note_id, FACET_ASSUMPTION_TYPE), set())
                found_dims = labels.get((note_id, FACET_DIMENSION), set())
                bias["assumption_types"] = [t for t in ASSUMPTION_TYPES if t in found_types]
                bias["dimensions"] = [d for d in ADDRESSING_DIMENSIONS if d in found_dims]
            record = {
                "id": note_id,
                "created_at": row[1],
                "updated_at": row[2],
                "title": row[3],
                "body": row[4],
                "tags": list(split_tags(row[5])),
                "prompt_id": row[6],
                "client_alias": aliases.get(note_id),
                "kind": kind,
                "themes": [t for t in THEMES if t in labels.get((note_id, FACET_THEME), set())],
                "gibbs": gibbs,
                "bias": bias,
            }
            records.append(_merge(record, row[8]))
        return records

    def prepare(self, records: list[dict[str, Any]], ctx: ImportContext) -> None:
        add_vault_aliases(ctx)  # harmless if the clients codec did it already

    def validate(self, record: dict[str, Any], index: int, ctx: ImportContext) -> dict[str, Any]:
        if not isinstance(record, dict):
            raise InvalidImport(f"Import refused, nothing was written: notes[{index}] must be an object.")
        f = Field(self.name, index, record)
        note_id = f.id()  # a repeated id is refused by the import driver
        created_at = f.datetime("created_at", required=True)
        updated_at = f.datetime("updated_at") or created_at
        alias = f.text("client_alias", max_len=200)
        if alias is not None and not is_known_alias(ctx, alias):
            raise f.fail("client_alias", "is not the alias of any client in this document or in the vault")
        tags = f.text_list("tags", max_items=MAX_TAGS, max_len=200)
        gibbs, gibbs_extra = _nested(f, "gibbs")
        bias, bias_extra = _nested(f, "bias")
        default_kind = "gibbs" if gibbs is not None else "bias" if bias is not None else "free"
        kind = f.text("kind", max_len=20) or default_kind
        if kind not in KINDS:
            raise f.fail("kind", f"must be one of {', '.join(KINDS)}")
        for name, value in (("gibbs", gibbs), ("bias", bias)):
            if value is not None and kind != name:
                raise f.fail(name, f"is only allowed when kind is {name} (kind is {kind})")
        try:
            draft = check_draft(
                NoteDraft(
                    title=f.text("title", max_len=MAX_TITLE_LENGTH, default=""),
                    body=f.text("body", required=True, max_len=MAX_TEXT_LENGTH),
                    tags=tuple(tags),
                    prompt_id=f.text("prompt_id", max_len=MAX_PROMPT_ID_LENGTH) or None,
                    kind=kind,
                    themes=_choices(f, "themes", record.get("themes"), THEMES),
                    gibbs=GibbsReflection(**gibbs) if gibbs is not None else None,
                    bias=BiasReflection(**bias) if bias is not None else None,
                )
            )
        except InvalidEntry as exc:
            raise InvalidImport(
                f"Import refused, nothing was written: notes[{index}]: {exc.message}"
            ) from None
        extra = json.loads(f.extra(NOTE_FIELDS) or "{}")  # noqa: S610 (not Django)
        for name, unknown in (("gibbs", gibbs_extra), ("bias", bias_extra)):
            if unknown:
                extra[name] = unknown
        return {
            "id": note_id,
            "created_at": created_at,
            "updated_at": updated_at,
            "client_alias": alias,
            "draft": draft,
            "extra": json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None,
        }

    def existing_ids(self, vault: Vault, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ", ".join("?" for _ in chunk)
            found.update(r[0] for r in vault.query(f"SELECT id FROM notes WHERE id IN ({marks})", chunk))
        return found

    def insert(self, vault: Vault, record: dict[str, Any], ctx: ImportContext) -> None:
        draft: NoteDraft = record["draft"]
        if record["client_alias"] is not None:
            client_id = client_id_for_import(ctx, record["client_alias"])
            draft = dataclasses.replace(draft, client_id=client_id)
        insert_note(
            vault,
            record["id"],
            draft,
            datetime.fromisoformat(record["created_at"]),
            datetime.fromisoformat(record["updated_at"]),
            extra=record["extra"],
        )


register_section("notes")(NotesCodec)
