"""Early-warning indicators over the vault: gather plain series, evaluate the rules, keep settings.

Data owned by other areas (the caseload's weekly hours, bias-reflection coverage, supervision
records) comes in through small provider functions handed over by the composition root, so
this module does not depend on those services.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta

from therapist_desk.domain.clock import Clock
from therapist_desk.domain.errors import InvalidEntry
from therapist_desk.domain.indicators import (
    IndicatorData,
    IndicatorResult,
    IndicatorRule,
    WeeklyLoad,
    apply_settings,
    default_rules,
    evaluate_all,
    settings_of,
)
from therapist_desk.services.selfcare import SelfCareService, read_preference, write_preference
from therapist_desk.services.selfcare_trends import SelfCareTrends
from therapist_desk.storage.vault import Vault

SETTINGS_KEY = "selfcare.indicators"
LOOKBACK_DAYS = 400  # covers the longest tunable window (self-care: 2 x 90 days; CBI: 365)

WeeklyLoadProvider = Callable[[date, date], Sequence[WeeklyLoad]]
CoverageProvider = Callable[[], Mapping[str, date | None]]
ContactProvider = Callable[[date, date], Sequence[date]]
# The caseload's "sustainable weekly hours": read it, and write it (inside the caller's transaction).
HoursLimit = tuple[Callable[[], float], Callable[[float], None]]
SESSION_LOAD = "session_load"
SESSION_HOURS = "max_hours"


class IndicatorService:
    """Reads, tunes and evaluates the early-warning indicators of one vault."""

    def __init__(
        self,
        vault: Vault,
        clock: Clock,
        *,
        weekly_load: WeeklyLoadProvider | None = None,
        reflection_coverage: CoverageProvider | None = None,
        clients_active: Callable[[], bool] | None = None,
        extra_support_contacts: ContactProvider | None = None,
        hours_limit: HoursLimit | None = None,
    ) -> None:
        self.vault = vault
        self.clock = clock
        self.selfcare = SelfCareService(vault, clock)
        self.trends = SelfCareTrends(vault)
        self._weekly_load = weekly_load
        self._coverage = reflection_coverage
        self._clients_active = clients_active
        self._extra_contacts = extra_support_contacts
        # One limit, not two: the session-load rule's hours are the caseload's own limit.
        self._hours_limit = hours_limit

    # -- settings ------------------------------------------------------------------
    def rules(self) -> tuple[IndicatorRule, ...]:
        """Every rule with the user's settings applied (unreadable settings fall back to defaults).
        With the caseload wired in, the session-load hours are its sustainable weekly hours."""
        rules = apply_settings(default_rules(), read_preference(self.vault, SETTINGS_KEY))
        if self._hours_limit is None:
            return rules
        limit = self._hours_limit[0]()
        return tuple(
            r.with_settings(values={SESSION_HOURS: limit}) if r.id == SESSION_LOAD else r for r in rules
        )

    def rule(self, rule_id: str) -> IndicatorRule:
        for rule in self.rules():
            if rule.id == rule_id:
                return rule
        raise InvalidEntry(f"There is no indicator called {rule_id[:40]!r}.")

    def update_rule(
        self, rule_id: str, enabled: bool | None = None, values: Mapping[str, float] | None = None
    ) -> IndicatorRule:
        """Switch a rule on or off and/or change parameters; raises ``InvalidEntry`` when out of range."""
        updated = self.rule(rule_id).with_settings(enabled, values)
        with self.vault.transaction():
            self._set_hours_limit(updated)
            self._store([updated if r.id == rule_id else r for r in self.rules()])
        return updated

    def reset_rule(self, rule_id: str) -> IndicatorRule:
        """Back to the default thresholds, switched on."""
        self.rule(rule_id)
        default = next(r for r in default_rules() if r.id == rule_id)
        with self.vault.transaction():
            self._set_hours_limit(default)
            self._store([default if r.id == rule_id else r for r in self.rules()])
        return self.rule(rule_id)

    def _set_hours_limit(self, rule: IndicatorRule) -> None:
        if rule.id == SESSION_LOAD and self._hours_limit is not None:
            self._hours_limit[1](rule.value(SESSION_HOURS))

    def _store(self, rules: Sequence[IndicatorRule]) -> None:
        with self.vault.transaction():
            write_preference(self.vault, SETTINGS_KEY, settings_of(rules))

    # -- evaluation ------------------------------------------------------------------
    def gather(self) -> IndicatorData:
        """The plain series the rules look at, from the last ``LOOKBACK_DAYS`` days."""
        today = self.clock.today()
        start = today - timedelta(days=LOOKBACK_DAYS)
        check_in_days = [
            date.fromisoformat(r[0])
            for r in self.vault.query(
                "SELECT day FROM self_care_checkins WHERE day BETWEEN ? AND ? ORDER BY day",
                (start.isoformat(), today.isoformat()),
            )
        ]
        contacts = {
            date.fromisoformat(r[0])
            for r in self.vault.query(
                "SELECT day FROM self_care_checkins WHERE day BETWEEN ? AND ? "
                "AND (peer_support = 1 OR supervision = 1)",
                (start.isoformat(), today.isoformat()),
            )
        }
        if self._extra_contacts is not None:
            contacts.update(self._extra_contacts(start, today))
        assessments = self.selfcare.list_assessments(start=start, end=today)
        return IndicatorData(
            exhaustion=[(p.day, p.value) for p in self.trends.daily_series("exhaustion", start, today)],
            self_care_minutes=[
                (p.day, p.value) for p in self.trends.daily_series("self_care_total_minutes", start, today)
            ],
            check_in_days=check_in_days,
            support_contacts=sorted(contacts),
            days_off=self.selfcare.days_off(start, today),
            cbi=[(a.taken_on, a.scores) for a in assessments if a.instrument_id == "cbi"],
            single_item=[
                (a.taken_on, burnout)
                for a in assessments
                if a.instrument_id == "single_item" and (burnout := a.scores.get("burnout")) is not None
            ],
            weekly_load=None if self._weekly_load is None else list(self._weekly_load(start, today)),
            reflection_last=None if self._coverage is None else dict(self._coverage()),
            clients_active=bool(self._clients_active()) if self._clients_active is not None else False,
            first_use=self.selfcare.first_activity(),
        )

    def evaluate(self) -> list[IndicatorResult]:
        """Every rule's result for today, in a fixed order (switched-off rules report "off")."""
        return evaluate_all(self.rules(), self.gather(), self.clock.today())

    def triggered(self) -> list[IndicatorResult]:
        """Only the rules that found a pattern (for the dashboard)."""
        return [r for r in self.evaluate() if r.triggered]
