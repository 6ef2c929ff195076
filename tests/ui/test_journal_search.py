"""Search as you type, highlighted snippets drawn from plain text, filters, hostile input, paging."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont, QPixmap, QTextCursor

from tests.ui.journal_helpers import (  # noqa: F401 (registry is a fixture)
    CTRL,
    add_notes,
    focused,
    open_journal,
    press,
    registry,
)
from therapist_desk.domain.journal import NoteDraft
from therapist_desk.ui.journal.note_list import PAGE_SIZE, title_spans, utf16_offsets
from therapist_desk.ui.journal.note_list import snippet_document as document_for
from therapist_desk.ui.journal.search_bar import SearchCriteria


def type_search(qtbot, view, text: str) -> None:
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert focused() is view.search_bar.box
    view.search_bar.box.clear()
    qtbot.keyClicks(focused(), text)
    qtbot.waitUntil(lambda: not view.search_bar.timer.isActive(), timeout=2000)  # the 150 ms debounce


def marked_ranges(document) -> list[str]:
    """The pieces of a rendered snippet that carry the match format (bold)."""
    found, block = [], document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().fontWeight() >= QFont.Weight.DemiBold:
                found.append(fragment.text())
            iterator += 1
        block = block.next()
    return found


def test_search_as_you_type_shows_ranked_hits_with_highlighted_snippets(qtbot, unlocked_window):
    view = open_journal(qtbot, unlocked_window)
    grief, _other, titled = add_notes(
        view,
        NoteDraft(
            title="Tuesday", body="A long session. Talking about grief and the anniversary of the loss."
        ),
        NoteDraft(title="Wednesday", body="Nothing about that today."),
        NoteDraft(title="Grief in group", body="The group held it well."),
    )
    type_search(qtbot, view, "grie")
    assert view.model.searching
    ids = view.model.note_ids()
    assert ids == [titled.id, grief.id]  # a title match ranks first
    assert view.pane.count.text() == "2 matches, best first"
    row = view.model.row_at(1)
    assert row.text[slice(*row.highlights[0])] == "grief"
    document = document_for(row.text, row.highlights, QFont())
    assert document.toPlainText() == row.text
    assert marked_ranges(document) == ["grief"]
    assert title_spans("Grief in group", view.model.patterns) == [(0, 5)]

    press(qtbot, Qt.Key.Key_Escape)  # clears the search: back to the whole list
    qtbot.waitUntil(lambda: not view.model.searching, timeout=2000)
    assert view.model.rowCount() == 3


def test_note_text_that_looks_like_html_is_shown_literally(qtbot, unlocked_window):
    view = open_journal(qtbot, unlocked_window)
    hostile_body = 'before <img src="x" onerror="alert(1)"> <b>bold?</b> &amp; marker after'
    (note,) = add_notes(view, NoteDraft(title="<b>x</b>", body=hostile_body, tags=("<i>tag</i>",)))
    type_search(qtbot, view, "marker")
    row = view.model.row_at(0)
    assert view.model.index(0).data() == "<b>x</b>"
    assert "<b>bold?</b>" in row.text and "&amp;" in row.text
    document = document_for(row.text, row.highlights, QFont())
    assert document.toPlainText() == row.text  # every character shown as typed
    assert marked_ranges(document) == ["marker"]
    assert document.toHtml().count("<img") == 0  # nothing was read as markup
    # The delegate paints without error, and the editor shows the same literal text.
    pixmap = QPixmap(view.list.viewport().size())
    view.list.viewport().render(pixmap)
    view.open_note(note.id)
    assert view.editor.title.text() == "<b>x</b>" and view.editor.body.toPlainText() == hostile_body
    assert view.editor.tags.text() == "<i>tag</i>"


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unclosed',
        "AND",
        "grief AND",
        "NEAR(",
        "NEAR(a b",
        "*",
        "gr*ef",
        "^x",
        "a:b",
        "-",
        "🙂",
        "悲しみ",
        "x" * 10_240,
    ],
)
def test_hostile_queries_never_raise(qtbot, unlocked_window, query):
    view = open_journal(qtbot, unlocked_window)
    add_notes(view, NoteDraft(title="Grief", body="Words and more words, 悲しみ too."))
    view.search_bar.box.setText(query)
    view.search_bar.flush()
    assert not view.message.isVisible()
    assert view.model.rowCount() in (0, 1)


def test_emoji_before_a_match_still_marks_the_right_characters():
    text = "🙂🙂 grief"
    spans = [(3, 8)]
    assert text[3:8] == "grief"
    assert utf16_offsets(text, spans) == [(5, 10)]
    document = document_for(text, spans, QFont())
    cursor = QTextCursor(document)
    cursor.setPosition(5)
    cursor.setPosition(10, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "grief"
    assert marked_ranges(document) == ["grief"]


def test_filters_narrow_the_list_and_the_search(qtbot, unlocked_window, clock):
    window = unlocked_window
    view = open_journal(qtbot, window)
    river = window.bridge.session.services.caseload.add_client("River", "iop").client.id
    first = add_notes(view, NoteDraft(title="Early", body="grief", tags=("supervision",)))[0]
    clock.advance(3 * 86400)
    bias = view.journal.draft_from_prompt("bias-05")
    later = add_notes(
        view,
        NoteDraft(title="Later", body="grief again", client_id=river),
        NoteDraft(title="Bias", body="grief", kind="bias", themes=bias.themes, bias=bias.bias),
    )
    view._refresh_choices()
    bar = view.search_bar
    press(qtbot, Qt.Key.Key_F, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert bar.panel.isVisible() and focused() is bar.tag

    bar.tag.setCurrentIndex(bar.tag.findData("supervision"))
    bar.flush()
    assert view.model.note_ids() == [first.id] and view.pane.count.text() == "Filtered, newest first"
    bar.clear_filters()
    bar.client.setCurrentIndex(bar.client.findData(river))
    bar.box.setText("grief")
    bar.flush()
    assert view.model.note_ids() == [later[0].id]
    bar.clear_filters()
    bar.theme.setCurrentIndex(bar.theme.findData("cultural_humility"))
    bar.flush()
    assert view.model.note_ids() == [later[1].id]
    bar.clear_filters()
    bar.date_to.setDate(QDate(2026, 3, 3))
    bar.flush()
    assert bar.criteria() == SearchCriteria(query="grief", date_to=date(2026, 3, 3))
    assert view.model.note_ids() == [first.id]
    bar.date_to.setDate(bar.date_to.minimumDate())  # "Any date"
    bar.date_from.setDate(QDate(2026, 3, 4))
    bar.kind.setCurrentIndex(bar.kind.findData("bias"))
    bar.flush()
    assert view.model.note_ids() == [later[1].id]


def test_the_list_pages_through_many_notes(qtbot, unlocked_window):
    view = open_journal(qtbot, unlocked_window)
    total = 2 * PAGE_SIZE + 10
    with view.journal._vault.transaction():
        for number in range(total):
            view.journal.create(NoteDraft(title=f"Note {number}"))
            view.clock.advance(1)
    view.run_search()
    assert view.model.rowCount() == PAGE_SIZE
    assert view.model.canFetchMore()
    view.list.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount() > PAGE_SIZE, timeout=2000)
    while view.model.canFetchMore():
        view.model.fetchMore()
    ids = view.model.note_ids()
    assert len(ids) == total == len(set(ids))
    assert view.model.row_at(0).title == f"Note {total - 1}"
    assert view.pane.count.text() == f"{total} reflections"
