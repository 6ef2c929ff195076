"""The session log and shared goals on a real vault: entry, edit, delete and undo."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.conftest import PASSPHRASE
from tests.services.caseload_helpers import D, berlin_clock, counts, draft, service
from therapist_desk.domain.errors import InvalidEntry, RecordNotFound
from therapist_desk.domain.identifiers import IdentifierKind


@pytest.fixture
def clock():
    return berlin_clock("2025-03-19")


@pytest.fixture
def svc(unlocked, clock):
    return service(unlocked, clock)


@pytest.fixture
def river(svc):
    return svc.add_client("River", "php", started_on=D("2025-01-06")).client


def test_log_a_session_with_every_field(svc, river):
    entry = svc.log_session(
        draft(
            river.id, "2025-03-18", 75, 4, format="group", alliance=4, congruence=3, positive_regard=5,
            empathy=2, resistance="some", stalled=True, note="  Quiet in group.  ",
        )
    )  # fmt: skip
    assert entry.alias == "River" and entry.minutes == 75 and entry.format == "group"
    assert (entry.alliance, entry.congruence, entry.positive_regard, entry.empathy) == (4, 3, 5, 2)
    assert entry.resistance == "some" and entry.stalled and entry.note == "Quiet in group."
    assert entry.is_high_intensity
    assert svc.session(entry.id) == entry
    assert "Quiet in group" not in repr(entry)  # private text stays out of logs and tracebacks


def test_optional_ratings_may_stay_empty(svc, river):
    entry = svc.log_session(draft(river.id, "2025-03-18"))
    assert (entry.alliance, entry.resistance, entry.stalled, entry.note) == (None, None, False, "")


@pytest.mark.parametrize(
    "changes",
    [
        {"intensity": 0},
        {"intensity": 6},
        {"minutes": 0},
        {"format": "couple"},
        {"congruence": 9},
        {"resistance": "x"},
    ],
)
def test_bad_sessions_are_refused_and_nothing_is_written(svc, river, unlocked, changes):
    before = counts(unlocked.vault)
    with pytest.raises(InvalidEntry):
        svc.log_session(replace(draft(river.id, "2025-03-18"), **changes))
    assert counts(unlocked.vault) == before


def test_session_for_a_missing_client_is_refused(svc):
    with pytest.raises(RecordNotFound):
        svc.log_session(draft("nobody", "2025-03-18"))


def test_edit_and_undo_the_edit(svc, river, clock):
    original = svc.log_session(draft(river.id, "2025-03-18", note="first"))
    clock.advance(60)
    edited = svc.update_session(original.id, replace(original.draft(), minutes=90, note="second"))
    assert (edited.minutes, edited.note, edited.created_at) == (90, "second", original.created_at)
    assert edited.updated_at != original.updated_at
    assert svc.restore_session(original) == original


def test_move_a_session_to_another_client(svc, river):
    brook = svc.add_client("Brook", "iop").client
    entry = svc.log_session(draft(river.id, "2025-03-18"))
    moved = svc.update_session(entry.id, replace(entry.draft(), client_id=brook.id))
    assert (moved.client_id, moved.alias) == (brook.id, "Brook")


def test_delete_and_undo(svc, river):
    entry = svc.log_session(draft(river.id, "2025-03-18", note="private"))
    deleted = svc.delete_session(entry.id)
    assert deleted == entry
    assert svc.sessions_for_client(river.id) == []
    with pytest.raises(RecordNotFound):
        svc.delete_session(entry.id)
    assert svc.restore_session(deleted) == entry
    assert svc.sessions_for_client(river.id) == [entry]


def test_a_delete_is_real_and_lasts_after_reopening(store, unlocked, svc, river):
    entry = svc.log_session(draft(river.id, "2025-03-18", note="canary-7f3a9c"))
    svc.delete_session(entry.id)
    unlocked.close()
    reopened = store.unlock(PASSPHRASE)
    try:
        assert reopened.vault.scalar("SELECT count(*) FROM sessions") == 0
    finally:
        reopened.close()


def test_lists_are_newest_first(svc, river):
    for day in ("2025-03-10", "2025-03-18", "2025-03-12"):
        svc.log_session(draft(river.id, day))
    assert [s.date for s in svc.sessions_for_client(river.id)] == [
        D("2025-03-18"),
        D("2025-03-12"),
        D("2025-03-10"),
    ]
    assert [s.date for s in svc.sessions_between(D("2025-03-11"), D("2025-03-17"))] == [D("2025-03-12")]
    assert len(svc.recent_sessions(limit=2)) == 2
    assert [s.date for s in svc.client_page(river.id).sessions][0] == D("2025-03-18")


# -- shared goals --------------------------------------------------------------------------------
def test_goals_with_progress_and_status(svc, river):
    saved = svc.add_goal(river.id, "Attend group twice a week", created_on=D("2025-01-10"))
    assert saved.findings == ()
    goal = saved.goal
    first = svc.add_goal_progress(goal.id, "Came twice this week", D("2025-01-17"))
    svc.add_goal_progress(goal.id, "Once, was ill", D("2025-01-24"))
    svc.update_goal(goal.id, status="achieved")
    page = svc.client_page(river.id)
    (shown,) = page.goals
    assert shown.status == "achieved" and [p.noted_on for p in shown.progress] == [
        D("2025-01-17"),
        D("2025-01-24"),
    ]
    assert shown.last_progress_on == D("2025-01-24")
    updated = svc.update_goal_progress(first.id, note="Came twice", noted_on=D("2025-01-18"))
    assert (updated.note, updated.noted_on) == ("Came twice", D("2025-01-18"))


def test_goal_text_that_looks_like_an_identifier_warns(svc, river):
    saved = svc.add_goal(river.id, "Call Maria Gonzalez at 555-201-7788")
    assert [f.kind for f in saved.findings] == [IdentifierKind.FULL_NAME, IdentifierKind.PHONE]
    assert svc.update_goal(saved.goal.id, text="Call the sponsor weekly").findings == ()


def test_delete_goal_and_undo_brings_progress_back(svc, river, unlocked):
    goal = svc.add_goal(river.id, "Sleep before midnight").goal
    svc.add_goal_progress(goal.id, "Three nights", D("2025-03-01"))
    full = svc.goals(river.id)[0]
    deleted = svc.delete_goal(goal.id)
    assert deleted == full
    assert svc.goals(river.id) == [] and counts(unlocked.vault)["goal_progress"] == 0
    assert svc.restore_goal(deleted) == full


def test_delete_progress_and_undo(svc, river):
    goal = svc.add_goal(river.id, "Sleep before midnight").goal
    item = svc.add_goal_progress(goal.id, "Three nights", D("2025-03-01"))
    assert svc.delete_goal_progress(item.id) == item
    assert svc.goals(river.id)[0].progress == ()
    assert svc.restore_goal_progress(item) == item
    assert svc.goals(river.id)[0].progress == (item,)


@pytest.mark.parametrize(
    ("text", "status"), [("", "active"), ("   ", "active"), ("x" * 501, "active"), ("ok", "done")]
)
def test_bad_goals_are_refused(svc, river, text, status):
    with pytest.raises(InvalidEntry):
        svc.add_goal(river.id, text, status=status)
    assert svc.goals(river.id) == []


def test_goal_for_a_missing_client_or_missing_goal(svc):
    with pytest.raises(RecordNotFound):
        svc.add_goal("nobody", "text")
    with pytest.raises(RecordNotFound):
        svc.add_goal_progress("no-goal", "text")
