"""The summary composer: only what was ticked, the preview is the payload, the file is the preview."""

from __future__ import annotations

import json
from dataclasses import fields, replace
from datetime import date

import pytest

from tests.services.summary_helpers import (
    ALIAS_CANARY,
    PERIOD,
    SECRET_CANARY,
    SELECTED_CANARY,
    STALLED_ALIAS,
    make_clock,
    seed,
)
from therapist_desk.domain.errors import InvalidEntry, RecordNotFound
from therapist_desk.domain.identifiers import IdentifierKind
from therapist_desk.security.summary_signing import canonical_bytes, new_signing_key, verify_summary_file
from therapist_desk.services.journal import JournalService
from therapist_desk.services.summary_composer import (
    DEFAULT_DISPLAY_NAME,
    SelectedExcerpt,
    SummaryComposer,
    SummaryOptions,
    identifier_warnings,
    render_preview_text,
    write_summary,
)
from therapist_desk.services.summary_document import read_summary
from therapist_desk.services.summary_text import render_document

SECTION_FLAGS = {
    "self_care_trends": "self_care",
    "indicator_status": "indicators",
    "caseload_by_level": "caseload",
    "themes": "themes",
    "stalled_sessions": "stalled",
}
NOTHING = {flag: False for flag in SECTION_FLAGS}


@pytest.fixture
def clock():
    return make_clock()


@pytest.fixture
def seeded(unlocked, clock):
    return seed(unlocked.vault, clock)


@pytest.fixture
def composer(unlocked, clock, seeded):
    return SummaryComposer(unlocked.vault, clock)


def options(**changes) -> SummaryOptions:
    return replace(SummaryOptions(*PERIOD, display_name="Alex"), **changes)


