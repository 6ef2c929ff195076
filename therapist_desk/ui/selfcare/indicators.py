"""Early-warning indicators: every rule with its status, why it says so, and how to tune it.

The list shows each rule's status in words (the colour only helps). The detail explains the
finding; "Why am I seeing this?" opens the rule as written, the data points and dates behind
it, and the next steps. Thresholds can be tuned within the rule's bounds, or the rule turned
off, and put back to its defaults.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.indicators import CLEAR, NOT_ENOUGH_DATA, OFF, TRIGGERED, Evidence, IndicatorResult
from therapist_desk.services.selfcare_indicators import IndicatorService
from therapist_desk.ui.selfcare.common import (
    STATUS_TONES,
    Card,
    Chip,
    ListTableModel,
    ModelIndex,
    add_action,
    bullet_list,
    heading_label,
    medium_date,
    number,
    plain_label,
    setup_row_table,
    status_text,
    tone_colours,
    tr,
)
from therapist_desk.ui.selfcare.tuning import TuningPanel
from therapist_desk.ui.widgets import muted_label


class IndicatorModel(ListTableModel):
    HEADERS = ("Status", "Indicator")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results: list[IndicatorResult] = []

    def set_results(self, results: list[IndicatorResult]) -> None:
        self.beginResetModel()
        self.results = list(results)
        self.endResetModel()

    def row_items(self) -> list[IndicatorResult]:
        return self.results

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        result = self.results[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return status_text(result.status) if index.column() == 0 else result.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return result.explanation
        if index.column() == 0 and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            background, text = tone_colours(STATUS_TONES.get(result.status, "quiet"))
            return QBrush(background if role == Qt.ItemDataRole.BackgroundRole else text)
        return None


class EvidenceModel(ListTableModel):
    HEADERS = ("Date", "Value", "Source")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.evidence: list[Evidence] = []

    def set_evidence(self, evidence: tuple[Evidence, ...]) -> None:
        self.beginResetModel()
        # Newest first: the recent points are what changed. Undated ("never") ones go last.
        self.evidence = sorted(evidence, key=lambda e: (e.day is not None, e.day), reverse=True)
        self.endResetModel()

    def row_items(self) -> list[Evidence]:
        return self.evidence

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        point = self.evidence[index.row()]
        if index.column() == 0:
            return medium_date(point.day) if point.day else tr("never")
        if index.column() == 1:
            return number(point.value) if isinstance(point.value, int | float) else str(point.value)
        return point.source


class IndicatorsPage(QWidget):
    def __init__(self, indicators: IndicatorService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("indicatorsPage")
        self.indicators = indicators
        self.refresh_action = add_action(self, tr("&Refresh indicators"), "F5", "refreshIndicators")
        self.refresh_action.triggered.connect(self.refresh)
        self.why_action = add_action(self, tr("&Why am I seeing this?"), "Ctrl+I", "whyIndicator")
        self.why_action.setCheckable(True)
        self.why_action.toggled.connect(self._show_why)

        intro = muted_label(
            tr(
                "Transparent rules you can read and tune. They point to patterns worth noticing in your "
                "own records; they never diagnose."
            ),
            self,
        )
        self.summary = heading_label("", self)
        self.summary.setObjectName("indicatorSummary")
        self.model = IndicatorModel(self)
        self.table = QTableView(self)
        setup_row_table(self.table, self.model, tr("Early-warning indicators"))
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _p: self._show(current.row()))
        left = QVBoxLayout()
        left.addWidget(self.summary)
        self.counts = muted_label("", self)
        left.addWidget(self.counts)
        left.addWidget(intro)
        left.addWidget(self.table, 1)

        detail = QWidget(self)
        self.detail_layout = QVBoxLayout(detail)
        self.detail_layout.setContentsMargins(0, 0, 8, 0)
        self.detail_layout.setSpacing(12)
        self.finding = Card("", detail)
        self.title_label = heading_label("", self.finding, scale=1.25)
        self.status_chip = Chip("", "quiet", self.finding)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title_label, 1)
        title_row.addWidget(self.status_chip, 0, Qt.AlignmentFlag.AlignTop)
        self.finding.body.addLayout(title_row)
        self.explanation = plain_label("", self.finding, selectable=True)
        self.explanation.setObjectName("explanation")
        self.finding.body.addWidget(self.explanation)
        self.steps_heading = heading_label(tr("What you might do"), self.finding, scale=1.0)
        self.steps = bullet_list([], self.finding)
        self.steps.setObjectName("nextSteps")
        self.finding.body.addWidget(self.steps_heading)
        self.finding.body.addWidget(self.steps)
        self.why_button = QPushButton(self.why_action.text(), self.finding)
        self.why_button.setCheckable(True)
        self.why_button.setAccessibleName(tr("Why am I seeing this?"))
        self.why_button.setToolTip(self.why_action.toolTip())
        self.why_button.toggled.connect(self.why_action.setChecked)
        self.why_action.toggled.connect(self.why_button.setChecked)
        why_row = QHBoxLayout()
        why_row.addWidget(self.why_button)
        why_row.addStretch(1)
        self.finding.body.addLayout(why_row)

        self.why = Card(tr("Why am I seeing this?"), detail)
        self.why.setObjectName("whyPanel")
        self.why.body.addWidget(heading_label(tr("The rule"), self.why, scale=1.0))
        self.rule_text = plain_label("", self.why, selectable=True)
        self.rule_text.setObjectName("ruleText")
        self.why.body.addWidget(self.rule_text)
        self.why.body.addWidget(heading_label(tr("The data behind it"), self.why, scale=1.0))
        self.no_evidence = muted_label("", self.why)
        self.evidence_model = EvidenceModel(self)
        self.evidence = QTableView(self.why)
        self.evidence.setModel(self.evidence_model)
        self.evidence.setAccessibleName(tr("Data points behind this indicator"))
        self.evidence.verticalHeader().setVisible(False)
        self.evidence.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.evidence.horizontalHeader().setStretchLastSection(True)
        self.evidence.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.evidence.setMinimumHeight(120)
        self.evidence.verticalHeader().setDefaultSectionSize(24)
        self.why.body.addWidget(self.no_evidence)
        self.why.body.addWidget(self.evidence)
        self.why.setVisible(False)

        self.tuning = TuningPanel(indicators, detail)
        self.tuning.changed.connect(self._tuned)
        self.detail_layout.addWidget(self.finding)
        self.detail_layout.addWidget(self.why)
        self.detail_layout.addWidget(self.tuning)
        self.detail_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(detail)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(16)
        layout.addLayout(left, 2)
        layout.addWidget(scroll, 3)
        QWidget.setTabOrder(self.table, self.why_button)
        self.refresh()

    def focus_first(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Evaluate every rule again (after new check-ins, time off or results)."""
        row = max(self.table.currentIndex().row(), 0)
        results = self.indicators.evaluate()
        self.model.set_results(results)
        counts = {status: sum(1 for r in results if r.status == status) for status in STATUS_TONES}
        found = counts.get(TRIGGERED, 0)
        self.summary.setText(
            tr("{n} patterns found").format(n=found) if found != 1 else tr("1 pattern found")
        )
        others = [
            f"{counts[status]} {status_text(status).lower()}"
            for status in (CLEAR, NOT_ENOUGH_DATA, OFF)
            if counts.get(status)
        ]
        self.counts.setText("   ·   ".join(others))
        if results:
            self.table.selectRow(min(row, len(results) - 1))
            self._show(min(row, len(results) - 1))

    def result(self, rule_id: str) -> IndicatorResult:
        return next(r for r in self.model.results if r.rule_id == rule_id)

    def select_rule(self, rule_id: str) -> None:
        for row, result in enumerate(self.model.results):
            if result.rule_id == rule_id:
                self.table.selectRow(row)
                self._show(row)
                return

    def current(self) -> IndicatorResult | None:
        row = self.table.currentIndex().row()
        return self.model.results[row] if 0 <= row < len(self.model.results) else None

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.model.results):
            return
        result = self.model.results[row]
        self.title_label.setText(result.title)
        self.status_chip.setText(status_text(result.status))
        self.status_chip.set_tone(STATUS_TONES.get(result.status, "quiet"))
        self.explanation.setText(result.explanation)
        self.steps.setText("\n".join(f"•  {step}" for step in result.next_steps))
        self.steps.setVisible(bool(result.next_steps))
        self.steps_heading.setVisible(bool(result.next_steps))
        self.rule_text.setText(result.rule_text)
        self.evidence_model.set_evidence(result.evidence)
        self.evidence.setVisible(bool(result.evidence))
        self.no_evidence.setText(
            tr("No single data points to show: {why}").format(why=result.explanation)
            if not result.evidence
            else ""
        )
        self.no_evidence.setVisible(not result.evidence)
        self.tuning.show_rule(self.indicators.rule(result.rule_id))

    def _show_why(self, shown: bool) -> None:
        self.why.setVisible(shown)

    def _tuned(self, rule_id: str) -> None:
        self.refresh()
        self.select_rule(rule_id)

    def restyle(self) -> None:
        self.status_chip.restyle()
        self.model.layoutChanged.emit()
