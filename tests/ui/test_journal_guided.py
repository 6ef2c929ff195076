"""Guided reflections (Gibbs, bias) saved as fields, and the prompt dialog."""

from __future__ import annotations

import random
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.journal_helpers import (  # noqa: F401 (registry is a fixture)
    CTRL,
    SHIFT,
    add_notes,
    focused,
    open_journal,
    press,
    registry,
    wait_saved,
)
from therapist_desk.domain.journal import ADDRESSING_DIMENSIONS, ASSUMPTION_TYPES, NoteDraft


def test_the_bias_form_saves_its_fields(qtbot, unlocked_window):
    view = open_journal(qtbot, unlocked_window)
    press(qtbot, Qt.Key.Key_A, CTRL | SHIFT)
    form = view.editor.bias
    assert view.editor.forms.currentWidget() is form
    assert focused() is form.texts["situation"].edit
    # Every ADDRESSING dimension is offered with its full label, and the three assumption types.
    assert tuple(form.dimensions) == ADDRESSING_DIMENSIONS
    assert [form.dimensions[d].text() for d in ADDRESSING_DIMENSIONS] == [
        view.library.dimension_label(d) for d in ADDRESSING_DIMENSIONS
    ]
    assert form.dimensions["acquired_disability"].text() == "Disability acquired later in life"
    assert tuple(form.assumption_types) == ASSUMPTION_TYPES

    qtbot.keyClicks(focused(), "Intake for a new IOP client.")
    press(qtbot, Qt.Key.Key_Tab)  # Tab moves on, it does not insert a tab
    assert focused() is form.texts["assumption"].edit
    qtbot.keyClicks(focused(), "I expected he would not finish IOP.")
    form.assumption_types["likelihood_of_success"].click()
    form.dimensions["age"].click()
    form.dimensions["national_origin"].click()
    for name, text in (
        ("evidence_for", "Two missed sessions."),
        ("evidence_against", "Both were during a bus strike."),
        ("alternative_reading", "Transport, not motivation."),
        ("next_step", "Ask about getting here."),
    ):
        qtbot.keyClicks(form.texts[name].edit, text)
    qtbot.keyClicks(form.other.edit, "Bring to supervision.")
    wait_saved(qtbot, view, lambda n: n.body == "Bring to supervision.")
    note = view.journal.get(view.editor.note.id)
    assert note.kind == "bias" and "bias" in note.themes
    assert note.bias.situation == "Intake for a new IOP client."
    assert note.bias.assumption == "I expected he would not finish IOP."
    assert note.bias.assumption_types == ("likelihood_of_success",)
    assert note.bias.dimensions == ("age", "national_origin")
    assert note.bias.evidence_against == "Both were during a bus strike."
    assert note.bias.next_step == "Ask about getting here."
    assert view.journal.dimensions_not_reflected_on() == tuple(
        d for d in ADDRESSING_DIMENSIONS if d not in ("age", "national_origin")
    )

    # Reopened, the form shows exactly what was saved.
    (other,) = add_notes(view, NoteDraft(title="Other"))
    view.open_note(other.id)
    view.open_note(note.id)
    assert form.dimensions["national_origin"].isChecked() and not form.dimensions["gender"].isChecked()
    assert form.texts["alternative_reading"].text() == "Transport, not motivation."


def test_the_gibbs_form_saves_six_stages(qtbot, unlocked_window):
    view = open_journal(qtbot, unlocked_window)
    press(qtbot, Qt.Key.Key_G, CTRL | SHIFT)
    form = view.editor.gibbs
    assert view.editor.forms.currentWidget() is form
    labels = [field.label.text() for field in form.texts.values()]
    assert labels[0] == "What happened?" and labels[-1] == "What will you do next time?"
    assert all(field.guidance.text() for field in form.texts.values())
    for name in form.texts:
        qtbot.keyClicks(form.texts[name].edit, f"{name} text")
    wait_saved(qtbot, view, lambda n: n.gibbs is not None and n.gibbs.action_plan == "action_plan text")
    gibbs = view.journal.get(view.editor.note.id).gibbs
    assert gibbs.description == "description text" and gibbs.feelings == "feelings text"
    assert "12 words" in view.editor.meta.text()


def test_the_prompt_dialog_browses_by_theme_picks_at_random_and_gives_the_prompt_of_the_day(
    qtbot, unlocked_window
):
    view = open_journal(qtbot, unlocked_window)
    view.rng = random.Random(7)
    dialog = view.open_prompts("stalled_progress")  # as the Caseload's stalled-progress prompt asks
    assert dialog.current_theme() == "stalled_progress"
    dialog.activateWindow()  # the offscreen platform does not activate a new window by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert focused() is dialog.prompts
    shown = [dialog.prompts.item(r).text() for r in range(dialog.prompts.count())]
    assert shown == [p.text for p in view.library.prompts_by_theme("stalled_progress")]
    picked = set()
    for _ in range(6):
        press(qtbot, Qt.Key.Key_R, CTRL)  # random, within the theme
        picked.add(dialog.current_prompt().id)
    assert len(picked) > 1
    assert all("stalled_progress" in view.library.get(p).themes for p in picked)
    press(qtbot, Qt.Key.Key_D, CTRL)
    today = view.library.prompt_of_the_day(date(2026, 3, 2))
    assert dialog.current_prompt() == today
    dialog.select_theme("bias")
    dialog.select_prompt("bias-02")
    assert dialog.kind.currentData() == "bias"  # a bias prompt starts a bias reflection
    assert "Developmental disability" in dialog.preview.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData("gibbs"))
    dialog.accept()
    note = view.editor.note
    assert note.prompt_id == "bias-02" and note.kind == "gibbs"
    assert view.editor.forms.currentWidget() is view.editor.gibbs
    assert view.editor.prompt_box.text.text() == view.library.get("bias-02").text
    assert view.prompt_dialog is None or not view.prompt_dialog.isVisible()


def test_a_cancelled_prompt_dialog_creates_nothing(qtbot, unlocked_window):
    view = open_journal(qtbot, unlocked_window)
    dialog = view.open_prompts()
    assert dialog.current_theme() == ""
    dialog.reject()
    assert view.journal.count_notes() == 0 and view.model.rowCount() == 0
