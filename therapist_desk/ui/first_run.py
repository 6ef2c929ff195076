"""First run (no vault in the data folder): welcome, choose a passphrase, see the recovery code.

The vault is created on a worker thread. It stays open here while the recovery code is on
screen and is handed to the session (``finished``) only when the user confirms the code is
stored. The window shows this view only when neither vault file exists.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QWidget

from therapist_desk import APP_DISPLAY_NAME
from therapist_desk.services.vault_store import UnlockedVault, VaultStore
from therapist_desk.ui.clipboard import ClipboardGuard
from therapist_desk.ui.dialogs import DialogService
from therapist_desk.ui.passphrase_fields import NewPassphraseForm
from therapist_desk.ui.recovery_code import RecoveryCodeView
from therapist_desk.ui.widgets import (
    BusyIndicator,
    CenteredPanel,
    app_logo,
    body_label,
    describe_error,
    message_label,
    muted_label,
    title_label,
)
from therapist_desk.ui.workers import Task, run_in_background


class WelcomePage(CenteredPanel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body.addWidget(app_logo(88, self))
        self.body.addSpacing(8)
        title = title_label(self.tr("Welcome to {app}").format(app=APP_DISPLAY_NAME), self)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(title)
        self.body.addWidget(
            body_label(
                self.tr(
                    "Therapist Desk keeps your reflection notes, a pseudonymous caseload, self-care "
                    "check-ins and supervision summaries in one private vault. The vault stays on this "
                    "laptop, encrypted with a passphrase that only you know."
                ),
                self,
            )
        )
        self.body.addSpacing(12)
        self.start = QPushButton(self.tr("&Create my vault"), self)
        self.start.setAccessibleName(self.tr("Create my vault"))
        self.start.setDefault(True)
        # Secondary: a separate demo vault beside the data folder (ui/demo_mode.py).
        self.demo = QPushButton(self.tr("Try with &demo data"), self)
        self.demo.setObjectName("tryDemoButton")
        self.demo.setAccessibleName(self.tr("Try with demo data"))
        self.demo.setToolTip(
            self.tr("Opens a separate vault full of synthetic data (Alt+D); your own vault stays empty.")
        )
        self.demo.setAccessibleDescription(self.demo.toolTip())
        row = QHBoxLayout()
        row.addWidget(self.demo)
        row.addStretch(1)
        row.addWidget(self.start)
        self.body.addLayout(row)
        QWidget.setTabOrder(self.start, self.demo)


class CreateVaultPage(CenteredPanel):
    createRequested = Signal(str)
    back = Signal()

    def __init__(self, data_folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body.addWidget(title_label(self.tr("Choose a passphrase"), self))
        self.body.addWidget(
            body_label(
                self.tr(
                    "A few unrelated words make a passphrase that is strong and easy to remember. "
                    "Nobody can reset it for you: if you forget it, only the recovery code shown "
                    "next can open the vault."
                ),
                self,
            )
        )
        self.form = NewPassphraseForm(self, first_label=self.tr("&Passphrase:"))
        self.body.addWidget(self.form)
        self.error = message_label("createError", self, tone="error")
        self.body.addWidget(self.error)
        self.busy = BusyIndicator(self.tr("Creating your vault… this takes a few seconds."), self)
        self.body.addWidget(self.busy)
        self.back_button = QPushButton(self.tr("&Back"), self)
        self.back_button.setAccessibleName(self.tr("Back to the welcome page"))
        self.create_button = QPushButton(self.tr("Create &vault"), self)
        self.create_button.setAccessibleName(self.tr("Create the vault"))
        self.create_button.setDefault(True)
        self.create_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.create_button)
        self.body.addSpacing(6)
        self.body.addLayout(row)
        self.body.addWidget(muted_label(self.tr("Vault folder: {folder}").format(folder=data_folder), self))

        self.form.validityChanged.connect(self._refresh_button)
        self.form.submitted.connect(self._request)
        self.create_button.clicked.connect(self._request)
        self.back_button.clicked.connect(self.back)
        QWidget.setTabOrder(self.form.second, self.create_button)
        QWidget.setTabOrder(self.create_button, self.back_button)

    def _refresh_button(self) -> None:
        self.create_button.setEnabled(self.form.is_valid() and not self.busy.isVisible())

    def _request(self) -> None:
        if self.form.is_valid() and not self.busy.isVisible():
            self.createRequested.emit(self.form.passphrase())

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.form.setEnabled(not busy)
        self.back_button.setEnabled(not busy)
        self.error.setVisible(False)
        self._refresh_button()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)


class FirstRunView(QStackedWidget):
    """Emits ``finished(UnlockedVault)`` once the recovery code has been confirmed, and
    ``demoRequested`` when "Try with demo data" is chosen on the welcome page."""

    finished = Signal(object)
    demoRequested = Signal()

    def __init__(
        self,
        store: VaultStore,
        clipboard: ClipboardGuard,
        dialogs: DialogService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._created: UnlockedVault | None = None
        self._task: Task | None = None
        folder = str(store.paths.data_dir)
        self.welcome = WelcomePage(self)
        self.create_page = CreateVaultPage(folder, self)
        self.code_page = CenteredPanel(self, width=640)
        self.code_view = RecoveryCodeView(clipboard, dialogs, folder, self.code_page)
        self.code_page.body.addWidget(self.code_view)
        for page in (self.welcome, self.create_page, self.code_page):
            self.addWidget(page)
        self.welcome.start.clicked.connect(self.show_create)
        self.welcome.demo.clicked.connect(self.demoRequested)
        self.create_page.back.connect(lambda: self.setCurrentWidget(self.welcome))
        self.create_page.createRequested.connect(self._create)
        self.code_view.confirmed.connect(self._confirmed)

    def show_create(self) -> None:
        self.setCurrentWidget(self.create_page)
        self.create_page.form.first.setFocus()

    def _create(self, passphrase: str) -> None:
        self.create_page.set_busy(True)
        store = self._store
        self._task = run_in_background(
            lambda: store.create(passphrase),
            self._created_vault,
            self._failed,
            discard=lambda result: result[0].close(),
        )

    def _created_vault(self, result: tuple[UnlockedVault, str]) -> None:
        self._task = None
        self._created, code = result
        self.create_page.set_busy(False)
        self.create_page.form.clear()
        self.code_view.set_code(code)
        self.setCurrentWidget(self.code_page)
        self.code_view.copy_button.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.create_page.set_busy(False)
        self.create_page.show_error(describe_error(exc))

    def _confirmed(self) -> None:
        unlocked, self._created = self._created, None
        self.code_view.forget()
        if unlocked is not None:
            self.finished.emit(unlocked)

    def discard(self) -> None:
        """Window closing before the code was confirmed: close the new vault (it is kept)."""
        if self._task is not None:
            self._task.cancel()
        if self._created is not None:
            self._created.close()
            self._created = None
        self.code_view.forget()

    def holding_vault(self) -> Any:
        return self._created
