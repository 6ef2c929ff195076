"""Try with demo data: a separate demo vault, made on a worker, opened in the window, clearly labelled.

"Try with demo data" on the welcome page points the window at the demo vault's folder, the
data folder's ``-demo`` sibling (services/demo_vault.py says why there). When no demo vault is
there yet, one is made with a generated passphrase and filled with a couple of years of
synthetic records behind a progress bar; its passphrase is shown with a Copy button, and
"Open the demo vault" opens it unlocked. When one exists from an earlier visit, its unlock
screen is shown (the passphrase shown back then opens it; "New demo data…" replaces it after a
confirmation, for a passphrase that was not kept).

While the window shows the demo folder, locked or not: the title ends in "— DEMO DATA", a
banner above every screen says "Demo vault: synthetic data, not yours", the status line names
the demo folder, and no backup is made or restored (ui/backup_actions.py). "Leave demo vault"
(Vault menu, Ctrl+Shift+D, and on the banner) locks the demo vault like any lock (drafts
saved, views deleted, key wiped) and returns to the real folder's first run, or to its unlock
screen if a real vault exists by then.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, QTimer

from therapist_desk.domain.clock import Clock
from therapist_desk.services.demo_vault import (
    DEMO_SCALE,
    DEMO_YEARS,
    build_demo_vault,
    demo_paths,
    discard_demo_vault,
    is_marked_demo,
)
from therapist_desk.services.session import SessionState
from therapist_desk.services.vault_store import UnlockedVault, VaultStore
from therapist_desk.ui.demo_pages import DemoBanner, DemoBuildPage
from therapist_desk.ui.widgets import describe_error
from therapist_desk.ui.workers import Task, run_in_background


def new_demo_passphrase() -> str:
    """Six plain words, like the ``demo`` command's generated passphrase."""
    # Imported here: the command line's modules are not needed to start the window.
    from therapist_desk.cli_commands.demo_commands import generated_passphrase

    return generated_passphrase()


