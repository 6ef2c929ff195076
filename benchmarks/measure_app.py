"""In-process measurements on the real window (offscreen): unlock to first section, search, save,
caseload model, chart redraw, and the plain-SQLite comparison. Medians of ``repeats`` runs.

Timers are ``time.perf_counter_ns``. Each measured operation is what the window itself does:
``SessionBridge.adopt`` (the same path as a finished unlock, minus the KDF), the journal
service's search as the search box calls it, an autosave through ``JournalService.save``,
``CaseloadService.caseload()`` plus the table model, and ``TrendsView.set_range`` plus a
synchronous repaint.
"""

from __future__ import annotations

import dataclasses
import resource
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from plain_sqlite import PlainVault, export_plain_copy
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from therapist_desk.app import configure_application, create_main_window
from therapist_desk.domain.clock import Clock
from therapist_desk.paths import AppPaths
from therapist_desk.security.kdf import PRODUCT_PROFILE
from therapist_desk.services.caseload import CaseloadService
from therapist_desk.services.journal import JournalService

# What a user types into the journal's search box, one keystroke at a time, and a few
# finished searches. Prefixes of one letter are included: the box searches from the first key.
TYPED = ("craving", "boundaries", "supervision", "relapse prevention", "family session")
FINISHED = ("shame ", "motivational interviewing ", "sponsor ", "burnout ")


def search_queries() -> list[str]:
    queries = [word[:n] for word in TYPED for n in range(1, len(word) + 1) if word[:n].strip()]
    return list(dict.fromkeys([*queries, *FINISHED]))


def ms(ns: int) -> float:
    return ns / 1e6


