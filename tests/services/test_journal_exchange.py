"""The ``notes`` section of the export document: round trip, validation, unknown fields."""

from __future__ import annotations

import copy

import pytest

from tests.conftest import PASSPHRASE
from tests.services.journal_helpers import add_client, make_clock, make_journal, write
from therapist_desk.domain.errors import InvalidImport
from therapist_desk.domain.journal import BiasReflection, GibbsReflection
from therapist_desk.paths import resolve_paths
from therapist_desk.security.kdf import TEST_PROFILE
from therapist_desk.services import exchange
from therapist_desk.services.vault_store import VaultStore

NOTE_KEYS = {
    "id", "created_at", "updated_at", "title", "body", "tags", "prompt_id", "client_alias",
    "kind", "themes", "gibbs", "bias",
}  # fmt: skip


@pytest.fixture
def clock():
    return make_clock()


@pytest.fixture
def journal(unlocked, clock):
    return make_journal(unlocked, clock)


@pytest.fixture
def other(tmp_path):
    """A second, empty vault to import into."""
    unlocked, _code = VaultStore(resolve_paths(tmp_path / "other"), TEST_PROFILE).create(PASSPHRASE)
    yield unlocked
    unlocked.close()


def document(**sections) -> dict:
    return {"format": exchange.FORMAT, "version": exchange.VERSION, **sections}


def export(vault, clock) -> dict:
    return exchange.export_document(vault, clock)


def fill(journal, clock, unlocked) -> None:
    client_id = add_client(unlocked, clock, "River")
    write(
        journal,
        clock,
        title="Free",
        body="Plain text\nwith lines",
        tags=("grief", "Group"),
        client_id=client_id,
    )
    write(
        journal,
        clock,
        title="Gibbs",
        kind="gibbs",
        prompt_id="stalled-02",
        themes=("stalled_progress",),
        gibbs=GibbsReflection(description="d", feelings="f", action_plan="a"),
    )
    write(
        journal,
        clock,
        kind="bias",
        prompt_id="bias-05",
        themes=("bias", "cultural_humility"),
        bias=BiasReflection(
            situation="s",
            assumption="a",
            assumption_types=("background",),
            dimensions=("ethnicity", "religion"),
        ),
    )
    trashed = write(journal, clock, body="deleted by the user")
    journal.delete(trashed.id)


def test_export_has_every_field(journal, clock, unlocked):
    fill(journal, clock, unlocked)
    notes = export(unlocked.vault, clock)["notes"]
    assert len(notes) == 3  # the trashed note is not exported
    assert all(set(n) == NOTE_KEYS for n in notes)
    free, gibbs, bias = notes
    assert free["client_alias"] == "River" and free["tags"] == ["grief", "Group"]
    assert free["gibbs"] is None and free["bias"] is None and free["kind"] == "free"
    assert gibbs["gibbs"] == {
        "description": "d", "feelings": "f", "evaluation": "", "analysis": "", "conclusion": "", "action_plan": "a",
    }  # fmt: skip
    assert bias["bias"]["dimensions"] == ["religion", "ethnicity"]  # ADDRESSING order
    assert bias["themes"] == ["cultural_humility", "bias"]
    assert bias["created_at"].endswith("+01:00")


def test_round_trip_into_another_vault(journal, clock, unlocked, other):
    fill(journal, clock, unlocked)
    first = export(unlocked.vault, clock)
    report = exchange.import_document(other.vault, copy.deepcopy(first))
    assert report.added("notes") == 3
    second = export(other.vault, clock)
    assert second["notes"] == first["notes"]
    # Search works on the imported notes.
    imported = make_journal(other, clock)
    assert [h.title for h in imported.search("lines")] == ["Free"]
    assert imported.reflections_per_month_by_dimension()[0].key == "ethnicity"


def test_reimport_is_idempotent(journal, clock, unlocked):
    fill(journal, clock, unlocked)
    doc = export(unlocked.vault, clock)
    report = exchange.import_document(unlocked.vault, doc)
    assert report.added("notes") == 0 and report.already_present("notes") == 3
    assert journal.count_notes() == 3


