"""Helpers shared by the caseload tests: a service on a real vault, and an import/export driver.

Import and export go through the product's own driver (services/exchange.py), so every
registered section prepares and the order of sections is the real one.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import therapist_desk.services.caseload_exchange  # noqa: F401  (registers the sections)
from therapist_desk.domain.caseload import SessionDraft
from therapist_desk.domain.clock import FakeClock
from therapist_desk.services import exchange
from therapist_desk.services.caseload import CaseloadService

SECTIONS = ("clients", "sessions")
BERLIN = ZoneInfo("Europe/Berlin")
D = date.fromisoformat


def berlin_clock(day: str, hour: int = 12) -> FakeClock:
    return FakeClock(datetime.fromisoformat(f"{day}T{hour:02d}:00:00").replace(tzinfo=BERLIN))


def set_today(clock: FakeClock, day: str) -> None:
    target = datetime.fromisoformat(f"{day}T12:00:00").replace(tzinfo=BERLIN)
    clock.advance((target - clock.now()).total_seconds())


def draft(client_id: str, day: str, minutes: int = 50, intensity: int = 3, **kwargs: Any) -> SessionDraft:
    return SessionDraft(client_id=client_id, date=D(day), minutes=minutes, intensity=intensity, **kwargs)


def import_document(vault, sections: dict[str, Any]) -> None:
    """Import ``sections`` through the product's import (all sections prepare, one transaction)."""
    exchange.import_document(vault, {"format": exchange.FORMAT, "version": exchange.VERSION, **sections})


def export_document(vault) -> dict[str, list[dict[str, Any]]]:
    document = exchange.export_document(vault, berlin_clock("2026-01-01"))
    return {name: document[name] for name in SECTIONS}


def counts(vault) -> dict[str, int]:
    tables = [
        "clients",
        "client_level_history",
        "client_status_history",
        "goals",
        "goal_progress",
        "sessions",
    ]
    return {t: vault.scalar(f"SELECT count(*) FROM {t}") for t in tables}


def service(unlocked, clock: FakeClock) -> CaseloadService:
    return CaseloadService(unlocked.vault, clock)