def median_ms(action: Callable[[], Any], repeats: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter_ns()
        action()
        samples.append(time.perf_counter_ns() - start)
    return ms(int(statistics.median(samples)))


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def current_rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def _settle(app: QApplication) -> None:
    """What the running event loop does after a lock: handle posted events, including the
    deferred deletion of the section views (processEvents alone leaves those pending)."""
    app.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class _PaintWatcher(QObject):
    """Notices the first paint of the current section view after an unlock."""

    def __init__(self, window: Any) -> None:
        super().__init__()
        self.window = window
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if not self.painted and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            view = self.window.workspace.content.currentWidget()
            shown = view is not None and view is not self.window.workspace.home
            if shown and (watched is view or view.isAncestorOf(watched)):
                self.painted = True
        return False


def _wait(app: QApplication, done: Callable[[], bool], seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        app.processEvents()
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not paint in time")


def measure_window(
    paths: AppPaths, passphrase: str, clock: Clock, repeats: int, plain_path: Path
) -> dict[str, Any]:
    app = QApplication.instance() or QApplication(["therapist-desk-benchmark"])
    configure_application(app)
    window = create_main_window(paths, kdf_profile=PRODUCT_PROFILE, clock=clock)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    result: dict[str, Any] = {"rss_window_shown_mib": current_rss_mib()}
    watcher = _PaintWatcher(window)
    app.installEventFilter(watcher)
    store = window.bridge.store

    dashboard = []
    for _ in range(repeats):
        unlocked = store.unlock(passphrase)  # the KDF is measured separately (kdf_ms)
        watcher.painted = False
        start = time.perf_counter_ns()
        window.bridge.adopt(unlocked)
        _wait(app, lambda: watcher.painted)
        dashboard.append(time.perf_counter_ns() - start)
        window.bridge.lock()
        _settle(app)
    app.removeEventFilter(watcher)
    result["unlock_to_dashboard_ms"] = ms(int(statistics.median(dashboard)))
    result["first_section"] = window.workspace.current_section or "home"

    window.bridge.adopt(store.unlock(passphrase))
    app.processEvents()
    vault = window.bridge.session.unlocked_vault.vault
    journal = JournalService(vault, clock)
    queries = search_queries()
    per_query = {q: median_ms(lambda q=q: journal.search(q), repeats) for q in queries}
    result["search_queries_ms"] = per_query
    result["search_ms"] = statistics.median(per_query.values())
    result["search_max_ms"] = max(per_query.values())
    result["search_slowest_query"] = max(per_query, key=per_query.__getitem__)

    newest = journal.list_notes(limit=1)[0]
    note = journal.get(newest.id)
    edits = iter(range(10_000))

    def autosave() -> None:
        draft = dataclasses.replace(note.draft, body=f"{note.body} Autosave {next(edits)}.")
        assert journal.save(note.id, draft).changed

    result["save_note_ms"] = median_ms(autosave, max(repeats, 15))
    journal.save(note.id, note.draft)  # leave the note as it was

    caseload = CaseloadService(vault, clock)
    try:
        from therapist_desk.ui.caseload.table_model import CaseloadTableModel

        model = CaseloadTableModel()
        result["caseload_model_ms"] = median_ms(lambda: model.set_entries(caseload.caseload()), repeats)
        result["caseload_source"] = "CaseloadService.caseload() + CaseloadTableModel.set_entries"
    except ImportError:
        result["caseload_model_ms"] = median_ms(caseload.caseload, repeats)
        result["caseload_source"] = "CaseloadService.caseload() (no table model yet)"

    result.update(_chart_redraw(app, window, clock, repeats))
    result["peak_rss_mib"] = peak_rss_mib()

    export_plain_copy(vault, plain_path)
    plain = PlainVault(plain_path)
    try:
        plain_journal = JournalService(plain, clock)  # type: ignore[arg-type] (same three methods)
        plain_per_query = {q: median_ms(lambda q=q: plain_journal.search(q), repeats) for q in queries}
    finally:
        plain.close()
    result["sqlite_search_queries_ms"] = plain_per_query
    result["sqlite_search_ms"] = statistics.median(plain_per_query.values())
    result["sqlite_search_max_ms"] = max(plain_per_query.values())

    window.bridge.lock()
    _settle(app)
    window.close()
    app.processEvents()
    return result


def _chart_redraw(app: QApplication, window: Any, clock: Clock, repeats: int) -> dict[str, Any]:
    """Change the Trends range to the whole history on every page; the slowest page counts."""
    today = clock.today()
    first = today - timedelta(days=365)
    oldest = window.bridge.session.unlocked_vault.vault.scalar("SELECT min(day) FROM self_care_checkins")
    if oldest:
        first = date.fromisoformat(oldest)
    year_ago = today - timedelta(days=365)
    window.workspace.select("trends")
    app.processEvents()
    view = window.workspace.section_views().get("trends")
    if view is not None and hasattr(view, "set_range") and hasattr(view, "pages"):
        per_page = {}
        for page in view.pages:
            view.show_page(page.page_id)
            app.processEvents()
            samples = []
            for _ in range(repeats + 1):  # the first round warms up and is dropped
                view.set_range(year_ago, today)
                _drawn(app, view)
                begin = time.perf_counter_ns()
                view.set_range(first, today)
                _drawn(app, view)
                samples.append(time.perf_counter_ns() - begin)
            per_page[page.page_id] = ms(int(statistics.median(samples[1:])))
        return {
            "chart_redraw_ms": max(per_page.values()),
            "chart_redraw_pages_ms": per_page,
            "chart_redraw_source": "TrendsView.set_range(whole history), events processed, repainted; slowest page",
        }
    return _chart_from_services(window, first, today, repeats)


def _drawn(app: QApplication, view: QWidget) -> None:
    """Let the charts take in their new data and paint it: QGraphicsScene batches its updates
    into posted events, so a bare repaint() would paint the old scene."""
    app.processEvents()
    view.repaint()
    app.processEvents()


def _chart_from_services(window: Any, first: Any, today: Any, repeats: int) -> dict[str, Any]:
    services = window.bridge.session.services

    def aggregate() -> None:
        services.selfcare_trends.rolling_mean("exhaustion", first, today, 7)
        services.selfcare_trends.weekly_series("energy", first, today)
        services.selfcare_trends.score_series("cbi", "work", first, today)
        services.caseload.weekly_load(first, today)

    return {
        "chart_redraw_ms": median_ms(aggregate, repeats),
        "chart_redraw_pages_ms": {},
        "chart_redraw_source": "services' series aggregation only (no Trends view found)",
    }
