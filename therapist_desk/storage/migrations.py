"""Schema migrations on ``PRAGMA user_version``: one function per version, one transaction each.

Version numbers are assigned per feature area so that areas can grow independently:
1 core, 2 caseload, 3 journal, 4 self-care and check-ins, 5 supervision. A released version
is never edited; a change to a released schema is a new version appended at the end, and
``tests/storage/fixtures`` keeps a vault from every released version.
"""

from __future__ import annotations

from collections.abc import Callable

from therapist_desk.domain.errors import UnsupportedSchema
from therapist_desk.storage.vault import Vault

Migration = Callable[[Vault], None]
MIGRATIONS: dict[int, Migration] = {}


def migration(version: int) -> Callable[[Migration], Migration]:
    def register(func: Migration) -> Migration:
        if version in MIGRATIONS:
            raise RuntimeError(f"two migrations for schema version {version}")
        MIGRATIONS[version] = func
        return func

    return register


def latest_version() -> int:
    _load_feature_migrations()
    return max(MIGRATIONS)


def schema_version(vault: Vault) -> int:
    return int(vault.scalar("PRAGMA user_version"))


def migrate(vault: Vault, before_upgrade: Callable[[int, int], None] | None = None) -> int:
    """Bring ``vault`` to the latest schema; returns the version it had before.

    ``before_upgrade(old, new)`` runs before the first step of an upgrade of an existing
    vault (version > 0); the app uses it to copy the vault to a dated backup.
    """
    latest = latest_version()
    current = schema_version(vault)
    if current > latest:
        raise UnsupportedSchema(
            f"This vault uses schema version {current}, written by a newer Therapist Desk "
            f"(this one knows up to {latest}). Update the app to open it; nothing was changed."
        )
    if current == latest:
        return current
    if current > 0 and before_upgrade is not None:
        before_upgrade(current, latest)
    for version in range(current + 1, latest + 1):
        step = MIGRATIONS.get(version)
        if step is None:
            raise RuntimeError(f"missing migration to schema version {version}")
        with vault.transaction():
            step(vault)
            vault.execute(f"PRAGMA user_version = {version}")
    return current


def _load_feature_migrations() -> None:
    # Feature areas register their migrations on import.
    from therapist_desk.storage import schema  # noqa: F401


@migration(1)
def _core(vault: Vault) -> None:
    vault.execute(
        """CREATE TABLE meta (
               key   TEXT PRIMARY KEY,
               value TEXT NOT NULL
           )"""
    )
    # Preferences that belong to the vault (and may be sensitive), unlike settings.json.
    vault.execute(
        """CREATE TABLE preferences (
               key   TEXT PRIMARY KEY,
               value TEXT NOT NULL
           )"""
    )
    # Top-level sections of an imported export document this version does not know, kept so
    # that a later export gives them back (CONTRACTS.md §3).
    vault.execute(
        """CREATE TABLE exchange_extra_sections (
               name  TEXT PRIMARY KEY,
               body  TEXT NOT NULL
           )"""
    )
