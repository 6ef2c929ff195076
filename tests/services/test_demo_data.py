"""The seeded demo data generator: deterministic, scaled, searchable, scored, and valid throughout."""

from __future__ import annotations

import json
import random
import statistics
from datetime import date, datetime, timedelta, timezone

import pytest

from therapist_desk.domain.clock import FakeClock
from therapist_desk.domain.errors import InvalidEntry
from therapist_desk.domain.identifiers import detect_identifiers
from therapist_desk.domain.instruments import get_instrument, score
from therapist_desk.domain.journal import word_count
from therapist_desk.paths import resolve_paths
from therapist_desk.security.kdf import TEST_PROFILE
from therapist_desk.services import demo_vocabulary
from therapist_desk.services.caseload import CaseloadService
from therapist_desk.services.demo_calendar import DemoCalendar
from therapist_desk.services.demo_caseload import _aliases
from therapist_desk.services.demo_data import planned_counts, populate_demo
from therapist_desk.services.exchange import export_document, import_document
from therapist_desk.services.journal import JournalService
from therapist_desk.services.selfcare import SelfCareService
from therapist_desk.services.vault_store import VaultStore

TODAY = datetime(2026, 3, 2, 9, 0, tzinfo=timezone(timedelta(hours=1)))
TABLES = {
    "notes": "id, created_at, updated_at, deleted_at, kind, prompt_id, client_id, title, tags_text, fields_text, body",
    "note_labels": "note_id, facet, value",
    "clients": "id, alias, program_level, status, started_on, created_at",
    "client_level_history": "client_id, program_level, effective_on",
    "client_status_history": "client_id, status, effective_on",
    "sessions": "id, client_id, date, minutes, intensity, format, alliance, empathy, resistance, stalled, note",
    "goals": "id, client_id, text, status, created_on",
    "goal_progress": "id, goal_id, noted_on, note",
    "self_care_checkins": "id, day, energy, mood, exhaustion, sleep_hours, supervision, note, created_at",
    "time_off": "id, kind, status, start_on, end_on, note",
    "assessments": "id, instrument, taken_on, answers, scores",
}


def new_vault(tmp_path, name):
    unlocked, _ = VaultStore(resolve_paths(tmp_path / name), TEST_PROFILE).create("river stone quiet lamp")
    return unlocked


def clock():
    return FakeClock(TODAY)


def dump(vault):
    return {t: vault.query(f"SELECT {cols} FROM {t} ORDER BY 1, 2, 3") for t, cols in TABLES.items()}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """Two years at scale 0.3: a heavy winter, a recovery, ~300 notes (built once for the module)."""
    unlocked = new_vault(tmp_path_factory.mktemp("demo"), "data")
    counts = populate_demo(unlocked, clock(), years=2, scale=0.3, seed=11)
    yield unlocked, counts
    unlocked.close()


def test_same_seed_same_data_and_another_seed_other_data(tmp_path):
    first, second, other = (new_vault(tmp_path, n) for n in ("a", "b", "c"))
    try:
        populate_demo(first, clock(), years=1, scale=0.1, seed=7)
        populate_demo(second, clock(), years=1, scale=0.1, seed=7)
        populate_demo(other, clock(), years=1, scale=0.1, seed=8)
        assert dump(first.vault) == dump(second.vault)
        assert dump(first.vault)["notes"] != dump(other.vault)["notes"]
        assert dump(first.vault)["self_care_checkins"] != dump(other.vault)["self_care_checkins"]
    finally:
        for unlocked in (first, second, other):
            unlocked.close()


@pytest.mark.parametrize(("years", "scale"), [(1, 0.1), (2, 0.1), (10, 0.1)])
def test_counts_follow_years_and_scale(tmp_path, years, scale):
    unlocked = new_vault(tmp_path, "data")
    try:
        counts = populate_demo(unlocked, clock(), years=years, scale=scale, seed=3)
    finally:
        unlocked.close()
    notes, clients, sessions = planned_counts(years, scale)
    assert (notes, clients) == (round(500 * years * scale), round(60 * years * scale))
    assert (counts.notes, counts.clients) == (notes, clients)
    assert 0.6 * sessions <= counts.sessions <= 1.15 * sessions
    days = (TODAY.date() - date(TODAY.year - years, TODAY.month, TODAY.day)).days
    assert 0.95 * days <= counts.check_ins <= days  # nearly every day, never twice a day
    assert counts.assessments >= 50 * years  # a CBI each month and a single item most Fridays
    assert counts.goals >= clients // 2


