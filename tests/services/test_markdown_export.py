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
