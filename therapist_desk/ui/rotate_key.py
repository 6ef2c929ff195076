"""Rotate the data key: confirm, re-encrypt on a worker with progress, show the new recovery code.

The sections are closed first (their drafts saved) so nothing touches the database while the
copy is written; afterwards the session adopts the reopened vault and the sections come back.
A draft that cannot be saved first stops the rotation before it starts (services/kept_work.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from therapist_desk.domain.errors import WrongPassphrase
from therapist_desk.services.vault_store import UnlockedVault
from therapist_desk.ui.clipboard import ClipboardGuard
from therapist_desk.ui.dialogs import DialogService
from therapist_desk.ui.recovery_code import RecoveryCodeDialog
from therapist_desk.ui.session_bridge import SessionBridge
from therapist_desk.ui.widgets import describe_error


class KeyRotation(QObject):
    """One rotation, started from the settings dialog. ``finished(bool)`` when it is over."""

    finished = Signal(bool)

    def __init__(
        self,
        bridge: SessionBridge,
        dialogs: DialogService,
        clipboard: ClipboardGuard,
        parent: QWidget,
        *,
        suspend_sections: Callable[[], None],
        resume_sections: Callable[[], None],
        keep_unseen_code: Callable[[str], None] = lambda _code: None,
    ) -> None:
        super().__init__(parent)
        self._keep_unseen_code = keep_unseen_code
        self._bridge = bridge
        self._dialogs = dialogs
        self._clipboard = clipboard
        self._parent = parent
        self._suspend = suspend_sections
        self._resume = resume_sections
        self.progress: QProgressDialog | None = None
        self.code_dialog: RecoveryCodeDialog | None = None

    def start(self) -> bool:
        """Ask, then start the rotation on a worker; False when the user said no."""
        title = self.tr("Rotate data key")
        if not self._dialogs.confirm(
            self._parent,
            title,
            self.tr(
                "This re-encrypts the whole vault under a new random key; a large vault can take a "
                "minute. A NEW recovery code will be issued and your current recovery code will stop "
                "working, so have a pen and paper ready. Your passphrase stays the same."
            ),
            confirm_label=self.tr("Rotate data key"),
        ):
            return False
        passphrase = self._dialogs.ask(self._parent, title, self.tr("Your passphrase:"), password=True)
        if not passphrase:
            return False
        session = self._bridge.session
        unlocked = session.unlocked_vault
        store = self._bridge.store
        self._suspend()
        if session.services.kept.names_for(unlocked.data_key):
            # A draft could not be saved (a full disk): re-encrypting would fail as well, and the
            # draft, sealed under the current key, must come back under it. The views take it back.
            self._resume()
            self._dialogs.error(
                self._parent,
                self.tr("Data key not rotated"),
                self.tr(
                    "Some changes could not be saved first (is the disk full?), so nothing was "
                    "re-encrypted. Your changes are back on screen; free some space and try again."
                ),
            )
            return False
        self.progress = QProgressDialog(self.tr("Re-encrypting the vault…"), "", 0, 0, self._parent)
        self.progress.setWindowTitle(title)
        self.progress.setCancelButton(None)  # a half-done rekey is undone anyway; no cancel to confuse
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.show()
        self._bridge.run_vault_task(
            lambda report: store.rotate_data_key(unlocked, passphrase, report),
            self._done,
            self._failed,
            on_progress=self._progress,
            discard=lambda result: result[0].close(),
        )
        return True

    def _progress(self, steps: int) -> None:
        if self.progress is not None:
            self.progress.setLabelText(self.tr("Re-encrypting the vault… ({n} steps done)").format(n=steps))

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _done(self, result: tuple[UnlockedVault, str]) -> None:
        self._close_progress()
        unlocked, code = result
        self._bridge.session.replace_unlocked(unlocked)
        self._resume()
        self.code_dialog = RecoveryCodeDialog(
            code, self._clipboard, self._dialogs, str(self._bridge.store.paths.data_dir), self._parent
        )
        self.code_dialog.unconfirmed.connect(self._keep_unseen_code)
        self.code_dialog.finished.connect(lambda _result: self.finished.emit(True))
        self.code_dialog.open()

    def _failed(self, exc: BaseException) -> None:
        self._close_progress()
        title = self.tr("Data key not rotated")
        if self._bridge.session.holds_connection:
            self._resume()
            if isinstance(exc, WrongPassphrase):
                text = self.tr("That passphrase is not right; nothing was changed.")
            else:
                text = describe_error(exc) + " " + self.tr("Your vault is unchanged and still open.")
            self._dialogs.error(self._parent, title, text)
        else:
            # The old vault was already closed for the swap: lock, and unlock as usual.
            self._bridge.lock()
            self._dialogs.error(
                self._parent,
                title,
                describe_error(exc) + " " + self.tr("The vault was locked; unlock it with your passphrase."),
            )
        self.finished.emit(False)
