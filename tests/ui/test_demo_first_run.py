"""Try with demo data: a separate demo vault beside the data folder, clearly labelled, and the way back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from tests.conftest import PASSPHRASE, assert_no_canary
from tests.ui.conftest import activate, unlock_via_ui
from therapist_desk import APP_DISPLAY_NAME
from therapist_desk.app import build_sections
from therapist_desk.domain.errors import WrongPassphrase
from therapist_desk.security.kdf import TEST_PROFILE
from therapist_desk.services.demo_vault import MARKER_NAME, build_demo_vault, demo_paths
from therapist_desk.services.vault_store import VaultStore
from therapist_desk.ui.backup_settings import AUTO_BACKUP
from therapist_desk.ui.main_window import MainWindow

DEMO_TITLE = f"{APP_DISPLAY_NAME} — DEMO DATA"


@pytest.fixture
def registry():
    return build_sections()  # the real Dashboard and Journal, to see the demo data in them


@pytest.fixture
def demo_store(paths) -> VaultStore:
    return VaultStore(demo_paths(paths), TEST_PROFILE)


@pytest.fixture
def window(make_window) -> MainWindow:
    window = make_window()
    window.demo_mode.years, window.demo_mode.scale = 1, 0.05  # small: a fraction of a second
    return window


def make_demo(qtbot, window: MainWindow) -> str:
    """From the welcome page to the demo vault's passphrase page; returns the passphrase."""
    first_run = window.first_run
    assert first_run is not None and first_run.currentWidget() is first_run.welcome
    qtbot.mouseClick(first_run.welcome.demo, Qt.MouseButton.LeftButton)
    page = window.demo_mode.page
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.open_button.isVisible() or page.error.isVisible(), timeout=20_000)
    assert not page.error.isVisible(), page.error.text()
    return page.passphrase.text()


def assert_demo_labels(window: MainWindow, demo_folder) -> None:
    assert window.windowTitle() == DEMO_TITLE
    banner = window.demo_mode.banner
    assert banner.isVisible() and banner.label.text() == "Demo vault: synthetic data, not yours"
    assert str(demo_folder) in window.path_label.text()
    assert window.demo_mode.leave_action.isVisible()


def assert_real_labels(window: MainWindow, paths) -> None:
    assert window.windowTitle() == APP_DISPLAY_NAME
    assert not window.demo_mode.banner.isVisible()
    assert window.path_label.text() == f"Vault: {paths.data_dir}"
    assert not window.demo_mode.leave_action.isVisible()
    assert window.bridge.store.paths == paths


def test_try_with_demo_data_makes_a_separate_labelled_vault_full_of_data(
    qtbot, window, paths, demo_store, settings
) -> None:
    welcome = window.first_run.welcome
    assert welcome.demo.accessibleName() == "Try with demo data"
    assert "&demo" in welcome.demo.text() and not welcome.demo.isDefault() and welcome.start.isDefault()
    assert welcome.demo.isVisible() and window.windowTitle() == APP_DISPLAY_NAME

    passphrase = make_demo(qtbot, window)
    assert len(passphrase.split()) == 6
    page = window.demo_mode.page
    assert page.passphrase.accessibleName() == "Demo vault passphrase"
    assert page.progress.value() == 100 or not page.progress.isVisible()
    assert_demo_labels(window, demo_store.paths.data_dir)
    assert not window.bridge.session.is_unlocked  # opened only when asked

    # The demo vault lives in the sibling folder; the real data folder stays empty.
    assert demo_store.paths.data_dir == paths.data_dir.parent / "data-demo"
    assert demo_store.exists() and (demo_store.paths.data_dir / MARKER_NAME).is_file()
    assert not paths.data_dir.exists() or not any(paths.data_dir.iterdir())
    assert demo_store.db_path.read_bytes()[:16] != b"SQLite format 3\0"

    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == passphrase
    assert window.clipboard.timer.isActive()

    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert window.bridge.session.is_unlocked
    assert window.stack.currentWidget() is window.workspace
    assert page.passphrase.text() == ""  # not kept on a hidden page
    assert_demo_labels(window, demo_store.paths.data_dir)

    dashboard = window.show_section("dashboard")
    assert dashboard.snapshot is not None and dashboard.snapshot.has_active_clients
    journal = window.show_section("journal")
    assert journal.model.rowCount() > 0
    # The demo vault is never backed up: no backup action, no backup among the real ones.
    assert not window.data_actions.backup_action.isEnabled()
    assert not window.data_actions.restore_action.isEnabled()
    assert settings.get(AUTO_BACKUP)

    window.bridge.lock()  # a lock (auto-backup on) while in the demo: still no backup anywhere
    assert window.bridge.session.state.value == "locked"
    assert window.stack.currentWidget() is window.lock_screen
    assert_demo_labels(window, demo_store.paths.data_dir)
    assert str(demo_store.paths.data_dir) in window.lock_screen.unlock_page.folder.text()
    assert not paths.data_dir.exists()
    assert not (demo_store.paths.data_dir / "backups").exists()
    assert QGuiApplication.clipboard().text() == ""  # the lock took our passphrase back
    note_text = demo_store.unlock(passphrase)
    try:
        phrase = note_text.vault.scalar("SELECT body FROM notes LIMIT 1").split(".")[0][:40]
    finally:
        note_text.close()
    assert_no_canary(phrase, demo_store.paths.data_dir, paths.config_dir, paths.cache_dir, paths.log_dir)
    assert_no_canary(passphrase, demo_store.paths.data_dir, paths.config_dir, paths.cache_dir, paths.log_dir)


