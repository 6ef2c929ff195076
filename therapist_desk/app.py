"""Composition root: the one place that knows every concrete class and wires the window.

``cli.main`` calls ``run_gui(paths)`` when no command is given. Tests build the same window
with ``create_main_window(paths, kdf_profile=TEST_PROFILE, clock=FakeClock(...), dialogs=...)``.

Features plug in at two points here: a field on ``Services`` (built in ``build_services``
from the unlocked vault) and one ``registry.add(...)`` line in ``build_sections``.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import logging
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from therapist_desk import APP_DISPLAY_NAME, APP_NAME
from therapist_desk.domain.clock import Clock, SystemClock
from therapist_desk.logsetup import install_excepthook
from therapist_desk.paths import AppPaths
from therapist_desk.security.kdf import PRODUCT_PROFILE, KdfProfile
from therapist_desk.services.kept_work import KeptWork
from therapist_desk.services.session import VaultSession
from therapist_desk.services.vault_store import UnlockedVault, VaultStore
from therapist_desk.settings import Settings
from therapist_desk.ui.bench_hook import StartReport
from therapist_desk.ui.caseload import CASELOAD_SECTION
from therapist_desk.ui.dashboard import DASHBOARD_SECTION
from therapist_desk.ui.dialogs import DialogService, QtDialogService
from therapist_desk.ui.first_paint import after_first_paint
from therapist_desk.ui.journal import JOURNAL_SECTION
from therapist_desk.ui.kept_work import guard_kept_work
from therapist_desk.ui.main_thread_gc import MainThreadGarbageCollector
from therapist_desk.ui.main_window import MainWindow
from therapist_desk.ui.navigation import Navigator
from therapist_desk.ui.resources import app_icon
from therapist_desk.ui.screen_lock import ScreenLockWatcher
from therapist_desk.ui.sections import SectionRegistry
from therapist_desk.ui.selfcare import SELF_CARE_SECTION
from therapist_desk.ui.session_bridge import SessionBridge
from therapist_desk.ui.single_instance import Claim, SingleInstance
from therapist_desk.ui.supervision import SUPERVISION_SECTION
from therapist_desk.ui.theme import follow_system
from therapist_desk.ui.trends import TRENDS_SECTION
from therapist_desk.ui.workers import cancel_all_and_wait

if TYPE_CHECKING:
    # The feature services load in build_services, at unlock: importing them (and their domain
    # tables) at start-up would delay the unlock window.
    from therapist_desk.services.caseload import CaseloadService
    from therapist_desk.services.dashboard import DashboardService
    from therapist_desk.services.journal import JournalService
    from therapist_desk.services.selfcare import SelfCareService
    from therapist_desk.services.selfcare_indicators import IndicatorService
    from therapist_desk.services.selfcare_trends import SelfCareTrends
    from therapist_desk.services.summary_composer import SummaryComposer
    from therapist_desk.services.supervision import SupervisionService
    from therapist_desk.services.trends import TrendsService
    from therapist_desk.storage.vault import Vault

log = logging.getLogger(__name__)
EXIT_LOCKED_BY_OTHER = 5


@dataclass(frozen=True, kw_only=True)
class Services:
    """Everything a section view may use while the vault is unlocked (rebuilt on each unlock)."""

    unlocked: UnlockedVault
    clock: Clock
    # Called, in order, when the vault is about to lock (and before a data key rotation):
    # save drafts here. Cleared with the services, so hooks never outlive their view.
    lock_hooks: list[Callable[[], None]] = field(default_factory=list)
    # "Open X" requests between sections (ui/navigation.py); one per window, attached by
    # create_main_window. A detached one (tests, tools) simply does nothing.
    navigator: Navigator = field(default_factory=Navigator)
    # Drafts a lock could not save, sealed until the next unlock (services/kept_work.py); one per
    # window, shared by every unlocked period.
    kept: KeptWork = field(default_factory=KeptWork)
    caseload: CaseloadService
    journal: JournalService
    selfcare: SelfCareService
    selfcare_trends: SelfCareTrends
    indicators: IndicatorService
    trends: TrendsService
    supervision: SupervisionService
    summary_composer: SummaryComposer

    @property
    def vault(self) -> Vault:
        return self.unlocked.vault

    @functools.cached_property
    def dashboard(self) -> DashboardService:
        # Built from the services above on first use (cached_property works on frozen dataclasses).
        from therapist_desk.services.dashboard import DashboardService

        return DashboardService(
            clock=self.clock,
            caseload=self.caseload,
            selfcare=self.selfcare,
            indicators=self.indicators,
            prompts=self.journal.prompts,
        )

    def add_lock_hook(self, hook: Callable[[], None]) -> None:
        self.lock_hooks.append(hook)

    def keep_unsaved(self, name: str, payload: dict[str, Any]) -> None:
        """From a lock hook whose save failed: seal ``payload`` until the next unlock."""
        self.kept.keep(name, payload, self.unlocked.data_key, vault_id=self.unlocked.key_file.vault_id)

    def take_kept(self, name: str) -> dict[str, Any] | None:
        """What a lock hook kept under ``name`` for this vault, once; None when nothing."""
        return self.kept.take(name, self.unlocked.data_key)


def build_services(
    unlocked: UnlockedVault,
    clock: Clock | None = None,
    navigator: Navigator | None = None,
    kept: KeptWork | None = None,
) -> Services:
    """The services for one unlocked period."""
    from therapist_desk.services.caseload import CaseloadService
    from therapist_desk.services.summary_composer import SummaryComposer
    from therapist_desk.services.supervision import SupervisionService
    from therapist_desk.services.trends import TrendsService

    clock = clock or SystemClock()
    return Services(
        unlocked=unlocked,
        clock=clock,
        navigator=navigator or Navigator(),
        kept=kept if kept is not None else KeptWork(),
        caseload=CaseloadService(unlocked.vault, clock),
        journal=_journal_service(unlocked.vault, clock),
        trends=TrendsService(unlocked.vault, clock),
        supervision=SupervisionService(unlocked.vault, clock),
        summary_composer=SummaryComposer(unlocked.vault, clock),
        **_selfcare_services(unlocked.vault, clock),
    )


def _journal_service(vault: Vault, clock: Clock) -> JournalService:
    """The journal, after removing notes that have been in the trash for more than 30 days."""
    from therapist_desk.services.journal import JournalService

    journal = JournalService(vault, clock)
    try:
        journal.purge_expired()
    except Exception:  # an unlock must not fail over housekeeping; it is retried next time
        log.warning("expired notes in the trash could not be purged")
    return journal


def _selfcare_services(vault: Vault, clock: Clock) -> dict[str, Any]:
    """Self-care services; the indicators read the caseload's weekly hours and active clients and
    the journal's bias-reflection coverage through small providers (no service imports another)."""
    from therapist_desk.services.indicator_sources import build_indicator_service
    from therapist_desk.services.selfcare import SelfCareService
    from therapist_desk.services.selfcare_trends import SelfCareTrends

    return {
        "selfcare": SelfCareService(vault, clock),
        "selfcare_trends": SelfCareTrends(vault),
        "indicators": build_indicator_service(vault, clock),
    }


