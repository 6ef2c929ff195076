"""`search QUERY [--json]` in a subprocess (CONTRACTS.md §2) on a real vault."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from tests.conftest import PASSPHRASE
from therapist_desk.domain.clock import FakeClock
from therapist_desk.domain.journal import NoteDraft
from therapist_desk.services.journal import JournalService

FILLER = "We went over the week and the plan for the weekend. " * 3


@pytest.fixture
def vault_with_notes(store, paths):
    unlocked, _code = store.create(PASSPHRASE)
    clock = FakeClock(datetime(2025, 3, 3, 9, 0, tzinfo=timezone(timedelta(hours=1))))
    journal = JournalService(unlocked.vault, clock)
    notes = {}
    for key, draft in {
        "body": NoteDraft(title="Tuesday group", body=f"{FILLER} Someone spoke about relapse and shame."),
        "title": NoteDraft(title="Relapse", body=FILLER, tags=("intake",)),
        "other": NoteDraft(title="Boundaries", body="Emails after hours again."),
        "trashed": NoteDraft(title="relapse notes I deleted", body="relapse"),
    }.items():
        notes[key] = journal.create(draft).id
        clock.advance(60)
    journal.delete(notes["trashed"])
    unlocked.close()
    return paths.data_dir, notes


def search(run_cli, data_dir, passphrase_file, *args):
    return run_cli("search", *args, "--data-dir", data_dir, "--passphrase-file", passphrase_file)


def test_search_json_lists_matches_best_first(run_cli, vault_with_notes, passphrase_file):
    data_dir, notes = vault_with_notes
    result = search(run_cli, data_dir, passphrase_file, "relapse", "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert [h["id"] for h in hits] == [notes["title"], notes["body"]]
    for hit in hits:
        assert set(hit) == {"id", "title", "created_at", "snippet"}
        assert datetime.fromisoformat(hit["created_at"]).utcoffset() == timedelta(hours=1)
    assert "spoke about [relapse] and shame." in hits[1]["snippet"]
    assert "\n" not in hits[1]["snippet"]


def test_search_readable_output(run_cli, vault_with_notes, passphrase_file):
    data_dir, _notes = vault_with_notes
    result = search(run_cli, data_dir, passphrase_file, "shame")
    assert result.returncode == 0, result.stderr
    assert "2025-03-03 09:00  Tuesday group" in result.stdout
    assert "[shame]" in result.stdout
    assert result.stderr == ""


def test_search_with_options_before_the_command_and_a_tag_filter(run_cli, vault_with_notes, passphrase_file):
    data_dir, notes = vault_with_notes
    result = run_cli(
        "--data-dir",
        data_dir,
        "--passphrase-file",
        passphrase_file,
        "search",
        "relapse",
        "--tag",
        "INTAKE",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    assert [h["id"] for h in json.loads(result.stdout)] == [notes["title"]]


@pytest.mark.parametrize("query", ['"', "NEAR(", "AND OR NOT", "*", "😀", "Клиент", "x" * 10_000, ""])
def test_hostile_and_empty_queries_exit_zero(run_cli, vault_with_notes, passphrase_file, query):
    data_dir, _notes = vault_with_notes
    result = search(run_cli, data_dir, passphrase_file, query, "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    if query in ("", "😀", "*"):
        assert len(hits) == 3  # nothing to search for: the newest notes, trash excluded
    else:
        assert isinstance(hits, list)


def test_no_match(run_cli, vault_with_notes, passphrase_file):
    data_dir, _notes = vault_with_notes
    assert json.loads(search(run_cli, data_dir, passphrase_file, "zebra", "--json").stdout) == []
    assert "No reflections match." in search(run_cli, data_dir, passphrase_file, "zebra").stdout


def test_wrong_passphrase_exits_3(run_cli, vault_with_notes, tmp_path):
    data_dir, _notes = vault_with_notes
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n")
    result = search(run_cli, data_dir, wrong, "relapse")
    assert result.returncode == 3
    assert "passphrase" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_bad_date_is_a_usage_error(run_cli, vault_with_notes, passphrase_file):
    data_dir, _notes = vault_with_notes
    result = search(run_cli, data_dir, passphrase_file, "relapse", "--from", "last week")
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr
