"""The Trends section (issue 8): burnout, exhaustion, load, self-care, bias reflection and alliance over time."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from therapist_desk.ui.sections import Section, lazy_attributes, lazy_view

__all__ = ["TRENDS_SECTION", "TrendsView"]

TRENDS_SECTION = Section(
    id="trends",
    title=str(QT_TRANSLATE_NOOP("Sections", "Trends")),
    icon="trends",
    shortcut="Ctrl+5",
    order=50,
    create=lazy_view("therapist_desk.ui.trends.section", "TrendsView"),
)

# ``from therapist_desk.ui.trends import TrendsView`` still works; it loads the view module then.
__getattr__ = lazy_attributes(__name__, {"TrendsView": "therapist_desk.ui.trends.section"})
