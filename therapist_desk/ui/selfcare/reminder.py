"""The optional daily check-in reminder: a quiet notice in the window, never a sound.

When the user has turned the reminder on, the time they picked has passed and today has no
check-in, the status bar shows a small button that opens today's check-in. It is checked once
a minute against the injected clock (and whenever the Self-care view saves a check-in), only
while the vault is unlocked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QPushButton

from therapist_desk.ui.selfcare.common import tr
from therapist_desk.ui.widgets import link_button_style

if TYPE_CHECKING:  # the service itself is built at unlock (app.build_services)
    from therapist_desk.services.selfcare import SelfCareService

CHECK_INTERVAL_MS = 60_000
SECTION_ID = "self-care"


def check_in_due(selfcare: SelfCareService) -> bool:
    """True when the reminder is on, its time has passed today and today has no check-in."""
    settings = selfcare.reminder()
    if not settings.enabled:
        return False
    now = selfcare.clock.now()
    if now.time().replace(tzinfo=None) < settings.at:
        return False
    return selfcare.check_in(selfcare.clock.today()) is None


class CheckInReminder(QObject):
    """Owned by the main window; shows the notice in its status bar while unlocked."""

    def __init__(self, window: Any, interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(window)
        self.window = window
        self.button = QPushButton(tr("Time for today's check-in (Ctrl+4)"), window)
        self.button.setObjectName("checkInReminder")
        self.button.setAccessibleName(tr("Reminder: today's check-in is missing. Open the check-in."))
        link_button_style(self.button)
        self.button.setVisible(False)
        self.button.clicked.connect(self.open_check_in)
        window.statusBar().insertPermanentWidget(1, self.button)  # after the folder, before the state
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        window.bridge.unlocked.connect(self._start)
        window.bridge.tearingDown.connect(self._stop)
        window.workspace.sectionChanged.connect(self._section_shown)

    def _selfcare(self) -> SelfCareService | None:
        session = self.window.bridge.session
        if not session.is_unlocked:
            return None
        return getattr(session.services, "selfcare", None)

    def _start(self) -> None:
        self.timer.start()
        self.check()

    def _stop(self) -> None:
        self.timer.stop()
        self.button.setVisible(False)

    def check(self) -> bool:
        """Show or hide the notice; returns whether it is shown."""
        selfcare = self._selfcare()
        due = selfcare is not None and check_in_due(selfcare)
        self.button.setVisible(due)
        return due

    def _section_shown(self, section_id: str) -> None:
        if section_id != SECTION_ID:
            return
        view = self.window.workspace.section_views().get(SECTION_ID)
        saved = getattr(view, "checkInSaved", None)
        if saved is not None and not view.property("reminderConnected"):
            saved.connect(self.check)
            view.setProperty("reminderConnected", True)
        self.check()

    def open_check_in(self) -> None:
        self.window.workspace.select(SECTION_ID)
        view = self.window.workspace.section_views().get(SECTION_ID)
        if view is not None and hasattr(view, "show_check_in"):
            view.show_check_in()


def attach_check_in_reminder(window: Any) -> CheckInReminder | None:
    """Give the window the reminder notice when the Self-care section is registered."""
    if not any(s.id == SECTION_ID for s in window.registry.sections()):
        return None
    reminder = CheckInReminder(window)
    window.check_in_reminder = reminder
    return reminder
