"""Journal notes on a real vault: create, read, autosave, links, prompts, tags, trash, canary."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

import pytest

from tests.conftest import assert_no_canary
from tests.services.journal_helpers import START, add_client, make_clock, make_journal, set_now, write
from therapist_desk.domain.errors import InvalidEntry, RecordNotFound
from therapist_desk.domain.journal import BiasReflection, GibbsReflection, NoteDraft
from therapist_desk.services.journal import TRASH_DAYS


@pytest.fixture
def clock():
    return make_clock()


@pytest.fixture
def journal(unlocked, clock):
    return make_journal(unlocked, clock)


def count(unlocked, table: str, note_id: str) -> int:
    return unlocked.vault.scalar(f"SELECT count(*) FROM {table} WHERE note_id = ?", (note_id,))


# -- create and read ------------------------------------------------------------------------
def test_create_and_get_round_trip(journal):
    note = journal.create(
        NoteDraft(title="After group", body="Long day.\nThe client was angry.", tags=("group", "#Anger"))
    )
    assert note.created_at == START and note.updated_at == START and note.deleted_at is None
    assert note.tags == ("group", "Anger")
    assert journal.get(note.id) == note
    assert note.word_count == 6


def test_an_empty_note_can_be_created_for_the_editor(journal):
    note = journal.create()
    assert note.draft == NoteDraft()
    assert journal.discard_if_empty(note.id) is True
    with pytest.raises(RecordNotFound):
        journal.get(note.id)


def test_discard_if_empty_keeps_a_note_with_content(journal):
    note = journal.create(NoteDraft(body="x"))
    assert journal.discard_if_empty(note.id) is False
    assert journal.get(note.id).body == "x"


def test_get_unknown_note(journal):
    with pytest.raises(RecordNotFound):
        journal.get("no-such-id")


def test_list_is_newest_first_with_title_tags_and_first_line(journal, clock):
    first = write(journal, clock, title="One", body="\n\n  first line\nsecond", tags=("a",))
    second = write(journal, clock, title="Two", kind="gibbs", gibbs=GibbsReflection(feelings="Drained."))
    rows = journal.list_notes()
    assert [r.id for r in rows] == [second.id, first.id]
    assert rows[1].first_line == "first line" and rows[1].tags == ("a",)
    assert rows[0].first_line == "Drained."  # a guided note previews its first field
    assert journal.count_notes() == 2
    assert [r.id for r in journal.list_notes(limit=1, offset=1)] == [first.id]


def test_list_orders_by_the_real_instant_across_a_dst_change(journal, clock):
    summer, winter = timezone(timedelta(hours=2)), timezone(timedelta(hours=1))
    set_now(clock, datetime(2025, 10, 26, 2, 30, tzinfo=summer))  # 00:30 UTC
    earlier = write(journal, title="before the change")
    set_now(clock, datetime(2025, 10, 26, 2, 15, tzinfo=winter))  # 01:15 UTC: later, though it reads earlier
    later = write(journal, title="after the change")
    assert [r.id for r in journal.list_notes()] == [later.id, earlier.id]
    assert journal.get(later.id).created_at.utcoffset() == timedelta(hours=1)


# -- autosave -------------------------------------------------------------------------------
def test_saving_an_unchanged_draft_writes_nothing(journal, clock, unlocked):
    note = journal.create(
        NoteDraft(title="t", body="b", tags=("x",), kind="bias", bias=BiasReflection(dimensions=("age",)))
    )
    clock.advance(300)
    changes_before = unlocked.vault.connection.total_changes
    result = journal.save(note.id, note.draft)
    assert result.changed is False
    assert result.note == note
    assert unlocked.vault.connection.total_changes == changes_before
    assert journal.get(note.id).updated_at == START


def test_saving_a_change_updates_only_that_and_is_idempotent(journal, clock):
    note = journal.create(NoteDraft(title="t", body="first words"))
    clock.advance(90)
    draft = dataclasses.replace(note.draft, body="first words, and more")
    result = journal.save(note.id, draft)
    assert result.changed is True
    assert result.note.updated_at == START + timedelta(seconds=90)
    assert result.note.created_at == START
    assert journal.get(note.id) == result.note
    clock.advance(90)
    again = journal.save(note.id, draft)
    assert again.changed is False
    assert again.note.updated_at == START + timedelta(seconds=90)


def test_update_changes_named_fields(journal):
    note = journal.create(NoteDraft(title="t", body="b"))
    result = journal.update(note.id, tags=("grief", "Grief", "loss"), themes=("empathy",))
    assert result.note.tags == ("grief", "loss")
    assert result.note.themes == ("empathy",)
    assert result.note.body == "b"
    with pytest.raises(InvalidEntry):
        journal.update(note.id, colour="blue")


def test_an_invalid_draft_is_refused_and_nothing_changes(journal):
    note = journal.create(NoteDraft(title="t", body="b"))
    with pytest.raises(InvalidEntry):
        journal.save(note.id, NoteDraft(title="t", body="new", themes=("astrology",)))
    assert journal.get(note.id) == note


def test_save_of_a_missing_note(journal):
    with pytest.raises(RecordNotFound):
        journal.save("gone", NoteDraft(body="text"))


def test_autosave_into_a_trashed_note_keeps_the_text(journal):
    note = journal.create(NoteDraft(body="b"))
    journal.delete(note.id)
    result = journal.save(note.id, NoteDraft(body="typed after delete"))
    assert result.note.body == "typed after delete" and result.note.in_trash


def test_guided_reflections_are_stored_as_fields(journal, unlocked):
    gibbs = GibbsReflection(description="Group ran over.", feelings="Rushed", action_plan="End on time")
    note = journal.create(NoteDraft(kind="gibbs", gibbs=gibbs, themes=("boundaries",)))
    assert journal.get(note.id).gibbs == gibbs
    assert count(unlocked, "note_fields", note.id) == 3  # empty stages are not stored
    bias = BiasReflection(
        situation="Intake", assumption="He will not finish IOP", assumption_types=("likelihood_of_success",),
        dimensions=("socioeconomic_status", "age"), next_step="Ask about his goals",
    )  # fmt: skip
    result = journal.save(note.id, NoteDraft(kind="bias", bias=bias, themes=("bias",)))
    stored = journal.get(note.id)
    assert stored == result.note
    assert stored.gibbs is None
    assert stored.bias == dataclasses.replace(bias, dimensions=("age", "socioeconomic_status"))
    labels = unlocked.vault.query(
        "SELECT facet, value FROM note_labels WHERE note_id = ? ORDER BY 1, 2", (note.id,)
    )
    assert labels == [
        ("assumption_type", "likelihood_of_success"),
        ("dimension", "age"),
        ("dimension", "socioeconomic_status"),
        ("theme", "bias"),
    ]
    journal.save(note.id, NoteDraft(body="plain now"))
    assert count(unlocked, "note_fields", note.id) == 0
    assert count(unlocked, "note_labels", note.id) == 0


# -- prompts --------------------------------------------------------------------------------
def test_a_bias_prompt_starts_a_structured_bias_reflection(journal):
    draft = journal.draft_from_prompt("bias-01")
    assert draft.kind == "bias" and draft.prompt_id == "bias-01"
    prompt = journal.prompts.get("bias-01")
    assert draft.bias is not None and prompt is not None
    assert draft.bias.dimensions == prompt.dimensions
    assert draft.bias.assumption_types == prompt.assumption_types
    assert "bias" in draft.themes
    note = journal.create(draft)
    assert journal.get(note.id).prompt_id == "bias-01"


def test_other_prompts_start_a_free_or_gibbs_note_with_their_themes(journal):
    draft = journal.draft_from_prompt("stalled-02")
    assert (draft.kind, draft.themes) == ("free", ("stalled_progress",))
    gibbs = journal.draft_from_prompt("stalled-02", kind="gibbs")
    assert gibbs.gibbs == GibbsReflection()
    with pytest.raises(InvalidEntry):
        journal.draft_from_prompt("no-such-prompt")


# -- client links ---------------------------------------------------------------------------
def test_a_note_links_to_a_client_and_loses_the_link_when_the_client_goes(journal, clock, unlocked):
    client_id = add_client(unlocked, clock)
    note = journal.create(NoteDraft(body="b", client_id=client_id))
    assert [r.id for r in journal.list_notes(client_id=client_id)] == [note.id]
    with unlocked.vault.transaction():
        unlocked.vault.execute("DELETE FROM clients WHERE id = ?", (client_id,))
    assert journal.get(note.id).client_id is None


def test_a_link_to_an_unknown_client_is_refused_calmly(journal):
    with pytest.raises(InvalidEntry, match="caseload"):
        journal.create(NoteDraft(body="b", client_id="nobody"))
    assert journal.count_notes() == 0


# -- tags -----------------------------------------------------------------------------------
def test_tags_for_completion(journal):
    write(journal, tags=("Grief", "group"))
    write(journal, tags=("grief",))
    trashed = write(journal, tags=("grief", "secret"))
    journal.delete(trashed.id)
    tags = journal.tags()
    assert [(t.tag.casefold(), t.notes) for t in tags] == [("grief", 2), ("group", 1)]
    assert [t.tag.casefold() for t in journal.tags("GR")] == ["grief", "group"]
    assert [t.tag for t in journal.tags("#gro")] == ["group"]
    assert journal.tags("zzz") == []


# -- trash ----------------------------------------------------------------------------------
def test_delete_moves_to_trash_and_restore_brings_back(journal, clock):
    note = write(journal, clock, body="b", tags=("t",))
    journal.delete(note.id)
    journal.delete(note.id)  # harmless twice
    assert journal.list_notes() == []
    trash = journal.list_trash()
    assert [t.summary.id for t in trash] == [note.id]
    assert trash[0].purge_after - trash[0].deleted_at == timedelta(days=TRASH_DAYS)
    assert journal.tags() == []
    restored = journal.restore(note.id)
    assert restored == dataclasses.replace(note, deleted_at=None)
    assert [r.id for r in journal.list_notes()] == [note.id]
    assert journal.list_trash() == []


def test_purge_after_thirty_days(journal, clock, unlocked):
    old = write(journal, clock, body="old", tags=("x",), kind="gibbs", gibbs=GibbsReflection(description="d"))
    recent = write(journal, clock, body="recent")
    keep = write(journal, clock, body="keep")
    journal.delete(old.id)
    clock.advance(timedelta(days=10).total_seconds())
    journal.delete(recent.id)
    clock.advance(timedelta(days=20).total_seconds() - 1)
    assert journal.purge_expired() == 0  # one second short of 30 days
    clock.advance(1)
    assert journal.purge_expired() == 1
    with pytest.raises(RecordNotFound):
        journal.get(old.id)
    for table in ("note_tags", "note_fields", "note_labels"):
        assert count(unlocked, table, old.id) == 0
    assert [t.summary.id for t in journal.list_trash()] == [recent.id]
    clock.advance(timedelta(days=10).total_seconds())
    assert journal.purge_expired() == 1
    assert [r.id for r in journal.list_notes()] == [keep.id]


def test_purge_now_and_empty_trash(journal):
    a, b, c = (write(journal, body=x) for x in "abc")
    with pytest.raises(InvalidEntry):
        journal.purge(a.id)  # not in the trash
    journal.delete(a.id)
    journal.purge(a.id)
    journal.delete(b.id)
    assert journal.empty_trash() == 1
    assert [r.id for r in journal.list_notes()] == [c.id]


# -- nothing in plaintext -------------------------------------------------------------------
def test_note_text_is_not_on_disk_in_plaintext(store, paths, isolated_dirs):
    canary = "CANARY-7f3a-plaintext-journal"
    unlocked, _code = store.create("river stone quiet lamp")
    clock = make_clock()
    journal = make_journal(unlocked, clock)
    note = journal.create(
        NoteDraft(
            title=f"title {canary}",
            body=f"body {canary} " * 50,
            tags=(canary[:40],),
            kind="bias",
            bias=BiasReflection(situation=canary, next_step=canary),
        )
    )
    journal.update(note.id, body=f"edited {canary}")
    journal.search(canary)
    unlocked.vault.checkpoint()
    wal = paths.db_path.with_name(paths.db_path.name + "-wal")
    unlocked.close()
    assert paths.db_path.exists()
    assert_no_canary(canary, paths.data_dir, *isolated_dirs.values())
    assert_no_canary(canary[:40], paths.data_dir, *isolated_dirs.values())
    if wal.exists():
        assert canary.encode() not in wal.read_bytes()
