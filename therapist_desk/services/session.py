"""The vault session state machine: Locked → Unlocking → Unlocked → Locking → Locked.

Qt-free; ``ui/session_bridge.py`` wraps it and emits signals. Locking is a real lock in the
KeePassXC sense: lock hooks save drafts and close editors, then the services (and every
cached text they hold) are dropped, the connection is closed and the data key is wiped.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from typing import Generic, TypeVar

from therapist_desk.domain.errors import VaultLocked
from therapist_desk.services.vault_store import UnlockedVault, VaultStore

log = logging.getLogger(__name__)
ServicesT = TypeVar("ServicesT")


class SessionState(enum.Enum):
    LOCKED = "locked"
    UNLOCKING = "unlocking"
    UNLOCKED = "unlocked"
    LOCKING = "locking"


class VaultSession(Generic[ServicesT]):
    """Owns the one open vault and the services built on it."""

    def __init__(
        self,
        store: VaultStore,
        build_services: Callable[[UnlockedVault], ServicesT],
    ) -> None:
        self.store = store
        self._build_services = build_services
        self._state = SessionState.LOCKED
        self._unlocked: UnlockedVault | None = None
        self._services: ServicesT | None = None
        self._lock_hooks: list[Callable[[], None]] = []
        self._listeners: list[Callable[[SessionState], None]] = []

    # -- observation ---------------------------------------------------------
    @property
    def state(self) -> SessionState:
        return self._state

    @property
    def is_unlocked(self) -> bool:
        return self._state is SessionState.UNLOCKED

    def add_listener(self, listener: Callable[[SessionState], None]) -> None:
        self._listeners.append(listener)

    def _set_state(self, state: SessionState) -> None:
        self._state = state
        for listener in list(self._listeners):
            listener(state)

    @property
    def services(self) -> ServicesT:
        if self._services is None:
            raise VaultLocked("The vault is locked.")
        return self._services

    @property
    def unlocked_vault(self) -> UnlockedVault:
        if self._unlocked is None:
            raise VaultLocked("The vault is locked.")
        return self._unlocked

    @property
    def holds_connection(self) -> bool:
        return self._unlocked is not None and self._unlocked.vault.is_open

    # -- unlocking ---------------------------------------------------------------
    def begin_unlock(self) -> None:
        if self._state is not SessionState.LOCKED:
            raise RuntimeError(f"cannot unlock from state {self._state.value}")
        self._set_state(SessionState.UNLOCKING)

    def fail_unlock(self) -> None:
        self._set_state(SessionState.LOCKED)

    def complete_unlock(self, unlocked: UnlockedVault) -> None:
        """Adopt a vault opened (possibly on a worker thread) by the store."""
        self._unlocked = unlocked
        try:
            self._services = self._build_services(unlocked)
        except BaseException:
            self._unlocked = None
            unlocked.close()
            self._set_state(SessionState.LOCKED)
            raise
        self._set_state(SessionState.UNLOCKED)

    def unlock(self, passphrase: str) -> None:
        """Blocking unlock (CLI and tests); the window runs the KDF on a worker thread."""
        self.begin_unlock()
        try:
            unlocked = self.store.unlock(passphrase)
        except BaseException:
            self.fail_unlock()
            raise
        self.complete_unlock(unlocked)

    def replace_unlocked(self, unlocked: UnlockedVault) -> None:
        """After a data key rotation the vault is reopened under the new key."""
        self._unlocked = unlocked
        self._services = self._build_services(unlocked)

    # -- locking -----------------------------------------------------------------
    def add_lock_hook(self, hook: Callable[[], None]) -> None:
        """Run before the vault closes (save drafts, close dialogs)."""
        self._lock_hooks.append(hook)

    def remove_lock_hook(self, hook: Callable[[], None]) -> None:
        if hook in self._lock_hooks:
            self._lock_hooks.remove(hook)

    def lock(self) -> None:
        if self._state is not SessionState.UNLOCKED:
            return
        self._set_state(SessionState.LOCKING)
        for hook in list(self._lock_hooks):
            try:
                hook()
            except Exception:  # a failing hook must never keep the vault open
                log.exception("lock hook failed")
        self._services = None
        if self._unlocked is not None:
            self._unlocked.close()
            self._unlocked = None
        self._set_state(SessionState.LOCKED)
