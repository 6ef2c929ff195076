"""Settings: auto-lock, passphrase, data key rotation, and where the data lives."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.settings import AUTO_LOCK_MINUTES, LOCK_ON_SCREEN_LOCK, Settings
from therapist_desk.ui.clipboard import ClipboardGuard
from therapist_desk.ui.dialogs import DialogService
from therapist_desk.ui.passphrase_dialog import ChangePassphraseDialog
from therapist_desk.ui.resources import icon
from therapist_desk.ui.rotate_key import KeyRotation
from therapist_desk.ui.session_bridge import SessionBridge
from therapist_desk.ui.widgets import muted_label


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        bridge: SessionBridge,
        dialogs: DialogService,
        clipboard: ClipboardGuard,
        parent: QWidget | None = None,
        *,
        suspend_sections: Callable[[], None],
        resume_sections: Callable[[], None],
        keep_unseen_code: Callable[[str], None] = lambda _code: None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._bridge = bridge
        self._dialogs = dialogs
        self.setWindowTitle(self.tr("Settings"))
        self.setModal(True)
        self.passphrase_dialog: ChangePassphraseDialog | None = None
        self.rotation = KeyRotation(
            bridge,
            dialogs,
            clipboard,
            self,
            suspend_sections=suspend_sections,
            resume_sections=resume_sections,
            keep_unseen_code=keep_unseen_code,
        )

        locking = QGroupBox(self.tr("Locking"), self)
        self.auto_lock = QSpinBox(locking)
        self.auto_lock.setRange(int(AUTO_LOCK_MINUTES.minimum or 1), int(AUTO_LOCK_MINUTES.maximum or 240))
        self.auto_lock.setSuffix(self.tr(" minutes"))
        self.auto_lock.setValue(settings.auto_lock_minutes)
        self.auto_lock.setAccessibleName(self.tr("Lock after this many idle minutes"))
        self.screen_lock = QCheckBox(self.tr("Lock when the screen locks or the laptop sleeps"), locking)
        self.screen_lock.setChecked(settings.lock_on_screen_lock)
        self.screen_lock.setAccessibleName(self.tr("Lock when the screen locks or the laptop sleeps"))
        locking_form = QFormLayout(locking)
        locking_form.addRow(self.tr("&Lock after idle:"), self.auto_lock)
        locking_form.addRow(self.screen_lock)

        keys = QGroupBox(self.tr("Passphrase and keys"), self)
        self.change_button = QPushButton(self.tr("&Change passphrase…"), keys)
        self.change_button.setAccessibleName(self.tr("Change passphrase"))
        self.rotate_button = QPushButton(icon("key"), self.tr("&Rotate data key…"), keys)
        self.rotate_button.setAccessibleName(self.tr("Rotate data key"))
        keys_layout = QFormLayout(keys)
        keys_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        keys_layout.addRow(self.change_button, muted_label(self.tr("Re-locks the vault key; quick."), keys))
        keys_layout.addRow(
            self.rotate_button,
            muted_label(
                self.tr("Re-encrypts everything under a new key and issues a new recovery code."), keys
            ),
        )

        data = QGroupBox(self.tr("Data folder"), self)
        folder = str(bridge.store.paths.data_dir)
        self.folder_label = muted_label(folder, data)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setAccessibleName(self.tr("Data folder path"))
        self.folder_button = QPushButton(icon("folder"), self.tr("Show &data folder"), data)
        self.folder_button.setAccessibleName(self.tr("Show the data folder"))
        data_layout = QHBoxLayout(data)
        data_layout.addWidget(self.folder_label, 1)
        data_layout.addWidget(self.folder_button)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.change_button.clicked.connect(self.change_passphrase)
        self.rotate_button.clicked.connect(self.rotate_key)
        self.folder_button.clicked.connect(self.show_folder)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 20)
        layout.setSpacing(14)
        for group in (locking, keys, data):
            layout.addWidget(group)
        layout.addWidget(self.buttons)
        QWidget.setTabOrder(self.auto_lock, self.screen_lock)
        QWidget.setTabOrder(self.screen_lock, self.change_button)
        QWidget.setTabOrder(self.change_button, self.rotate_button)
        QWidget.setTabOrder(self.rotate_button, self.folder_button)
        self.setMinimumWidth(560)
        vault_open = bridge.session.is_unlocked
        self.change_button.setEnabled(vault_open)
        self.rotate_button.setEnabled(vault_open)

    def add_section(self, group: QWidget) -> None:
        """A feature's own group of settings, above OK/Cancel (it saves itself on ``accepted``)."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.buttons), group)

    def accept(self) -> None:
        self._settings.set(AUTO_LOCK_MINUTES, self.auto_lock.value())
        self._settings.set(LOCK_ON_SCREEN_LOCK, self.screen_lock.isChecked())
        super().accept()

    def change_passphrase(self) -> None:
        self.passphrase_dialog = ChangePassphraseDialog(self._bridge, self)
        self.passphrase_dialog.accepted.connect(
            lambda: self._dialogs.info(
                self, self.tr("Passphrase changed"), self.tr("Use your new passphrase from now on.")
            )
        )
        self.passphrase_dialog.open()

    def rotate_key(self) -> None:
        self.rotation.start()

    def show_folder(self) -> None:
        if not self._dialogs.open_folder(self._bridge.store.paths.data_dir):
            self._dialogs.info(
                self,
                self.tr("Data folder"),
                self.tr("The folder could not be shown here; it is {folder}").format(
                    folder=self._bridge.store.paths.data_dir
                ),
            )
