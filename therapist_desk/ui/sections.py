"""The sidebar's sections and how a feature adds one.

A feature registers one ``Section`` in ``app.py``'s ``build_sections()``::

    from therapist_desk.ui.journal import JOURNAL_SECTION
    registry.add(JOURNAL_SECTION)

where, in the feature's package ``__init__.py`` (kept light: ``lazy_view`` imports the view
module only when the section is first shown, so start-up does not load every view)::

    JOURNAL_SECTION = Section(
        id="journal",
        title=QT_TRANSLATE_NOOP("Sections", "Journal"),
        icon="journal",                      # resources/icons/journal.svg
        shortcut="Ctrl+2",
        order=20,
        create=lazy_view("therapist_desk.ui.journal.section", "JournalView"),
    )

``create`` is called the first time the section is shown after an unlock; the widget is
deleted (``deleteLater``) when the vault locks, and also around a data key rotation, after
which it is created again with fresh services. So a view loads its data in ``create`` and
keeps nothing beyond its own lifetime. To save a draft before the vault closes, a view adds a
lock hook: ``services.add_lock_hook(self.save_draft)``; hooks run in order while the
connection is still open, before dialogs are closed, and are forgotten with the services.
A hook never opens a dialog (the lock must not wait for a click). What it cannot store (a full
disk) it hands to ``services.keep_unsaved("<section id>.<what>", payload)``, and the view takes
it back with ``services.take_kept(...)`` when it is next built (services/kept_work.py); the
window opens that section right after the unlock.
Sections that are not built yet are simply not registered: no placeholders.

Reserved places: dashboard (order 10, Ctrl+1), journal (20, Ctrl+2), caseload (30, Ctrl+3),
self-care (40, Ctrl+4), trends (50, Ctrl+5), supervision (60, Ctrl+6).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


class SectionFactory(Protocol):
    def __call__(self, services: Any, parent: QWidget) -> QWidget: ...


@dataclass(frozen=True)
class Section:
    """One sidebar entry: how it looks and how to build its view for an unlocked vault."""

    id: str
    title: str  # English source text; shown through tr() (context "Sections")
    icon: str  # name of an SVG in resources/icons/, without ".svg"
    shortcut: str  # e.g. "Ctrl+2"
    order: int
    create: SectionFactory | Callable[[Any, QWidget], QWidget]

    def display_title(self) -> str:
        return QCoreApplication.translate("Sections", self.title)


class SectionRegistry:
    """The sections the window lists, in sidebar order."""

    def __init__(self, sections: list[Section] | None = None) -> None:
        self._sections: dict[str, Section] = {}
        for section in sections or []:
            self.add(section)

    def add(self, section: Section) -> Section:
        if section.id in self._sections:
            raise ValueError(f"section {section.id!r} is registered twice")
        clash = [s.id for s in self._sections.values() if s.shortcut and s.shortcut == section.shortcut]
        if clash:
            raise ValueError(f"section {section.id!r} uses the shortcut of {clash[0]!r}")
        self._sections[section.id] = section
        return section

    def sections(self) -> list[Section]:
        return sorted(self._sections.values(), key=lambda s: (s.order, s.id))

    def get(self, section_id: str) -> Section:
        return self._sections[section_id]

    def __len__(self) -> int:
        return len(self._sections)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.sections())


def lazy_view(module: str, class_name: str) -> Callable[[Any, QWidget], QWidget]:
    """A ``create`` that imports the view's module only when the section is first shown.

    Start-up (the unlock window) must not pay for every view, its widgets and its services.
    """

    def create(services: Any, parent: QWidget) -> QWidget:
        view_class = getattr(importlib.import_module(module), class_name)
        return view_class(services, parent)

    return create


def lazy_attributes(package: str, names: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` so ``from package import XView`` still works, loading it then."""

    def __getattr__(name: str) -> Any:
        if name in names:
            return getattr(importlib.import_module(names[name]), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