def string_leaves(value, key=None):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from string_leaves(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from string_leaves(v, key)
    elif isinstance(value, str) and key not in {"format", "id", "status", "generated_at"}:
        yield value


def test_defaults_are_aggregates_only_without_aliases_or_any_note_text(composer):
    payload = composer.compose(options())
    assert payload["format"] == "therapist-desk/supervision-summary" and payload["version"] == 1
    assert payload["display_name"] == "Alex"
    assert payload["period"] == {"from": "2026-02-02", "to": "2026-03-01"}
    assert payload["generated_at"] == "2026-03-02T09:00:00+00:00"
    assert set(payload["sections"]) == set(SECTION_FLAGS.values())
    data = canonical_bytes(payload).decode()
    for canary in (
        ALIAS_CANARY,
        STALLED_ALIAS,
        SECRET_CANARY,
        SELECTED_CANARY,
        "Client B12",
        "family session",
    ):
        assert canary not in data
    assert "aliases_by_level" not in payload["sections"]["caseload"]
    assert "aliases" not in payload["sections"]["stalled"]


@pytest.mark.parametrize("flag", list(SECTION_FLAGS))
def test_each_section_appears_only_when_ticked(composer, flag):
    payload = composer.compose(options(**{**NOTHING, flag: True}))
    assert list(payload["sections"]) == [SECTION_FLAGS[flag]]


def test_nothing_ticked_gives_an_empty_summary_and_questions_only_when_written(composer):
    assert composer.compose(options(**NOTHING))["sections"] == {}
    payload = composer.compose(options(**NOTHING, normative="  Is it OK to\r\nend early?  ", formative=" "))
    assert payload["sections"] == {"questions": {"normative": "Is it OK to\nend early?"}}


def test_aggregates_count_what_happened_in_the_period(composer):
    sections = composer.compose(options())["sections"]
    care = sections["self_care"]
    assert care["check_in_days"] == 26 and care["days_in_period"] == 28 and care["days_off"] == 2
    assert care["support_contact_days"] == 4
    assert [w["days"] for w in care["weekly"]] == [7, 7, 7, 5]
    assert [w["exhaustion"] for w in care["weekly"]] == [4.0, 5.0, 6.0, 7.0]
    assert care["cbi"][0]["taken_on"] == "2026-02-03" and care["cbi"][0]["personal"] == 75.0
    assert care["single_item"] == [{"taken_on": "2026-02-16", "score": 3}]
    load = sections["caseload"]
    assert load["active_at_start"] == {"inpatient": 0, "php": 1, "iop": 1, "outpatient": 1}
    assert load["active_at_end"] == {"inpatient": 0, "php": 1, "iop": 1, "outpatient": 0}
    assert load["sessions_by_level"]["iop"]["sessions"] == 16
    assert load["sessions_by_level"]["outpatient"] == {"sessions": 1, "hours": 0.8, "high_intensity": 1}
    assert sum(w["sessions"] for w in load["weekly"]) == 33
    themes = {t["id"]: t["count"] for t in sections["themes"]["by_theme"]}
    assert sections["themes"]["reflections"] == 3
    assert themes["empathy"] == 1 and themes["boundaries"] == 1 and themes["bias"] == 1
    dims = {d["id"]: d["count"] for d in sections["themes"]["by_dimension"]}
    assert dims["age"] == 1 and dims["gender"] == 0
    stalled = sections["stalled"]
    assert stalled["stalled_sessions"] == 4 and stalled["by_level"]["php"] == 4
    assert stalled["clients_with_stalled_sessions"] == 1 and stalled["clients_flagged_now"] == 1


def test_aliases_only_when_their_own_box_is_ticked(composer):
    payload = composer.compose(options(caseload_aliases=True))
    assert payload["sections"]["caseload"]["aliases_by_level"]["iop"] == [ALIAS_CANARY]
    assert "Client B12" not in json.dumps(payload)  # discharged before the period ended
    assert STALLED_ALIAS not in json.dumps(payload["sections"]["stalled"])
    payload = composer.compose(options(stalled_aliases=True))
    assert payload["sections"]["stalled"]["aliases"] == [{"alias": STALLED_ALIAS, "stalled_sessions": 4}]
    assert ALIAS_CANARY not in json.dumps(payload)
    # An alias box without its section shares nothing.
    payload = composer.compose(options(**NOTHING, caseload_aliases=True, stalled_aliases=True))
    assert payload["sections"] == {}


def test_a_selected_excerpt_is_shared_as_edited_and_nothing_else_of_any_note(composer, seeded, tmp_path):
    start = composer.default_excerpt(seeded.selected_note)
    assert SELECTED_CANARY in start.text and SECRET_CANARY not in start.text
    assert start.heading == "After the family session"
    edited = SelectedExcerpt(seeded.selected_note, f"Edited: {SELECTED_CANARY} only.", "My question")
    payload = composer.compose(options(excerpts=(edited,)))
    assert payload["sections"]["excerpts"] == [
        {"written_on": "2026-02-10", "heading": "My question", "text": f"Edited: {SELECTED_CANARY} only."}
    ]
    data = write_summary(payload, tmp_path / "s.tdsummary", new_signing_key())
    assert SELECTED_CANARY.encode() in data
    for canary in (SECRET_CANARY, "caught between them", "After the family session"):
        assert canary.encode() not in data
    assert (tmp_path / "s.tdsummary").read_bytes() == data
    assert verify_summary_file(tmp_path / "s.tdsummary").payload == payload


def test_excerpts_are_checked(composer, seeded, unlocked, clock):
    with pytest.raises(InvalidEntry, match="Excerpt 1 is empty"):
        composer.compose(options(excerpts=(SelectedExcerpt(seeded.selected_note, " \n "),)))
    with pytest.raises(RecordNotFound, match="excerpt 1"):
        composer.compose(options(excerpts=(SelectedExcerpt("no-such-note", "text"),)))
    with pytest.raises(InvalidEntry, match="longer than"):
        composer.compose(options(excerpts=(SelectedExcerpt(seeded.selected_note, "x" * 20_001),)))
    JournalService(unlocked.vault, clock).delete(seeded.secret_note)
    with pytest.raises(InvalidEntry, match="trash"):
        composer.compose(options(excerpts=(SelectedExcerpt(seeded.secret_note, "text"),)))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"period_from": date(2026, 3, 2), "period_to": date(2026, 3, 1)}, "end on or after"),
        ({"period_to": date(2026, 3, 3)}, "after today"),
        ({"period_from": date(2020, 1, 1)}, "five years"),
        ({"display_name": " \t "}, "display name"),
        ({"display_name": "x" * 121}, "at most 120"),
        ({"normative": "q" * 20_001}, "normative questions"),
    ],
)
def test_bad_forms_are_refused_with_a_clear_sentence(composer, changes, message):
    with pytest.raises(InvalidEntry, match=message):
        composer.compose(options(**changes))


