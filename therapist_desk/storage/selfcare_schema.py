"""Schema version 4: daily check-ins, time off, instrument assessments."""

from __future__ import annotations

from therapist_desk.storage.migrations import migration
from therapist_desk.storage.vault import Vault


@migration(4)
def _create(vault: Vault) -> None:
    # Filled in by the selfcare feature; until then the version exists so later ones can follow.
    pass
