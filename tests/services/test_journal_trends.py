"""Counts for Trends, on hand-made notes: per month by theme, dimension and assumption type,
and ADDRESSING coverage over the last N days."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from tests.services.journal_helpers import CET, make_clock, make_journal, set_now, write
from therapist_desk.domain.journal import ADDRESSING_DIMENSIONS, BiasReflection
from therapist_desk.services.journal_trends import DimensionCoverage, MonthlyCount, MonthlyTotal

NEW_YORK_WINTER = timezone(timedelta(hours=-5))


@pytest.fixture
def clock():
    return make_clock()


@pytest.fixture
def journal(unlocked, clock):
    return make_journal(unlocked, clock)


def bias(journal, clock, when: datetime, dims=(), types=(), themes=("bias",)):
    set_now(clock, when)
    return write(
        journal,
        kind="bias",
        themes=themes,
        bias=BiasReflection(situation="s", dimensions=dims, assumption_types=types),
    )


@pytest.fixture
def sample(journal, clock):
    """January: 2 bias reflections + 1 free; February: 1 bias; one trashed note in February."""
    bias(journal, clock, datetime(2025, 1, 5, 10, tzinfo=CET), ("age", "gender"), ("motivation",))
    bias(journal, clock, datetime(2025, 1, 20, 10, tzinfo=CET), ("age",), ("motivation", "background"))
    # 23:30 in New York on 31 January is already February in UTC: it counts in January.
    set_now(clock, datetime(2025, 1, 31, 23, 30, tzinfo=NEW_YORK_WINTER))
    write(journal, body="free", themes=("empathy", "boundaries"))
    bias(journal, clock, datetime(2025, 2, 10, 10, tzinfo=CET), ("religion",), ("likelihood_of_success",))
    gone = bias(journal, clock, datetime(2025, 2, 11, 10, tzinfo=CET), ("ethnicity",), ("background",))
    journal.delete(gone.id)


def test_reflections_per_month(journal, sample):
    assert journal.reflections_per_month() == [MonthlyTotal("2025-01", 3), MonthlyTotal("2025-02", 1)]


def test_per_month_by_theme(journal, sample):
    assert journal.reflections_per_month_by_theme() == [
        MonthlyCount("2025-01", "bias", 2),
        MonthlyCount("2025-01", "boundaries", 1),
        MonthlyCount("2025-01", "empathy", 1),
        MonthlyCount("2025-02", "bias", 1),
    ]


def test_per_month_by_dimension_and_assumption_type(journal, sample):
    assert journal.reflections_per_month_by_dimension() == [
        MonthlyCount("2025-01", "age", 2),
        MonthlyCount("2025-01", "gender", 1),
        MonthlyCount("2025-02", "religion", 1),
    ]
    assert journal.reflections_per_month_by_assumption_type() == [
        MonthlyCount("2025-01", "background", 1),
        MonthlyCount("2025-01", "motivation", 2),
        MonthlyCount("2025-02", "likelihood_of_success", 1),
    ]


def test_date_range_is_inclusive_and_local(journal, sample):
    assert journal.reflections_per_month(date(2025, 1, 20), date(2025, 1, 31)) == [MonthlyTotal("2025-01", 2)]
    assert journal.reflections_per_month_by_dimension(date_from=date(2025, 2, 1)) == [
        MonthlyCount("2025-02", "religion", 1)
    ]
    assert journal.reflections_per_month(date(2025, 3, 1)) == []


def test_coverage_over_the_last_90_days(journal, clock, sample):
    set_now(clock, datetime(2025, 4, 15, 12, tzinfo=CET))  # 90 days back: 15 January
    coverage = {c.dimension: c for c in journal.dimension_coverage()}
    assert list(coverage) == list(ADDRESSING_DIMENSIONS)
    assert coverage["age"] == DimensionCoverage("age", 1, date(2025, 1, 20))
    assert coverage["gender"] == DimensionCoverage("gender", 0, date(2025, 1, 5))
    assert coverage["religion"] == DimensionCoverage("religion", 1, date(2025, 2, 10))
    assert coverage["ethnicity"] == DimensionCoverage("ethnicity", 0, None)  # only in the trash
    missing = journal.dimensions_not_reflected_on()
    assert missing == tuple(d for d in ADDRESSING_DIMENSIONS if d not in ("age", "religion"))
    assert journal.dimensions_not_reflected_on(days=200) == tuple(
        d for d in ADDRESSING_DIMENSIONS if d not in ("age", "gender", "religion")
    )


def test_empty_journal(journal):
    assert journal.reflections_per_month() == []
    assert journal.reflections_per_month_by_theme() == []
    assert journal.dimensions_not_reflected_on() == ADDRESSING_DIMENSIONS
