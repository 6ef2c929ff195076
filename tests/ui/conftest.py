"""Fixtures for driving the real window offscreen with a cheap KDF, a fake clock and scripted dialogs."""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from tests.conftest import PASSPHRASE
from therapist_desk.app import create_main_window
from therapist_desk.domain.clock import FakeClock
from therapist_desk.paths import AppPaths
from therapist_desk.security.kdf import TEST_PROFILE
from therapist_desk.services.vault_store import VaultStore
from therapist_desk.settings import Settings
from therapist_desk.ui.dialogs import ScriptedDialogs
from therapist_desk.ui.main_window import MainWindow
from therapist_desk.ui.screen_lock import ScreenLockWatcher
from therapist_desk.ui.sections import Section, SectionRegistry


class DraftView(QWidget):
    """A stand-in section view: one editor whose draft is saved by a lock hook."""

    def __init__(self, services, parent: QWidget) -> None:
        super().__init__(parent)
        self.services = services
        self.editor = QLineEdit(self)
        self.editor.setAccessibleName("Draft")
        QVBoxLayout(self).addWidget(self.editor)
        services.add_lock_hook(self.save_draft)

    def save_draft(self) -> None:
        if self.editor.text():
            self.services.vault.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('test-draft', ?)", (self.editor.text(),)
            )


class QuietView(QWidget):
    def __init__(self, services, parent: QWidget) -> None:
        super().__init__(parent)


def draft_views() -> list[QWidget]:
    return [w for w in QApplication.allWidgets() if isinstance(w, DraftView | QuietView)]


@pytest.fixture(autouse=True)
def wait_for_workers():
    # Cyclic garbage collection runs only at this quiet point, after the pool has drained: in a
    # clean-clone CI run the collector, triggered on the main thread while a worker was still
    # building demo data, once collected Qt wrappers of an earlier test and crashed the process.
    gc.disable()
    try:
        yield
    finally:
        QThreadPool.globalInstance().waitForDone(30_000)
        QApplication.processEvents()
        gc.enable()
        gc.collect()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))


@pytest.fixture
def dialogs() -> ScriptedDialogs:
    return ScriptedDialogs()


@pytest.fixture
def registry() -> SectionRegistry:
    return SectionRegistry(
        [
            Section(
                id="journal", title="Journal", icon="journal", shortcut="Ctrl+2", order=20, create=DraftView
            ),
            Section(
                id="caseload",
                title="Caseload",
                icon="caseload",
                shortcut="Ctrl+3",
                order=30,
                create=QuietView,
            ),
        ]
    )


@pytest.fixture
def settings(paths: AppPaths) -> Settings:
    return Settings.for_paths(paths)


@pytest.fixture
def screen_watcher() -> ScreenLockWatcher:
    return ScreenLockWatcher()


@pytest.fixture
def make_window(qtbot, paths, clock, dialogs, registry, settings, screen_watcher) -> Callable[[], MainWindow]:
    def make() -> MainWindow:
        window = create_main_window(
            paths,
            kdf_profile=TEST_PROFILE,
            clock=clock,
            dialogs=dialogs,
            settings=settings,
            sections=registry,
            screen_watcher=screen_watcher,
        )
        qtbot.addWidget(window)
        window.resize(1000, 700)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def recovery_code(store: VaultStore) -> str:
    """An existing vault (closed) with PASSPHRASE; returns its recovery code."""
    unlocked, code = store.create(PASSPHRASE)
    unlocked.close()
    return code


def unlock_via_ui(qtbot, window: MainWindow, passphrase: str = PASSPHRASE) -> None:
    page = window.lock_screen.unlock_page
    qtbot.keyClicks(page.passphrase, passphrase)
    page.unlock_button.click()
    qtbot.waitUntil(lambda: window.bridge.session.is_unlocked or page.error.isVisible(), timeout=20_000)


@pytest.fixture
def unlocked_window(qtbot, make_window, recovery_code) -> MainWindow:
    window = make_window()
    unlock_via_ui(qtbot, window)
    assert window.bridge.session.is_unlocked
    return window


def activate(qtbot, window: MainWindow) -> None:
    """Make the window active so its shortcuts fire (offscreen needs a nudge)."""
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
