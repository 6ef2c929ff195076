"""Notes as Markdown files: one per note, front matter, safe names, atomic writes."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from therapist_desk.domain.errors import UsageError
from therapist_desk.services.markdown_export import MarkdownNote, export_notes_markdown, slug

NOTE = MarkdownNote(
    id="n-1",
    title='After group: "stuck" feelings',
    body="First paragraph.\n\n---\nnot front matter\n",
    created_at="2025-01-07T18:45:00+01:00",
    tags=("work", "supervision: weekly"),
    prompt_id="gibbs-1",
    updated_at="2025-01-08T08:00:00+01:00",
)


def front_matter(path: Path) -> tuple[dict[str, object], str]:
    """Parse our front matter: every value is JSON (a subset of YAML), one key per line."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    head, _, rest = text[4:].partition("\n---\n")
    values = {}
    for line in head.split("\n"):
        key, _, value = line.partition(": ")
        values[key] = json.loads(value)
    return values, rest


def test_one_file_per_note_with_front_matter(tmp_path):
    other = {"id": "n-2", "title": "", "body": "untitled", "created_at": datetime(2025, 2, 1, 9, tzinfo=ZoneInfo("UTC")),
             "tags": [], "prompt_id": None}  # fmt: skip
    written = export_notes_markdown([NOTE, other], tmp_path / "md")
    assert [p.parent for p in written] == [tmp_path / "md"] * 2
    values, rest = front_matter(written[0])
    assert values == {
        "id": "n-1",
        "title": NOTE.title,
        "date": "2025-01-07T18:45:00+01:00",
        "updated": "2025-01-08T08:00:00+01:00",
        "tags": ["work", "supervision: weekly"],
        "prompt_id": "gibbs-1",
    }
    assert rest == "\n# " + NOTE.title + "\n\nFirst paragraph.\n\n---\nnot front matter\n"
    assert written[0].name.startswith("2025-01-07-after-group-stuck-feelings-")
    values, rest = front_matter(written[1])
    assert values["date"] == "2025-02-01T09:00:00+00:00" and values["prompt_id"] is None
    assert written[1].name.startswith("2025-02-01-note-") and rest == "\nuntitled\n"


@pytest.mark.parametrize(
    "title", ["../../etc/passwd", "/absolute/path", "..", "a\\..\\b", "\x00nul", "…", "C:\\x"]
)
def test_titles_never_escape_the_folder(tmp_path, title):
    (path,) = export_notes_markdown(
        [{"id": title, "title": title, "body": "", "created_at": "x"}], tmp_path / "md"
    )
    assert path.parent == tmp_path / "md" and path.name.startswith("undated-")
    assert "/" not in slug(title) and ".." not in slug(title) and slug(title)


def test_exporting_again_replaces_the_same_files(tmp_path):
    first = export_notes_markdown([NOTE], tmp_path / "md")
    second = export_notes_markdown([NOTE], tmp_path / "md")
    assert first == second and [p.name for p in (tmp_path / "md").iterdir()] == [first[0].name]


def test_odd_characters_stay_valid_front_matter(tmp_path):
    odd = MarkdownNote(
        "i", "tab\there \x85 \x9f \ud800 \ufffe end", "", "2025-01-01T00:00:00+00:00", ("é", "\x7f")
    )
    (path,) = export_notes_markdown([odd], tmp_path)
    values, _ = front_matter(path)
    assert values["title"] == "tab\there \x85 \x9f \ufffd \ufffe end"
    assert values["tags"] == ["é", "\x7f"]
    head = path.read_bytes().split(b"\n---\n")[0]
    for raw in ("\x9f", "\x7f", "\ufffe"):
        assert raw.encode() not in head  # written as \\u escapes, as YAML requires


def test_a_file_as_folder_is_refused(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(UsageError):
        export_notes_markdown([NOTE], tmp_path / "file")


def test_a_gibbs_note_is_exported_whole_under_the_editors_questions(tmp_path):
    note = {
        "id": "g-1", "title": "Late again", "body": "Ask in supervision.\n", "created_at": "2025-03-01T17:00:00+01:00",
        "tags": [], "prompt_id": None, "kind": "gibbs", "themes": ["boundaries"], "client_alias": "Client K7",
        "gibbs": {"description": "He came 20 minutes late.", "feelings": "Irritated.", "evaluation": "",
                  "analysis": "Stage of change: contemplation.", "conclusion": "", "action_plan": "Name it kindly."},
    }  # fmt: skip
    (path,) = export_notes_markdown([note], tmp_path)
    values, rest = front_matter(path)
    assert values["kind"] == "gibbs" and values["themes"] == ["boundaries"] and values["client"] == "Client K7"
    assert rest == (
        "\n# Late again\n\n"
        "## What happened?\n\nHe came 20 minutes late.\n\n"
        "## What were you thinking and feeling?\n\nIrritated.\n\n"
        "## What sense can you make of it?\n\nStage of change: contemplation.\n\n"
        "## What will you do next time?\n\nName it kindly.\n\n"
        "## Anything else\n\nAsk in supervision.\n"
    )


def test_a_bias_reflection_lists_its_types_and_dimensions_by_label(tmp_path):
    note = {
        "id": "b-1", "title": "", "body": "", "created_at": "2025-03-02T09:00:00+01:00", "tags": [],
        "prompt_id": None, "kind": "bias", "themes": ["bias"],
        "bias": {"situation": "Intake", "assumption": "He won't finish IOP.",
                 "assumption_types": ["likelihood_of_success"], "dimensions": ["socioeconomic_status"],
                 "evidence_for": "", "evidence_against": "He finished PHP.", "alternative_reading": "",
                 "next_step": ""},
    }  # fmt: skip
    (path,) = export_notes_markdown([note], tmp_path)
    _values, rest = front_matter(path)
    assert "## The assumption I noticed\n\nHe won't finish IOP.\n" in rest
    assert "## What the assumption was about\n\n- Likelihood of success\n" in rest
    assert "## ADDRESSING dimensions involved\n\n- Socioeconomic status\n" in rest
    assert "## Evidence against it\n\nHe finished PHP.\n" in rest
    assert "Evidence for it" not in rest and "Anything else" not in rest
