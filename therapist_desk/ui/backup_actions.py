"""Back up now, automatic backups on lock and quit, and the backup notice in the status line.

Automatic backups run inside the lock, BEFORE the connection closes: on ``tearingDown``,
which the bridge emits from its lock hook, the last hook before the session closes the vault.
By then the sections' hooks have saved their drafts (so the backup has them), and the window's
own slot, connected earlier, has already closed the dialogs, deleted the views and shown the
lock screen: nothing is on screen while the backup is written. Quitting locks the same way.

The backup runs synchronously on the main thread. ``run_auto_backup`` is a directory listing
when today's backup exists; otherwise, once a day, it takes about 0.4-0.8 s for a 10-year
vault (19.5 MB: 5,000 notes, 20,000 sessions; measured on 2 shared cores) and less for a
normal one. Doing it on a worker would mean keeping the vault open and the key in memory after
the lock returned, which a lock must not do. A failure never blocks locking: it is logged
without content and shown in the status line (also after a restart: its time is kept in
settings.json).
"""

from __future__ import annotations

import contextlib
import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QObject, QTimer

from therapist_desk.domain.clock import Clock
from therapist_desk.domain.errors import TherapistDeskError, UsageError
from therapist_desk.services.backup import BackupInfo, create_backup, last_good_backup, run_auto_backup
from therapist_desk.services.backup_archive import BACKUP_SUFFIX
from therapist_desk.settings import Preference
from therapist_desk.ui.backup_settings import (
    AUTO_BACKUP,
    AUTO_BACKUP_FAILED_AT,
    BACKUP_FOLDER,
    LAST_MANUAL_BACKUP,
    backup_folder,
    stored_time,
)
from therapist_desk.ui.backup_status import BackupStatus, backup_notice, when
from therapist_desk.ui.data_task import DataJob, Progress
from therapist_desk.ui.widgets import describe_error
from therapist_desk.ui.workers import running_tasks

log = logging.getLogger(__name__)
STATUS_REFRESH_MS = 30 * 60 * 1000  # "today" becomes "yesterday" while the window stays open


def with_suffix(path: Path, suffix: str) -> Path:
    """Add ``suffix`` when the chosen name lacks it (the file picker does not always)."""
    path = Path(path)
    return path if path.name.lower().endswith(suffix) else path.with_name(path.name + suffix)


