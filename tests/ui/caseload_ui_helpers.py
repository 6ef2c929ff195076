"""Helpers for the Caseload UI tests: open the section, drive it with the keyboard only."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.conftest import activate
from therapist_desk.domain.caseload import SessionDraft
from therapist_desk.ui.caseload import CaseloadView
from therapist_desk.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def focus_widget(qtbot) -> QWidget:
    """Where a key press goes: the focused widget, else the active window itself."""
    qtbot.waitUntil(lambda: (QApplication.focusWidget() or QApplication.activeWindow()) is not None)
    widget = QApplication.focusWidget() or QApplication.activeWindow()
    assert widget is not None
    return widget


def key(qtbot, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """One key press sent where the keyboard focus is, as a user's would be."""
    QTest.keyClick(focus_widget(qtbot), k, modifier)


def type_text(qtbot, text: str) -> None:
    QTest.keyClicks(focus_widget(qtbot), text)


def open_caseload(qtbot, window: MainWindow) -> CaseloadView:
    """Ctrl+3, as the user would; returns the section's view."""
    activate(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(lambda: "caseload" in window.workspace.section_views())
    view = window.workspace.section_views()["caseload"]
    assert isinstance(view, CaseloadView)
    qtbot.waitUntil(view.isVisible)
    return view


def wait_active(qtbot, widget: QWidget) -> None:
    qtbot.waitUntil(lambda: widget.isVisible() and QApplication.activeWindow() is widget)


def row_of(view: CaseloadView, alias: str) -> int:
    for row in range(view.proxy.rowCount()):
        if view.proxy.index(row, 0).data() == alias:
            return row
    return -1


def shown_aliases(view: CaseloadView) -> list[str]:
    return [view.proxy.index(row, 0).data() for row in range(view.proxy.rowCount())]


def session(client_id: str, day: date, **kwargs) -> SessionDraft:
    values = {"minutes": 50, "intensity": 3} | kwargs
    return SessionDraft(client_id=client_id, date=day, **values)
