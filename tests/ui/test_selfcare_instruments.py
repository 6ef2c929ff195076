"""Instruments in the Self-care section: a CBI by keyboard alone, results, history, drafts."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.conftest import PASSPHRASE, assert_no_canary
from tests.ui.conftest import activate, unlock_via_ui
from tests.ui.selfcare_helpers import (  # noqa: F401 (registry is a fixture)
    ALT,
    CTRL,
    SHIFT,
    focused,
    open_self_care,
    press,
    registry,
    self_care_views,
)
from therapist_desk.domain.instruments import get_instrument, score
from therapist_desk.services.selfcare_drafts import AssessmentDrafts
from therapist_desk.ui.selfcare.assessment_form import AssessmentForm
from therapist_desk.ui.selfcare.common import Card, number

DIGITS = {n: getattr(Qt.Key, f"Key_{n}") for n in range(10)}


def take_cbi(qtbot, view) -> AssessmentForm:
    press(qtbot, Qt.Key.Key_3, ALT)  # the Instruments page
    press(qtbot, Qt.Key.Key_C, CTRL | SHIFT)  # take the CBI
    form = view.instruments.current_form()
    assert form is not None and form.instrument.id == "cbi"
    assert any(focused() in q.buttons for q in form.questions)
    return form


def test_a_cbi_completed_with_the_keyboard_alone_shows_the_services_scores(qtbot, unlocked_window):
    view = open_self_care(qtbot, unlocked_window)
    form = take_cbi(qtbot, view)
    assert focused() is form.questions[0].buttons[0]
    cbi = get_instrument("cbi")
    # One entry per item, in order: a number key, or a list of keys, or None (skip with Tab).
    plan: list[object] = [1, 2, 3, 4, 5, 2, 3, 3, 2, 4, 1, 5, 2, 4, None, 3, None, 2, 3]
    plan[1] = [DIGITS[2], Qt.Key.Key_Right]  # "often", then one to the right: "sometimes"
    plan[2] = [Qt.Key.Key_Down]  # nothing chosen yet: the arrow chooses the focused first answer
    plan[3] = [DIGITS[4], DIGITS[0]]  # chosen, then cleared with 0
    plan[4] = [DIGITS[5], Qt.Key.Key_Left, Qt.Key.Key_Left]  # "never" back to "sometimes"
    expected: dict[str, str] = {}
    for item, step in zip(cbi.items, plan, strict=True):
        keys = [] if step is None else [DIGITS[step]] if isinstance(step, int) else step
        for key in keys:
            press(qtbot, key)
        question = next(q for q in form.questions if q.item.id == item.id)
        if question.answer() is not None:
            expected[item.id] = question.answer()
        press(qtbot, Qt.Key.Key_Tab)
    assert expected["p2"] == "sometimes" and expected["p3"] == "always" and "p4" not in expected
    assert expected["p5"] == "sometimes" and expected["p1"] == "always"
    assert form.progress.value() == len(expected) == 16
    assert "enough for a score" in form.scale_labels["client"].text()

    press(qtbot, Qt.Key.Key_Return, CTRL)

    results = view.instruments.results
    assert view.instruments.stack.currentWidget() is results
    stored = view.selfcare.list_assessments("cbi")
    assert len(stored) == 1 and dict(stored[0].answers) == expected
    want = score(cbi, expected)
    shown = results.score_texts()
    assert set(shown) == {"personal", "work", "client"}
    for scale in want.scales:
        assert scale.score is not None
        assert shown[scale.scale_id] == number(scale.score)
    # The page says what the numbers are and are not, with the band's caution and the source.
    text = " ".join(label.text() for label in results.findChildren(QLabel))
    assert "Kristensen" in text and "diagnosis" in text and "commonly" in text.lower()
    assert "First result" in results.cards["work"].change.text()
    assert form.answers() == {}  # the form is ready for next time


def test_too_few_answers_show_as_not_scored_and_history_reopens_results(qtbot, unlocked_window):
    services = unlocked_window.bridge.session.services
    all_always = {item.id: item.response_set.options[0].value for item in get_instrument("cbi").items}
    services.selfcare.save_assessment("cbi", date(2026, 2, 2), {**all_always, "w7": "never"})
    # Only two client items: that scale needs three, so it has no score (never 0).
    sparse = {"p1": "often", "p2": "often", "p3": "sometimes", "w1": "low", "w2": "low", "w3": "low"}
    sparse |= {"w4": "seldom", "c1": "high", "c2": "high"}
    services.selfcare.save_assessment("cbi", date(2026, 3, 1), sparse)
    view = open_self_care(qtbot, unlocked_window)
    press(qtbot, Qt.Key.Key_3, ALT)
    page = view.instruments
    assert page.history_model.rowCount() == 2
    page.history.setFocus()
    page.history.selectRow(1)  # the older one (all answers "always"): very high scores
    press(qtbot, Qt.Key.Key_O, CTRL)
    assert page.stack.currentWidget() is page.results
    assert page.results.score_texts() == {"personal": "100", "work": "100", "client": "100"}
    support = page.results.findChild(Card, "supportNote")
    assert support is not None and "employee assistance program" in " ".join(
        w.text() for w in support.findChildren(QLabel)
    )

    press(qtbot, Qt.Key.Key_Escape)
    assert page.stack.currentWidget() is page.overview
    page.history.selectRow(0)
    press(qtbot, Qt.Key.Key_O, CTRL)
    cards = page.results.cards
    assert cards["client"].score_label.text() == "Not scored"
    assert "2 of 6" in cards["client"].answered.text()
    assert "not scored" in cards["client"].change.text()
    assert cards["work"].change.text().startswith("−")  # down from 100 on 2 February
    assert page.results.findChild(Card, "supportNote") is None


def test_a_half_filled_cbi_becomes_a_vault_draft_on_lock_and_comes_back(
    qtbot, unlocked_window, paths, isolated_dirs, clock
):
    window = unlocked_window
    view = open_self_care(qtbot, window)
    form = take_cbi(qtbot, view)
    for key in (DIGITS[2], DIGITS[3], DIGITS[1]):
        press(qtbot, key)
        press(qtbot, Qt.Key.Key_Tab)
    half = form.answers()
    assert half == {"p1": "often", "p2": "sometimes", "p3": "always"}
    # Something typed into the check-in that was never saved: the lock keeps it, inside the vault.
    canary = "CANARY-selfcare-lock-91c2"
    view.check_in.note.setText(canary)

    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)
    session = window.bridge.session
    assert not session.is_unlocked
    assert window.workspace.section_views() == {}
    qtbot.waitUntil(lambda: self_care_views() == [])  # deleted, not hidden
    reopened = session.store.unlock(PASSPHRASE)
    try:
        draft = AssessmentDrafts(reopened.vault, clock).get("cbi")
        assert draft is not None and dict(draft.answers) == half
        assert reopened.vault.scalar("SELECT count(*) FROM assessments") == 0  # a draft is not a result
        assert reopened.vault.scalar("SELECT note FROM self_care_checkins") == canary
    finally:
        reopened.close()
    assert_no_canary(
        canary, paths.data_dir, paths.config_dir, paths.cache_dir, paths.log_dir, *isolated_dirs.values()
    )

    unlock_via_ui(qtbot, window)
    view = open_self_care(qtbot, window)
    form = take_cbi(qtbot, view)
    assert form.answers() == half
    assert form.draft_note.isVisible()
    assert focused() is form.questions[3].buttons[0]  # straight to the first unanswered question
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert len(view.selfcare.list_assessments("cbi")) == 1
    assert AssessmentDrafts(view.selfcare.vault, view.selfcare.clock).get("cbi") is None


def test_an_empty_form_cannot_be_submitted_and_clearing_forgets_the_draft(qtbot, unlocked_window, dialogs):
    view = open_self_care(qtbot, unlocked_window)
    form = take_cbi(qtbot, view)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert form.error.isVisible() and view.selfcare.list_assessments() == []
    press(qtbot, DIGITS[1])
    form.save_draft()
    assert AssessmentDrafts(view.selfcare.vault, view.selfcare.clock).get("cbi") is not None
    dialogs.script("confirm", True)
    press(qtbot, Qt.Key.Key_Backspace, CTRL | SHIFT)
    assert form.answers() == {}
    assert AssessmentDrafts(view.selfcare.vault, view.selfcare.clock).get("cbi") is None
    press(qtbot, Qt.Key.Key_Escape)
    assert view.instruments.stack.currentWidget() is view.instruments.overview


def test_the_single_item_measure_by_keyboard(qtbot, unlocked_window):
    view = open_self_care(qtbot, unlocked_window)
    press(qtbot, Qt.Key.Key_3, ALT)
    card = view.instruments.cards["single_item"]
    assert "Rohland" in " ".join(w.text() for w in card.findChildren(QLabel))
    press(qtbot, Qt.Key.Key_S, CTRL | SHIFT)
    form = view.instruments.current_form()
    assert form is not None and form.instrument.id == "single_item"
    press(qtbot, DIGITS[4])
    press(qtbot, Qt.Key.Key_Return, CTRL)
    results = view.instruments.results
    assert results.score_texts() == {"burnout": "4"}
    assert results.findChild(Card, "supportNote") is not None
    assert view.instruments.cards["single_item"].due_label.text().startswith("Last taken on")
