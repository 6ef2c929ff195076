"""Schema version 3: reflection notes, tags, full-text index, trash, guided and bias reflection fields."""

from __future__ import annotations

from therapist_desk.storage.migrations import migration
from therapist_desk.storage.vault import Vault


@migration(3)
def _create(vault: Vault) -> None:
    # Filled in by the journal feature; until then the version exists so later ones can follow.
    pass
