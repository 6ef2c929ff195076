"""Run slow work (KDF, rekey, backups) on the thread pool; hear the outcome on the main thread.

The work function never touches a widget. Its result or exception travels back through a
queued signal to a ``Task`` object that lives on the main thread, and only there are the
caller's callbacks run. A task cancelled before it finishes hands its result to ``discard``
(e.g. closes a vault that was opened for a window that has since gone away).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.logsetup import describe_exception

log = logging.getLogger(__name__)
_running: set[Task] = set()


class Task(QObject):
    """One piece of background work and the callbacks that receive its outcome."""

    _finished = Signal(object)
    _failed = Signal(object)
    _progressed = Signal(int)

    def __init__(
        self,
        work: Callable[..., Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_progress: Callable[[int], None] | None = None,
        discard: Callable[[Any], None] | None = None,
    ) -> None:
        super().__init__()
        self._work = work
        self._on_done = on_done
        self._on_error = on_error
        self._on_progress = on_progress
        self._discard = discard
        self._guard = threading.Lock()
        self._cancelled = False
        self.done = False
        # Signals emitted from the worker thread reach these slots queued, on this
        # object's (the main) thread.
        self._finished.connect(self._deliver_result)
        self._failed.connect(self._deliver_error)
        self._progressed.connect(self._deliver_progress)

    # -- worker thread ----------------------------------------------------------
    def _run(self) -> None:
        try:
            result = self._work(self._progressed.emit) if self._on_progress else self._work()
        except Exception as exc:
            if not isinstance(exc, TherapistDeskError):
                log.error("background task failed\n" + describe_exception(type(exc), exc, exc.__traceback__))
            exc.__traceback__ = None  # frames hold locals such as passphrases
            self._failed.emit(exc)
            return
        with self._guard:
            if self._cancelled:
                self._discard_result(result)
                return
        self._finished.emit(result)

    def _discard_result(self, result: Any) -> None:
        if self._discard is not None and result is not None:
            try:
                self._discard(result)
            except Exception:
                log.exception("discarding a cancelled task's result failed")

    # -- main thread ----------------------------------------------------------------
    def cancel(self) -> None:
        """Do not deliver the outcome; a result that still arrives is discarded."""
        with self._guard:
            self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def _finish(self) -> None:
        self.done = True
        _running.discard(self)

    @Slot(object)
    def _deliver_result(self, result: Any) -> None:
        self._finish()
        if self._cancelled:
            self._discard_result(result)
            return
        self._on_done(result)

    @Slot(object)
    def _deliver_error(self, exc: BaseException) -> None:
        self._finish()
        if not self._cancelled:
            self._on_error(exc)

    @Slot(int)
    def _deliver_progress(self, value: int) -> None:
        if self._on_progress is not None and not self._cancelled:
            self._on_progress(value)


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        self._task._run()


def run_in_background(
    work: Callable[..., Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    *,
    on_progress: Callable[[int], None] | None = None,
    discard: Callable[[Any], None] | None = None,
) -> Task:
    """Start ``work`` on the global thread pool.

    ``work()`` is called with no arguments, or with a thread-safe ``report(int)`` callable
    when ``on_progress`` is given. Call from the main thread only.
    """
    task = Task(work, on_done, on_error, on_progress, discard)
    _running.add(task)
    QThreadPool.globalInstance().start(_Runnable(task))
    return task


def running_tasks() -> list[Task]:
    return [task for task in _running if not task.done]


def cancel_all_and_wait(timeout_ms: int = 30_000) -> bool:
    """At shutdown: cancel every task and wait for the pool to finish."""
    for task in list(_running):
        task.cancel()
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