def test_minimal_record_gets_defaults(other, clock):
    exchange.import_document(
        other.vault, document(notes=[{"created_at": "2024-05-01T08:00:00Z", "body": "hi"}])
    )
    [note] = export(other.vault, clock)["notes"]
    assert note["id"] and note["created_at"] == "2024-05-01T08:00:00+00:00"
    assert note["updated_at"] == note["created_at"]
    assert (note["title"], note["tags"], note["kind"], note["client_alias"]) == ("", [], "free", None)


def test_unknown_fields_are_kept_and_given_back(other, clock):
    record = {
        "id": "n1",
        "created_at": "2024-05-01T08:00:00+02:00",
        "body": "b",
        "mood_colour": "teal",
        "kind": "bias",
        "bias": {"situation": "s", "dimensions": ["age"], "confidence": 3},
    }
    exchange.import_document(other.vault, document(notes=[record]))
    [note] = export(other.vault, clock)["notes"]
    assert note["mood_colour"] == "teal"
    assert note["bias"]["confidence"] == 3 and note["bias"]["dimensions"] == ["age"]


def test_a_note_may_name_a_client_of_the_vault_or_of_the_document(unlocked, clock):
    add_client(unlocked, clock, "River")
    exchange.import_document(
        unlocked.vault,
        document(
            clients=[{"alias": "Harbor", "program_level": "php"}],
            notes=[
                {"created_at": "2024-05-01T08:00:00Z", "body": "a", "client_alias": "river"},
                {"created_at": "2024-05-01T08:00:00Z", "body": "b", "client_alias": "Harbor"},
            ],
        ),
    )
    notes = export(unlocked.vault, clock)["notes"]
    assert sorted(n["client_alias"] for n in notes) == ["Harbor", "River"]


BASE = {"id": "n1", "created_at": "2024-05-01T08:00:00Z", "body": "b"}


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"created_at": None}, "notes[1].created_at is required"),
        ({"body": None}, "notes[1].body is required"),
        ({"created_at": "yesterday"}, "notes[1].created_at"),
        ({"created_at": "2024-05-01T08:00:00"}, "notes[1].created_at has no UTC offset"),
        ({"client_alias": "Nobody"}, "notes[1].client_alias"),
        ({"themes": ["astrology"]}, "notes[1].themes"),
        ({"tags": "grief"}, "notes[1].tags"),
        ({"kind": "poem"}, "notes[1].kind"),
        ({"kind": "free", "gibbs": {"description": "x"}}, "notes[1].gibbs"),
        ({"bias": {"dimensions": ["hair"]}}, "notes[1].bias.dimensions"),
        ({"bias": {"assumption_types": "background"}}, "notes[1].bias.assumption_types"),
        ({"gibbs": {"feelings": 3}}, "notes[1].gibbs.feelings"),
        ({"gibbs": "text"}, "notes[1].gibbs"),
        ({"body": 42}, "notes[1].body"),
        ({"title": "t" * 501}, "notes[1].title"),
    ],
)
def test_invalid_records_fail_the_whole_import_naming_the_field(other, change, where):
    good = dict(BASE, id="ok")
    bad = {k: v for k, v in {**BASE, **change}.items() if v is not None}
    with pytest.raises(InvalidImport) as caught:
        exchange.import_document(other.vault, document(notes=[good, bad]))
    assert where in caught.value.message
    assert other.vault.scalar("SELECT count(*) FROM notes") == 0


def test_an_error_message_does_not_repeat_note_text(other):
    secret = "private words"
    for bad in (
        dict(BASE, body=secret, themes=[secret]),
        dict(BASE, kind="bias", bias={"dimensions": [secret]}),
        dict(BASE, kind=secret),
    ):
        with pytest.raises(InvalidImport) as caught:
            exchange.import_document(other.vault, document(notes=[bad]))
        assert "private" not in caught.value.message
