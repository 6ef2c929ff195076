"""jrnl and Day One exports become notes: conversion, hostile files, and the end-to-end import.

The samples in tests/services/data/ were written by hand from the two formats' documentation.
"""

from __future__ import annotations

import json
import zipfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from therapist_desk.domain.clock import FakeClock
from therapist_desk.domain.errors import InvalidImport
from therapist_desk.services.exchange import export_document, load_codecs
from therapist_desk.services.exchange_codec import SECTION_CODECS
from therapist_desk.services.journal_import import (
    dayone_document,
    detect_journal_kind,
    import_journal_file,
    jrnl_document,
)

DATA = Path(__file__).parent / "data"
JRNL = DATA / "jrnl_export.json"
DAYONE_JOURNAL = DATA / "dayone_Journal.json"
BERLIN = ZoneInfo("Europe/Berlin")
CLOCK = FakeClock(datetime(2026, 3, 10, 12, 0, tzinfo=BERLIN))


def dayone_zip(folder: Path, members: dict[str, bytes] | None = None) -> Path:
    path = folder / "Export-Journal.zip"
    if members is None:
        members = {"Journal.json": DAYONE_JOURNAL.read_bytes(), "photos/abc.jpeg": b"\xff\xd8 not really"}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


# -- jrnl ------------------------------------------------------------------------------------------
def test_jrnl_entries_become_notes_with_local_times_and_tags():
    document = jrnl_document(JRNL.read_bytes(), CLOCK, BERLIN)
    assert document["format"] == "therapist-desk/export" and document["version"] == 1
    first, second, third = document["notes"]
    assert first["title"] == "Long day at the clinic."
    assert first["body"].startswith("Three intakes") and first["body"].endswith("eat lunch.")
    assert first["created_at"] == "2025-01-07T18:45:00+01:00"
    assert second["created_at"] == "2025-03-30T09:10:00+02:00"  # summer time began that night
    assert second["tags"] == ["work", "supervision"] and second["starred"] is True
    assert third["tags"] == [] and third["body"] == ""
    assert all(n["id"].startswith("jrnl-") and len(n["id"]) == 29 for n in document["notes"])
    assert len({n["id"] for n in document["notes"]}) == 3


def test_jrnl_ids_are_stable_and_repeated_entries_are_numbered():
    again = jrnl_document(JRNL.read_bytes(), CLOCK, BERLIN)
    assert [n["id"] for n in again["notes"]] == [
        n["id"] for n in jrnl_document(JRNL.read_bytes(), CLOCK, BERLIN)["notes"]
    ]
    source = json.loads(JRNL.read_text())
    source["entries"].append(source["entries"][0])
    notes = jrnl_document(json.dumps(source).encode(), CLOCK, BERLIN)["notes"]
    assert notes[3]["id"] == notes[0]["id"] + "-2"


def test_jrnl_long_titles_and_odd_tags_are_tidied_without_losing_text():
    entry = {"title": "T" * 700, "body": "rest", "date": "2025-01-07", "time": "08:00",
             "tags": ["@a", "@A", "@" + "x" * 90, "@", "#b\x07c"]}  # fmt: skip
    (note,) = jrnl_document(json.dumps({"entries": [entry]}).encode(), CLOCK, BERLIN)["notes"]
    assert len(note["title"]) <= 500 and note["body"] == "T" * 700 + "\nrest"
    assert note["tags"] == ["a", "x" * 60, "bc"]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ({"tags": {}}, "not a jrnl JSON export"),
        ([], "not a jrnl JSON export"),
        ({"entries": [1]}, "jrnl entries[0] must be an object"),
        ({"entries": [{"title": "x", "date": "2025-13-01"}]}, "jrnl entries[0].date"),
        ({"entries": [{"title": "x", "date": "2025-01-01", "time": "25:00"}]}, "jrnl entries[0].date"),
        ({"entries": [{"title": 5, "date": "2025-01-01"}]}, "jrnl entries[0].title must be text"),
        ({"entries": [{"date": "2025-01-01", "tags": "work"}]}, "jrnl entries[0].tags"),
    ],
)
def test_invalid_jrnl_files_are_refused(source, message):
    with pytest.raises(InvalidImport) as refused:
        jrnl_document(json.dumps(source).encode(), CLOCK, BERLIN)
    assert message in refused.value.message


