"""The unlocked window body: a sidebar of sections and the selected section's view.

Section views are created on first selection after an unlock and deleted on lock, so no
loaded text outlives the open vault. With no sections registered the window shows its own
home page and no sidebar.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QStackedWidget, QWidget

from therapist_desk.logsetup import describe_exception
from therapist_desk.ui.resources import icon
from therapist_desk.ui.sections import Section, SectionRegistry
from therapist_desk.ui.widgets import CenteredPanel, app_logo, body_label, message_label, title_label

log = logging.getLogger(__name__)
SECTION_ROLE = Qt.ItemDataRole.UserRole + 1
SIDEBAR_WIDTH = 210


class HomePage(CenteredPanel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body.addWidget(app_logo(72, self))
        title = title_label(self.tr("Your vault is unlocked"), self)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(title)
        self.text = body_label("", self)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.text)
        self.set_auto_lock_minutes(10)

    def set_auto_lock_minutes(self, minutes: int) -> None:
        self.text.setText(
            self.tr(
                "Everything here is stored encrypted on this laptop. Press Ctrl+L to lock the vault "
                "when you step away; it also locks by itself after {n} minutes without activity."
            ).format(n=minutes)
        )


class SectionFailed(CenteredPanel):
    """Shown in place of a view whose construction failed; the rest of the window still works."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body.addWidget(title_label(title, self))
        label = message_label("sectionError", self, tone="error")
        label.setText(
            self.tr("This part could not be opened. Your saved work is safe; lock and unlock to try again.")
        )
        label.setVisible(True)
        self.body.addWidget(label)


class Workspace(QWidget):
    sectionChanged = Signal(str)
    # A section's view was just built (section id, view): e.g. to wire its "open X" signals.
    viewCreated = Signal(str, QWidget)

    def __init__(self, registry: SectionRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._registry = registry
        self._services: Any = None
        self._views: dict[str, QWidget] = {}
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName(self.tr("Sections"))
        self.sidebar.setFixedWidth(SIDEBAR_WIDTH)
        self.sidebar.setIconSize(QSize(22, 22))
        self.sidebar.setSpacing(2)
        self.sidebar.setFrameShape(QListWidget.Shape.NoFrame)
        for section in registry.sections():
            item = QListWidgetItem(icon(section.icon), section.display_title(), self.sidebar)
            item.setData(SECTION_ROLE, section.id)
            item.setToolTip(f"{section.display_title()} ({section.shortcut})")
            item.setSizeHint(QSize(SIDEBAR_WIDTH - 8, 38))
        self.sidebar.setVisible(len(registry) > 0)
        self.content = QStackedWidget(self)
        self.home = HomePage(self.content)
        self.content.addWidget(self.home)
        self.sidebar.currentItemChanged.connect(self._item_changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.content, 1)

    # -- unlocked life cycle ------------------------------------------------------------
    def build(self, services: Any) -> None:
        """The vault was unlocked: show the first section (views are built when first shown)."""
        self._services = services
        if self.sidebar.count():
            self.sidebar.setCurrentRow(-1)
            self.sidebar.setCurrentRow(0)
        else:
            self.content.setCurrentWidget(self.home)

    def tear_down(self) -> None:
        """Delete every section view (and with it its models and loaded text)."""
        self._services = None
        self.content.setCurrentWidget(self.home)
        for view in self._views.values():
            self.content.removeWidget(view)
            view.hide()
            view.deleteLater()
        self._views.clear()

    def section_views(self) -> dict[str, QWidget]:
        return dict(self._views)

    @property
    def current_section(self) -> str:
        item = self.sidebar.currentItem()
        return str(item.data(SECTION_ROLE)) if item is not None else ""

    # -- navigation ----------------------------------------------------------------------
    def select(self, section_id: str) -> None:
        for row in range(self.sidebar.count()):
            if self.sidebar.item(row).data(SECTION_ROLE) == section_id:
                self.sidebar.setCurrentRow(row)
                return

    def _item_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is None or self._services is None:
            return
        section = self._registry.get(str(current.data(SECTION_ROLE)))
        view = self._views.get(section.id) or self._create(section)
        self.content.setCurrentWidget(view)
        self.sectionChanged.emit(section.id)

    def _create(self, section: Section) -> QWidget:
        try:
            view = section.create(self._services, self.content)
        except Exception as exc:
            log.error(
                "section view could not be built\n" + describe_exception(type(exc), exc, exc.__traceback__)
            )
            view = SectionFailed(section.display_title(), self.content)
        view.setObjectName(f"section-{section.id}")
        view.setProperty("sectionId", section.id)
        self.content.addWidget(view)
        self._views[section.id] = view
        self.viewCreated.emit(section.id, view)
        return view
