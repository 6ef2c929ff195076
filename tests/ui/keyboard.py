"""Keyboard helpers shared by the section UI tests: type where the focus is, open a section by
its shortcut, find a section's views."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.conftest import activate
from therapist_desk.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

View = TypeVar("View", bound=QWidget)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the keyboard focus is, as a user would type it (shortcuts included)."""
    qtbot.keyClick(focused(), key, modifiers)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def open_section(qtbot, window: MainWindow, key: Qt.Key, section_id: str, view_type: type[View]) -> View:
    """Ctrl+<key>, the way a user opens a section; returns the section's view once it shows."""
    activate(qtbot, window)
    qtbot.keyClick(window, key, CTRL)
    view = window.workspace.section_views().get(section_id)
    assert isinstance(view, view_type)
    qtbot.waitUntil(view.isVisible)
    return view


def views_of(view_type: type[QWidget]) -> list[QWidget]:
    """Every live widget of ``view_type`` (to prove a lock dropped them all)."""
    return [w for w in QApplication.allWidgets() if isinstance(w, view_type)]