def test_leave_demo_vault_returns_to_the_real_first_run(qtbot, window, paths, demo_store) -> None:
    make_demo(qtbot, window)
    window.demo_mode.page.open_button.click()
    assert window.bridge.session.is_unlocked
    journal = window.show_section("journal")
    assert journal is not None

    activate(qtbot, window)
    QTest.keyClick(
        window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: window.first_run is not None, timeout=10_000)
    assert not window.bridge.session.is_unlocked and not window.bridge.session.holds_connection
    assert window.stack.currentWidget() is window.first_run
    assert window.first_run.currentWidget() is window.first_run.welcome
    assert_real_labels(window, paths)
    assert window.workspace.section_views() == {}
    assert not paths.data_dir.exists() or not any(paths.data_dir.iterdir())
    assert demo_store.exists()  # kept for next time: its passphrase was shown

    # A real vault made now goes into the real folder, through the usual first run.
    first_run = window.first_run
    first_run.show_create()
    qtbot.keyClicks(first_run.create_page.form.first, PASSPHRASE)
    qtbot.keyClicks(first_run.create_page.form.second, PASSPHRASE)
    first_run.create_page.create_button.click()
    qtbot.waitUntil(lambda: first_run.currentWidget() is first_run.code_page, timeout=20_000)
    assert paths.db_path.exists()
    first_run.code_view.stored.setChecked(True)
    first_run.code_view.continue_button.click()
    assert window.bridge.session.is_unlocked and window.windowTitle() == APP_DISPLAY_NAME
    assert window.bridge.session.services.vault.scalar("SELECT COUNT(*) FROM notes") == 0


def test_the_welcome_shortcut_and_an_existing_demo_vault_open_its_unlock_screen(
    qtbot, window, paths, demo_store, clock
) -> None:
    build_demo_vault(demo_store, PASSPHRASE, clock, years=1, scale=0.05).close()
    activate(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # "Try with &demo data"
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.lock_screen)
    assert window.first_run is None
    assert_demo_labels(window, demo_store.paths.data_dir)
    assert window.demo_mode.banner.new_button.isVisible()

    unlock_via_ui(qtbot, window)
    assert window.bridge.session.is_unlocked
    assert window.bridge.session.services.vault.scalar("SELECT COUNT(*) FROM notes") > 0
    assert not window.demo_mode.banner.new_button.isVisible()  # only while locked

    window.demo_mode.banner.leave_button.click()
    qtbot.waitUntil(lambda: window.first_run is not None, timeout=10_000)
    assert_real_labels(window, paths)


def test_new_demo_data_replaces_the_demo_vault_after_a_confirmation(
    qtbot, window, dialogs, demo_store, clock
) -> None:
    build_demo_vault(demo_store, PASSPHRASE, clock, years=1, scale=0.05).close()
    qtbot.mouseClick(window.first_run.welcome.demo, Qt.MouseButton.LeftButton)
    banner = window.demo_mode.banner
    before = demo_store.keys_path.read_bytes()

    dialogs.script("confirm", False)
    banner.new_button.click()
    assert dialogs.calls[-1] == ("confirm", "New demo data")
    assert demo_store.keys_path.read_bytes() == before
    assert window.stack.currentWidget() is window.lock_screen

    dialogs.script("confirm", True)
    banner.new_button.click()
    page = window.demo_mode.page
    qtbot.waitUntil(lambda: page.open_button.isVisible() or page.error.isVisible(), timeout=20_000)
    new_passphrase = page.passphrase.text()
    assert new_passphrase and not page.error.isVisible()
    with pytest.raises(WrongPassphrase):
        demo_store.unlock(PASSPHRASE)
    page.open_button.click()
    assert window.bridge.session.is_unlocked
    assert window.bridge.store is window.demo_mode.demo_store


def test_a_vault_without_the_demo_marker_is_never_replaced(qtbot, window, dialogs, demo_store) -> None:
    demo_store.create(PASSPHRASE)[0].close()  # e.g. `therapist-desk demo --data-dir …-demo`
    files = {p.name: p.read_bytes() for p in demo_store.paths.data_dir.iterdir()}
    qtbot.mouseClick(window.first_run.welcome.demo, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.lock_screen  # opening it is fine
    window.demo_mode.banner.new_button.click()
    assert dialogs.calls[-1] == ("error", "New demo data")
    assert {p.name: p.read_bytes() for p in demo_store.paths.data_dir.iterdir()} == files


def test_leaving_returns_to_the_real_unlock_screen_when_a_real_vault_exists(
    qtbot, window, paths, store, demo_store
) -> None:
    make_demo(qtbot, window)
    window.demo_mode.page.open_button.click()
    store.create(PASSPHRASE)[0].close()  # made meanwhile (the command line)
    window.demo_mode.leave_action.trigger()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.lock_screen, timeout=10_000)
    qtbot.waitUntil(lambda: not window.demo_mode.banner.isVisible())
    assert window.first_run is None
    assert_real_labels(window, paths)
    assert str(paths.data_dir) in window.lock_screen.unlock_page.folder.text()
    unlock_via_ui(qtbot, window)
    assert window.bridge.session.is_unlocked
    assert window.bridge.session.services.vault.scalar("SELECT COUNT(*) FROM notes") == 0


def test_closing_the_window_on_the_passphrase_page_closes_the_demo_vault(qtbot, window, demo_store) -> None:
    make_demo(qtbot, window)
    held = window.demo_mode._held
    assert held is not None and held.vault.is_open
    window.close()
    assert not held.vault.is_open and set(held.data_key) == {0}
    assert demo_store.exists()  # its passphrase was shown: kept for next time
