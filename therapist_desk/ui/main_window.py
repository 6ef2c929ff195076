"""The main window: first run or lock screen while locked, the workspace while unlocked.

Locking is a real lock (STYLE.md §5): section lock hooks save drafts, open dialogs are
rejected, the clipboard is cleared if we filled it, section views are deleted, the session
drops the services and closes the connection, and the unlock screen is shown.
"""

from __future__ import annotations

import base64
import binascii
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from therapist_desk import APP_DISPLAY_NAME
from therapist_desk.domain.clock import Clock
from therapist_desk.services.session import SessionState
from therapist_desk.services.vault_store import VaultStore
from therapist_desk.settings import AUTO_LOCK_MINUTES, WINDOW_GEOMETRY, Preference, Settings
from therapist_desk.ui.auto_lock import IdleLock
from therapist_desk.ui.clipboard import ClipboardGuard
from therapist_desk.ui.dialogs import DialogService
from therapist_desk.ui.lock_screen import LockScreen
from therapist_desk.ui.resources import clear_icon_cache, icon
from therapist_desk.ui.screen_lock import ScreenLockWatcher
from therapist_desk.ui.sections import SectionRegistry
from therapist_desk.ui.session_bridge import SessionBridge
from therapist_desk.ui.widgets import retone
from therapist_desk.ui.window_chrome import WindowChrome
from therapist_desk.ui.workspace import SECTION_ROLE, Workspace

if TYPE_CHECKING:
    # Loaded when first needed, not before the unlock screen's first frame: the first-run pages
    # (only without a vault), the recovery-code dialog and the settings dialog.
    from therapist_desk.ui.first_run import FirstRunView
    from therapist_desk.ui.recovery_code import RecoveryCodeDialog
    from therapist_desk.ui.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)


def close_open_dialogs() -> None:
    """Reject every open dialog and close popups (menus), as a lock must."""
    while (popup := QApplication.activePopupWidget()) is not None:
        if not popup.close():
            break
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()
            if widget.isVisible():
                widget.done(QDialog.DialogCode.Rejected)


