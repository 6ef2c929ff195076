"""The Dashboard section (issue 8): the first screen after unlock."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from therapist_desk.ui.sections import Section, lazy_attributes, lazy_view

__all__ = ["DASHBOARD_SECTION", "DashboardView"]

DASHBOARD_SECTION = Section(
    id="dashboard",
    title=str(QT_TRANSLATE_NOOP("Sections", "Dashboard")),
    icon="dashboard",
    shortcut="Ctrl+1",
    order=10,
    create=lazy_view("therapist_desk.ui.dashboard.section", "DashboardView"),
)

# ``from therapist_desk.ui.dashboard import DashboardView`` still works; it loads the view module then.
__getattr__ = lazy_attributes(__name__, {"DashboardView": "therapist_desk.ui.dashboard.section"})