def test_deep_or_huge_journal_files_are_refused():
    with pytest.raises(InvalidImport, match="nested too deeply"):
        jrnl_document(b"[" * 100_000 + b"]" * 100_000, CLOCK)
    with pytest.raises(InvalidImport, match="nested too deeply"):
        jrnl_document(
            json.dumps({"entries": [{"x": [[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]}]}).encode(),
            CLOCK,
        )
    with pytest.raises(InvalidImport, match="larger than"):
        jrnl_document(b" " * 40_000_001, CLOCK)


# -- Day One ----------------------------------------------------------------------------------------
def test_dayone_zip_entries_become_notes_in_their_own_time_zone(tmp_path):
    document = dayone_document(dayone_zip(tmp_path), CLOCK)
    first, second, third = document["notes"]
    assert first["id"] == "dayone-9A1C2E3F4B5D6E7F8091A2B3C4D5E6F7"
    assert first["created_at"] == "2025-01-07T10:30:00+01:00"
    assert first["updated_at"] == "2025-01-07T11:02:11+01:00"
    assert first["title"] == "Morning pages"
    assert first["body"] == "Slept badly. Group at 11. Felt *flat*!"
    assert first["tags"] == ["work", "sleep"]
    assert second["created_at"] == "2025-07-14T17:05:00-04:00" and second["starred"] is True
    assert second["title"] == "After the session with R."
    assert third["created_at"] == "2025-02-01T08:00:00+00:00"  # unknown zone: UTC
    assert (third["title"], third["body"]) == ("Only a title line", "")


def test_a_bare_dayone_json_file_works_too():
    notes = dayone_document(DAYONE_JOURNAL, CLOCK)["notes"]
    assert [n["id"] for n in notes][0] == "dayone-9A1C2E3F4B5D6E7F8091A2B3C4D5E6F7"


def test_several_journals_in_one_zip_are_all_read(tmp_path):
    other = json.dumps({"metadata": {}, "entries": [{"uuid": "ABC", "creationDate": "2025-05-05T05:05:05Z"}]})
    path = dayone_zip(tmp_path, {"Journal.json": DAYONE_JOURNAL.read_bytes(), "Work.json": other.encode()})
    assert len(dayone_document(path, CLOCK)["notes"]) == 4


def test_detection(tmp_path):
    assert detect_journal_kind(JRNL) == "jrnl"
    assert detect_journal_kind(DAYONE_JOURNAL) == "dayone"
    assert detect_journal_kind(dayone_zip(tmp_path)) == "dayone"
    other = tmp_path / "other.json"
    other.write_text('{"hello": 1}')
    with pytest.raises(InvalidImport, match="neither"):
        detect_journal_kind(other)
    with pytest.raises(InvalidImport, match="does not exist"):
        detect_journal_kind(tmp_path / "absent.json")


def hostile_zips(folder: Path) -> dict[str, tuple[Path, str]]:
    cases = {}
    for name, members, message in [
        ("traversal", {"Journal.json": b"{}", "../evil.json": b"{}"}, "unsafe path"),
        ("absolute", {"/etc/evil.json": b"{}", "Journal.json": b"{}"}, "unsafe path"),
        ("backslash", {"..\\evil.json": b"{}", "Journal.json": b"{}"}, "unsafe path"),
        ("no journal", {"photos/a.jpeg": b"x"}, "no Day One journal"),
        ("bomb", {"Journal.json": b" " * 5_000_000}, "too large"),
        ("huge", {"Journal.json": b"{}", "Other.json": b" " * 40_000_001}, "too large"),
    ]:
        folder.joinpath(name).mkdir()
        cases[name] = (dayone_zip(folder / name, members), message)
    damaged = folder / "damaged.zip"
    good = dayone_zip(folder).read_bytes()
    damaged.write_bytes(good[:30] + b"\x00" * 40 + good[70:])
    cases["damaged"] = (damaged, "damaged")
    return cases


def test_hostile_dayone_zips_are_refused(tmp_path):
    for case, (path, message) in hostile_zips(tmp_path).items():
        with pytest.raises(InvalidImport) as refused:
            dayone_document(path, CLOCK)
        assert message in refused.value.message, case
    assert not (tmp_path.parent / "evil.json").exists()


# -- end to end, through the notes codec ----------------------------------------------------------
def _needs_notes() -> None:
    load_codecs()
    if "notes" not in SECTION_CODECS:
        pytest.skip("the journal's notes section is not registered in this build yet")


@pytest.mark.parametrize("kind", ["jrnl", "dayone"])
def test_import_adds_notes_once_and_they_are_searchable(unlocked, tmp_path, kind):
    _needs_notes()
    path = JRNL if kind == "jrnl" else dayone_zip(tmp_path)
    report = import_journal_file(unlocked.vault, path, CLOCK, tz=BERLIN)
    assert (report.added("notes"), report.already_present("notes")) == (3, 0)
    again = import_journal_file(unlocked.vault, path, CLOCK, tz=BERLIN)
    assert (again.added("notes"), again.already_present("notes")) == (0, 3)
    notes = {n["title"]: n for n in export_document(unlocked.vault, CLOCK)["notes"]}
    if kind == "jrnl":
        assert notes["Supervision notes"]["tags"] == ["work", "supervision"]
        assert notes["Supervision notes"]["created_at"] == "2025-03-30T09:10:00+02:00"
        word = "boundaries"
    else:
        assert notes["Morning pages"]["created_at"] == "2025-01-07T10:30:00+01:00"
        word = "impatience"
    hits = unlocked.vault.scalar("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH ?", (word,))
    assert hits == 1
