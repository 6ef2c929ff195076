"""Auto-lock after idle time (injected clock), and on screen lock / sleep."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import Qt

from tests.conftest import REPO_ROOT
from tests.ui.conftest import draft_views
from therapist_desk.settings import AUTO_LOCK_MINUTES, LOCK_ON_SCREEN_LOCK
from therapist_desk.ui.main_window import MainWindow


def test_locks_after_the_idle_time(qtbot, unlocked_window: MainWindow, clock):
    window = unlocked_window
    idle = window.idle_lock
    assert idle.armed
    clock.advance(9 * 60)
    idle.check()
    assert window.bridge.session.is_unlocked

    # Input anywhere in the app resets the idle time.
    qtbot.keyClick(window.workspace.section_views()["journal"].editor, Qt.Key.Key_A)
    clock.advance(9 * 60)
    idle.check()
    assert window.bridge.session.is_unlocked

    clock.advance(61)
    idle.check()
    assert not window.bridge.session.is_unlocked
    assert not window.bridge.session.holds_connection
    assert not idle.armed
    qtbot.waitUntil(lambda: draft_views() == [])


def test_the_timer_itself_fires_the_check(qtbot, unlocked_window: MainWindow, clock, settings):
    window = unlocked_window
    settings.set(AUTO_LOCK_MINUTES, 2)
    window.idle_lock.timer.setInterval(10)
    clock.advance(2 * 60 + 1)
    qtbot.waitUntil(lambda: not window.bridge.session.is_unlocked, timeout=5_000)


def test_auto_lock_minutes_setting_is_honoured(qtbot, unlocked_window: MainWindow, clock, settings):
    window = unlocked_window
    settings.set(AUTO_LOCK_MINUTES, 30)
    clock.advance(20 * 60)
    window.idle_lock.check()
    assert window.bridge.session.is_unlocked
    clock.advance(10 * 60)
    window.idle_lock.check()
    assert not window.bridge.session.is_unlocked


def test_wall_clock_gap_counts_too(qtbot, unlocked_window: MainWindow, clock):
    """Asleep, monotonic time stands still; the wall clock still moved on."""
    from datetime import timedelta

    clock._now += timedelta(hours=3)  # as after a night in suspend
    unlocked_window.idle_lock.check()
    assert not unlocked_window.bridge.session.is_unlocked


def test_idle_timer_is_not_running_while_locked(qtbot, make_window, recovery_code, clock):
    window = make_window()
    assert not window.idle_lock.armed
    clock.advance(3600)
    window.idle_lock.check()  # nothing to lock, nothing breaks


def test_screen_lock_locks_the_vault(qtbot, unlocked_window: MainWindow, screen_watcher):
    screen_watcher.on_screensaver_active(False)
    assert unlocked_window.bridge.session.is_unlocked
    screen_watcher.on_screensaver_active(True)
    assert not unlocked_window.bridge.session.is_unlocked


@pytest.mark.parametrize("signal", ["sleep", "session"])
def test_sleep_and_session_lock(qtbot, unlocked_window: MainWindow, screen_watcher, signal):
    if signal == "sleep":
        screen_watcher.on_prepare_for_sleep(False)  # waking up is not a reason
        assert unlocked_window.bridge.session.is_unlocked
        screen_watcher.on_prepare_for_sleep(True)
    else:
        screen_watcher.on_session_lock()
    assert not unlocked_window.bridge.session.is_unlocked


def test_screen_lock_ignored_when_turned_off(qtbot, unlocked_window: MainWindow, screen_watcher, settings):
    settings.set(LOCK_ON_SCREEN_LOCK, False)
    screen_watcher.on_screensaver_active(True)
    assert unlocked_window.bridge.session.is_unlocked


def test_without_dbus_the_watcher_is_silent(tmp_path):
    script = (
        "from PySide6.QtCore import QCoreApplication\n"
        "from therapist_desk.ui.screen_lock import ScreenLockWatcher\n"
        "app = QCoreApplication([])\n"
        "assert ScreenLockWatcher().subscriptions == []\n"
    )
    nowhere = f"unix:path={tmp_path}/no-such-bus"
    env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=nowhere, DBUS_SYSTEM_BUS_ADDRESS=nowhere)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr


DBUS_SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtDBus import QDBusConnection, QDBusMessage
    from therapist_desk.ui.screen_lock import ScreenLockWatcher

    app = QCoreApplication([])
    bus = QDBusConnection.sessionBus()
    assert bus.isConnected()
    assert bus.registerService("org.freedesktop.ScreenSaver")
    watcher = ScreenLockWatcher()
    assert any("ActiveChanged" in s for s in watcher.subscriptions), watcher.subscriptions
    seen = []
    watcher.screenLocked.connect(seen.append)

    def emit():
        message = QDBusMessage.createSignal("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged")
        message.setArguments([True])
        bus.send(message)

    QTimer.singleShot(100, emit)
    QTimer.singleShot(3000, app.quit)
    watcher.screenLocked.connect(lambda _reason: app.quit())
    app.exec()
    sys.exit(0 if seen == ["screensaver"] else 1)
    """
)


@pytest.mark.skipif(shutil.which("dbus-run-session") is None, reason="no dbus-run-session on this machine")
def test_screensaver_signal_over_a_real_session_bus(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DBUS_")}
    result = subprocess.run(
        ["dbus-run-session", "--", sys.executable, "-c", DBUS_SCRIPT],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
