"""The Supervision section (issue 9): summaries for a supervisor, and the supervisor's workspace.

``SUPERVISION_SECTION`` is defined here and builds ``section.SupervisionView`` only when first
shown; this package imports no view eagerly, so the headless ``summary create --pdf`` can use the
chart painter without the views.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from therapist_desk.ui.sections import Section

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

__all__ = ["SUPERVISION_SECTION", "SupervisionView"]


def _create_view(services: Any, parent: QWidget) -> QWidget:
    # The view module (and the services, widgets and charts it needs) loads the first time the
    # section is shown after an unlock, not at start-up: the unlock window must come up fast.
    from therapist_desk.ui.supervision.section import SupervisionView

    return SupervisionView(services, parent)


SUPERVISION_SECTION = Section(
    id="supervision",
    title=QT_TRANSLATE_NOOP("Sections", "Supervision"),
    icon="supervision",
    shortcut="Ctrl+6",
    order=60,
    create=_create_view,
)


def __getattr__(name: str) -> Any:
    # ``from therapist_desk.ui.supervision import SupervisionView`` still works; it loads the view module then.
    if name == "SupervisionView":
        from therapist_desk.ui.supervision.section import SupervisionView

        return SupervisionView
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
