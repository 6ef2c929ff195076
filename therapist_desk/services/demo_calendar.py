"""The demo's story over time: time off, workdays and a daily "strain" that every series follows.

Strain (0 = rested, 1 = worn out) is one number per day. Check-ins, CBI and single-item
answers, session intensity and self-ratings, caseload growth and the tone of reflections all
read it, so the trends agree with each other: every winter is a little heavier than the summer
before it, one recent winter is much heavier (rising exhaustion and CBI, weekends worked, a
day off cancelled), and the two weeks off that follow it bring a visible recovery.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Period:
    kind: str  # "day_off" or "vacation" (the time_off kinds)
    status: str  # "taken", "planned" or "cancelled"
    start_on: date
    end_on: date
    note: str = ""


def _monday_on_or_after(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7)


@dataclass
class DemoCalendar:
    """Days from ``first`` to ``last`` (inclusive: the day before "today"), built from one rng."""

    first: date
    last: date
    heavy_start: date
    heavy_end: date  # the recovery holiday starts the next Monday
    periods: list[Period] = field(default_factory=list)
    off_days: set[date] = field(default_factory=set)  # days of taken time off
    vacation_days: set[date] = field(default_factory=set)
    vacation_ends: list[date] = field(default_factory=list)
    strain_by_day: dict[date, float] = field(default_factory=dict)

    @classmethod
    def build(cls, rng: random.Random, today: date, years: int) -> DemoCalendar:
        last = today - ONE_DAY
        first = today - timedelta(days=round(365.25 * years))
        # The heavy winter is the latest whose recovery holiday (mid-April) ended at least a
        # month ago, so the recovery after it is in the data too.
        year = today.year if today >= date(today.year, 5, 28) else today.year - 1
        calendar = cls(first, last, date(year - 1, 11, 20), date(year, 4, 10))
        calendar._plan_time_off(rng, today)
        calendar._plan_strain(rng)
        return calendar

    # -- questions the generators ask -------------------------------------------------
    def days(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range((self.last - self.first).days + 1)]

    def strain(self, day: date) -> float:
        return self.strain_by_day.get(day, 0.3)

    def in_heavy_winter(self, day: date) -> bool:
        return self.heavy_start <= day <= self.heavy_end

    def is_workday(self, day: date) -> bool:
        """A weekday the therapist worked (not a holiday or day off)."""
        return day.weekday() < 5 and day not in self.off_days

    def rested(self, day: date) -> bool:
        """Within three weeks after the end of a holiday."""
        return any(timedelta(0) < day - end <= timedelta(days=21) for end in self.vacation_ends)

    # -- building ----------------------------------------------------------------------
    def _add(self, period: Period) -> None:
        self.periods.append(period)
        if period.status == "cancelled" or period.start_on > self.last:
            return
        day = period.start_on
        while day <= period.end_on:
            self.off_days.add(day)
            if period.kind == "vacation":
                self.vacation_days.add(day)
            day += ONE_DAY
        if period.kind == "vacation":
            self.vacation_ends.append(period.end_on)

    def _plan_time_off(self, rng: random.Random, today: date) -> None:
        holidays: list[tuple[date, date, str]] = []
        for year in range(self.first.year, self.last.year + 1):
            summer = _monday_on_or_after(date(year, 7, 1)) + timedelta(weeks=rng.randint(0, 5))
            holidays.append((summer, summer + timedelta(days=13), "Summer holiday"))
            holidays.append((date(year, 12, 24), date(year, 12, 31), "Time with family over the holidays"))
        recovery = _monday_on_or_after(self.heavy_end + ONE_DAY)
        holidays.append((recovery, recovery + timedelta(days=13), "Time off after a heavy winter"))
        for start, end, note in holidays:
            if self.first <= start and end <= self.last:
                self._add(Period("vacation", "taken", start, end, note))
        # One planned holiday ahead, so the dashboard has a next day off to show.
        ahead = _monday_on_or_after(today + timedelta(days=40))
        self._add(Period("vacation", "planned", ahead, ahead + timedelta(days=6), "Planned holiday"))
        # Weekends are logged as days off, except those worked: few, but half of them in the
        # heavy winter, when a planned Friday off was also cancelled.
        saturday = self.first + timedelta(days=(5 - self.first.weekday()) % 7)
        while saturday + ONE_DAY <= self.last:
            worked = 0.5 if self.in_heavy_winter(saturday) else 0.04
            if saturday not in self.off_days and rng.random() >= worked:
                self._add(Period("day_off", "taken", saturday, saturday + ONE_DAY))
            saturday += timedelta(weeks=1)
        day = self.first
        while day <= self.last:
            day += timedelta(days=rng.randint(28, 56))
            friday = day + timedelta(days=(4 - day.weekday()) % 7)
            if friday > self.last or friday in self.off_days:
                continue
            if self.in_heavy_winter(friday):
                self._add(Period("day_off", "cancelled", friday, friday, "Covering for a colleague"))
            else:
                self._add(Period("day_off", "taken", friday, friday, "Long weekend"))
        self.periods.sort(key=lambda p: (p.start_on, p.end_on))

    def _plan_strain(self, rng: random.Random) -> None:
        noise = 0.0
        span = max(1, (self.heavy_end - self.heavy_start).days)
        for day in self.days():
            noise = 0.9 * noise + rng.gauss(0, 0.03)
            season = 0.11 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 45) / 365.25)
            heavy = 0.0
            if self.in_heavy_winter(day):
                # Builds through the winter and peaks just before the time off.
                heavy = 0.42 * ((day - self.heavy_start).days / span) ** 1.3
            elif self.heavy_end < day < self.heavy_end + timedelta(days=10):
                heavy = 0.3
            recovery = 0.0
            since = [(day - end).days for end in self.vacation_ends if 0 < (day - end).days <= 60]
            if since:
                recovery = -0.14 * math.exp(-min(since) / 25)
            value = 0.3 + season + heavy + recovery + noise
            if day in self.vacation_days:
                value = 0.1 + noise / 2
            self.strain_by_day[day] = min(0.97, max(0.03, value))
