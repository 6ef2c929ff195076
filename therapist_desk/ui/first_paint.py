"""Run a callback once a widget has been painted for the first time.

``run_gui`` uses it to show the unlock screen first and attach the parts a passphrase prompt
does not need (the Vault menu's data actions, the check-in reminder, the demo hooks) right after
its first frame, and to report that moment to the benchmark. A window that is never painted
(started minimised, on a screen that is off) still gets the callback, after ``fallback_ms``;
one deleted before either never does.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

FALLBACK_MS = 1000


class _FirstPaint(QObject):
    # A child of the widget: if the widget goes away unpainted, the filter, its fallback timer
    # and the callback go with it (Qt drops deleted objects from the application's filters).
    def __init__(self, widget: QWidget, callback: Callable[[], None], app: QApplication) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback: Callable[[], None] | None = callback
        self._app = app

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if (
            self._callback is not None
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and (watched is self._widget or self._widget.isAncestorOf(watched))
        ):
            # After the whole paint pass of this frame, not in the middle of it.
            QTimer.singleShot(0, self, self.fire)
        return False

    def fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is None:
            return  # the paint and the fallback both came: once is enough
        self._app.removeEventFilter(self)
        self.deleteLater()
        callback()


def after_first_paint(widget: QWidget, callback: Callable[[], None], fallback_ms: int = FALLBACK_MS) -> None:
    """Call ``callback`` once, just after ``widget`` (or a child) is first painted, or after
    ``fallback_ms`` if no paint comes. Install it before ``widget.show()``."""
    app = QApplication.instance()
    assert isinstance(app, QApplication), "after_first_paint needs a QApplication"
    hook = _FirstPaint(widget, callback, app)
    app.installEventFilter(hook)
    QTimer.singleShot(fallback_ms, hook, hook.fire)
