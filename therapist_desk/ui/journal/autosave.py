"""Autosave for the journal editor: debounced while typing, immediate when asked.

A save runs 700 ms after the last change, and never later than a second after the first
unsaved one (so continuous typing is still saved every second). A failure leaves the editor
untouched and dirty: the next change, the next note switch or the lock tries again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.domain.journal import SaveResult
from therapist_desk.logsetup import describe_exception
from therapist_desk.ui.journal.common import AUTOSAVE_IDLE_MS, AUTOSAVE_MAX_MS, tr
from therapist_desk.ui.widgets import describe_error

log = logging.getLogger(__name__)


class Autosaver(QObject):
    saved = Signal(object)  # SaveResult
    failed = Signal(str)  # a calm sentence, never the note's text

    def __init__(self, save: Callable[[], SaveResult | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.dirty = False
        self.error = ""
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(AUTOSAVE_IDLE_MS)
        self.idle.timeout.connect(self.save_now)
        self.longest = QTimer(self)
        self.longest.setSingleShot(True)
        self.longest.setInterval(AUTOSAVE_MAX_MS)
        self.longest.timeout.connect(self.save_now)

    def changed(self) -> None:
        """The editor changed: save soon."""
        self.dirty = True
        self.idle.start()
        if not self.longest.isActive():
            self.longest.start()

    @property
    def pending(self) -> bool:
        return self.idle.isActive() or self.longest.isActive()

    def save_now(self) -> bool:
        """Save what is in the editor now; True when it is safely stored (or nothing changed)."""
        self.idle.stop()
        self.longest.stop()
        if not self.dirty:
            return True
        try:
            result = self._save()
        except TherapistDeskError as exc:
            return self._failed(describe_error(exc))
        except Exception as exc:  # never let a timer slot raise; never log the text
            log.error("autosave failed\n" + describe_exception(type(exc), exc, exc.__traceback__))
            return self._failed(describe_error(exc))
        self.dirty = False
        self.error = ""
        if result is not None:
            self.saved.emit(result)
        return True

    def _failed(self, reason: str) -> bool:
        self.error = tr("Not saved: {reason} Your text is still here; saving again when you type.").format(
            reason=reason.rstrip()
        )
        self.failed.emit(self.error)
        return False

    def forget(self) -> None:
        """The editor now shows another note (or none): nothing is pending."""
        self.idle.stop()
        self.longest.stop()
        self.dirty = False
        self.error = ""
