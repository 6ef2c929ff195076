"""The Journal section: reflections with autosave, prompts, guided forms, search and a trash."""

from therapist_desk.ui.journal.section import JOURNAL_SECTION, JournalView

__all__ = ["JOURNAL_SECTION", "JournalView"]
