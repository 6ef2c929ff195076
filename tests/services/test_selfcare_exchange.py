"""Export/import codecs for self_care, assessments and time_off, on real vaults.

The helper below drives the codecs exactly as services/exchange.py describes the framework:
prepare every section, validate every record, then insert in one transaction, skipping ids
already present.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import therapist_desk.services.selfcare_exchange  # noqa: F401  (registers the sections)
from therapist_desk.domain.clock import FakeClock
from therapist_desk.domain.errors import InvalidImport
from therapist_desk.domain.selfcare import CheckInValues
from therapist_desk.security.kdf import TEST_PROFILE
from therapist_desk.services.exchange_codec import SECTION_CODECS, ImportContext
from therapist_desk.services.selfcare import SelfCareService
from therapist_desk.services.vault_store import VaultStore

SECTIONS = ("self_care", "assessments", "time_off")
GOOD = {"id": "good", "date": "2025-12-01", "mood": 5}
D = date.fromisoformat


def import_document(vault, document: dict[str, Any]) -> None:
    codecs = {name: SECTION_CODECS[name]() for name in SECTIONS if name in document}
    ctx = ImportContext(vault=vault)
    for name, codec in codecs.items():
        codec.prepare(document[name], ctx)
    validated = {
        name: [codec.validate(r, i, ctx) for i, r in enumerate(document[name])]
        for name, codec in codecs.items()
    }
    with vault.transaction():
        for name in sorted(codecs, key=lambda n: codecs[n].order):
            codec = codecs[name]
            existing = codec.existing_ids(vault, [r["id"] for r in validated[name]])
            for record in validated[name]:
                if record["id"] not in existing:
                    codec.insert(vault, record, ctx)


def export_document(vault) -> dict[str, list[dict[str, Any]]]:
    return {name: SECTION_CODECS[name]().export_records(vault) for name in SECTIONS}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 10, 12, 0, tzinfo=ZoneInfo("Europe/Berlin")))


def test_sections_are_registered():
    assert set(SECTIONS) <= set(SECTION_CODECS)


def test_contract_example_imports_with_defaults(unlocked):
    import_document(
        unlocked.vault,
        {
            "self_care": [{"id": "sc1", "date": "2025-01-07", "exhaustion": 6, "sleep_hours": 7}],
            "assessments": [
                {
                    "id": "a1",
                    "instrument": "cbi",
                    "taken_on": "2025-03-01",
                    "answers": {"p1": "often"},
                    "scores": {"personal": 75.0},
                }
            ],
        },
    )
    exported = export_document(unlocked.vault)
    record = exported["self_care"][0]
    assert record["id"] == "sc1" and record["date"] == "2025-01-07"
    assert record["exhaustion"] == 6 and record["sleep_hours"] == 7.0 and record["mood"] is None
    assessment = exported["assessments"][0]
    # one personal item answered is below the minimum of 3: the claimed 75.0 is not trusted
    assert assessment["scores"] == {"personal": None, "work": None, "client": None}
    assert assessment["answers"] == {"p1": "often"}
    assert {"id", "instrument", "taken_on", "answers", "scores"} <= set(assessment)


def test_scores_recomputed_never_trusted(unlocked, clock):
    answers = {"p1": "always", "p2": "always", "p3": "never"}
    import_document(
        unlocked.vault,
        {
            "assessments": [
                {
                    "id": "a1",
                    "instrument": "cbi",
                    "taken_on": "2026-01-01",
                    "answers": answers,
                    "scores": {"personal": 0, "work": 100, "total": 5},
                }
            ]
        },
    )
    stored = json.loads(unlocked.vault.scalar("SELECT scores FROM assessments WHERE id = 'a1'"))
    assert stored == {"personal": pytest.approx(66.666667), "work": None, "client": None}
    assert SelfCareService(unlocked.vault, clock).assessment("a1").scores["personal"] == pytest.approx(
        66.666667
    )


def test_round_trip_keeps_everything_including_unknown_fields(unlocked, clock, store):
    service = SelfCareService(unlocked.vault, clock)
    service.save_check_in(
        D("2026-03-09"),
        CheckInValues(
            energy=4,
            mood=6,
            exhaustion=7,
            sleep_hours=6.5,
            exercise_minutes=20,
            self_care_minutes=10,
            peer_support=True,
            supervision=False,
            breaks=2,
            boundaries_kept=False,
            note="long day",
        ),
    )
    service.add_time_off("vacation", D("2026-04-01"), D("2026-04-07"), note="sea")
    service.save_assessment("single_item", D("2026-03-08"), {"burnout": 2})
    import_document(
        unlocked.vault,
        {
            "self_care": [{"date": "2026-02-01", "mood": 5, "gratitude": ["tea"], "future_field": {"x": 1}}],
            "time_off": [{"start_on": "2026-02-14", "kind": "day_off", "where": "home"}],
            "assessments": [
                {
                    "instrument": "single_item",
                    "taken_on": "2026-02-02",
                    "answers": {"burnout": "4"},
                    "context": "after audit",
                }
            ],
        },
    )
    first = export_document(unlocked.vault)
    imported = next(r for r in first["self_care"] if r["date"] == "2026-02-01")
    assert imported["gratitude"] == ["tea"] and imported["future_field"] == {"x": 1}
    assert next(r for r in first["time_off"] if r["start_on"] == "2026-02-14")["where"] == "home"
    assert next(r for r in first["assessments"] if r["taken_on"] == "2026-02-02")["context"] == "after audit"

    # into a second, empty vault and out again: identical
    other_store = VaultStore(replace(store.paths, data_dir=store.paths.data_dir.parent / "b"), TEST_PROFILE)
    other, _ = other_store.create("another passphrase here")
    try:
        import_document(other.vault, first)
        assert export_document(other.vault) == first
        import_document(other.vault, first)  # idempotent by id
        assert export_document(other.vault) == first
    finally:
        other.close()


def test_reimport_is_idempotent(unlocked):
    document = {
        "self_care": [{"id": "x", "date": "2026-01-01", "mood": 4}],
        "time_off": [{"id": "t", "start_on": "2026-01-02", "end_on": "2026-01-03"}],
        "assessments": [
            {"id": "a", "instrument": "single_item", "taken_on": "2026-01-01", "answers": {"burnout": 1}}
        ],
    }
    import_document(unlocked.vault, document)
    import_document(unlocked.vault, document)
    exported = export_document(unlocked.vault)
    assert [len(exported[s]) for s in SECTIONS] == [1, 1, 1]
    assert exported["time_off"][0]["status"] == "planned"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"self_care": [{"exhaustion": 3}]}, "self_care[1].date is required"),
        ({"self_care": [{"date": "2026-02-30"}]}, "self_care[1].date is not a date"),
        ({"self_care": [{"date": "2026-02-01"}, {"date": "2026-02-01"}]}, "self_care[2].date repeats"),
        (
            {"self_care": [{"date": "2026-02-01", "exhaustion": 11}]},
            "self_care[1].exhaustion must be between 0 and 10",
        ),
        (
            {"self_care": [{"date": "2026-02-01", "exhaustion": 6.5}]},
            "self_care[1].exhaustion must be a whole number",
        ),
        (
            {"self_care": [{"date": "2026-02-01", "sleep_hours": "7"}]},
            "self_care[1].sleep_hours must be a number",
        ),
        (
            {"self_care": [{"date": "2026-02-01", "sleep_hours": float("nan")}]},
            "self_care[1].sleep_hours must be a number",
        ),
        (
            {"self_care": [{"date": "2026-02-01", "peer_support": 1}]},
            "self_care[1].peer_support must be true or false",
        ),
        ({"self_care": [{"date": "2026-02-01", "note": "x" * 1001}]}, "self_care[1].note is longer"),
        (
            {"assessments": [{"instrument": "cbi", "taken_on": "2026-01-01"}]},
            "assessments[0].answers is required",
        ),
        (
            {"assessments": [{"instrument": "cbi", "taken_on": "2026-01-01", "answers": {"p1": "oft"}}]},
            "assessments[0].answers is not valid: The answer for item p1",
        ),
        (
            {"assessments": [{"instrument": "cbi", "taken_on": "2026-01-01", "answers": {"q9": "often"}}]},
            "assessments[0].answers is not valid: 'q9' is not an item",
        ),
        (
            {"assessments": [{"instrument": "cbi", "taken_on": "2026-01-01", "answers": ["p1"]}]},
            "assessments[0].answers is not valid",
        ),
        (
            {"assessments": [{"instrument": "proqol", "taken_on": "2026-01-01", "answers": {}}]},
            "assessments[0].instrument is not an instrument this app knows",
        ),
        ({"assessments": [{"instrument": "cbi", "answers": {}}]}, "assessments[0].taken_on is required"),
        ({"time_off": [{"start_on": "2026-01-05", "end_on": "2026-01-01"}]}, "time_off[0].end_on is before"),
        ({"time_off": [{"start_on": "2026-01-05", "kind": "sabbatical"}]}, "time_off[0].kind must be one of"),
        ({"time_off": [{"start_on": "2026-01-05", "status": "done"}]}, "time_off[0].status must be one of"),
        ({"time_off": [{"end_on": "2026-01-05"}]}, "time_off[0].start_on is required"),
    ],
)
def test_invalid_records_fail_the_whole_import_naming_section_index_field(unlocked, document, message):
    # a valid record first, so that the failure is known to undo good records too
    document = document | {"self_care": [GOOD, *document.get("self_care", [])]}
    with pytest.raises(InvalidImport) as info:
        import_document(unlocked.vault, document)
    assert message in info.value.message
    assert info.value.message.startswith("Import refused, nothing was written")
    assert all(export_document(unlocked.vault)[s] == [] for s in SECTIONS)


def test_second_check_in_for_a_day_already_in_the_vault_is_refused(unlocked, clock):
    SelfCareService(unlocked.vault, clock).save_check_in(D("2026-03-01"), CheckInValues(mood=3))
    with pytest.raises(InvalidImport, match=r"self_care\[0\].date already has a different check-in"):
        import_document(unlocked.vault, {"self_care": [{"id": "other", "date": "2026-03-01", "mood": 9}]})
    assert SelfCareService(unlocked.vault, clock).check_in(D("2026-03-01")).values.mood == 3


def test_error_messages_do_not_quote_answer_text(unlocked):
    canary = "canary-answer-99f3"
    with pytest.raises(InvalidImport) as info:
        import_document(
            unlocked.vault,
            {"assessments": [{"instrument": "cbi", "taken_on": "2026-01-01", "answers": {"p1": canary}}]},
        )
    assert canary not in info.value.message
