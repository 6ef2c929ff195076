"""A start-up timing hook for benchmarks/run.py; does nothing unless its variable is set.

With ``THERAPIST_DESK_BENCH_EXIT_ON_SHOWN=1`` in the environment, the window prints one line,
``bench-shown <ns>``, on standard output once the unlock screen (or the first-run screen) has
been painted for the first time, then quits. ``<ns>`` is ``time.monotonic_ns()``, the system-wide
CLOCK_MONOTONIC on Linux, so the benchmark can subtract the moment it started the process.
Nothing about the vault is printed; the variable is read once, at start-up.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

BENCH_EXIT_ON_SHOWN_ENV = "THERAPIST_DESK_BENCH_EXIT_ON_SHOWN"


class _FirstPaint(QObject):
    def __init__(self, screen: QWidget, app: QApplication) -> None:
        super().__init__(app)
        self._screen = screen
        self._app = app
        self._seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if (
            not self._seen
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and (watched is self._screen or self._screen.isAncestorOf(watched))
        ):
            self._seen = True
            # Report after the whole paint pass of this frame has finished.
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(f"bench-shown {time.monotonic_ns()}", flush=True, file=sys.stdout)
        self._app.removeEventFilter(self)
        self._app.quit()


def exit_when_shown_if_asked(screen: QWidget) -> None:
    """Install the hook when the benchmark asked for it (see the module docstring)."""
    app = QApplication.instance()
    if os.environ.get(BENCH_EXIT_ON_SHOWN_ENV) == "1" and isinstance(app, QApplication):
        app.installEventFilter(_FirstPaint(screen, app))
