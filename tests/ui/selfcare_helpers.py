"""Fixtures and helpers for the Self-care UI tests: the real section in a real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.conftest import activate
from therapist_desk.ui.main_window import MainWindow
from therapist_desk.ui.sections import SectionRegistry
from therapist_desk.ui.selfcare import SELF_CARE_SECTION, SelfCareView

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def registry() -> SectionRegistry:
    """Only the Self-care section (overrides the stand-in sections of tests/ui/conftest.py)."""
    return SectionRegistry([SELF_CARE_SECTION])


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the keyboard focus is, as a user would type it (shortcuts included)."""
    qtbot.keyClick(focused(), key, modifiers)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def open_self_care(qtbot, window: MainWindow) -> SelfCareView:
    """Ctrl+4, the way a user opens the section."""
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    view = window.workspace.section_views().get("self-care")
    assert isinstance(view, SelfCareView)
    qtbot.waitUntil(view.isVisible)
    return view


def self_care_views() -> list[QWidget]:
    return [w for w in QApplication.allWidgets() if isinstance(w, SelfCareView)]
