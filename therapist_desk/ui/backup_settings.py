"""Backup preferences (folder, automatic on/off) and their group in the Settings dialog.

The backup folder's path is not sensitive (it names a place, never content), so it is kept in
settings.json like the other preferences. An empty value means the default,
``AppPaths.backup_dir`` (``backups/`` in the data folder), which follows the data folder.
The time of the last failed automatic backup is kept too, so a failure at quit is still shown
in the status line at the next start; it is cleared by the next good backup.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from therapist_desk.paths import AppPaths
from therapist_desk.settings import Preference, Settings, register_preference
from therapist_desk.ui.dialogs import DialogService
from therapist_desk.ui.resources import icon
from therapist_desk.ui.widgets import muted_label

BACKUP_FOLDER = register_preference(Preference("backup_folder", "", max_length=4096))
AUTO_BACKUP = register_preference(Preference("auto_backup", True))
# ISO 8601 times; only ever written by this module, never typed by the user.
LAST_MANUAL_BACKUP = register_preference(Preference("last_manual_backup_at", "", max_length=64))
AUTO_BACKUP_FAILED_AT = register_preference(Preference("auto_backup_failed_at", "", max_length=64))


def backup_folder(settings: Settings, paths: AppPaths) -> Path:
    """The folder for automatic backups (and the suggested place for manual ones)."""
    chosen = settings.get(BACKUP_FOLDER)
    if chosen and Path(chosen).is_absolute():
        return Path(chosen)
    return paths.backup_dir


def stored_time(settings: Settings, preference: Preference[str]) -> datetime | None:
    """A time this module stored; None when unset or unreadable (a hand-edited file)."""
    value = settings.get(preference)
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


class BackupSettingsGroup(QGroupBox):
    """ "Backups" in the Settings dialog; saved when the dialog is accepted (OK)."""

    def __init__(
        self, settings: Settings, paths: AppPaths, dialogs: DialogService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Backups"))
        self._settings = settings
        self._paths = paths
        self._dialogs = dialogs
        self._folder = backup_folder(settings, paths)
        self.auto = QCheckBox(self.tr("Back up &automatically when the vault locks or the app quits"), self)
        self.auto.setChecked(settings.get(AUTO_BACKUP))
        self.auto.setAccessibleName(self.tr("Back up automatically, at most once a day"))
        hint = muted_label(
            self.tr(
                "At most once a day. The last 7 daily and 4 weekly copies are kept; backups you make "
                "yourself are never removed. Backups stay encrypted."
            ),
            self,
        )
        self.folder_label = muted_label("", self)
        self.folder_label.setObjectName("backupFolderLabel")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setAccessibleName(self.tr("Backup folder path"))
        self.choose_button = QPushButton(icon("folder"), self.tr("C&hoose backup folder…"), self)
        self.choose_button.setAccessibleName(self.tr("Choose the backup folder"))
        self.default_button = QPushButton(self.tr("Use de&fault"), self)
        self.default_button.setAccessibleName(self.tr("Use the default backup folder in the data folder"))
        self.choose_button.clicked.connect(self.choose_folder)
        self.default_button.clicked.connect(self.use_default)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.choose_button)
        row.addWidget(self.default_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.auto)
        layout.addWidget(hint)
        layout.addSpacing(4)
        layout.addWidget(self.folder_label)
        layout.addLayout(row)
        QWidget.setTabOrder(self.auto, self.choose_button)
        QWidget.setTabOrder(self.choose_button, self.default_button)
        self._show_folder()

    @property
    def folder(self) -> Path:
        return self._folder

    def _show_folder(self) -> None:
        self.folder_label.setText(self.tr("Backup folder: {folder}").format(folder=self._folder))
        self.default_button.setEnabled(self._folder != self._paths.backup_dir)

    def choose_folder(self) -> None:
        start = self._folder if self._folder.is_dir() else Path.home()
        chosen = self._dialogs.pick_folder(self, self.tr("Choose the backup folder"), start)
        if chosen is None:
            return
        chosen = Path(chosen).absolute()
        data_dir = self._paths.data_dir.absolute()
        if chosen == data_dir:
            # Backups beside the live vault files would be lost with the folder itself.
            self._dialogs.error(
                self,
                self.tr("Choose another folder"),
                self.tr("Backups cannot go into the data folder itself; choose another folder."),
            )
            return
        self._folder = chosen
        self._show_folder()

    def use_default(self) -> None:
        self._folder = self._paths.backup_dir
        self._show_folder()

    def save(self) -> None:
        """Store the choices (the Settings dialog's OK)."""
        self._settings.set(AUTO_BACKUP, self.auto.isChecked())
        folder = "" if self._folder == self._paths.backup_dir else str(self._folder)
        self._settings.set(BACKUP_FOLDER, folder)

    def first_widget(self) -> QWidget:
        return self.auto

    def last_widget(self) -> QWidget:
        return self.default_button
