"""The Trends section: six pages of charts over one chosen date range.

Only the visible page loads and redraws when the range changes; the others are marked stale
and redraw when they are shown. ``set_range`` and ``set_preset`` are synchronous, so the
benchmark can time a full redraw around either call. A click on a point emits
``openEntriesRequested(kind, day)``: kind is "check_in", "assessment", "sessions", "time_off"
or "journal", and day the point's date (the first day of its week or month when it sums one).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import QApplication, QTabWidget, QVBoxLayout, QWidget

from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.services.trends import TrendsService
from therapist_desk.services.trends_math import DateRange
from therapist_desk.ui.dialogs import DialogService, QtDialogService
from therapist_desk.ui.trends import TRENDS_SECTION  # noqa: F401  (re-exported)
from therapist_desk.ui.trends.chart_panel import Panel
from therapist_desk.ui.trends.common import tr
from therapist_desk.ui.trends.export import export_widget
from therapist_desk.ui.trends.page import TrendsPage
from therapist_desk.ui.trends.pages_alliance import AlliancePage
from therapist_desk.ui.trends.pages_load import LoadPage, SelfCarePage
from therapist_desk.ui.trends.pages_reflection import FACETS, ReflectionPage
from therapist_desk.ui.trends.pages_wellbeing import BurnoutPage, WellbeingPage
from therapist_desk.ui.trends.range_bar import CHOICES as RANGE_CHOICES
from therapist_desk.ui.trends.range_bar import CUSTOM, RangeBar
from therapist_desk.ui.trends.summaries import RangeWords
from therapist_desk.ui.widgets import describe_error

DEFAULT_PRESET = "3m"
PAGES = (BurnoutPage, WellbeingPage, LoadPage, SelfCarePage, ReflectionPage, AlliancePage)
EXPORTS = (
    ("png", QT_TRANSLATE_NOOP("Trends", "Export chart as PNG…"), "Ctrl+E"),
    ("png2x", QT_TRANSLATE_NOOP("Trends", "Export chart as PNG, double size…"), "Ctrl+Shift+E"),
    ("svg", QT_TRANSLATE_NOOP("Trends", "Export chart as SVG…"), "Ctrl+Alt+E"),
)


class TrendsView(QWidget):
    openEntriesRequested = Signal(str, object)  # entry kind, datetime.date

    def __init__(
        self, services: Any, parent: QWidget | None = None, dialogs: DialogService | None = None
    ) -> None:
        super().__init__(parent)
        self.trends: TrendsService = services.trends
        self.clock = services.clock
        self.dialogs = dialogs or _window_dialogs(parent) or QtDialogService()
        self.preset = DEFAULT_PRESET
        self.span = self.trends.preset(DEFAULT_PRESET)
        self._stale: set[int] = set()
        self._shown_once = False

        self.range_bar = RangeBar(self)
        self.range_bar.presetChosen.connect(self.set_preset)
        self.range_bar.customChosen.connect(self.set_range)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(tr("Trend charts"))
        self.pages: list[TrendsPage] = []
        for number, page_class in enumerate(PAGES, start=1):
            page = page_class(self.trends, self)
            page.pointActivated.connect(self.openEntriesRequested)
            page.exportRequested.connect(self._export_requested)
            self.pages.append(page)
            title = tr(page_class.title)
            self.tabs.addTab(page, title)
            self.tabs.setTabToolTip(number - 1, f"{title} (Alt+{number})")
            action = self._action(title, f"Alt+{number}", f"trendsTab-{page.page_id}")
            action.triggered.connect(lambda _c=False, n=number - 1: self.tabs.setCurrentIndex(n))
        self.tabs.currentChanged.connect(self._page_shown)
        for key, text, shortcut in RANGE_CHOICES:
            action = self._action(tr(text), shortcut, f"trendsRange-{key}")
            action.triggered.connect(lambda _c=False, k=key: self.range_bar.buttons[k].click())
        for facet, text, shortcut in FACETS:
            action = self._action(tr(text), shortcut, f"trendsFacet-{facet}")
            action.triggered.connect(lambda _c=False, f=facet: self._show_facet(f))
        level = self._action(tr("Program level"), "Alt+P", "trendsLevel")
        level.triggered.connect(self._focus_level)
        self.export_actions: dict[str, QAction] = {}
        for kind, text, shortcut in EXPORTS:
            action = self._action(tr(text), shortcut, f"trendsExport-{kind}")
            action.triggered.connect(lambda _c=False, k=kind: self._export_requested(self.current_panel(), k))
            self.export_actions[kind] = action

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 0)
        layout.setSpacing(6)
        bar = QVBoxLayout()
        bar.setContentsMargins(16, 0, 16, 0)
        bar.addWidget(self.range_bar)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self.set_preset(DEFAULT_PRESET)

    def _action(self, text: str, shortcut: str, name: str) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setObjectName(name)
        action.setToolTip(f"{text.replace('&', '')} ({shortcut})")
        self.addAction(action)
        return action

    # -- range -------------------------------------------------------------------------------
    def set_preset(self, preset: str) -> DateRange:
        """Show "4w", "3m", "1y" or "all" (ending today) and redraw the visible chart."""
        return self._apply(preset, self.trends.preset(preset))

    def set_range(self, start: date, end: date) -> DateRange:
        """Show a custom range and redraw the visible chart (the benchmark times this call)."""
        return self._apply(CUSTOM, DateRange(start, end))

    def _apply(self, preset: str, span: DateRange) -> DateRange:
        self.preset, self.span = preset, span
        self.range_bar.set_today(self.clock.today())
        self.range_bar.show_range(preset, span)
        self._stale = set(range(len(self.pages)))
        self._refresh_current()
        return span

    def _refresh_current(self) -> None:
        index = self.tabs.currentIndex()
        if index in self._stale:
            self._stale.discard(index)
            self.pages[index].refresh(self.span, RangeWords.for_range(self.preset, self.span))

    def _page_shown(self, _index: int) -> None:
        self._refresh_current()

    def show_page(self, page_id: str) -> TrendsPage:
        """Bring a page forward by id ("burnout", "wellbeing", "load", "selfcare", "reflection", "alliance")."""
        page = next(p for p in self.pages if p.page_id == page_id)
        self.tabs.setCurrentWidget(page)
        return page

    def _show_facet(self, facet: str) -> None:
        page = self.show_page("reflection")
        assert isinstance(page, ReflectionPage)
        page.show_facet(facet)

    def _focus_level(self) -> None:
        page = self.show_page("alliance")
        assert isinstance(page, AlliancePage)
        page.level.setFocus()

    def current_page(self) -> TrendsPage:
        return self.pages[self.tabs.currentIndex()]

    def current_panel(self) -> Panel:
        """The chart holding the keyboard focus on the visible page, else its first chart."""
        page = self.current_page()
        focus = QApplication.focusWidget()
        for panel in page.panels():
            if focus is not None and panel.isAncestorOf(focus):
                return panel
        return page.panels()[0]

    # -- export -----------------------------------------------------------------------------------
    def export_panel(self, panel: Panel, path: Path, scale: float = 1.0) -> Path:
        """Write one chart to ``path``: SVG when it ends in .svg, else PNG at ``scale`` (1 or 2)."""
        return export_widget(panel.content(), path, scale=scale, title=panel.title, description=panel.summary)

    def _export_requested(self, panel: Panel, kind: str) -> None:
        title = tr("Export chart")
        if panel.is_empty:
            self.dialogs.info(self, title, tr("This chart has nothing to export yet."))
            return
        extension = "svg" if kind == "svg" else "png"
        scale = 2.0 if kind == "png2x" else 1.0
        suffix = "@2x" if kind == "png2x" else ""
        name = f"trends-{panel.chart_id}-{self.clock.today().isoformat()}{suffix}.{extension}"
        filters = tr("SVG drawing (*.svg)") if extension == "svg" else tr("PNG image (*.png)")
        target = self.dialogs.pick_save_file(self, title, Path.home() / name, filters)
        if target is None:
            return
        if target.suffix.lower() not in (".png", ".svg"):
            target = target.with_name(f"{target.name}.{extension}")
        try:
            self.export_panel(panel, target, scale)
        except TherapistDeskError as exc:
            self.dialogs.error(self, title, describe_error(exc))
        except OSError:
            self.dialogs.error(
                self, title, tr("The chart could not be saved there. Choose another folder and try again.")
            )

    # -- life ---------------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            # Ctrl+5 lands on the range buttons, so Alt+1..6 and the arrows work at once.
            checked = self.range_bar.group.checkedButton()
            if checked is not None:
                checked.setFocus()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and hasattr(
            self, "pages"
        ):
            for page in self.pages:
                page.restyle()
        super().changeEvent(event)


def _window_dialogs(parent: QWidget | None) -> DialogService | None:
    window = parent.window() if parent is not None else None
    return getattr(window, "dialogs", None)