def test_the_preview_shows_every_shared_text_and_marks_identifiers_where_they_are(composer, seeded):
    question = "Should I call Maria Gonzalez back on 555-123-4567?"
    payload = composer.compose(
        options(
            caseload_aliases=True,
            stalled_aliases=True,
            excerpts=(
                SelectedExcerpt(seeded.selected_note, f"{SELECTED_CANARY} with <b>tags</b>", "Heading"),
            ),
            formative=question,
        )
    )
    preview = render_preview_text(payload)
    for text in string_leaves(payload):
        assert text in preview, text
    assert "<b>tags</b>" in preview  # shown as typed, never interpreted
    findings = identifier_warnings(payload, today=date(2026, 3, 2))
    kinds = {f.kind for f in findings}
    assert {IdentifierKind.FULL_NAME, IdentifierKind.PHONE} <= kinds
    for finding in findings:
        assert finding.path == ("sections", "questions", "formative")
        assert finding.where == "Questions: formative"
        assert preview[finding.preview_start : finding.preview_end] == question[finding.start : finding.end]
    assert "Maria" not in " ".join(f.reason for f in findings)


def test_display_name_is_a_vault_preference(composer):
    assert composer.display_name() == DEFAULT_DISPLAY_NAME
    composer.set_display_name("  Alex   R. ")
    assert composer.display_name() == "Alex R."
    with pytest.raises(InvalidEntry):
        composer.set_display_name("")


def test_the_note_picker_finds_notes_in_the_period(composer, seeded):
    found = composer.find_notes("", *PERIOD)
    assert {n.id for n in found} == {seeded.selected_note, seeded.secret_note, seeded.bias_note}
    assert [n.id for n in composer.find_notes(SELECTED_CANARY[:9], *PERIOD)] == [seeded.selected_note]
    assert composer.find_notes("", date(2026, 1, 1), date(2026, 1, 31)) == []


def test_a_hostile_payload_reads_without_errors_and_names_what_it_cannot_show():
    hostile = {
        "format": "therapist-desk/supervision-summary",
        "version": 1,
        "display_name": "<script>x</script>\u202eevil\x00",
        "period": {"from": "2026-13-45", "to": 7},
        "generated_at": ["no"],
        "surprise": True,
        "sections": {
            "self_care": {
                "weekly": [{"week_start": "2026-02-02", "exhaustion": float("inf")}, "junk"],
                "cbi": "x",
            },
            "caseload": {
                "sessions_by_level": {"iop": {"sessions": -5, "hours": "many"}},
                "aliases_by_level": {"iop": [1, "A" * 500]},
            },
            "excerpts": [{"text": "t" * 50_000, "heading": {"a": 1}}, 5],
            "questions": {"normative": "ok", "other": "dropped"},
            "mystery": [1, 2],
        },
    }
    doc = read_summary(hostile)
    assert doc.display_name == "<script>x</script>evil"
    assert doc.period_from == "" and doc.period_to == ""
    assert doc.self_care is not None and doc.self_care.weekly[0].values["exhaustion"] is None
    assert doc.caseload is not None and doc.caseload.sessions_by_level["iop"].sessions == 0
    assert doc.caseload.aliases_by_level is not None and doc.caseload.aliases_by_level["iop"] == ("A" * 60,)
    assert len(doc.excerpts) == 1 and len(doc.excerpts[0].text) == 20_000
    assert doc.questions == {"normative": "ok"}
    assert set(doc.unknown_parts) == {"mystery", "surprise"}
    text = render_document(doc).text
    assert "this app does not show" in text and "\u202e" not in text and "\x00" not in text
    for junk in (None, [], "text", 5, {"sections": "x"}):
        assert render_document(read_summary(junk)).text.startswith("SUPERVISION SUMMARY")


def test_options_names_match_the_documented_sections():
    names = {f.name for f in fields(SummaryOptions)}
    assert set(SECTION_FLAGS) | {"caseload_aliases", "stalled_aliases", "excerpts"} <= names
