"""The status line's backup notice: when the last good backup was made, or a warning.

"Last good backup" is the newest verified backup in the backup folder (``last_good_backup``)
or a verified manual backup saved elsewhere, whichever is newer. A warning shows when there
has been none for 7 days (held back during the vault's first week, when there is nothing much
to lose yet and the first lock makes one anyway) and when the last automatic backup failed.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, QTime
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from therapist_desk.services.backup import DEFAULT_POLICY
from therapist_desk.ui.widgets import link_button_style, set_tone

FIRST_WEEK = timedelta(days=7)


def tr(text: str) -> str:
    return QCoreApplication.translate("BackupStatus", text)


@dataclass(frozen=True)
class BackupNotice:
    text: str
    warning: bool  # shown in the warning colour, with a "Back up now" button


def when(moment: datetime, now: datetime) -> str:
    """ "today, 09:30", "yesterday, 18:10" or "24 Feb 2026", in the clock's time zone and locale."""
    local = moment.astimezone(now.tzinfo) if now.tzinfo is not None else moment
    time_text = QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    days = (now.date() - local.date()).days
    if days == 0:
        return tr("today, {time}").format(time=time_text)
    if days == 1:
        return tr("yesterday, {time}").format(time=time_text)
    return QLocale().toString(QDate(local.year, local.month, local.day), "d MMM yyyy")


def backup_notice(
    last: datetime | None,
    now: datetime,
    *,
    vault_created: datetime | None,
    failed_at: datetime | None,
    automatic: bool,
) -> BackupNotice:
    """What the status line says about backups (pure: the inputs are read by the caller)."""
    now = now if now.tzinfo is not None else now.astimezone()
    if failed_at is not None and (last is None or last < failed_at):
        return BackupNotice(tr("The automatic backup {when} failed").format(when=when(failed_at, now)), True)
    overdue = last is None or now - last > DEFAULT_POLICY.warn_after
    first_week = vault_created is not None and now - vault_created < FIRST_WEEK
    if overdue and not first_week:
        if last is None:
            return BackupNotice(tr("No backup yet"), True)
        return BackupNotice(
            tr("No backup for more than a week (last: {when})").format(when=when(last, now)), True
        )
    if last is not None:
        return BackupNotice(tr("Last backup: {when}").format(when=when(last, now)), False)
    if automatic:
        return BackupNotice(tr("No backup yet; one is made when you lock"), False)
    return BackupNotice(tr("No backup yet"), False)


class BackupStatus(QWidget):
    """A label and, with a warning, a "Back up now" link; lives in the window's status bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupStatus")
        self.label = QLabel(self)
        self.label.setObjectName("backupStatusLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAccessibleName(tr("Backup status"))
        self.button = QPushButton(tr("Back up now"), self)
        self.button.setObjectName("backupStatusButton")
        self.button.setAccessibleName(tr("Back up now"))
        link_button_style(self.button)
        self.button.setVisible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.notice: BackupNotice | None = None

    def show_notice(self, notice: BackupNotice | None, *, can_back_up: bool, details: str = "") -> None:
        self.notice = notice
        self.setVisible(notice is not None)
        if notice is None:
            return
        self.label.setText(notice.text)
        set_tone(self.label, "error" if notice.warning else "muted")
        # Always rich text, escaped: a folder name with "<" must show as typed, not as markup.
        self.label.setToolTip(f"<p>{html.escape(details).replace(chr(10), '<br>')}</p>" if details else "")
        self.button.setVisible(notice.warning and can_back_up)
        self.button.setToolTip(tr("Back up now (Ctrl+Shift+B)"))
