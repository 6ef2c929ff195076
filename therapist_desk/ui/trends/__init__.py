"""The Trends section (issue 8): burnout, exhaustion, load, self-care, bias reflection and alliance over time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from therapist_desk.ui.sections import Section

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

__all__ = ["TRENDS_SECTION", "TrendsView"]


def _create_view(services: Any, parent: QWidget) -> QWidget:
    # The view module (and the services, widgets and charts it needs) loads the first time the
    # section is shown after an unlock, not at start-up: the unlock window must come up fast.
    from therapist_desk.ui.trends.section import TrendsView

    return TrendsView(services, parent)


TRENDS_SECTION = Section(
    id="trends",
    title=str(QT_TRANSLATE_NOOP("Sections", "Trends")),
    icon="trends",
    shortcut="Ctrl+5",
    order=50,
    create=_create_view,
)


def __getattr__(name: str) -> Any:
    # ``from therapist_desk.ui.trends import TrendsView`` still works; it loads the view module then.
    if name == "TrendsView":
        from therapist_desk.ui.trends.section import TrendsView

        return TrendsView
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
