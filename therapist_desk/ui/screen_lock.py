"""Hear the desktop lock the screen or go to sleep (D-Bus), so the vault can lock too.

Listens, where present, to logind's ``PrepareForSleep`` and our session's ``Lock`` on the
system bus, and to ``ActiveChanged`` of the freedesktop and GNOME screen savers on the
session bus. Without D-Bus (a container, another platform) it quietly does nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import SLOT, QObject, Signal, Slot

log = logging.getLogger(__name__)

LOGIN1 = "org.freedesktop.login1"
SCREEN_SAVERS = [
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("org.freedesktop.ScreenSaver", "/ScreenSaver", "org.freedesktop.ScreenSaver"),  # KDE
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
]


def _slot(signature: str) -> Any:
    # The "1name(args)" string form; PySide6 wants a str here although its stubs say bytes.
    return SLOT(signature)


class ScreenLockWatcher(QObject):
    """Emits ``screenLocked`` when the screen locks, the screen saver starts, or the laptop sleeps."""

    screenLocked = Signal(str)  # the reason, for the log: "sleep", "session-lock", "screensaver"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.subscriptions: list[str] = []
        try:
            self._subscribe()
        except Exception:  # D-Bus trouble must never stop the app from starting
            log.warning("could not listen for screen lock on D-Bus")

    def _subscribe(self) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection, QDBusInterface
        except ImportError:
            return
        system = QDBusConnection.systemBus()
        if system.isConnected():
            if system.connect(
                LOGIN1,
                "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager",
                "PrepareForSleep",
                self,
                _slot("on_prepare_for_sleep(bool)"),
            ):
                self.subscriptions.append("PrepareForSleep")
            session_path = self._login_session_path(system, QDBusInterface)
            if session_path and system.connect(
                LOGIN1,
                session_path,
                "org.freedesktop.login1.Session",
                "Lock",
                self,
                _slot("on_session_lock()"),
            ):
                self.subscriptions.append("Session.Lock")
        bus = QDBusConnection.sessionBus()
        if bus.isConnected():
            for service, path, interface in SCREEN_SAVERS:
                if bus.connect(
                    service, path, interface, "ActiveChanged", self, _slot("on_screensaver_active(bool)")
                ):
                    self.subscriptions.append(f"{service}{path}.ActiveChanged")

    @staticmethod
    def _login_session_path(system: object, interface_class: type) -> str:
        manager = interface_class(LOGIN1, "/org/freedesktop/login1", "org.freedesktop.login1.Manager", system)
        if not manager.isValid():
            return ""
        manager.setTimeout(1000)  # never hold up start-up for long
        reply = manager.call("GetSession", "auto")  # "auto": the session this process runs in
        arguments = reply.arguments()
        if not arguments:
            return ""
        value = arguments[0]
        path = value.path() if hasattr(value, "path") else str(value)
        return path if path.startswith("/org/freedesktop/login1/session/") else ""

    @Slot(bool)
    def on_prepare_for_sleep(self, going_to_sleep: bool) -> None:
        if going_to_sleep:
            self.screenLocked.emit("sleep")

    @Slot()
    def on_session_lock(self) -> None:
        self.screenLocked.emit("session-lock")

    @Slot(bool)
    def on_screensaver_active(self, active: bool) -> None:
        if active:
            self.screenLocked.emit("screensaver")
