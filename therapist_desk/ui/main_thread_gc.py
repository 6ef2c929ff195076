"""Run Python's cyclic garbage collector on the main thread only.

CPython collects in whichever thread crosses an allocation threshold. When that is a worker
(building demo data, writing a backup, importing a file, re-keying the vault), the collection
can finalise main-thread Qt objects caught in reference cycles from the wrong thread, and Qt
crashes. So ``run_gui`` turns automatic collection off and this timer, on the main thread,
collects whichever generations have crossed their thresholds, as automatic collection would
(the pattern calibre and novelWriter use). Tests keep automatic collection and control it
themselves (tests/ui/conftest.py).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class MainThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start()

    def collect_due(self) -> int:
        """Collect the oldest generation whose count is over its threshold; the number found."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        if counts[0] <= thresholds[0]:
            return 0
        generation = 0
        if counts[1] > thresholds[1]:
            generation = 2 if counts[2] > thresholds[2] else 1
        return gc.collect(generation)

    def stop(self) -> None:
        """Back to automatic collection (after the event loop has ended)."""
        self.timer.stop()
        if self._was_enabled:
            gc.enable()
        self.deleteLater()
