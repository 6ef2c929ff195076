"""Fixtures and helpers for the Journal UI tests: the real section in a real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tests.ui.keyboard import CTRL as CTRL
from tests.ui.keyboard import SHIFT as SHIFT
from tests.ui.keyboard import focused as focused
from tests.ui.keyboard import open_section, views_of
from tests.ui.keyboard import press as press
from therapist_desk.domain.journal import NoteDraft, ReflectionNote
from therapist_desk.ui.journal import JOURNAL_SECTION, JournalView
from therapist_desk.ui.main_window import MainWindow
from therapist_desk.ui.sections import SectionRegistry

AUTOSAVE_TIMEOUT_MS = 3000


@pytest.fixture
def registry() -> SectionRegistry:
    """Only the Journal section (overrides the stand-in sections of tests/ui/conftest.py)."""
    return SectionRegistry([JOURNAL_SECTION])


def open_journal(qtbot, window: MainWindow) -> JournalView:
    """Ctrl+2, the way a user opens the section."""
    return open_section(qtbot, window, Qt.Key.Key_2, "journal", JournalView)


def journal_views() -> list[QWidget]:
    return views_of(JournalView)


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
