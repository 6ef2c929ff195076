"""Lock after a stretch without keyboard or mouse input.

An application-wide event filter notes the time of the last input; a timer checks every few
seconds how long ago that was, using the injected clock (so tests advance a ``FakeClock``
instead of sleeping). Idle time is the larger of the monotonic and the wall-clock gap, so a
suspended laptop (monotonic time stands still while asleep) still locks when it wakes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

from therapist_desk.domain.clock import Clock

CHECK_INTERVAL_MS = 5_000
_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress,
}


class IdleLock(QObject):
    """Emits ``idle`` once the user has been away for ``minutes()`` minutes while armed."""

    idle = Signal()

    def __init__(
        self,
        clock: Clock,
        minutes: Callable[[], int],
        parent: QObject | None = None,
        *,
        check_interval_ms: int = CHECK_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._minutes = minutes
        self._armed = False
        self._last_mono = clock.monotonic()
        self._last_wall = clock.now()
        self.timer = QTimer(self)
        self.timer.setInterval(check_interval_ms)
        self.timer.timeout.connect(self.check)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def armed(self) -> bool:
        return self._armed

    def arm(self) -> None:
        """Start counting (the vault was unlocked)."""
        self.touch()
        self._armed = True
        self.timer.start()

    def disarm(self) -> None:
        self._armed = False
        self.timer.stop()

    def touch(self) -> None:
        self._last_mono = self._clock.monotonic()
        self._last_wall = self._clock.now()

    def idle_seconds(self) -> float:
        mono = self._clock.monotonic() - self._last_mono
        wall = (self._clock.now() - self._last_wall).total_seconds()
        return max(mono, wall)

    def check(self) -> None:
        if self._armed and self.idle_seconds() >= max(1, self._minutes()) * 60:
            self.disarm()
            self.idle.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if self._armed and event.type() in _ACTIVITY and event.spontaneous():
            self.touch()
        return False

    def detach(self) -> None:
        self.disarm()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
