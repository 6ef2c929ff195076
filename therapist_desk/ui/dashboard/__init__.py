"""The Dashboard section (issue 8): the first screen after unlock."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from therapist_desk.ui.sections import Section

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

__all__ = ["DASHBOARD_SECTION", "DashboardView"]


def _create_view(services: Any, parent: QWidget) -> QWidget:
    # The view module (and the services, widgets and charts it needs) loads the first time the
    # section is shown after an unlock, not at start-up: the unlock window must come up fast.
    from therapist_desk.ui.dashboard.section import DashboardView

    return DashboardView(services, parent)


DASHBOARD_SECTION = Section(
    id="dashboard",
    title=str(QT_TRANSLATE_NOOP("Sections", "Dashboard")),
    icon="dashboard",
    shortcut="Ctrl+1",
    order=10,
    create=_create_view,
)


def __getattr__(name: str) -> Any:
    # ``from therapist_desk.ui.dashboard import DashboardView`` still works; it loads the view module then.
    if name == "DashboardView":
        from therapist_desk.ui.dashboard.section import DashboardView

        return DashboardView
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
