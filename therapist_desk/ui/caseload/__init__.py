"""The Caseload section: clients by alias, the client page, quick session entry, load figures."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from therapist_desk.ui.sections import Section, lazy_attributes, lazy_view

__all__ = ["CASELOAD_SECTION", "CaseloadView"]

CASELOAD_SECTION = Section(
    id="caseload",
    title=str(QT_TRANSLATE_NOOP("Sections", "Caseload")),
    icon="caseload",
    shortcut="Ctrl+3",
    order=30,
    create=lazy_view("therapist_desk.ui.caseload.section", "CaseloadView"),
)

# ``from therapist_desk.ui.caseload import CaseloadView`` still works; it loads the view module then.
__getattr__ = lazy_attributes(__name__, {"CaseloadView": "therapist_desk.ui.caseload.section"})
