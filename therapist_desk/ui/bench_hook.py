"""A start-up timing hook for benchmarks/run.py; does nothing unless its variable is set.

With ``THERAPIST_DESK_BENCH_EXIT_ON_SHOWN=1`` in the environment, ``run_gui`` prints two lines on
standard output and quits: ``bench-shown <ns>`` once the unlock screen (or the first-run screen)
has been painted for the first time, and ``bench-ready <ns>`` once the parts attached after that
first frame (``app.attach_features``) are in place too. ``<ns>`` is ``time.monotonic_ns()``, the
system-wide CLOCK_MONOTONIC on Linux, so the benchmark can subtract the moment it started the
process. Nothing about the vault is printed; the variable is read once, at start-up.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtWidgets import QApplication

BENCH_EXIT_ON_SHOWN_ENV = "THERAPIST_DESK_BENCH_EXIT_ON_SHOWN"


class StartReport:
    """Prints the two moments when the benchmark asked for them; otherwise inert."""

    def __init__(self) -> None:
        self.enabled = os.environ.get(BENCH_EXIT_ON_SHOWN_ENV) == "1"

    def _print(self, what: str) -> None:
        if self.enabled:
            print(f"bench-{what} {time.monotonic_ns()}", flush=True, file=sys.stdout)

    def shown(self) -> None:
        self._print("shown")

    def ready(self) -> None:
        self._print("ready")
        app = QApplication.instance()
        if self.enabled and app is not None:
            app.quit()
