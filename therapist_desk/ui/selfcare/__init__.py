"""The Self-care section (issue 7): check-ins, time off, instruments, early-warning indicators."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from therapist_desk.ui.sections import Section, lazy_attributes, lazy_view

__all__ = ["SELF_CARE_SECTION", "SelfCareView"]

SELF_CARE_SECTION = Section(
    id="self-care",
    title=str(QT_TRANSLATE_NOOP("Sections", "Self-care")),
    icon="self-care",
    shortcut="Ctrl+4",
    order=40,
    create=lazy_view("therapist_desk.ui.selfcare.section", "SelfCareView"),
)

# ``from therapist_desk.ui.selfcare import SelfCareView`` still works; it loads the view module then.
__getattr__ = lazy_attributes(__name__, {"SelfCareView": "therapist_desk.ui.selfcare.section"})