class MainWindow(WindowChrome):
    # The settings dialog just built, before it is shown: features add their groups to it.
    settingsOpened = Signal(object)
    # "Try with demo data" on the welcome page; ui/demo_mode.py answers it.
    demoRequested = Signal()
    # ``use_store`` pointed the window at another data folder (the demo vault, or back).
    vaultFolderChanged = Signal()
    # The window is closing: features let go of vaults they hold outside the session.
    shuttingDown = Signal()
    # The sections were built again after a pause (a data key rotation, done or refused).
    sectionsResumed = Signal()

    def __init__(
        self,
        *,
        bridge: SessionBridge,
        settings: Settings,
        registry: SectionRegistry,
        dialogs: DialogService,
        clock: Clock,
        screen_watcher: ScreenLockWatcher | None = None,
    ) -> None:
        super().__init__()
        self.bridge = bridge
        self.settings = settings
        self.registry = registry
        self.dialogs = dialogs
        self.clipboard = ClipboardGuard(self)
        self._unseen_code = ""
        self.unseen_code_dialog: RecoveryCodeDialog | None = None
        self.setWindowTitle(APP_DISPLAY_NAME)
        self.setObjectName("mainWindow")
        store = bridge.store
        self.demo_active = False  # the window shows the demo vault (ui/demo_mode.py)

        central = QWidget(self)
        self.banner_area = QVBoxLayout(central)  # notices above every screen (the demo banner)
        self.banner_area.setContentsMargins(0, 0, 0, 0)
        self.banner_area.setSpacing(0)
        self.stack = QStackedWidget(central)
        self.banner_area.addWidget(self.stack, 1)
        self.first_run: FirstRunView | None = None
        if not store.exists():  # only when neither vault file is there (never over a damaged one)
            self._add_first_run()
        self.lock_screen = LockScreen(bridge, dialogs, self.stack)
        self.workspace = Workspace(registry, self.stack)
        self.stack.addWidget(self.lock_screen)
        self.stack.addWidget(self.workspace)
        self.setCentralWidget(central)

        self._build_actions()
        self._build_status_bar(str(store.paths.data_dir))

        self.idle_lock = IdleLock(clock, lambda: settings.auto_lock_minutes, self)
        self.idle_lock.idle.connect(self._lock_for("idle"))
        self.screen_watcher = screen_watcher
        if screen_watcher is not None:
            screen_watcher.screenLocked.connect(self._screen_locked)
        settings.add_listener(self._setting_changed)

        bridge.stateChanged.connect(self._state_changed)
        bridge.unlocked.connect(self._unlocked)
        bridge.tearingDown.connect(self._tear_down)
        bridge.locked.connect(self._locked)

        self._restore_geometry()
        if self.first_run is not None:
            self.stack.setCurrentWidget(self.first_run)
        else:
            self.stack.setCurrentWidget(self.lock_screen)
            self.lock_screen.show_unlock()
        self._state_changed(bridge.session.state.value)

    # -- state -------------------------------------------------------------------------------
    def _state_changed(self, state: str) -> None:
        texts = {
            SessionState.LOCKED.value: self.tr("Locked"),
            SessionState.UNLOCKING.value: self.tr("Unlocking…"),
            SessionState.UNLOCKED.value: self.tr("Unlocked"),
            SessionState.LOCKING.value: self.tr("Locking…"),
        }
        self.state_label.setText(texts.get(state, state))
        unlocked = state == SessionState.UNLOCKED.value
        self.lock_action.setEnabled(unlocked)
        self.settings_action.setEnabled(unlocked)
        for action in self.section_actions.values():
            action.setEnabled(unlocked)

    def _unlocked(self) -> None:
        self.lock_screen.after_unlock()
        self.workspace.home.set_auto_lock_minutes(self.settings.auto_lock_minutes)
        self.workspace.build(self.bridge.session.services)
        self.stack.setCurrentWidget(self.workspace)
        self.idle_lock.arm()
        if self._unseen_code:
            self._show_unseen_code()

    def _tear_down(self) -> None:
        self.idle_lock.disarm()
        close_open_dialogs()
        self.clipboard.clear_if_ours()
        self.workspace.tear_down()
        self.stack.setCurrentWidget(self.lock_screen)

    def _locked(self) -> None:
        self.lock_screen.show_unlock()
        self.stack.setCurrentWidget(self.lock_screen)

    def _first_run_done(self, unlocked: Any) -> None:
        self.bridge.adopt(unlocked)
        self._drop_first_run()

    def _add_first_run(self) -> FirstRunView:
        from therapist_desk.ui.first_run import FirstRunView

        self.first_run = first_run = FirstRunView(self.bridge.store, self.clipboard, self.dialogs, self.stack)
        first_run.finished.connect(self._first_run_done)
        first_run.demoRequested.connect(self.demoRequested)
        self.stack.addWidget(first_run)
        return first_run

    def _drop_first_run(self) -> None:
        if self.first_run is not None:
            first_run, self.first_run = self.first_run, None
            first_run.discard()  # holds nothing once confirmed; a vault it still held is closed
            self.stack.removeWidget(first_run)
            first_run.deleteLater()

    # -- another data folder (the demo vault) -------------------------------------------------
    def use_store(self, store: VaultStore, *, demo: bool) -> None:
        """Point the locked window at the vault in another data folder (the demo vault, and back).

        Drops the previous folder's first-run view and relabels the window; show a screen next
        (``show_start_screen``, or one of your own).
        """
        session = self.bridge.session
        if session.state is not SessionState.LOCKED:
            raise RuntimeError("the window can change data folders only while locked")
        self._drop_first_run()
        session.store = store  # the bridge, lock screen and dialogs all read the session's store
        self.demo_active = demo
        title = self.tr("{app} — DEMO DATA") if demo else "{app}"
        self.setWindowTitle(title.format(app=APP_DISPLAY_NAME))
        folder = str(store.paths.data_dir)
        self.path_label.setText(self.tr("Vault: {folder}").format(folder=folder))
        self.lock_screen.set_folder(folder)
        self.vaultFolderChanged.emit()

    def show_start_screen(self) -> None:
        """While locked: the unlock screen when the folder holds a vault, else the first run."""
        if self.bridge.store.exists():
            self._drop_first_run()
            self.stack.setCurrentWidget(self.lock_screen)
            self.lock_screen.show_unlock()
            return
        self.stack.setCurrentWidget(self.first_run or self._add_first_run())

    def _lock_for(self, reason: str) -> Callable[..., None]:
        def lock(*_args: object) -> None:
            log.info("locking: " + reason)
            self.bridge.lock()

        return lock

    def _screen_locked(self, reason: str) -> None:
        if self.settings.lock_on_screen_lock:
            self._lock_for(reason)()

    def _setting_changed(self, preference: Preference[Any]) -> None:
        if preference == AUTO_LOCK_MINUTES:
            self.workspace.home.set_auto_lock_minutes(self.settings.auto_lock_minutes)

    # -- a new recovery code that a lock closed before it was confirmed -----------------------
    def _keep_unseen_code(self, code: str) -> None:
        # Held in memory only, and shown again right after the next unlock: after a rotation
        # the old code no longer works, so losing this one would leave no way back in.
        self._unseen_code = code

    def _show_unseen_code(self) -> None:
        from therapist_desk.ui.recovery_code import RecoveryCodeDialog

        code, self._unseen_code = self._unseen_code, ""
        self.unseen_code_dialog = RecoveryCodeDialog(
            code, self.clipboard, self.dialogs, str(self.bridge.store.paths.data_dir), self
        )
        self.unseen_code_dialog.unconfirmed.connect(self._keep_unseen_code)
        self.unseen_code_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.unseen_code_dialog.open()

    # -- sections paused around a data key rotation ----------------------------------------
    def suspend_sections(self) -> None:
        """Run the sections' lock hooks (save drafts), then delete their views."""
        services = self.bridge.session.services
        for hook in list(getattr(services, "lock_hooks", [])):
            try:
                hook()
            except Exception:
                log.exception("section lock hook failed")
        getattr(services, "lock_hooks", []).clear()
        self.workspace.tear_down()

    def resume_sections(self) -> None:
        if self.bridge.session.is_unlocked:
            self.workspace.build(self.bridge.session.services)
            self.sectionsResumed.emit()

    # -- actions ---------------------------------------------------------------------------
    def open_settings(self) -> SettingsDialog | None:
        if not self.bridge.session.is_unlocked:
            return None
        from therapist_desk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self.settings,
            self.bridge,
            self.dialogs,
            self.clipboard,
            self,
            suspend_sections=self.suspend_sections,
            resume_sections=self.resume_sections,
            keep_unseen_code=self._keep_unseen_code,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.settingsOpened.emit(dialog)
        dialog.open()
        return dialog

    def show_section(self, section_id: str) -> QWidget | None:
        """Switch the sidebar to a section (building its view if needed) and return the view;
        None while locked or for a section that is not registered. See ui/navigation.py."""
        if not self.bridge.session.is_unlocked or section_id not in {s.id for s in self.registry}:
            return None
        self.workspace.select(section_id)
        return self.workspace.section_views().get(section_id)

    def bring_to_front(self) -> None:
        """A second launch asked us to show ourselves."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # -- window life ---------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        saved = self.settings.get(WINDOW_GEOMETRY)
        restored = False
        if saved:
            try:
                restored = self.restoreGeometry(QByteArray(base64.b64decode(saved, validate=True)))
            except (binascii.Error, ValueError):
                restored = False
        if not restored:
            self.resize(1200, 760)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and hasattr(
            self, "workspace"
        ):
            self.refresh_theme()
        super().changeEvent(event)

    def refresh_theme(self) -> None:
        """Light/dark switched: recolour icons and coloured labels."""
        clear_icon_cache()
        for action, name in self._icon_actions:
            action.setIcon(icon(name))
        for row in range(self.workspace.sidebar.count()):
            item = self.workspace.sidebar.item(row)
            section = self.registry.get(str(item.data(SECTION_ROLE)))
            item.setIcon(icon(section.icon))
        retone(self)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Save the geometry, close a vault that first run still holds, and lock."""
        try:
            self.settings.set(WINDOW_GEOMETRY, base64.b64encode(bytes(self.saveGeometry().data())).decode())
        except Exception:  # preferences are a nicety; never block closing
            log.warning("window geometry not saved")
        self.shuttingDown.emit()
        if self.first_run is not None:
            self.first_run.discard()
        self.idle_lock.detach()
        self._unseen_code = ""
        self.bridge.shutdown()
        self.clipboard.clear_if_ours()
