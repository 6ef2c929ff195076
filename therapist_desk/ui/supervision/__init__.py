"""The Supervision section (issue 9): summaries for a supervisor, and the supervisor's workspace.

``SUPERVISION_SECTION`` is defined here and builds ``section.SupervisionView`` only when first
shown; this package imports no view eagerly, so the headless ``summary create --pdf`` can use the
chart painter without the views.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from therapist_desk.ui.sections import Section, lazy_attributes, lazy_view

__all__ = ["SUPERVISION_SECTION", "SupervisionView"]

SUPERVISION_SECTION = Section(
    id="supervision",
    title=str(QT_TRANSLATE_NOOP("Sections", "Supervision")),
    icon="supervision",
    shortcut="Ctrl+6",
    order=60,
    create=lazy_view("therapist_desk.ui.supervision.section", "SupervisionView"),
)

# ``from therapist_desk.ui.supervision import SupervisionView`` still works; it loads the view module then.
__getattr__ = lazy_attributes(__name__, {"SupervisionView": "therapist_desk.ui.supervision.section"})
