"""Schema version 2: clients, program-level history, shared goals and their progress, sessions."""

from __future__ import annotations

from therapist_desk.storage.migrations import migration
from therapist_desk.storage.vault import Vault


@migration(2)
def _create(vault: Vault) -> None:
    # Filled in by the caseload feature; until then the version exists so later ones can follow.
    pass
