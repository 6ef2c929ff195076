"""Restore from backup…: verify, show what the backup holds, confirm the replacement, lock, swap.

Order matters (issue 4): the backup is verified completely before any question is asked; the
first question shows what it holds (date, schema, vault id); a second, separate question
names what will be lost and that a safety copy is made first. Only then does the vault lock
(its connection must be closed for the swap) and ``replace_current_vault_from_backup`` run on
a worker. Afterwards the unlock screen says which passphrase opens the restored vault.

Also available while locked, so a vault that no longer opens can be replaced from a backup.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from therapist_desk.domain.clock import Clock
from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.services.backup import BackupInfo, RestoreResult, replace_current_vault_from_backup
from therapist_desk.services.backup_archive import verify_backup
from therapist_desk.services.session import SessionState
from therapist_desk.storage import migrations
from therapist_desk.ui.backup_status import when
from therapist_desk.ui.data_task import DataJob, Progress
from therapist_desk.ui.widgets import describe_error, message_label

log = logging.getLogger(__name__)


class RestoreFlow(QObject):
    def __init__(self, window: Any, clock: Clock, on_restored: Callable[[], None]) -> None:
        super().__init__(window)
        self.window = window
        self.clock = clock
        self._on_restored = on_restored
        self.notice: QLabel | None = None
        window.bridge.unlocked.connect(self._hide_notice)

    @property
    def title(self) -> str:
        return self.tr("Restore from backup")

    def available(self) -> bool:
        """Unlocked or locked (not half-way); during first run only before a vault was created."""
        bridge = self.window.bridge
        state = bridge.session.state
        if bridge.busy:
            return False
        if state is SessionState.UNLOCKED:
            return True
        return state is SessionState.LOCKED and not self._first_run_holds_a_vault()

    def _first_run_holds_a_vault(self) -> bool:
        # The first run has created a vault it keeps open until its recovery code is confirmed.
        return self.window.first_run is not None and self.window.bridge.store.exists()

    def start(self) -> bool:
        """Ask for the backup file and verify it; the questions follow when it checks out."""
        if not self.available():
            if self._first_run_holds_a_vault():
                self.window.dialogs.info(
                    self.window,
                    self.title,
                    self.tr("Finish creating the new vault first; then you can replace it from a backup."),
                )
            return False
        path = self.window.dialogs.pick_open_file(
            self.window, self.title, self.tr("Therapist Desk backups (*.tdbackup);;All files (*)")
        )
        if path is None:
            return False

        def verify(progress: Progress) -> BackupInfo:
            return verify_backup(Path(path), lambda fraction: progress(int(fraction * 100), 100))

        job = DataJob(self.window, self.title, self.tr("Checking the backup…"))
        job.start(verify, self._verified, self._failed_before_swap, uses_vault=False)
        return True

    # -- the two questions ---------------------------------------------------------------
    def describe(self, info: BackupInfo) -> str:
        store = self.window.bridge.store
        lines = [
            self.tr("The backup checked out: it is complete and undamaged."),
            "",
            self.tr("Made: {when}").format(when=when(info.created_at, self._now())),
            self.tr("Vault id: {id}").format(id=info.vault_id),
        ]
        latest = migrations.latest_version()
        if info.schema_version < latest:
            lines.append(
                self.tr("Schema version: {n} (older; it is upgraded when you unlock it)").format(
                    n=info.schema_version
                )
            )
        else:
            lines.append(self.tr("Schema version: {n}").format(n=info.schema_version))
        try:
            current = store.read_key_file().vault_id if store.exists() else None
        except TherapistDeskError:
            current = None
        if current is not None:
            lines.append(
                self.tr("This is a backup of the vault you use now.")
                if current == info.vault_id
                else self.tr("This backup is of a DIFFERENT vault than the one you use now.")
            )
        lines += ["", self.tr("File: {path}").format(path=info.path)]
        return "\n".join(lines)

    def _now(self) -> Any:
        now = self.clock.now()
        return now if now.tzinfo is not None else now.astimezone()

    def _verified(self, info: BackupInfo) -> None:
        window, dialogs = self.window, self.window.dialogs
        if info.schema_version > migrations.latest_version():
            dialogs.error(
                window,
                self.tr("Backup not restored"),
                self.tr(
                    "This backup was made by a newer version of Therapist Desk.\n"
                    "Update the app to restore it. Nothing was changed."
                ),
            )
            return
        if not dialogs.confirm(window, self.title, self.describe(info), confirm_label=self.tr("Continue…")):
            return
        store = window.bridge.store
        if store.exists() and not dialogs.confirm(
            window,
            self.tr("Replace the current vault?"),
            self.tr(
                "The vault in {folder} will be replaced by this backup from {when}.\n\n"
                "Notes, sessions and check-ins saved after that time will no longer be in the vault. "
                "A safety copy of the current vault is made first, in {safety}.\n\n"
                "The vault locks now. Afterwards, unlock it with the passphrase that was valid when "
                "the backup was made."
            ).format(
                folder=store.paths.data_dir,
                when=self._when(info),
                safety=store.paths.backup_dir,
            ),
            confirm_label=self.tr("Replace vault"),
            destructive=True,
        ):
            return
        self._swap(info)

    def _when(self, info: BackupInfo) -> str:
        return when(info.created_at, self._now())

    # -- the swap ----------------------------------------------------------------------
    def _swap(self, info: BackupInfo) -> None:
        window = self.window
        bridge = window.bridge
        if bridge.busy:
            window.dialogs.error(
                window,
                self.tr("Backup not restored"),
                self.tr("Other work on the vault is still running.\nTry again when it has finished."),
            )
            return
        if bridge.session.is_unlocked:
            bridge.lock()  # saves drafts, makes today's automatic backup, closes the connection
        if bridge.session.state is not SessionState.LOCKED:
            window.dialogs.error(
                window,
                self.tr("Backup not restored"),
                self.tr("The vault could not be locked for the restore.\nNothing was changed."),
            )
            return
        # Nobody may unlock the old files while the new ones are swapped in.
        window.lock_screen.setEnabled(False)
        paths, clock = bridge.store.paths, self.clock

        def work(progress: Progress) -> RestoreResult:
            return replace_current_vault_from_backup(
                info.path, paths, confirm=True, clock=clock, progress=progress
            )

        job = DataJob(window, self.title, self.tr("Restoring the backup…"))
        job.start(work, self._restored, self._failed_after_lock, uses_vault=False)

    def _restored(self, result: RestoreResult) -> None:
        window = self.window
        window.lock_screen.setEnabled(True)
        if window.first_run is not None:
            first_run, window.first_run = window.first_run, None
            window.stack.removeWidget(first_run)
            first_run.deleteLater()
        window.lock_screen.show_unlock()
        window.stack.setCurrentWidget(window.lock_screen)
        text = self.tr(
            "Restored the backup from {when}. Unlock it with the passphrase that was valid when that "
            "backup was made."
        ).format(when=self._when(result.info))
        if result.safety_copy is not None:
            text += " " + self.tr("The vault it replaced was copied to {folder}.").format(
                folder=result.safety_copy
            )
        self._show_notice(text)
        log.info("vault restored from a backup")
        self._on_restored()

    def _failed_before_swap(self, exc: BaseException) -> None:
        self.window.dialogs.error(
            self.window,
            self.tr("Backup not restored"),
            self.tr("Nothing was changed.") + "\n" + describe_error(exc),
        )

    def _failed_after_lock(self, exc: BaseException) -> None:
        window = self.window
        window.lock_screen.setEnabled(True)
        window.lock_screen.show_unlock()
        window.dialogs.error(
            window,
            self.tr("Backup not restored"),
            self.tr("The vault was not replaced; unlock it as usual.") + "\n" + describe_error(exc),
        )
        self._on_restored()

    # -- the note on the unlock page -----------------------------------------------------
    def _show_notice(self, text: str) -> None:
        page = self.window.lock_screen.unlock_page
        if self.notice is None:
            self.notice = message_label("restoreNotice", page)
            self.notice.setAccessibleName(self.tr("Restore finished"))
            page.body.insertWidget(2, self.notice)  # under the title, above the passphrase
        self.notice.setText(text)
        self.notice.setVisible(True)

    def _hide_notice(self) -> None:
        if self.notice is not None:
            self.notice.setVisible(False)
