"""Cyclic garbage is collected on the main thread, never on a worker that happens to allocate."""

from __future__ import annotations

import gc
import threading

from therapist_desk.ui.main_thread_gc import MainThreadGarbageCollector


class Cycle:
    """A reference cycle that records the thread its finaliser ran on."""

    threads: list[int] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cycle.threads.append(threading.get_ident())


def test_garbage_made_on_the_main_thread_is_collected_there_even_while_a_worker_allocates(qtbot, qapp):
    gc.enable()
    gc.collect()
    Cycle.threads = []
    collector = MainThreadGarbageCollector(qapp, interval_ms=20)
    try:
        assert not gc.isenabled()
        made = 2 * gc.get_threshold()[0]  # enough to be due for a collection
        for _ in range(made):
            Cycle()
        kept = []  # live containers made by the worker: far over every threshold
        worker = threading.Thread(target=lambda: kept.extend([[]] for _ in range(200_000)))
        worker.start()
        worker.join()
        assert Cycle.threads == []  # the worker's allocations did not start a collection
        qtbot.waitUntil(lambda: len(Cycle.threads) == made, timeout=5_000)
        assert set(Cycle.threads) == {threading.main_thread().ident}
    finally:
        collector.stop()
    assert gc.isenabled()


def test_it_collects_only_when_a_threshold_was_crossed(qapp):
    gc.enable()
    gc.collect()
    collector = MainThreadGarbageCollector(qapp, interval_ms=60_000)
    try:
        assert collector.collect_due() == 0  # nothing allocated since the last collection
        for _ in range(gc.get_threshold()[0] + 10):
            Cycle()
        assert collector.collect_due() > 0
    finally:
        collector.stop()
