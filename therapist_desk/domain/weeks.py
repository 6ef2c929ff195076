"""ISO weeks on plain calendar dates.

Session dates are local calendar dates (YYYY-MM-DD) without a time, so a week is plain date
arithmetic: Monday to Sunday, numbered by ISO 8601. Daylight-saving changes cannot move a
session into another week, and the year-end weeks (ISO week 53, or 29–31 December belonging
to week 1 of the next year) follow ``date.isocalendar``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

ONE_WEEK = timedelta(days=7)


def week_start(day: date) -> date:
    """The Monday of the ISO week holding ``day``."""
    return day - timedelta(days=day.weekday())


def week_end(day: date) -> date:
    """The Sunday of the ISO week holding ``day``."""
    return week_start(day) + timedelta(days=6)


def iso_week_label(day: date) -> str:
    """``2020-W53`` style label (the ISO year can differ from the calendar year)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def weeks_between(first: date, last: date) -> Iterator[date]:
    """Mondays of every ISO week from the week of ``first`` to the week of ``last``, inclusive."""
    current, stop = week_start(first), week_start(last)
    while current <= stop:
        yield current
        current += ONE_WEEK


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def human_date(day: date) -> str:
    """``27 Feb 2026``: how explanations written in this layer name a day, the same way the
    window shows dates elsewhere (day, month name, year: never ambiguous, unlike 02/03)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
