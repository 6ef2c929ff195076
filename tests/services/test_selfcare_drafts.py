"""Unfinished instrument answers kept in the vault across a lock."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.conftest import PASSPHRASE
from therapist_desk.domain.clock import FakeClock
from therapist_desk.domain.errors import InvalidAnswers
from therapist_desk.services.selfcare import SelfCareService, write_preference
from therapist_desk.services.selfcare_drafts import DRAFT_KEY_PREFIX, AssessmentDrafts

CLOCK = FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))


def test_a_draft_survives_closing_the_vault_and_is_not_an_assessment(store, unlocked):
    drafts = AssessmentDrafts(unlocked.vault, CLOCK)
    saved = drafts.save("cbi", date(2026, 3, 1), {"p1": "often", "w7": "never", "c2": None})
    assert saved is not None and dict(saved.answers) == {"p1": "often", "w7": "never"}
    unlocked.close()

    reopened = store.unlock(PASSPHRASE)
    try:
        draft = AssessmentDrafts(reopened.vault, CLOCK).get("cbi")
        assert draft is not None
        assert draft.taken_on == date(2026, 3, 1)
        assert dict(draft.answers) == {"p1": "often", "w7": "never"}
        assert SelfCareService(reopened.vault, CLOCK).list_assessments() == []
    finally:
        reopened.close()


def test_empty_answers_remove_the_draft_and_discard_forgets_it(unlocked):
    drafts = AssessmentDrafts(unlocked.vault, CLOCK)
    drafts.save("cbi", CLOCK.today(), {"p1": "always"})
    assert drafts.save("cbi", CLOCK.today(), {}) is None
    assert drafts.get("cbi") is None
    drafts.save("single_item", CLOCK.today(), {"burnout": "3"})
    drafts.discard("single_item")
    assert drafts.get("single_item") is None
    drafts.discard("single_item")  # nothing there: still fine


def test_invalid_answers_are_refused_and_nothing_is_stored(unlocked):
    drafts = AssessmentDrafts(unlocked.vault, CLOCK)
    with pytest.raises(InvalidAnswers):
        drafts.save("cbi", CLOCK.today(), {"p1": "sometimes", "zz": "often"})
    with pytest.raises(InvalidAnswers):
        drafts.save("cbi", CLOCK.today(), {"p1": "a lot"})
    with pytest.raises(InvalidAnswers):
        drafts.save("no_such_instrument", CLOCK.today(), {"p1": "often"})
    assert drafts.get("cbi") is None


@pytest.mark.parametrize(
    "stored",
    [
        "not an object",
        {
            "taken_on": "2026-03-01",
            "answers": {"p1": "sometimes", "x": "often"},
            "saved_at": "2026-03-01T10:00",
        },
        {"taken_on": "yesterday", "answers": {"p1": "often"}, "saved_at": "2026-03-01T10:00"},
        {"taken_on": "2026-03-01", "answers": [], "saved_at": "2026-03-01T10:00"},
        {"taken_on": "2026-03-01", "answers": {}, "saved_at": "2026-03-01T10:00"},
    ],
)
def test_a_damaged_draft_is_ignored_not_an_error(unlocked, stored):
    write_preference(unlocked.vault, DRAFT_KEY_PREFIX + "cbi", stored)
    assert AssessmentDrafts(unlocked.vault, CLOCK).get("cbi") is None


def test_a_draft_dated_in_the_future_comes_back_as_today(unlocked):
    write_preference(
        unlocked.vault,
        DRAFT_KEY_PREFIX + "cbi",
        {"taken_on": "2030-01-01", "answers": {"p1": "often"}, "saved_at": "2026-03-01T10:00:00+00:00"},
    )
    draft = AssessmentDrafts(unlocked.vault, CLOCK).get("cbi")
    assert draft is not None and draft.taken_on == CLOCK.today()
