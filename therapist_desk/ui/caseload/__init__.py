"""The Caseload section: clients by alias, the client page, quick session entry, load figures."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from therapist_desk.ui.sections import Section

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

__all__ = ["CASELOAD_SECTION", "CaseloadView"]


def _create_view(services: Any, parent: QWidget) -> QWidget:
    # The view module (and the services, widgets and charts it needs) loads the first time the
    # section is shown after an unlock, not at start-up: the unlock window must come up fast.
    from therapist_desk.ui.caseload.section import CaseloadView

    return CaseloadView(services, parent)


CASELOAD_SECTION = Section(
    id="caseload",
    title=str(QT_TRANSLATE_NOOP("Sections", "Caseload")),
    icon="caseload",
    shortcut="Ctrl+3",
    order=30,
    create=_create_view,
)


def __getattr__(name: str) -> Any:
    # ``from therapist_desk.ui.caseload import CaseloadView`` still works; it loads the view module then.
    if name == "CaseloadView":
        from therapist_desk.ui.caseload.section import CaseloadView

        return CaseloadView
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
