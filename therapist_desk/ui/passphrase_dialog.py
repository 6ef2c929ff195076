"""Change the passphrase: the current one, the new one twice; the KDF runs off the UI thread.

Only the key file is re-wrapped; the database is not rewritten (STYLE.md §4).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from therapist_desk.domain.errors import WrongPassphrase
from therapist_desk.services.vault_store import wipe
from therapist_desk.ui.passphrase_fields import NewPassphraseForm, make_passphrase_edit
from therapist_desk.ui.session_bridge import SessionBridge
from therapist_desk.ui.widgets import BusyIndicator, body_label, describe_error, message_label


class ChangePassphraseDialog(QDialog):
    def __init__(self, bridge: SessionBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self.setWindowTitle(self.tr("Change passphrase"))
        self.setModal(True)
        intro = body_label(
            self.tr(
                "Your notes stay as they are; only the way the vault key is locked changes. "
                "Your recovery code keeps working."
            ),
            self,
        )
        self.current = make_passphrase_edit(self.tr("Current passphrase"), self)
        current_form = QFormLayout()
        current_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        current_form.addRow(self.tr("&Current passphrase:"), self.current)
        self.form = NewPassphraseForm(self)
        self.form.watcher.watch(self.current)
        self.error = message_label("changeError", self, tone="error")
        self.busy = BusyIndicator(self.tr("Changing the passphrase…"), self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = self.buttons.addButton(
            self.tr("C&hange passphrase"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok.setAccessibleName(self.tr("Change the passphrase"))
        self.ok.setDefault(True)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.current.textChanged.connect(self._refresh)
        self.form.validityChanged.connect(self._refresh)
        self.form.submitted.connect(self._submit)
        self.current.returnPressed.connect(self.form.first.setFocus)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 20)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(current_form)
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        QWidget.setTabOrder(self.current, self.form.first)
        QWidget.setTabOrder(self.form.second, self.ok)
        self.setMinimumWidth(480)
        self._refresh()

    def _refresh(self) -> None:
        self.ok.setEnabled(bool(self.current.text()) and self.form.is_valid() and not self.busy.isVisible())

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.current.setEnabled(not busy)
        self.form.setEnabled(not busy)
        if busy:
            self.error.setVisible(False)
        self._refresh()

    def _submit(self) -> None:
        if not self.ok.isEnabled():
            return
        current, new = self.current.text(), self.form.passphrase()
        unlocked = self._bridge.session.unlocked_vault
        store = self._bridge.store

        def work() -> None:
            wipe(unlocked.key_file.unwrap_with_passphrase(current))  # proves the current one
            store.change_passphrase(unlocked, new)

        self._set_busy(True)
        self._bridge.run_vault_task(work, self._done, self._failed)

    def _done(self, _result: object) -> None:
        self._set_busy(False)
        self.current.setText("")
        self.form.clear()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, WrongPassphrase):
            self.error.setText(self.tr("The current passphrase is not right. Check Caps Lock and try again."))
            self.current.setText("")
            self.current.setFocus()
        else:
            self.error.setText(describe_error(exc))
        self.error.setVisible(True)

    def reject(self) -> None:
        if self.busy.isVisible():
            return  # the change is finishing on its worker; the result must reach this dialog
        self.current.setText("")
        self.form.clear()
        super().reject()