def build_sections() -> SectionRegistry:
    """The sidebar's sections. Each feature adds one line (see ui/sections.py)."""
    registry = SectionRegistry()
    registry.add(DASHBOARD_SECTION)
    registry.add(JOURNAL_SECTION)
    registry.add(CASELOAD_SECTION)
    registry.add(SELF_CARE_SECTION)
    registry.add(TRENDS_SECTION)
    registry.add(SUPERVISION_SECTION)
    return registry


def _run_section_lock_hooks(session: VaultSession[Services]) -> None:
    services = session.services
    for hook in list(services.lock_hooks):
        try:
            hook()
        except Exception:  # a failing hook must never keep the vault open
            log.exception("section lock hook failed")
    services.lock_hooks.clear()


def create_main_window(
    paths: AppPaths,
    *,
    kdf_profile: KdfProfile = PRODUCT_PROFILE,
    clock: Clock | None = None,
    dialogs: DialogService | None = None,
    settings: Settings | None = None,
    sections: SectionRegistry | None = None,
    screen_watcher: ScreenLockWatcher | None = None,
    attach: bool = True,
) -> MainWindow:
    """Build the store, session, bridge and window (a QApplication must already exist).

    ``attach=False`` leaves out ``attach_features``; ``run_gui`` calls it after the first frame.
    """
    clock = clock or SystemClock()
    store = VaultStore(paths, kdf_profile, clock)
    navigator = Navigator()
    kept = KeptWork()
    session: VaultSession[Services] = VaultSession(
        store, partial(build_services, clock=clock, navigator=navigator, kept=kept)
    )
    session.add_lock_hook(partial(_run_section_lock_hooks, session))
    bridge = SessionBridge(session)
    window = MainWindow(
        bridge=bridge,
        settings=settings or Settings.for_paths(paths),
        registry=sections if sections is not None else build_sections(),
        dialogs=dialogs or QtDialogService(),
        clock=clock,
        screen_watcher=screen_watcher,
    )
    bridge.setParent(window)
    # After the views are deleted (deleteLater runs before the zero-delay timer fires).
    bridge.locked.connect(lambda: QTimer.singleShot(0, release_free_memory))
    navigator.attach(window)
    guard_kept_work(window, kept)
    if attach:
        attach_features(window, clock)
    return window


