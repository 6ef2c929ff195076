"""The Journal section: reflections with autosave, prompts, guided forms, search and a trash."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from therapist_desk.ui.sections import Section, lazy_attributes, lazy_view

__all__ = ["JOURNAL_SECTION", "JournalView"]

JOURNAL_SECTION = Section(
    id="journal",
    title=str(QT_TRANSLATE_NOOP("Sections", "Journal")),
    icon="journal",
    shortcut="Ctrl+2",
    order=20,
    create=lazy_view("therapist_desk.ui.journal.section", "JournalView"),
)

# ``from therapist_desk.ui.journal import JournalView`` still works; it loads the view module then.
__getattr__ = lazy_attributes(__name__, {"JournalView": "therapist_desk.ui.journal.section"})
