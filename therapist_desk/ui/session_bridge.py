"""A thin Qt adapter over ``VaultSession``: signals for the window, KDF work off the UI thread.

Locking order (STYLE.md §5): the sections' lock hooks first (save drafts), then
``tearingDown`` (the window closes dialogs, clears the clipboard, destroys section widgets),
then the session drops the services and closes the connection, then ``locked``.
A lock asked for while a vault task runs (unlock, passphrase change, key rotation) waits for
that task to end, so the connection is never closed under a worker's feet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from therapist_desk.services.session import SessionState, VaultSession
from therapist_desk.services.vault_store import UnlockedVault, VaultStore
from therapist_desk.ui.workers import Task, run_in_background


def _close_vault(unlocked: Any) -> None:
    if isinstance(unlocked, UnlockedVault):
        unlocked.close()


class SessionBridge(QObject):
    stateChanged = Signal(str)
    unlocked = Signal()
    locked = Signal()
    tearingDown = Signal()
    busyChanged = Signal(bool)

    def __init__(self, session: VaultSession[Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._previous = session.state
        self._vault_tasks = 0
        self._lock_pending = False
        self._tasks: list[Task] = []
        session.add_listener(self._on_state)

    # -- observation --------------------------------------------------------------
    @property
    def session(self) -> VaultSession[Any]:
        return self._session

    @property
    def store(self) -> VaultStore:
        return self._session.store

    @property
    def busy(self) -> bool:
        return self._vault_tasks > 0

    @property
    def lock_pending(self) -> bool:
        return self._lock_pending

    def _on_state(self, state: SessionState) -> None:
        previous, self._previous = self._previous, state
        self.stateChanged.emit(state.value)
        if state is SessionState.UNLOCKED and previous is SessionState.UNLOCKING:
            self.unlocked.emit()
        elif state is SessionState.LOCKED and previous is SessionState.LOCKING:
            self.locked.emit()

    # -- locking -------------------------------------------------------------------
    def lock(self) -> None:
        """Lock now, or as soon as the running vault task has finished."""
        if self.busy or self._session.state is SessionState.UNLOCKING:
            self._lock_pending = True
            return
        self._lock_pending = False
        # Re-adding puts the window's tear-down after every hook the sections added.
        self._session.remove_lock_hook(self._tear_down)
        self._session.add_lock_hook(self._tear_down)
        self._session.lock()

    def _tear_down(self) -> None:
        self.tearingDown.emit()

    def shutdown(self) -> None:
        """Window closing: forget running work (its vault is closed when it arrives) and lock."""
        for task in self._tasks:
            task.cancel()
        self._vault_tasks = 0
        self._lock_pending = False
        if self._session.is_unlocked:
            self.lock()

    # -- vault work off the UI thread ------------------------------------------------
    def run_vault_task(
        self,
        work: Callable[..., Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        *,
        on_progress: Callable[[int], None] | None = None,
        discard: Callable[[Any], None] | None = None,
    ) -> Task:
        """Run work that uses the vault or its key on a worker; a lock waits until it ends."""
        self._vault_tasks += 1
        if self._vault_tasks == 1:
            self.busyChanged.emit(True)

        def finish() -> None:
            self._vault_tasks = max(0, self._vault_tasks - 1)
            self._tasks = [t for t in self._tasks if not t.done]
            if self._vault_tasks == 0:
                self.busyChanged.emit(False)

        def done(result: Any) -> None:
            finish()
            try:
                on_done(result)
            finally:
                self._lock_if_pending()

        def failed(exc: BaseException) -> None:
            finish()
            try:
                on_error(exc)
            finally:
                self._lock_if_pending()

        task = run_in_background(work, done, failed, on_progress=on_progress, discard=discard)
        self._tasks.append(task)
        return task

    def _lock_if_pending(self) -> None:
        if self._lock_pending and not self.busy:
            self.lock()

    def unlock_with(
        self, work: Callable[[], UnlockedVault], on_error: Callable[[BaseException], None]
    ) -> Task:
        """Open the vault on a worker (passphrase or recovery code), then adopt it here."""
        self._session.begin_unlock()

        def adopt(unlocked: UnlockedVault) -> None:
            try:
                self._session.complete_unlock(unlocked)  # closes the vault itself on failure
            except Exception as exc:
                self._lock_pending = False
                on_error(exc)

        def failed(exc: BaseException) -> None:
            self._session.fail_unlock()
            self._lock_pending = False  # nothing to lock
            on_error(exc)

        return self.run_vault_task(work, adopt, failed, discard=_close_vault)

    def unlock(self, passphrase: str, on_error: Callable[[BaseException], None]) -> Task:
        store = self.store
        return self.unlock_with(lambda: store.unlock(passphrase), on_error)

    def adopt(self, unlocked: UnlockedVault) -> None:
        """Take over a vault that is already open (just created on the first run)."""
        self._session.begin_unlock()
        self._session.complete_unlock(unlocked)
