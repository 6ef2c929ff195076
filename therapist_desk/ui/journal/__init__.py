"""The Journal section: reflections with autosave, prompts, guided forms, search and a trash."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from therapist_desk.ui.sections import Section

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

__all__ = ["JOURNAL_SECTION", "JournalView"]


def _create_view(services: Any, parent: QWidget) -> QWidget:
    # The view module (and the services, widgets and charts it needs) loads the first time the
    # section is shown after an unlock, not at start-up: the unlock window must come up fast.
    from therapist_desk.ui.journal.section import JournalView

    return JournalView(services, parent)


JOURNAL_SECTION = Section(
    id="journal",
    title=QT_TRANSLATE_NOOP("Sections", "Journal"),
    icon="journal",
    shortcut="Ctrl+2",
    order=20,
    create=_create_view,
)


def __getattr__(name: str) -> Any:
    # ``from therapist_desk.ui.journal import JournalView`` still works; it loads the view module then.
    if name == "JournalView":
        from therapist_desk.ui.journal.section import JournalView

        return JournalView
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
