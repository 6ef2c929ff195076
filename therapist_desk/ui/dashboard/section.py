"""The Dashboard section: the first screen after unlock, how the user is doing at a glance.

``DashboardView.refresh()`` draws one ``DashboardSnapshot`` (services/dashboard.py) into seven
cards. The view refreshes when it is built (so the first paint after unlock already shows the
data; the benchmark times exactly that) and again whenever it is shown after another section,
where the data may have changed. F5 refreshes by hand. Every card opens its section through the
``Navigator`` (Alt+1 … Alt+7 press the cards' buttons).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.services.dashboard import DashboardService, DashboardSnapshot
from therapist_desk.ui.dashboard import DASHBOARD_SECTION  # noqa: F401  (re-exported)
from therapist_desk.ui.dashboard.cards_selfcare import CbiCard, CheckInCard, RestCard, WarningsCard
from therapist_desk.ui.dashboard.cards_work import LoadCard, PromptCard, StalledCard
from therapist_desk.ui.dashboard.common import DashboardCard, long_date, muted, tr
from therapist_desk.ui.widgets import describe_error, message_label, retone, title_label

log = logging.getLogger(__name__)


class DashboardView(QWidget):
    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service: DashboardService = services.dashboard
        self.navigator = services.navigator
        self.snapshot: DashboardSnapshot | None = None
        self._shown_once = False
        self.setAccessibleName(tr("Dashboard"))

        self.refresh_action = QAction(tr("Refresh"), self)
        self.refresh_action.setObjectName("dashboardRefresh")
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.refresh_action.triggered.connect(self.refresh)
        self.addAction(self.refresh_action)

        self.check_in = CheckInCard(self.navigator, self)
        self.warnings = WarningsCard(self.navigator, self)
        self.load = LoadCard(self.navigator, self)
        self.rest = RestCard(self.navigator, self)
        self.prompt = PromptCard(self.navigator, self.service.prompts, self)
        self.stalled = StalledCard(self.navigator, self)
        self.cbi = CbiCard(self.navigator, self)
        self.title = title_label(tr("Today"), self, scale=1.4)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.date = muted("", self, name="dashboardDate")
        self.error = message_label("dashboardError", self, tone="error")
        self._build_layout()
        self.refresh()

    @property
    def cards(self) -> tuple[DashboardCard, ...]:
        """In reading (and tab) order."""
        return (self.check_in, self.load, self.rest, self.warnings, self.cbi, self.stalled, self.prompt)

    def _build_layout(self) -> None:
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.title)
        header.addSpacing(12)
        header.addWidget(self.date, 1, Qt.AlignmentFlag.AlignBottom)

        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(14)
        # Three columns: how I am today (check-in, load, rest), then patterns and scores, then
        # the clients and today's prompt. Wide cards hold the lists.
        grid.addWidget(self.check_in, 0, 0)
        grid.addWidget(self.load, 0, 1)
        grid.addWidget(self.rest, 0, 2)
        grid.addWidget(self.warnings, 1, 0, 1, 2)
        grid.addWidget(self.cbi, 1, 2)
        grid.addWidget(self.stalled, 2, 0, 1, 2)
        grid.addWidget(self.prompt, 2, 2)
        for column in range(3):
            grid.setColumnStretch(column, 1)

        page = QWidget(self)
        page.setObjectName("dashboardPage")
        body = QVBoxLayout(page)
        body.setContentsMargins(20, 14, 20, 16)
        body.setSpacing(12)
        body.addLayout(header)
        body.addWidget(self.error)
        body.addLayout(grid)
        body.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

    # -- data ------------------------------------------------------------------------------
    def refresh(self) -> DashboardSnapshot | None:
        """Take a new snapshot and redraw every card; returns it (None when it failed)."""
        try:
            snapshot = self.service.snapshot()
        except TherapistDeskError as exc:
            self.error.setText(describe_error(exc))
            self.error.setVisible(True)
            return None
        self.error.setVisible(False)
        self.snapshot = snapshot
        self.date.setText(long_date(snapshot.today))
        for card in self.cards:
            card.show_snapshot(snapshot)  # type: ignore[attr-defined]
        self._set_tab_order()
        return snapshot

    def _set_tab_order(self) -> None:
        # Rows are rebuilt on every refresh: chain them again so Tab reads the page in order.
        chain = [widget for card in self.cards for widget in card.focus_chain()]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self._shown_once:
            self.refresh()  # back from another section: its changes show here
        self._shown_once = True

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            for card in self.cards:
                card.restyle()
            retone(self)
        super().changeEvent(event)
