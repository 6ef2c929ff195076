"""Imports every feature area's migrations so that they register (see migrations.py)."""

from __future__ import annotations

from therapist_desk.storage import (  # noqa: F401
    caseload_schema,
    journal_schema,
    selfcare_schema,
    supervision_schema,
)