def attach_features(window: MainWindow, clock: Clock) -> None:
    """The window's parts that typing a passphrase does not need: the Vault menu's backup,
    restore, export and import actions with the backup notice, the check-in reminder and the
    demo-vault hooks. ``run_gui`` attaches them just after the unlock screen's first frame, so
    that screen appears sooner (benchmarks/README.md: ``start_to_ready_ms``); an unlock cannot
    finish before then, as it waits for the passphrase and the key derivation.
    """
    from therapist_desk.ui.data_actions import attach_data_actions
    from therapist_desk.ui.demo_mode import attach_demo_mode
    from therapist_desk.ui.selfcare.reminder import attach_check_in_reminder

    attach_check_in_reminder(window)
    attach_data_actions(window, clock)
    attach_demo_mode(window, clock)


def configure_application(app: QApplication) -> None:
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setDesktopFileName(APP_NAME)
    app.setWindowIcon(app_icon())
    follow_system(app)


def disable_core_dumps() -> None:
    """No core dumps or ptrace by other processes of this user: memory holds the data key."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 4
        except (OSError, AttributeError):
            log.warning("could not disable core dumps")


def release_free_memory() -> None:
    """Hand memory freed by a lock (views, models, caches) back to the system (glibc only).

    Python and Qt free it, but glibc keeps it in the process's heap; malloc_trim returns it, so a
    locked window stays small. Elsewhere (other libcs, other systems) this does nothing.
    """
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim, nothing wrong
        ctypes.CDLL(None).malloc_trim(0)


_showing_crash = False


def show_crash_dialog(log_dir: str, _exception_name: str) -> None:
    """Calm words, never the exception message (it may quote what the user typed)."""
    global _showing_crash
    if _showing_crash or QApplication.instance() is None:
        return
    _showing_crash = True
    try:
        QMessageBox.critical(None, APP_DISPLAY_NAME, crash_message(log_dir))
    finally:
        _showing_crash = False


def crash_message(log_dir: str) -> str:
    return QApplication.translate(
        "App",
        "Something went wrong. Your saved work is safe. Details without any of your content were written to {folder}.",
    ).format(folder=log_dir)


def quit_on_sigterm(app: QApplication) -> None:
    """SIGTERM (logout, shutdown) quits through the event loop, so drafts are saved and the vault locks."""
    signal.signal(signal.SIGTERM, lambda _signum, _frame: app.quit())
    # Python runs signal handlers only between bytecodes; an idle timer gives it the chance.
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(500)


def finish_start(window: MainWindow, clock: Clock, report: StartReport) -> None:
    """Runs once the unlock screen is on screen (``report`` times it for the benchmarks)."""
    report.shown()
    attach_features(window, clock)
    report.ready()


def run_gui(paths: AppPaths) -> int:
    """Open the window for the vault in ``paths.data_dir``; returns the exit status."""
    disable_core_dumps()
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME])
    assert isinstance(app, QApplication)
    configure_application(app)
    instance = SingleInstance(paths)
    claim = instance.claim()
    if claim is Claim.RAISED_OTHER:
        return 0
    if claim is Claim.HELD_ELSEWHERE:
        QMessageBox.warning(None, APP_DISPLAY_NAME, instance.held_message)
        return EXIT_LOCKED_BY_OTHER
    window: MainWindow | None = None
    collector = MainThreadGarbageCollector(app)  # never finalise Qt objects on a worker thread
    try:
        install_excepthook(show=partial(show_crash_dialog, str(paths.log_dir)))
        clock = SystemClock()
        window = create_main_window(paths, clock=clock, screen_watcher=ScreenLockWatcher(), attach=False)
        instance.raiseRequested.connect(window.bring_to_front)
        quit_on_sigterm(app)
        after_first_paint(window.stack, partial(finish_start, window, clock, StartReport()))
        window.show()
        return int(app.exec())
    finally:
        if window is not None:
            window.shutdown()
        cancel_all_and_wait()
        collector.stop()
        instance.release()
