"""Early-warning indicators: transparent, tunable rules evaluated on plain data (DOMAIN.md §3).

Each rule is an object the user can read (its text shows the current thresholds), tune
(parameters within stated bounds) and switch off. A rule is evaluated on plain series with an
injected ``today`` and returns what it found, the data points behind it, and next steps drawn
from the seeds (self-care, peer support, boundaries, supervision). The words are "indicator",
"pattern" and "consider": a rule never says that someone has burnout.

Rules stay quiet without enough data: "no day off in 14 days" means nothing in the first
week of use, and a 7-day mean of two check-ins is noise.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from therapist_desk.domain.errors import InvalidEntry

TRIGGERED, CLEAR, NOT_ENOUGH_DATA, OFF = "triggered", "clear", "not_enough_data", "off"


@dataclass(frozen=True)
class Evidence:
    """One data point behind a finding, shown under "why am I seeing this?"."""

    day: date | None  # None for "never" (e.g. a dimension never reflected on)
    value: float | str
    source: str


@dataclass(frozen=True)
class Parameter:
    name: str
    label: str
    default: float
    minimum: float
    maximum: float
    whole: bool = True
    unit: str = ""


@dataclass(frozen=True)
class WeeklyLoad:
    """One week of the caseload, as the caseload service reports it."""

    week_start: date
    hours: float  # session hours in the week
    high_intensity_share: float  # 0..1: share of those hours in high-intensity sessions


@dataclass(frozen=True)
class IndicatorData:
    """Everything the rules look at, as plain series. Absent sources are ``None`` or empty."""

    exhaustion: Sequence[tuple[date, float]] = ()  # daily check-in, 0–10
    self_care_minutes: Sequence[tuple[date, float]] = ()  # exercise + other self-care per day
    check_in_days: Sequence[date] = ()  # days with any daily check-in
    support_contacts: Sequence[date] = ()  # days with peer support or supervision
    days_off: Sequence[date] = ()  # every day off or vacation day (not cancelled)
    cbi: Sequence[tuple[date, Mapping[str, float | None]]] = ()  # oldest first
    single_item: Sequence[tuple[date, float]] = ()  # oldest first
    weekly_load: Sequence[WeeklyLoad] | None = None  # None: caseload not available
    reflection_last: Mapping[str, date | None] | None = None  # ADDRESSING id -> last reflection
    clients_active: bool = False
    first_use: date | None = None  # earliest day the app holds any record


@dataclass(frozen=True)
class Finding:
    status: str
    explanation: str
    evidence: tuple[Evidence, ...] = ()
    extra_steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class IndicatorResult:
    rule_id: str
    title: str
    status: str  # triggered, clear, not_enough_data, off
    explanation: str
    evidence: tuple[Evidence, ...]
    next_steps: tuple[str, ...]  # empty unless triggered
    rule_text: str

    @property
    def triggered(self) -> bool:
        return self.status == TRIGGERED


Check = Callable[["IndicatorRule", IndicatorData, date], Finding]


@dataclass(frozen=True)
class IndicatorRule:
    id: str
    title: str
    text: str  # the rule in plain words; {name} placeholders show current parameter values
    parameters: tuple[Parameter, ...]
    check: Check
    next_steps: tuple[str, ...]
    enabled: bool = True
    values: Mapping[str, float] = field(default_factory=dict)

    def value(self, name: str) -> float:
        if name in self.values:
            return self.values[name]
        return next(p.default for p in self.parameters if p.name == name)

    @property
    def rule_text(self) -> str:
        return self.text.format(**{p.name: fmt(self.value(p.name)) for p in self.parameters})

    def with_settings(
        self, enabled: bool | None = None, values: Mapping[str, Any] | None = None
    ) -> IndicatorRule:
        """A copy with new settings; raises ``InvalidEntry`` for an unknown or out-of-range value."""
        merged = dict(self.values)
        for name, value in (values or {}).items():
            spec = next((p for p in self.parameters if p.name == name), None)
            if spec is None:
                raise InvalidEntry(f"The indicator {self.title!r} has no setting called {str(name)[:40]!r}.")
            problem = parameter_problem(spec, value)
            if problem:
                raise InvalidEntry(f"{spec.label} {problem}; nothing was changed.")
            merged[name] = float(value)
        return replace(self, enabled=self.enabled if enabled is None else bool(enabled), values=merged)

    def evaluate(self, data: IndicatorData, today: date) -> IndicatorResult:
        if not self.enabled:
            finding = Finding(OFF, "This indicator is turned off.")
        else:
            finding = self.check(self, data, today)
        steps = self.next_steps + finding.extra_steps if finding.status == TRIGGERED else ()
        return IndicatorResult(
            self.id, self.title, finding.status, finding.explanation, finding.evidence, steps, self.rule_text
        )


def parameter_problem(spec: Parameter, value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        return "must be a number"
    if spec.whole and value != int(value):
        return "must be a whole number"
    if not spec.minimum <= value <= spec.maximum:
        return f"must be between {fmt(spec.minimum)} and {fmt(spec.maximum)}"
    return None


def fmt(value: float) -> str:
    """A number as a person writes it: 50, 62.5, 58.3."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def default_rules() -> tuple[IndicatorRule, ...]:
    from therapist_desk.domain.indicator_rules import RULES

    return RULES


def apply_settings(rules: Sequence[IndicatorRule], stored: Any) -> tuple[IndicatorRule, ...]:
    """Rules with stored settings applied; anything unreadable falls back to the default."""
    if not isinstance(stored, Mapping):
        return tuple(rules)
    result = []
    for rule in rules:
        raw = stored.get(rule.id)
        if isinstance(raw, Mapping):
            enabled = raw.get("enabled") if isinstance(raw.get("enabled"), bool) else None
            found = raw.get("values")
            values: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
            good = {}
            for spec in rule.parameters:
                if spec.name in values and parameter_problem(spec, values[spec.name]) is None:
                    good[spec.name] = values[spec.name]
            rule = rule.with_settings(enabled, good)
        result.append(rule)
    return tuple(result)


def settings_of(rules: Sequence[IndicatorRule]) -> dict[str, Any]:
    """The JSON form stored in the vault preferences."""
    return {r.id: {"enabled": r.enabled, "values": dict(r.values)} for r in rules}


def evaluate_all(rules: Sequence[IndicatorRule], data: IndicatorData, today: date) -> list[IndicatorResult]:
    return [rule.evaluate(data, today) for rule in rules]
