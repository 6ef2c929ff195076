"""The Self-care section (issue 7): check-ins, time off, instruments, early-warning indicators."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from therapist_desk.ui.sections import Section

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

__all__ = ["SELF_CARE_SECTION", "SelfCareView"]


def _create_view(services: Any, parent: QWidget) -> QWidget:
    # The view module (and the services, widgets and charts it needs) loads the first time the
    # section is shown after an unlock, not at start-up: the unlock window must come up fast.
    from therapist_desk.ui.selfcare.section import SelfCareView

    return SelfCareView(services, parent)


SELF_CARE_SECTION = Section(
    id="self-care",
    title=QT_TRANSLATE_NOOP("Sections", "Self-care"),
    icon="self-care",
    shortcut="Ctrl+4",
    order=40,
    create=_create_view,
)


def __getattr__(name: str) -> Any:
    # ``from therapist_desk.ui.selfcare import SelfCareView`` still works; it loads the view module then.
    if name == "SelfCareView":
        from therapist_desk.ui.selfcare.section import SelfCareView

        return SelfCareView
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
