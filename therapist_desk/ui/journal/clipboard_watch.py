"""Text copied out of a note must not stay on the clipboard once the vault is locked.

While the focus is inside the journal, every clipboard (and X11 selection) change is
remembered in memory; at lock, whatever is still there from us is cleared. Text the user
copied from elsewhere since then is left alone.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget


class NoteClipboard(QObject):
    def __init__(self, area: QWidget) -> None:
        super().__init__(area)
        self._area = area
        self._copied: dict[QClipboard.Mode, str] = {}
        clipboard = QGuiApplication.clipboard()
        # Bound methods of a QObject: Qt drops the connections when this object goes.
        clipboard.dataChanged.connect(self._clipboard_changed)
        clipboard.selectionChanged.connect(self._selection_changed)

    def _clipboard_changed(self) -> None:
        self._remember(QClipboard.Mode.Clipboard)

    def _selection_changed(self) -> None:
        self._remember(QClipboard.Mode.Selection)

    def _remember(self, mode: QClipboard.Mode) -> None:
        focus = QApplication.focusWidget()
        if focus is not None and (focus is self._area or self._area.isAncestorOf(focus)):
            self._copied[mode] = QGuiApplication.clipboard().text(mode)

    def clear_if_ours(self) -> None:
        clipboard = QGuiApplication.clipboard()
        for mode, text in self._copied.items():
            if text and clipboard.text(mode) == text:
                clipboard.clear(mode)
        self._copied.clear()
