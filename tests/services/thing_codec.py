"""A small section codec over a test-only table, to test the export framework on its own.

The feature areas' real codecs are tested in their own modules; this one lets the framework's
tests control every field (including an optional UNIQUE ``code`` to make inserts conflict).
"""

from __future__ import annotations

from typing import Any

import pytest

from therapist_desk.services import exchange
from therapist_desk.services.exchange_codec import Field, ImportContext, merge_extra
from therapist_desk.storage.vault import Vault

KNOWN = ("id", "title", "count", "day", "created_at", "code")
TABLE = """CREATE TABLE IF NOT EXISTS test_things (
               id TEXT PRIMARY KEY, title TEXT NOT NULL, count INTEGER, day TEXT,
               created_at TEXT, code TEXT UNIQUE, extra TEXT)"""


class ThingCodec:
    name = "things"
    order = 90

    def export_records(self, vault: Vault) -> list[dict[str, Any]]:
        rows = vault.query(f"SELECT {', '.join(KNOWN)}, extra FROM test_things ORDER BY id")
        return [merge_extra(dict(zip(KNOWN, row[:-1], strict=True)), row[-1]) for row in rows]

    def prepare(self, records: list[dict[str, Any]], ctx: ImportContext) -> None:
        ctx.notes["things_prepared"] = len(records)

    def validate(self, record: dict[str, Any], index: int, ctx: ImportContext) -> dict[str, Any]:
        f = Field(self.name, index, record)
        return {
            "id": f.id(),
            "title": f.text("title", required=True, max_len=5000),
            "count": f.integer("count", lo=0, hi=1000),
            "day": f.date("day"),
            "created_at": f.datetime("created_at"),
            "code": f.text("code", max_len=50),
            "extra": f.extra(KNOWN),
        }

    def existing_ids(self, vault: Vault, ids: list[str]) -> set[str]:
        found = set()
        for record_id in ids:
            if vault.scalar("SELECT 1 FROM test_things WHERE id = ?", (record_id,)):
                found.add(record_id)
        return found

    def insert(self, vault: Vault, record: dict[str, Any], ctx: ImportContext) -> None:
        vault.execute(
            f"INSERT INTO test_things ({', '.join(KNOWN)}, extra) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [record[k] for k in KNOWN] + [record["extra"]],
        )


def add_table(vault: Vault) -> None:
    with vault.transaction():
        vault.execute(TABLE)


@pytest.fixture
def things(monkeypatch: pytest.MonkeyPatch) -> type[ThingCodec]:
    """Register the ``things`` section for one test only."""
    exchange.load_codecs()
    monkeypatch.setitem(exchange.SECTION_CODECS, "things", ThingCodec)
    return ThingCodec
