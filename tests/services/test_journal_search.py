"""Full-text search on a real vault: ranking, snippets, filters, hostile queries, index sync."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from tests.services.journal_helpers import CET, add_client, make_clock, make_journal, set_now, write
from therapist_desk.domain.journal import BiasReflection, GibbsReflection
from therapist_desk.services import journal_search

FILLER = "We talked about the week, the groups and the plan for the weekend. " * 3


@pytest.fixture
def clock():
    return make_clock()


@pytest.fixture
def journal(unlocked, clock):
    return make_journal(unlocked, clock)


def ids(hits) -> list[str]:
    return [h.id for h in hits]


def index_is_consistent(unlocked) -> None:
    # FTS5 compares the index with its content (the notes outside the trash); raises if not.
    unlocked.vault.execute("INSERT INTO notes_fts(notes_fts, rank) VALUES ('integrity-check', 1)")


# -- ranking --------------------------------------------------------------------------------
def test_a_title_match_beats_a_body_only_match(journal, clock):
    in_body = write(journal, clock, title="Tuesday", body=f"{FILLER} Some countertransference today.")
    in_title = write(journal, clock, title="Countertransference", body=FILLER)
    hits = journal.search("countertransference")
    assert ids(hits) == [in_title.id, in_body.id]
    assert hits[0].score < hits[1].score  # bm25: lower is better


def test_more_matches_rank_higher(journal, clock):
    once = write(journal, clock, title="a", body=f"{FILLER} craving once.")
    thrice = write(journal, clock, title="b", body=f"{FILLER} craving, craving and craving.")
    assert ids(journal.search("craving")) == [thrice.id, once.id]


def test_every_term_must_match(journal, clock):
    both = write(journal, clock, body="grief and anger together")
    write(journal, clock, body="only grief here")
    assert ids(journal.search("anger grief")) == [both.id]


def test_tags_and_guided_fields_are_searched(journal, clock):
    tagged = write(journal, clock, body="nothing to see", tags=("supervision",))
    guided = write(journal, clock, kind="gibbs", gibbs=GibbsReflection(analysis="Supervision would help."))
    assert set(ids(journal.search("supervision"))) == {tagged.id, guided.id}


# -- snippets -------------------------------------------------------------------------------
def test_snippet_is_plain_text_with_spans_on_the_matched_words(journal, clock):
    write(journal, clock, title="x", body=f"{FILLER} Anger & shame, said the <b>client</b>. {FILLER}")
    [hit] = journal.search("anger shame")
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["Anger", "shame"]
    assert "<b>client</b>" in hit.snippet  # shown literally: never HTML, never escaped
    assert "[Anger] & [shame]" in hit.marked()
    assert "…" in hit.snippet  # cut out of a longer text


def test_a_title_only_match_shows_the_opening_line(journal, clock):
    write(journal, clock, title="Boundaries", body="\nThe session ran long again.\nMore.")
    [hit] = journal.search("boundaries")
    assert hit.snippet == "The session ran long again."
    assert hit.highlights == ()


def test_prefix_matching_while_typing(journal, clock):
    note = write(journal, clock, body="Grief came up in group.")
    assert ids(journal.search("grie")) == [note.id]
    assert journal.search("grie ") == []  # a finished word is matched whole
    assert journal.search("grie", prefix_last=False) == []


def test_diacritics_and_other_scripts(journal, clock):
    cafe = write(journal, clock, body="Met at the café after the session.")
    cyrillic = write(journal, clock, body="Клиент говорил о доверии.")
    arabic = write(journal, clock, body="تحدثنا عن الثقة والدعم")
    cjk = write(journal, clock, body="信任 支持")
    assert ids(journal.search("cafe")) == [cafe.id]
    assert ids(journal.search("CAFÉ")) == [cafe.id]
    assert ids(journal.search("доверии")) == [cyrillic.id]
    assert ids(journal.search("الثقة")) == [arabic.id]
    assert ids(journal.search("信任")) == [cjk.id]


# -- filters --------------------------------------------------------------------------------
def test_filters_by_tag_theme_kind_client_and_date(journal, clock, unlocked):
    client_id = add_client(unlocked, clock)
    set_now(clock, datetime(2025, 1, 31, 23, 30, tzinfo=CET))
    jan = write(journal, body="relapse talk", tags=("Group",), themes=("empathy",))
    set_now(clock, datetime(2025, 2, 1, 0, 30, tzinfo=CET))
    feb = write(
        journal, body="relapse again", client_id=client_id, kind="bias", bias=BiasReflection(situation="s")
    )
    assert ids(journal.search("relapse", tag="group")) == [jan.id]
    assert ids(journal.search("relapse", tag="#GROUP")) == [jan.id]
    assert ids(journal.search("relapse", theme="empathy")) == [jan.id]
    assert ids(journal.search("relapse", kind="bias")) == [feb.id]
    assert ids(journal.search("relapse", client_id=client_id)) == [feb.id]
    assert ids(journal.search("relapse", date_to=date(2025, 1, 31))) == [jan.id]
    assert ids(journal.search("relapse", date_from=date(2025, 2, 1))) == [feb.id]
    assert journal.search("relapse", date_from=date(2025, 2, 2)) == []
    assert journal.search("relapse", tag="group", client_id=client_id) == []
    # The same filters apply to the plain list (empty query).
    assert ids(journal.search("", tag="group")) == [jan.id]
    assert ids(journal.list_notes(date_from=date(2025, 1, 31), date_to=date(2025, 1, 31))) == [jan.id]


def test_an_empty_query_gives_the_newest_first_list(journal, clock):
    a = write(journal, clock, title="a", body="first line a\nmore")
    b = write(journal, clock, title="b", body="first line b")
    hits = journal.search("")
    assert ids(hits) == [b.id, a.id]
    assert hits[1].snippet == "first line a" and hits[1].highlights == () and hits[1].score == 0.0
    assert ids(journal.search("  😀  ")) == [b.id, a.id]  # nothing searchable: the list too


def test_limit(journal, clock):
    for _ in range(5):
        write(journal, clock, body="trust")
    assert len(journal.search("trust", limit=3)) == 3
    assert journal.search("trust", limit=0) == []


def test_unfiltered_ranking_looks_at_the_newest_matches_when_very_many_match(journal, clock, monkeypatch):
    monkeypatch.setattr(journal_search, "RANK_WINDOW", 3)
    best_but_old = write(journal, clock, title="hope", body="hope hope hope")
    newer = [write(journal, clock, body=f"{FILLER} hope") for _ in range(4)]
    hits = journal.search("hope")
    assert set(ids(hits)) == {n.id for n in newer[-3:]}
    # A filter searches every match.
    assert best_but_old.id in ids(journal.search("hope", kind="free"))


# -- hostile queries ------------------------------------------------------------------------
HOSTILE = [
    '"',
    '""',
    '"unbalanced',
    "AND",
    "OR OR",
    "NOT",
    "NEAR(",
    "NEAR(a b",
    "a NEAR/3 b",
    "*",
    "**",
    "a*b",
    "^",
    "title:",
    "body:grief",
    "-grief",
    "(grief",
    "grief)",
    "{title body}: x",
    "😀",
    "grief 😀 🙂",
    "Клиент",
    "الثقة",
    "信任支持",
    "\x00",
    "\\",
    "'; DROP TABLE notes; --",
    "x" * 10_000,
    "grief " * 2000,
    " ".join(f"w{i}" for i in range(2000)),
    '"' * 10_000,
]


@pytest.mark.parametrize("query", HOSTILE, ids=lambda q: repr(q[:20]))
def test_hostile_queries_never_raise(journal, clock, query):
    write(journal, clock, title="Grief", body='He said "AND" and NEAR( the end — grief* 😀 Клиент')
    hits = journal.search(query)
    assert isinstance(hits, list)
    journal.search(query, tag=query[:50], theme="bias", prefix_last=False)


def test_operators_are_searched_as_words(journal, clock):
    note = write(journal, clock, body="Whether to stop OR cut down")
    assert ids(journal.search("OR")) == [note.id]
    assert ids(journal.search('"or cut')) == [note.id]


# -- the index stays in sync ----------------------------------------------------------------
def test_index_follows_edits_trash_restore_and_purge(journal, clock, unlocked):
    note = write(journal, clock, title="first", body="alpha words", tags=("tagone",))
    journal.update(note.id, body="beta words", tags=("tagtwo",))
    assert journal.search("alpha") == [] and journal.search("tagone") == []
    assert ids(journal.search("beta")) == [note.id]
    assert ids(journal.search("tagtwo")) == [note.id]
    index_is_consistent(unlocked)
    journal.update(note.id, kind="gibbs", gibbs=GibbsReflection(conclusion="gamma"))
    assert ids(journal.search("gamma")) == [note.id]
    journal.update(note.id, kind="free", gibbs=None)
    assert journal.search("gamma") == []
    journal.delete(note.id)
    assert journal.search("beta") == []
    index_is_consistent(unlocked)
    journal.save(note.id, dataclasses.replace(journal.get(note.id).draft, body="delta in the trash"))
    assert journal.search("delta") == []
    journal.restore(note.id)
    assert ids(journal.search("delta")) == [note.id]
    index_is_consistent(unlocked)
    journal.delete(note.id)
    journal.purge(note.id)
    assert journal.search("delta") == []
    index_is_consistent(unlocked)
    assert unlocked.vault.scalar("SELECT count(*) FROM notes_fts") == 0


def test_trashing_removes_the_words_from_the_index(journal, clock, unlocked):
    note = write(journal, clock, body="zyxwordonlyhere")
    vault = unlocked.vault
    vault.execute("CREATE VIRTUAL TABLE temp.journal_vocab USING fts5vocab(main, notes_fts, 'row')")
    assert vault.scalar("SELECT count(*) FROM temp.journal_vocab WHERE term = 'zyxwordonlyhere'") == 1
    journal.delete(note.id)
    assert vault.scalar("SELECT count(*) FROM temp.journal_vocab WHERE term = 'zyxwordonlyhere'") == 0
    # secure-delete is switched off again after the delete, so autosaves stay fast.
    assert vault.scalar("SELECT v FROM notes_fts_config WHERE k = 'secure-delete'") == 0