def test_ten_years_at_scale_one_has_the_promised_sizes(tmp_path):
    unlocked = new_vault(tmp_path, "data")
    try:
        counts = populate_demo(unlocked, clock(), years=10, scale=1, seed=5)
        live = unlocked.vault.scalar("SELECT count(*) FROM notes WHERE deleted_at IS NULL")
        indexed = unlocked.vault.scalar("SELECT count(*) FROM notes_fts_docsize")
    finally:
        unlocked.close()
    assert counts.notes == 5000 and counts.clients == 600
    assert 19_000 <= counts.sessions <= 21_000
    assert 3_500 <= counts.check_ins <= 3_653
    assert counts.assessments >= 500
    assert live == indexed  # every note outside the trash is in the full-text index


def test_full_text_index_is_complete_and_words_and_aliases_are_found(demo):
    unlocked, counts = demo
    vault = unlocked.vault
    journal = JournalService(vault, clock())
    live = vault.scalar("SELECT count(*) FROM notes WHERE deleted_at IS NULL")
    assert live == vault.scalar("SELECT count(*) FROM notes_fts_docsize") and live <= counts.notes
    rng = random.Random(1)
    rows = vault.query("SELECT id, body, fields_text FROM notes WHERE deleted_at IS NULL")
    for note_id, body, fields in rng.sample(rows, 10):
        word = max((w.strip(".,;:?!'") for w in (body + " " + fields).split()), key=len)
        hits = journal.search(word + " ", limit=1000)
        assert note_id in {h.id for h in hits}, word
    linked = vault.query(
        "SELECT n.id, c.alias FROM notes n JOIN clients c ON c.id = n.client_id WHERE n.deleted_at IS NULL LIMIT 5"
    )
    assert linked, "some reflections are linked to clients"
    for note_id, alias in linked:
        assert note_id in {h.id for h in journal.search(alias + " ", limit=1000)}
    trashed = vault.query("SELECT seq FROM notes WHERE deleted_at IS NOT NULL")
    for (seq,) in trashed:
        assert vault.scalar("SELECT count(*) FROM notes_fts_docsize WHERE id = ?", (seq,)) == 0


def test_reflections_answer_prompts_and_keep_their_shape(demo):
    unlocked, _ = demo
    journal = JournalService(unlocked.vault, clock())
    kinds = set()
    for summary in journal.list_notes():
        note = journal.get(summary.id)
        kinds.add(note.kind)
        prompt = journal.prompts.get(note.prompt_id or "")
        assert prompt is not None
        assert 100 <= word_count("\n".join([note.body, *note.draft.guided_texts().values()])) <= 600
        assert note.title.strip() and note.themes
        if note.kind == "bias":
            assert prompt.is_bias_prompt and note.bias is not None
            assert set(note.bias.dimensions) == set(prompt.dimensions) and note.bias.assumption_types
            assert all(note.bias.texts().values())
        elif note.kind == "gibbs":
            assert note.gibbs is not None and all(note.gibbs.texts().values())
        assert note.updated_at >= note.created_at and note.created_at <= TODAY
    assert kinds == {"free", "gibbs", "bias"}
    assert journal.tags()  # tags are in use


def test_scores_are_those_of_the_real_scoring(demo):
    unlocked, _ = demo
    rows = unlocked.vault.query("SELECT instrument, answers, scores FROM assessments")
    assert {r[0] for r in rows} == {"cbi", "single_item"}
    for instrument_id, answers, scores in rows:
        assert json.loads(scores) == score(get_instrument(instrument_id), json.loads(answers)).scores
    service = SelfCareService(unlocked.vault, clock())
    cbi = service.list_assessments("cbi")
    assert 20 <= len(cbi) <= 25  # monthly for two years
    assert all(a.scores["work"] is not None and 0 <= a.scores["work"] <= 100 for a in cbi)
    single = service.list_assessments("single_item")
    assert 80 <= len(single) <= 104  # the Fridays worked