class DemoMode(QObject):
    """Points the window at the demo vault and back; ``years``/``scale`` size the demo (tests)."""

    def __init__(
        self, window: Any, clock: Clock, *, years: int = DEMO_YEARS, scale: float = DEMO_SCALE
    ) -> None:
        super().__init__(window)
        self.window = window
        self.clock = clock
        self.years = years
        self.scale = scale
        self.real_store: VaultStore = window.bridge.store
        self.demo_store = VaultStore(demo_paths(self.real_store.paths), self.real_store.kdf_profile)
        self._task: Task | None = None
        self._stop = threading.Event()
        self._held: UnlockedVault | None = None  # made, passphrase on screen, not opened yet
        self._leaving = False

        self.leave_action = window.add_window_action(
            self.tr("L&eave demo vault"), "back", "Ctrl+Shift+D", "leaveDemoAction"
        )
        self.leave_action.triggered.connect(self.leave)
        window.vault_menu.insertAction(window.quit_action, self.leave_action)
        self.banner = DemoBanner(window)
        window.banner_area.insertWidget(0, self.banner)
        self.banner.leave_button.clicked.connect(self.leave)
        self.banner.new_button.clicked.connect(self.new_demo_data)
        self.page = DemoBuildPage(window.clipboard, window.stack)
        window.stack.addWidget(self.page)
        self.page.back_button.clicked.connect(self.leave)
        self.page.open_button.clicked.connect(self.open_built)

        window.demoRequested.connect(self.try_demo)
        window.bridge.stateChanged.connect(self._state_changed)
        window.shuttingDown.connect(self.discard)
        self._refresh()

    @property
    def active(self) -> bool:
        return self.window.bridge.store is self.demo_store

    def _locked(self) -> bool:
        return self.window.bridge.session.state is SessionState.LOCKED

    # -- entering ----------------------------------------------------------------------------
    def try_demo(self) -> None:
        """The welcome page's button: the demo vault's unlock screen, or make one."""
        if self.active or not self._locked():
            return
        self._point_at(self.demo_store, demo=True)
        if self.demo_store.exists():
            self.window.show_start_screen()
        else:
            self._build(replace_existing=False)

    def new_demo_data(self) -> None:
        """Replace a locked demo vault (e.g. its passphrase was not kept) after a confirmation."""
        if not self.active or not self._locked() or self._task is not None:
            return
        window = self.window
        paths = self.demo_store.paths
        if self.demo_store.exists() and not is_marked_demo(paths):
            window.dialogs.error(
                window,
                self.tr("New demo data"),
                self.tr(
                    "The folder {folder} holds a vault that was not made as a demo, so it is left "
                    "untouched. Unlock it with its passphrase, or leave the demo vault."
                ).format(folder=paths.data_dir),
            )
            return
        if not window.dialogs.confirm(
            window,
            self.tr("New demo data"),
            self.tr(
                "Replace the demo vault in {folder} with new synthetic data and a new passphrase? "
                "The old demo vault is deleted. Your own vault is not touched."
            ).format(folder=paths.data_dir),
            confirm_label=self.tr("Replace the demo vault"),
            destructive=True,
        ):
            return
        self._build(replace_existing=True)

    def _point_at(self, store: VaultStore, *, demo: bool) -> None:
        self.window.use_store(store, demo=demo)
        self._refresh()

    def _build(self, *, replace_existing: bool) -> None:
        self.page.start(str(self.demo_store.paths.data_dir), self.years)
        self.window.stack.setCurrentWidget(self.page)
        store, clock, years, scale = self.demo_store, self.clock, self.years, self.scale
        passphrase = new_demo_passphrase()
        self._stop = stop = threading.Event()

        def work(report: Any) -> UnlockedVault:
            return build_demo_vault(
                store,
                passphrase,
                clock,
                years=years,
                scale=scale,
                replace_existing=replace_existing,
                progress=report,
                stop=stop.is_set,
            )

        def done(unlocked: UnlockedVault) -> None:
            self._task = None
            self._held = unlocked
            self.page.show_ready(passphrase)
            self._refresh()

        def failed(exc: BaseException) -> None:
            self._task = None
            self.page.show_error(describe_error(exc))
            self._refresh()

        # Never shown, so nobody could open it: a vault that arrives after a cancel is removed.
        self._task = run_in_background(
            work,
            done,
            failed,
            on_progress=self.page.set_progress,
            discard=lambda unlocked: discard_demo_vault(unlocked, store.paths),
        )
        self._refresh()

    def open_built(self) -> None:
        """Hand the vault just made to the session, unlocked ("Open the demo vault")."""
        unlocked, self._held = self._held, None
        self.page.forget()
        if unlocked is not None and self.active:
            self.window.bridge.adopt(unlocked)

    # -- leaving -----------------------------------------------------------------------------
    def leave(self) -> None:
        """Lock the demo vault (a real lock) and show the real data folder's first screen."""
        if not self.active or self._task is not None:
            return  # while the demo vault is being written, only closing the window stops it
        self._cancel_build()
        if self._locked():
            self._return_to_real()
        else:
            self._leaving = True
            self.window.bridge.lock()  # waits for running vault work; we return once locked

    def _state_changed(self, state: str) -> None:
        if state == SessionState.LOCKED.value and self._leaving:
            # After the window's own "locked" slot has shown the lock screen.
            QTimer.singleShot(0, self._finish_leaving)
        self._refresh()

    def _finish_leaving(self) -> None:
        if self._leaving and self._locked() and self.active:
            self._leaving = False
            self._return_to_real()

    def _return_to_real(self) -> None:
        self._point_at(self.real_store, demo=False)
        self.window.show_start_screen()

    def _cancel_build(self) -> None:
        self._stop.set()
        if self._task is not None:
            self._task.cancel()
            self._task = None
        if self._held is not None:
            # The user saw its passphrase: the demo vault stays, closed, for next time.
            self._held.close()
            self._held = None
        self.page.forget()

    def discard(self) -> None:
        """The window is closing: stop making the demo vault (what was made is removed), and
        close one that was made but not opened yet (it stays: its passphrase was shown)."""
        self._cancel_build()

    def _refresh(self) -> None:
        active = self.active
        self.banner.setVisible(active)
        self.banner.set_folder(str(self.demo_store.paths.data_dir))
        self.banner.new_button.setVisible(
            active and self._locked() and self._task is None and self._held is None
        )
        self.leave_action.setVisible(active)
        self.leave_action.setEnabled(active and self._task is None)
        self.banner.leave_button.setEnabled(self.leave_action.isEnabled())


def attach_demo_mode(window: Any, clock: Clock) -> DemoMode:
    """Give the window its "Try with demo data" flow, demo labels and "Leave demo vault"."""
    demo = DemoMode(window, clock)
    window.demo_mode = demo
    return demo
