"""Fixtures and helpers for the Journal UI tests: the real section in a real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.conftest import activate
from therapist_desk.domain.journal import NoteDraft, ReflectionNote
from therapist_desk.ui.journal import JOURNAL_SECTION, JournalView
from therapist_desk.ui.main_window import MainWindow
from therapist_desk.ui.sections import SectionRegistry

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
AUTOSAVE_TIMEOUT_MS = 3000


@pytest.fixture
def registry() -> SectionRegistry:
    """Only the Journal section (overrides the stand-in sections of tests/ui/conftest.py)."""
    return SectionRegistry([JOURNAL_SECTION])


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the keyboard focus is, as a user would type it (shortcuts included)."""
    qtbot.keyClick(focused(), key, modifiers)


def open_journal(qtbot, window: MainWindow) -> JournalView:
    """Ctrl+2, the way a user opens the section."""
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    view = window.workspace.section_views().get("journal")
    assert isinstance(view, JournalView)
    qtbot.waitUntil(view.isVisible)
    return view


def journal_views() -> list[QWidget]:
    return [w for w in QApplication.allWidgets() if isinstance(w, JournalView)]


def add_notes(view: JournalView, *drafts: NoteDraft, seconds_apart: int = 60) -> list[ReflectionNote]:
    """Notes written through the service, each a little later than the one before; the view
    reloads its list as after an unlock."""
    clock = view.clock
    notes = []
    for draft in drafts:
        notes.append(view.journal.create(draft))
        clock.advance(seconds_apart)
    view.run_search()
    return notes


def wait_saved(qtbot, view: JournalView, check) -> None:
    """Wait (at most the autosave delay and some slack) until the stored note satisfies ``check``."""
    qtbot.waitUntil(lambda: check(view.journal.get(view.editor.note.id)), timeout=AUTOSAVE_TIMEOUT_MS)
