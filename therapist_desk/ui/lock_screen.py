"""The lock screen: unlock with the passphrase, or with the recovery code, or explain a damaged vault.

A wrong passphrase is an inline message (no dialog) and the field is emptied. A damaged or
missing vault gets its own page with the next step; nothing here ever creates a vault.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QStackedWidget, QWidget

from therapist_desk.domain.errors import VaultDamaged, VaultMissing, WrongPassphrase, WrongRecoveryCode
from therapist_desk.services.vault_store import UnlockedVault
from therapist_desk.ui.dialogs import DialogService
from therapist_desk.ui.passphrase_fields import (
    CapsLockWatcher,
    NewPassphraseForm,
    make_caps_label,
    make_passphrase_edit,
)
from therapist_desk.ui.session_bridge import SessionBridge
from therapist_desk.ui.widgets import (
    BusyIndicator,
    CenteredPanel,
    app_logo,
    body_label,
    describe_error,
    link_button_style,
    message_label,
    muted_label,
    title_label,
)


class UnlockPage(CenteredPanel):
    unlockRequested = Signal(str)
    forgotRequested = Signal()

    def __init__(self, data_folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, width=440)
        self.body.addWidget(app_logo(72, self))
        title = title_label(self.tr("Your vault is locked"), self)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(title)
        self.body.addSpacing(8)
        self.passphrase = make_passphrase_edit(self.tr("Passphrase"), self)
        self.passphrase.setPlaceholderText(self.tr("Passphrase"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        self.body.addLayout(form)
        self.caps = make_caps_label(self)
        self.watcher = CapsLockWatcher(self)
        self.watcher.watch(self.passphrase)
        self.watcher.changed.connect(self.caps.setVisible)
        self.body.addWidget(self.caps)
        self.error = message_label("unlockError", self, tone="error")
        self.error.setAccessibleName(self.tr("Unlock error"))
        self.body.addWidget(self.error)
        # Drafts the lock could not save (ui/kept_work.py): they come back after the unlock.
        self.kept_notice = message_label("keptWorkNotice", self, tone="error")
        self.kept_notice.setAccessibleName(self.tr("Unsaved changes"))
        self.body.addWidget(self.kept_notice)
        self.busy = BusyIndicator(self.tr("Unlocking…"), self)
        self.body.addWidget(self.busy)
        self.unlock_button = QPushButton(self.tr("&Unlock"), self)
        self.unlock_button.setAccessibleName(self.tr("Unlock the vault"))
        self.unlock_button.setDefault(True)
        self.forgot_button = QPushButton(self.tr("&Forgot passphrase? Use recovery code"), self)
        link_button_style(self.forgot_button)
        self.forgot_button.setAccessibleName(self.tr("Forgot passphrase? Use the recovery code"))
        row = QHBoxLayout()
        row.addWidget(self.forgot_button)
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        self.body.addLayout(row)
        self.body.addSpacing(16)
        self.folder = muted_label("", self)
        self.folder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.set_folder(data_folder)
        self.body.addWidget(self.folder)

        self.passphrase.returnPressed.connect(self._request)
        self.unlock_button.clicked.connect(self._request)
        self.forgot_button.clicked.connect(self.forgotRequested)
        QWidget.setTabOrder(self.passphrase, self.unlock_button)
        QWidget.setTabOrder(self.unlock_button, self.forgot_button)

    def set_folder(self, data_folder: str) -> None:
        self.folder.setText(self.tr("Vault folder: {folder}").format(folder=data_folder))

    def _request(self) -> None:
        if self.passphrase.text() and not self.busy.isVisible():
            self.unlockRequested.emit(self.passphrase.text())

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.passphrase.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.forgot_button.setEnabled(not busy)
        if busy:
            self.error.setVisible(False)

    def set_kept_notice(self, text: str) -> None:
        """Say that unsaved changes wait for the unlock (empty text hides the notice)."""
        self.kept_notice.setText(text)
        self.kept_notice.setVisible(bool(text))

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)
        self.passphrase.setText("")
        self.passphrase.setFocus()

    def reset(self) -> None:
        self.passphrase.setText("")
        self.error.setVisible(False)
        self.set_busy(False)


class RecoverPage(CenteredPanel):
    recoverRequested = Signal(str, str)
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body.addWidget(title_label(self.tr("Use your recovery code"), self))
        self.body.addWidget(
            body_label(
                self.tr(
                    "Type the recovery code you stored when you created the vault, then choose a new "
                    "passphrase. Your notes are not changed; the old passphrase stops working."
                ),
                self,
            )
        )
        self.code = QLineEdit(self)
        self.code.setAccessibleName(self.tr("Recovery code"))
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.code.setInputMethodHints(
            Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhPreferUppercase
        )
        self.code.setMaxLength(64)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Recovery &code:"), self.code)
        self.body.addLayout(form)
        self.form = NewPassphraseForm(self)
        self.body.addWidget(self.form)
        self.error = message_label("recoverError", self, tone="error")
        self.body.addWidget(self.error)
        self.busy = BusyIndicator(self.tr("Checking the recovery code and setting the new passphrase…"), self)
        self.body.addWidget(self.busy)
        self.back_button = QPushButton(self.tr("&Back"), self)
        self.back_button.setAccessibleName(self.tr("Back to unlocking with the passphrase"))
        self.submit = QPushButton(self.tr("&Set passphrase and unlock"), self)
        self.submit.setAccessibleName(self.tr("Set the new passphrase and unlock"))
        self.submit.setDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.submit)
        self.body.addLayout(row)

        self.code.textChanged.connect(self._refresh)
        self.form.validityChanged.connect(self._refresh)
        self.form.submitted.connect(self._request)
        self.code.returnPressed.connect(self.form.first.setFocus)
        self.submit.clicked.connect(self._request)
        self.back_button.clicked.connect(self.back)
        QWidget.setTabOrder(self.code, self.form.first)
        QWidget.setTabOrder(self.form.second, self.submit)
        QWidget.setTabOrder(self.submit, self.back_button)
        self._refresh()

    def _refresh(self) -> None:
        self.submit.setEnabled(
            bool(self.code.text().strip()) and self.form.is_valid() and not self.busy.isVisible()
        )

    def _request(self) -> None:
        if self.submit.isEnabled():
            self.recoverRequested.emit(self.code.text(), self.form.passphrase())

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.code, self.form, self.back_button):
            widget.setEnabled(not busy)
        if busy:
            self.error.setVisible(False)
        self._refresh()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    def reset(self) -> None:
        self.code.setText("")
        self.form.clear()
        self.error.setVisible(False)
        self.set_busy(False)


class VaultErrorPage(CenteredPanel):
    retry = Signal()
    showFolder = Signal()

    def __init__(self, data_folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body.addWidget(title_label(self.tr("The vault cannot be opened"), self))
        self.message = body_label("", self)
        self.message.setObjectName("vaultErrorMessage")
        self.body.addWidget(self.message)
        self.body.addWidget(
            body_label(
                self.tr(
                    "Nothing has been changed and no new vault was created in its place. Restore "
                    "vault.db and vault.keys.json together from a backup into the folder below, then "
                    "choose Try again."
                ),
                self,
            )
        )
        self.path = muted_label(data_folder, self)
        self.path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path.setAccessibleName(self.tr("Vault folder"))
        self.body.addWidget(self.path)
        self.folder_button = QPushButton(self.tr("Show &data folder"), self)
        self.folder_button.setAccessibleName(self.tr("Show the data folder"))
        self.retry_button = QPushButton(self.tr("&Try again"), self)
        self.retry_button.setAccessibleName(self.tr("Try again"))
        self.retry_button.setDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.folder_button)
        row.addStretch(1)
        row.addWidget(self.retry_button)
        self.body.addLayout(row)
        self.folder_button.clicked.connect(self.showFolder)
        self.retry_button.clicked.connect(self.retry)


class LockScreen(QStackedWidget):
    """Everything shown while the vault is locked."""

    def __init__(self, bridge: SessionBridge, dialogs: DialogService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._dialogs = dialogs
        folder = str(bridge.store.paths.data_dir)
        self.unlock_page = UnlockPage(folder, self)
        self.recover_page = RecoverPage(self)
        self.error_page = VaultErrorPage(folder, self)
        for page in (self.unlock_page, self.recover_page, self.error_page):
            self.addWidget(page)
        self.unlock_page.unlockRequested.connect(self._unlock)
        self.unlock_page.forgotRequested.connect(self.show_recover)
        self.recover_page.recoverRequested.connect(self._recover)
        self.recover_page.back.connect(self.show_unlock)
        self.error_page.retry.connect(self.show_unlock)
        self.error_page.showFolder.connect(lambda: dialogs.open_folder(bridge.store.paths.data_dir))

    def set_folder(self, data_folder: str) -> None:
        """The window now shows another data folder's vault (the demo vault, and back)."""
        self.unlock_page.set_folder(data_folder)
        self.error_page.path.setText(data_folder)

    def show_unlock(self) -> None:
        """Check the files (no passphrase needed) and show the passphrase page or the error."""
        self.unlock_page.reset()
        self.recover_page.reset()
        try:
            self._bridge.store.read_key_file()
        except (VaultDamaged, VaultMissing) as exc:
            self.show_vault_error(exc)
            return
        self.setCurrentWidget(self.unlock_page)
        self.unlock_page.passphrase.setFocus()

    def show_recover(self) -> None:
        self.recover_page.reset()
        self.setCurrentWidget(self.recover_page)
        self.recover_page.code.setFocus()

    def show_vault_error(self, exc: BaseException) -> None:
        self.error_page.message.setText(describe_error(exc))
        self.setCurrentWidget(self.error_page)
        self.error_page.retry_button.setFocus()

    def _unlock(self, passphrase: str) -> None:
        self.unlock_page.set_busy(True)
        self._bridge.unlock(passphrase, self._unlock_failed)

    def _unlock_failed(self, exc: BaseException) -> None:
        self.unlock_page.set_busy(False)
        if isinstance(exc, WrongPassphrase):
            self.unlock_page.show_error(
                self.tr("That passphrase did not open the vault. Check Caps Lock and try again.")
            )
        elif isinstance(exc, VaultDamaged | VaultMissing):
            self.show_vault_error(exc)
        else:
            self.unlock_page.show_error(describe_error(exc))

    def _recover(self, code: str, new_passphrase: str) -> None:
        self.recover_page.set_busy(True)
        store = self._bridge.store

        def work() -> UnlockedVault:
            store.recover(code, new_passphrase)
            return store.unlock(new_passphrase)

        self._bridge.unlock_with(work, self._recover_failed)

    def _recover_failed(self, exc: BaseException) -> None:
        self.recover_page.set_busy(False)
        if isinstance(exc, WrongRecoveryCode):
            self.recover_page.show_error(exc.message)  # "not in the right form" or "does not unlock"
            self.recover_page.code.setFocus()
        elif isinstance(exc, VaultDamaged | VaultMissing):
            self.show_vault_error(exc)
        else:
            self.recover_page.show_error(describe_error(exc))

    def after_unlock(self) -> None:
        """Forget what was typed once the vault is open."""
        self.unlock_page.reset()
        self.recover_page.reset()
