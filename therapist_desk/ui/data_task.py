"""One long data job (backup, export, import, restore): a progress dialog and a worker.

The work runs on the thread pool, so the window keeps painting; the progress dialog is
window-modal, so nothing else is typed into the vault meanwhile. Vault jobs go through
``SessionBridge.run_vault_task`` (a lock waits for them). With ``suspend`` the open
sections are closed first, their drafts saved by their lock hooks, so the job sees (and an
export or backup includes) everything typed so far and no view writes while it runs; they
come back afterwards, on the section that was showing, and show what an import added.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from therapist_desk.ui.workers import run_in_background

Progress = Callable[[int, int], None]


def percent_reporter(report: Callable[[int], None]) -> Progress:
    """Turn a service's ``progress(done, total)`` into whole percents, sent only when they change."""
    last = [-1]

    def progress(done: int, total: int) -> None:
        value = max(0, min(100, int(done * 100 / total))) if total > 0 else 0
        if value != last[0]:
            last[0] = value
            report(value)

    return progress


class DataJob(QObject):
    """Runs one job; ``on_done``/``on_error`` are called on the main thread after the dialog closes."""

    def __init__(self, window: Any, title: str, text: str) -> None:
        super().__init__(window)
        self._window = window
        self.title = title
        self.text = text
        self.progress: QProgressDialog | None = None
        self._section = ""
        self._suspended = False

    def _open_progress(self) -> None:
        parent: QWidget = self._window
        dialog = QProgressDialog(self.text, "", 0, 100, parent)
        dialog.setObjectName("dataJobProgress")
        dialog.setWindowTitle(self.title)
        dialog.setAccessibleName(self.title)
        # The services cannot stop half-way safely; a cancel button would only promise that.
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        dialog.show()
        self.progress = dialog

    def _set_progress(self, value: int) -> None:
        if self.progress is not None:
            self.progress.setValue(value)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _deliver(self, callback: Callable[[Any], None], value: Any) -> None:
        try:
            callback(value)
        finally:
            self.deleteLater()

    def start(
        self,
        work: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        *,
        uses_vault: bool = True,
        suspend: bool = False,
    ) -> None:
        """Start ``work(progress)`` on a worker; ``progress(done, total)`` moves the bar."""
        window = self._window
        if suspend:
            self._section = window.workspace.current_section
            window.suspend_sections()
            self._suspended = True
        self._open_progress()

        def run(report: Callable[[int], None]) -> Any:
            return work(percent_reporter(report))

        def finish() -> None:
            self._close_progress()
            if self._suspended:
                self._suspended = False
                window.resume_sections()
                if self._section and window.bridge.session.is_unlocked:
                    window.workspace.select(self._section)

        def done(result: Any) -> None:
            finish()
            # Messages come after the bridge has run a lock asked for during the job, so a
            # pending lock never waits for someone to close a message box.
            QTimer.singleShot(0, lambda: self._deliver(on_done, result))

        def failed(exc: BaseException) -> None:
            finish()
            QTimer.singleShot(0, lambda: self._deliver(on_error, exc))

        if uses_vault:
            window.bridge.run_vault_task(run, done, failed, on_progress=self._set_progress)
        else:
            run_in_background(run, done, failed, on_progress=self._set_progress)
