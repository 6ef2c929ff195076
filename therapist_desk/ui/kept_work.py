"""What the window does about drafts a lock could not save (services/kept_work.py).

While any are kept, the unlock page of their vault says so; after the unlock (and when the
sections come back after a refused key rotation) the window opens the sections that kept them,
which put them back on screen and save them again. Closing the window locks first (which is
when drafts are saved); if something could not be saved, it asks before quitting, because
quitting is the one way to lose it. A quit that cannot ask (SIGTERM at logout) logs how many
were lost, never what they said.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject

from therapist_desk import APP_DISPLAY_NAME
from therapist_desk.services.kept_work import KeptWork

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("KeptWork", text)


class KeptWorkGuard(QObject):
    def __init__(self, window: Any, kept: KeptWork) -> None:
        super().__init__(window)
        self.window = window
        self.kept = kept
        window.bridge.locked.connect(self.refresh)
        window.bridge.unlocked.connect(self._unlocked)  # after the window's own slot built the workspace
        if hasattr(window, "sectionsResumed"):
            window.sectionsResumed.connect(self.open_sections_holding_kept)
        self._closing = False
        # Data folder -> the id of the vault last unlocked there, to say on each folder's unlock
        # page only what was kept from that vault (the demo vault's page says nothing of the real one).
        self._vault_ids: dict[str, str] = {}
        window.bridge.tearingDown.connect(self._note_vault)
        if hasattr(window, "vaultFolderChanged"):
            window.vaultFolderChanged.connect(self.refresh)
        window.shuttingDown.connect(self._shutting_down)
        window.bridge.locked.connect(self._log_if_lost)
        window.installEventFilter(self)

    def _note_vault(self) -> None:
        services = self.window.bridge.session.services  # still there: the lock's last hook
        if services is not None:
            self._vault_ids[self._folder()] = services.unlocked.key_file.vault_id

    def _folder(self) -> str:
        return str(self.window.bridge.store.paths.data_dir)

    def refresh(self) -> None:
        text = ""
        vault_id = self._vault_ids.get(self._folder())
        if vault_id is not None and self.kept.held_for(vault_id):
            text = tr(
                "Some changes could not be saved when the vault locked (is the disk full?). They are "
                "kept, encrypted, until you unlock, and saved again then. Quitting now would lose them."
            )
        self.window.lock_screen.unlock_page.set_kept_notice(text)

    def _unlocked(self) -> None:
        self.open_sections_holding_kept()
        self.refresh()

    def open_sections_holding_kept(self) -> None:
        """Open the sections that kept something for this vault: building their views puts it
        back on screen and saves it. The first one (in name order: the journal first) stays shown."""
        services = self.window.bridge.session.services
        if services is not None and len(self.kept):
            names = self.kept.names_for(services.unlocked.data_key)
            sections = list(dict.fromkeys(name.split(".", 1)[0] for name in names))
            for section_id in reversed(sections):
                self.window.workspace.select(section_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.window and event.type() == QEvent.Type.Close and not self.may_quit():
            event.ignore()
            return True
        return False

    def may_quit(self) -> bool:
        """Lock (saving every draft), then ask before anything unsaved is thrown away."""
        bridge = self.window.bridge
        if bridge.session.is_unlocked and not bridge.busy:
            bridge.lock()
        if not len(self.kept):
            return True
        quit_anyway = self.window.dialogs.confirm(
            self.window,
            tr("Quit {app}?").format(app=APP_DISPLAY_NAME),
            tr(
                "Some changes could not be saved when the vault locked, probably because the disk is "
                "full. They are kept, encrypted, only while the app runs.\n\n"
                "To keep them, stay, free some disk space, and unlock: they are saved again then."
            ),
            confirm_label=tr("Quit and lose them"),
            destructive=True,
        )
        if quit_anyway:
            self.kept.discard()
        return quit_anyway

    def _shutting_down(self) -> None:
        self._closing = True  # the window locks next, if it is unlocked
        self._log_if_lost()

    def _log_if_lost(self) -> None:
        # Only a quit that could not ask (SIGTERM at logout) gets here with anything kept.
        if self._closing and len(self.kept):
            log.warning(f"quitting with {len(self.kept)} unsaved draft(s) that a lock could not save")


def guard_kept_work(window: Any, kept: KeptWork) -> KeptWorkGuard:
    return KeptWorkGuard(window, kept)
