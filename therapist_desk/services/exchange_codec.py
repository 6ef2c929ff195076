"""What a section codec of the export document needs (services/exchange.py runs the document).

``ImportContext`` and the ``SectionCodec`` protocol, the registry codecs add themselves to with
``register_section``, and the field validation every codec shares: ``Field`` checks one field of
one record and names it in the refusal; ``merge_extra`` gives unknown fields back on export;
``check_depth`` refuses documents nested too deep.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, Protocol, overload

from therapist_desk.domain.errors import InvalidImport
from therapist_desk.storage.vault import Vault

MAX_DEPTH = 12


@dataclass
class ImportContext:
    """What validation of one section may need to know about the others (and the vault)."""

    vault: Vault
    known_aliases: set[str] = field(default_factory=set)  # casefolded
    notes: dict[str, Any] = field(default_factory=dict)


class SectionCodec(Protocol):
    name: str  # top-level key, e.g. "notes"
    order: int  # import order: lower first (clients before sessions)

    def export_records(self, vault: Vault) -> list[dict[str, Any]]: ...

    def prepare(self, records: list[dict[str, Any]], ctx: ImportContext) -> None:
        """Called for every section before any ``validate`` (e.g. to collect aliases)."""

    def validate(self, record: dict[str, Any], index: int, ctx: ImportContext) -> dict[str, Any]:
        """Return the normalised record (with an ``id``) or raise ``InvalidImport``."""

    def existing_ids(self, vault: Vault, ids: list[str]) -> set[str]: ...

    def insert(self, vault: Vault, record: dict[str, Any], ctx: ImportContext) -> None: ...


SECTION_CODECS: dict[str, Callable[[], SectionCodec]] = {}


def register_section(name: str) -> Callable[[Callable[[], SectionCodec]], Callable[[], SectionCodec]]:
    def add(factory: Callable[[], SectionCodec]) -> Callable[[], SectionCodec]:
        SECTION_CODECS[name] = factory
        return factory

    return add


# -- field validation helpers used by every codec --------------------------------------
class Field:
    """Validates one field of one record and names it in the error."""

    def __init__(self, section: str, index: int, record: dict[str, Any]) -> None:
        self.section, self.index, self.record = section, index, record

    def fail(self, name: str, problem: str) -> InvalidImport:
        return InvalidImport(
            f"Import refused, nothing was written: {self.section}[{self.index}].{name} {problem}."
        )

    def _get(self, name: str, required: bool) -> Any:
        if name not in self.record or self.record[name] is None:
            if required:
                raise self.fail(name, "is required")
            return None
        return self.record[name]

    def text(
        self, name: str, required: bool = False, max_len: int = 1_000_000, default: str | None = None
    ) -> Any:
        value = self._get(name, required)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.fail(name, "must be text")
        if len(value) > max_len:
            raise self.fail(name, f"is longer than {max_len} characters")
        return value

    def id(self) -> str:
        value = self.text("id", max_len=200)
        return value if value else str(uuid.uuid4())

    @overload
    def date(self, name: str, required: Literal[True]) -> str: ...
    @overload
    def date(self, name: str, required: bool = False) -> str | None: ...
    def date(self, name: str, required: bool = False) -> str | None:
        value = self.text(name, required, max_len=10)
        if value is None:
            return None
        try:
            date.fromisoformat(value)
        except ValueError:
            raise self.fail(name, f"is not a date in the form YYYY-MM-DD (got {value[:20]!r})") from None
        if len(value) != 10:
            raise self.fail(name, "is not a date in the form YYYY-MM-DD")
        return value

    def datetime(self, name: str, required: bool = False) -> str | None:
        value = self.text(name, required, max_len=40)
        if value is None:
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise self.fail(name, "is not an ISO 8601 time like 2025-01-07T09:30:00+00:00") from None
        if parsed.tzinfo is None:
            raise self.fail(name, "has no UTC offset (add e.g. +00:00)")
        return parsed.isoformat()

    def integer(self, name: str, required: bool = False, lo: int | None = None, hi: int | None = None) -> Any:
        value = self._get(name, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(name, "must be a whole number")
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            raise self.fail(name, f"must be between {lo} and {hi} (got {value})")
        return value

    def number(
        self, name: str, required: bool = False, lo: float | None = None, hi: float | None = None
    ) -> Any:
        value = self._get(name, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(name, "must be a number")
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            raise self.fail(name, f"must be between {lo} and {hi} (got {value})")
        return float(value)

    def boolean(self, name: str, required: bool = False) -> Any:
        value = self._get(name, required)
        if value is not None and not isinstance(value, bool):
            raise self.fail(name, "must be true or false")
        return value

    def choice(
        self, name: str, options: Iterable[str], required: bool = False, default: str | None = None
    ) -> Any:
        value = self.text(name, required, max_len=100)
        if value is None:
            return default
        allowed = list(options)
        if value not in allowed:
            raise self.fail(name, f"must be one of {', '.join(allowed)} (got {value[:30]!r})")
        return value

    def text_list(self, name: str, max_items: int = 200, max_len: int = 200) -> list[str]:
        value = self._get(name, False)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(name, "must be a list of text")
        if len(value) > max_items or any(len(v) > max_len for v in value):
            raise self.fail(name, "has too many or too long entries")
        return value

    def extra(self, known: Iterable[str]) -> str | None:
        """Unknown fields, kept as JSON so that export gives them back."""
        known_set = set(known)
        unknown = {k: v for k, v in self.record.items() if k not in known_set}
        return json.dumps(unknown, ensure_ascii=False, sort_keys=True) if unknown else None


def merge_extra(record: dict[str, Any], extra: str | None) -> dict[str, Any]:
    if extra:
        for key, value in json.loads(extra).items():
            record.setdefault(key, value)
    return record


def check_depth(value: Any, limit: int = MAX_DEPTH) -> None:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            raise InvalidImport(
                f"Import refused, nothing was written: the document is nested deeper than {limit} levels."
            )
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
