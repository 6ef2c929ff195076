"""Copy secrets (the recovery code) to the clipboard and take them back.

The clipboard is cleared after a delay, and on lock, but only if it still holds what we put
there: text the user copied since then from elsewhere is left alone.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

CLEAR_AFTER_MS = 30_000


class ClipboardGuard(QObject):
    def __init__(self, parent: QObject | None = None, clear_after_ms: int = CLEAR_AFTER_MS) -> None:
        super().__init__(parent)
        self._ours: str | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(clear_after_ms)
        self.timer.timeout.connect(self.clear_if_ours)

    @property
    def holds_ours(self) -> bool:
        return self._ours is not None

    def copy(self, text: str) -> None:
        """Put ``text`` on the clipboard; it is cleared after the delay if still there."""
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(text, QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection():
            clipboard.setText(text, QClipboard.Mode.Selection)
        self._ours = text
        self.timer.start()

    def clear_if_ours(self) -> None:
        self.timer.stop()
        if self._ours is None:
            return
        clipboard = QGuiApplication.clipboard()
        modes = [QClipboard.Mode.Clipboard]
        if clipboard.supportsSelection():
            modes.append(QClipboard.Mode.Selection)
        for mode in modes:
            if clipboard.text(mode) == self._ours:
                clipboard.clear(mode)
        self._ours = None