class BackupActions(QObject):
    def __init__(self, window: Any, clock: Clock) -> None:
        super().__init__(window)
        self.window = window
        self.clock = clock
        self.settings = window.settings
        self.paths = window.bridge.store.paths
        self.dialogs = window.dialogs
        # Why the last automatic backup failed, for the status line's tooltip (this run only:
        # a message may name folders, and settings.json keeps only the time).
        self.failure_reason = ""
        self.status = BackupStatus(window)
        window.statusBar().insertPermanentWidget(1, self.status)  # after the folder, left of the rest
        self.status.button.clicked.connect(self.back_up_now)
        # Connected after the window's own tear-down slot (see the module docstring).
        window.bridge.tearingDown.connect(self.auto_backup_on_lock)
        window.bridge.stateChanged.connect(lambda _state: self.refresh_status())
        if hasattr(window, "vaultFolderChanged"):
            window.vaultFolderChanged.connect(self.refresh_status)
        self.settings.add_listener(self._setting_changed)
        self.timer = QTimer(self)
        self.timer.setInterval(STATUS_REFRESH_MS)
        self.timer.timeout.connect(self.refresh_status)
        self.timer.start()
        self.refresh_status()

    def folder(self) -> Path:
        return backup_folder(self.settings, self.paths)

    def usable_folder(self) -> Path:
        """The backup folder; a chosen one must exist (the default one is created).

        A missing chosen folder is usually a drive that is not plugged in: creating the path
        would put the backups on this computer's own disk, where the user would not look.
        """
        folder = self.folder()
        if folder != self.paths.backup_dir and not folder.is_dir():
            raise UsageError(
                f"The backup folder {folder} is not available; connect its drive or choose another "
                "folder in Settings."
            )
        return folder

    def _now(self) -> datetime:
        now = self.clock.now()
        return now if now.tzinfo is not None else now.astimezone()

    def _demo(self) -> bool:
        # The demo vault (ui/demo_mode.py) is never backed up: its copies would land among the
        # real vault's backups and count as the user's last backup.
        return bool(getattr(self.window, "demo_active", False))

    def _remember(self, preference: Preference[str], value: str) -> None:
        try:
            self.settings.set(preference, value)
        except Exception as exc:  # a read-only config folder must not break a backup
            log.warning(f"backup preference not saved ({type(exc).__name__})")

    # -- back up now ---------------------------------------------------------------------
    def back_up_now(self) -> bool:
        """Ask where, then write and verify a backup on a worker; False when not started."""
        bridge = self.window.bridge
        if not bridge.session.is_unlocked or bridge.busy or self._demo():
            return False
        folder = self.folder()
        if folder == self.paths.backup_dir:
            with contextlib.suppress(OSError):
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # so the picker can open there
        elif not folder.is_dir():
            folder = Path.home()
        title = self.tr("Back up now")
        suggested = folder / f"therapist-desk-{self.clock.today().isoformat()}{BACKUP_SUFFIX}"
        target = self.dialogs.pick_save_file(
            self.window, title, suggested, self.tr("Therapist Desk backups (*.tdbackup)")
        )
        if target is None:
            return False
        target = with_suffix(Path(target).absolute(), BACKUP_SUFFIX)
        unlocked, clock = bridge.session.unlocked_vault, self.clock

        def work(progress: Progress) -> BackupInfo:
            return create_backup(unlocked, target, progress, clock)

        job = DataJob(self.window, title, self.tr("Writing and checking the backup…"))
        job.start(work, self._backed_up, self._backup_failed, suspend=True)
        return True

    def _backed_up(self, info: BackupInfo) -> None:
        self._remember(LAST_MANUAL_BACKUP, info.created_at.isoformat())
        self._remember(AUTO_BACKUP_FAILED_AT, "")
        self.failure_reason = ""
        self.refresh_status()
        try:
            size = QLocale().formattedDataSize(info.path.stat().st_size)
        except OSError:
            size = ""
        self.dialogs.info(
            self.window,
            self.tr("Backup made"),
            self.tr(
                "The backup was written and checked: it opens with the vault's key and every byte "
                "matches.\n\n{path}\n{size}, made {when}.\n\n"
                "It holds the encrypted vault and its key file, so it opens with your current "
                "passphrase. Keep a copy on another disk as well."
            ).format(path=info.path, size=size, when=when(info.created_at, self._now())),
        )

    def _backup_failed(self, exc: BaseException) -> None:
        self.dialogs.error(
            self.window,
            self.tr("Backup not made"),
            self.tr("No backup was written.") + "\n" + describe_error(exc),
        )

    # -- automatic backups ---------------------------------------------------------------
    def auto_backup_on_lock(self) -> None:
        """During a lock (and quit): today's automatic backup, if not made yet."""
        session = self.window.bridge.session
        if not self.settings.get(AUTO_BACKUP) or not session.holds_connection or self._demo():
            return
        if any(task.cancelled for task in running_tasks()):
            # Quitting while a worker still uses the connection: never run beside it.
            log.info("automatic backup skipped: work on the vault was still running at quit")
            return
        self.status.label.setText(self.tr("Backing up…"))
        self.window.repaint()  # paint the lock screen and this notice before the busy moment
        try:
            info = run_auto_backup(session.unlocked_vault, self.usable_folder(), self.clock)
        except Exception as exc:  # never block locking
            log.warning(f"automatic backup failed ({type(exc).__name__})")
            self.failure_reason = describe_error(exc)
            self._remember(AUTO_BACKUP_FAILED_AT, self._now().isoformat(timespec="seconds"))
        else:
            if info is not None:
                log.info("automatic backup made")
                self.failure_reason = ""
                self._remember(AUTO_BACKUP_FAILED_AT, "")
        self.refresh_status()

    # -- the status line -------------------------------------------------------------------
    def last_backup(self) -> datetime | None:
        """The newest good backup: in the backup folder, or a manual one saved elsewhere."""
        last = last_good_backup(self.folder())
        manual = stored_time(self.settings, LAST_MANUAL_BACKUP)
        if manual is not None and (last is None or manual > last):
            return manual
        return last

    def refresh_status(self) -> None:
        store = self.window.bridge.store
        if not store.exists() or self._demo():
            self.status.show_notice(None, can_back_up=False)
            return
        try:
            created: datetime | None = datetime.fromisoformat(store.read_key_file().created_at)
        except (TherapistDeskError, ValueError):
            created = None
        automatic = self.settings.get(AUTO_BACKUP)
        notice = backup_notice(
            self.last_backup(),
            self._now(),
            vault_created=created,
            failed_at=stored_time(self.settings, AUTO_BACKUP_FAILED_AT),
            automatic=automatic,
        )
        details = [self.tr("Backup folder: {folder}").format(folder=self.folder())]
        details.append(
            self.tr("Automatic backups: on (at lock and quit, once a day)")
            if automatic
            else self.tr("Automatic backups: off (Settings)")
        )
        if self.failure_reason:
            details.append(self.failure_reason)
        self.status.show_notice(
            notice, can_back_up=self.window.bridge.session.is_unlocked, details="\n".join(details)
        )

    def _setting_changed(self, preference: Preference[Any]) -> None:
        if preference in (BACKUP_FOLDER, AUTO_BACKUP):
            self.refresh_status()