def test_aliases_are_never_realistic_names_or_identifiers(demo):
    unlocked, _ = demo
    aliases = [row[0] for row in unlocked.vault.query("SELECT alias FROM clients")]
    aliases += _aliases(random.Random(4), 3000)  # the coded pool well beyond scale 1
    for alias in aliases:
        assert detect_identifiers(alias) == [], alias
        assert alias in demo_vocabulary.ALIAS_WORDS or (
            alias.startswith("Client ") and len(alias.split()) == 2
        )
    assert len({a.casefold() for a in aliases[-3000:]}) == 3000
    fixed_texts = [*demo_vocabulary.GOALS, *demo_vocabulary.GOAL_PROGRESS, *demo_vocabulary.SESSION_NOTES]
    for text in [*fixed_texts, *demo_vocabulary.CHECK_IN_NOTES]:
        assert detect_identifiers(text) == [], text
    bodies = unlocked.vault.query("SELECT title, body, fields_text FROM notes")
    assert not [t for row in bodies for t in row if detect_identifiers(t)]


def test_the_caseload_is_consistent_and_shows_flags(demo):
    unlocked, counts = demo
    service = CaseloadService(unlocked.vault, clock())
    rows = service.caseload()
    assert len(rows) == counts.clients
    assert {r.status for r in rows} >= {"active", "discharged"}
    assert {r.program_level for r in rows} == {"inpatient", "php", "iop", "outpatient"}
    assert any(r.flags for r in rows)
    stepped = [r for r in rows if len(service.client_page(r.client_id).level_history) > 1]
    assert len(stepped) > len(rows) // 4  # step-downs are common
    assert unlocked.vault.scalar("SELECT count(*) FROM sessions WHERE stalled = 1") > 0
    last = unlocked.vault.scalar("SELECT max(date) FROM sessions")
    assert last < TODAY.date().isoformat()  # the data ends yesterday


def test_the_story_a_heavy_winter_then_a_recovery(demo):
    unlocked, _ = demo
    calendar = DemoCalendar.build(random.Random(0), TODAY.date(), 2)
    trends = SelfCareService(unlocked.vault, clock())

    def mean_exhaustion(first, last):
        values = [c.values.exhaustion for c in trends.list_check_ins(first, last)]
        return statistics.mean(values)

    peak = mean_exhaustion(calendar.heavy_end - timedelta(days=28), calendar.heavy_end)
    after = mean_exhaustion(calendar.heavy_end + timedelta(days=40), calendar.heavy_end + timedelta(days=80))
    assert peak - after >= 1.5
    heavy_cbi = [
        a.scores["work"]
        for a in trends.list_assessments("cbi", calendar.heavy_start, calendar.heavy_end + timedelta(days=10))
    ]
    assert max(heavy_cbi) >= 50
    recovery = [p for p in trends.list_time_off() if p.kind == "vacation" and p.start_on > calendar.heavy_end]
    assert recovery and recovery[0].start_on - calendar.heavy_end < timedelta(days=8)


def test_everything_generated_passes_the_import_validation(demo, tmp_path):
    unlocked, counts = demo
    document = export_document(unlocked.vault, clock())
    target = new_vault(tmp_path, "copy")
    try:
        import_document(target.vault, document)
        assert target.vault.scalar("SELECT count(*) FROM sessions") == counts.sessions
        assert target.vault.scalar("SELECT count(*) FROM clients") == counts.clients
    finally:
        target.close()


def test_refuses_a_vault_with_records_and_bad_parameters(demo, tmp_path):
    unlocked, _ = demo
    before = unlocked.vault.scalar("SELECT count(*) FROM notes")
    with pytest.raises(InvalidEntry, match="empty vault"):
        populate_demo(unlocked, clock(), years=1, scale=0.1)
    assert unlocked.vault.scalar("SELECT count(*) FROM notes") == before
    fresh = new_vault(tmp_path, "fresh")
    try:
        for years, scale in [(0, 1), (51, 1), (1.5, 1), (True, 1), (1, 0), (1, -1), (1, 21), (1, "2")]:
            with pytest.raises(InvalidEntry):
                populate_demo(fresh, clock(), years=years, scale=scale)  # type: ignore[arg-type]
        assert fresh.vault.scalar("SELECT count(*) FROM clients") == 0
    finally:
        fresh.close()


def test_progress_reports_every_part_and_ends_complete(tmp_path):
    unlocked = new_vault(tmp_path, "data")
    seen = []
    try:
        populate_demo(
            unlocked,
            clock(),
            years=1,
            scale=0.1,
            seed=2,
            progress=lambda d, t, label: seen.append((d, t, label)),
        )
    finally:
        unlocked.close()
    done = [d for d, _, _ in seen]
    assert done == sorted(done) and seen[-1][0] == seen[-1][1]
    assert {label for _, _, label in seen} >= {"clients", "reflections"}
