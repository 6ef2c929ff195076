"""Tuning one early-warning rule: on or off, each threshold within its stated bounds, or defaults."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QSpinBox,
    QWidget,
)

from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.domain.indicators import IndicatorRule, Parameter
from therapist_desk.services.selfcare_indicators import IndicatorService
from therapist_desk.ui.selfcare.common import Card, action_button, add_action, number, tr
from therapist_desk.ui.widgets import describe_error, message_label, muted_label


class TuningPanel(Card):
    changed = Signal(str)  # rule id

    def __init__(self, indicators: IndicatorService, parent: QWidget | None = None) -> None:
        super().__init__(tr("Tune this indicator"), parent)
        self.setObjectName("tuningPanel")
        self.indicators = indicators
        self.rule: IndicatorRule | None = None
        self.spins: dict[str, QSpinBox | QDoubleSpinBox] = {}
        self.save_action = add_action(self, tr("&Save settings"), "Ctrl+S", "saveIndicatorSettings")
        self.save_action.triggered.connect(self.save)
        self.reset_action = add_action(self, tr("Reset to &default"), "Ctrl+Shift+R", "resetIndicator")
        self.reset_action.triggered.connect(self.reset)
        self.enabled = QCheckBox(tr("This indicator is &on"), self)
        self.enabled.setAccessibleName(tr("Indicator on"))
        self.enabled.toggled.connect(self._enabled_toggled)
        self.body.addWidget(self.enabled)
        self.form = QFormLayout()
        self.form.setHorizontalSpacing(16)
        self.body.addLayout(self.form)
        self.hint = muted_label(tr("Each value stays within the bounds shown next to it."), self)
        self.body.addWidget(self.hint)
        self.save_button = action_button(self.save_action, self, default=True)
        self.reset_button = action_button(self.reset_action, self)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.reset_button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.error = message_label("tuningError", self, tone="error")
        self.body.addWidget(self.error)
        # Tab after the panel's fields reaches its buttons, whatever the rule's fields were.
        self.setFocusProxy(self.enabled)

    def _spin(self, spec: Parameter, value: float) -> QSpinBox | QDoubleSpinBox:
        spin: QSpinBox | QDoubleSpinBox
        if spec.whole:
            spin = QSpinBox(self)
            spin.setRange(int(spec.minimum), int(spec.maximum))
            spin.setValue(int(value))
        else:
            spin = QDoubleSpinBox(self)
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
            spin.setRange(spec.minimum, spec.maximum)
            spin.setValue(value)
        spin.setObjectName(spec.name)
        spin.setAccessibleName(tr(spec.label))
        spin.setMinimumWidth(90)
        spin.setToolTip(
            tr("From {low} to {high}; default {default}").format(
                low=number(spec.minimum), high=number(spec.maximum), default=number(spec.default)
            )
        )
        return spin

    def show_rule(self, rule: IndicatorRule) -> None:
        same = (
            self.rule is not None
            and self.rule.id == rule.id
            and set(self.spins) == {p.name for p in rule.parameters}
        )
        self.rule = rule
        if same:
            # The same rule again (after a save or refresh): update in place, keep the focus.
            self.enabled.blockSignals(True)
            self.enabled.setChecked(rule.enabled)
            self.enabled.blockSignals(False)
            for name, spin in self.spins.items():
                spin.setValue(rule.value(name))  # type: ignore[arg-type]
                spin.setEnabled(rule.enabled)
            self.error.setVisible(False)
            return
        while self.form.rowCount():
            self.form.removeRow(0)
        self.spins = {}
        self.enabled.blockSignals(True)
        self.enabled.setChecked(rule.enabled)
        self.enabled.blockSignals(False)
        previous: QWidget = self.enabled
        for spec in rule.parameters:
            spin = self._spin(spec, rule.value(spec.name))
            spin.setEnabled(rule.enabled)
            bounds = muted_label(
                tr("{low}–{high} (default {default})").format(
                    low=number(spec.minimum), high=number(spec.maximum), default=number(spec.default)
                ),
                self,
            )
            line = QHBoxLayout()
            line.setSpacing(12)
            line.addWidget(spin)
            line.addWidget(bounds, 1)
            self.form.addRow(tr(spec.label), line)
            self.spins[spec.name] = spin
            QWidget.setTabOrder(previous, spin)
            previous = spin
        QWidget.setTabOrder(previous, self.save_button)
        QWidget.setTabOrder(self.save_button, self.reset_button)
        self.error.setVisible(False)

    def _enabled_toggled(self, on: bool) -> None:
        for spin in self.spins.values():
            spin.setEnabled(on)

    def save(self) -> None:
        if self.rule is None:
            return
        values = {name: spin.value() for name, spin in self.spins.items()}
        try:
            self.rule = self.indicators.update_rule(self.rule.id, self.enabled.isChecked(), values)
        except TherapistDeskError as exc:
            self.error.setText(describe_error(exc))
            self.error.setVisible(True)
            return
        self.changed.emit(self.rule.id)

    def reset(self) -> None:
        if self.rule is None:
            return
        self.rule = self.indicators.reset_rule(self.rule.id)
        self.changed.emit(self.rule.id)
