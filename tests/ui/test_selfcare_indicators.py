"""Early-warning indicators in the Self-care section: status, "why", tuning, and the wiring."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

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
    type_text,
)
from tests.ui.selfcare_seed import populate_selfcare
from therapist_desk.domain.indicators import NOT_ENOUGH_DATA, OFF, TRIGGERED
from therapist_desk.domain.selfcare import CheckInValues
from therapist_desk.ui.selfcare.common import medium_date, number, status_text


def open_indicators(qtbot, window):
    view = open_self_care(qtbot, window)
    press(qtbot, Qt.Key.Key_4, ALT)
    assert focused() is view.indicators.table
    return view, view.indicators


def test_little_data_raises_no_alarm(qtbot, unlocked_window):
    services = unlocked_window.bridge.session.services
    services.selfcare.save_check_in(date(2026, 3, 1), CheckInValues(exhaustion=9, mood=1))
    _view, page = open_indicators(qtbot, unlocked_window)
    statuses = {r.rule_id: r.status for r in page.model.results}
    assert TRIGGERED not in statuses.values()
    assert statuses["exhaustion_rising"] == NOT_ENOUGH_DATA
    assert statuses["no_day_off"] == NOT_ENOUGH_DATA
    assert page.summary.text() == "0 patterns found"
    # The status is written out, not only coloured.
    assert page.model.index(0, 0).data() in {status_text(s) for s in statuses.values()}


def test_why_shows_the_rule_the_dated_data_points_and_next_steps(qtbot, unlocked_window):
    services = unlocked_window.bridge.session.services
    populate_selfcare(services.selfcare)
    _view, page = open_indicators(qtbot, unlocked_window)
    result = page.result("exhaustion_rising")
    assert result.status == TRIGGERED and result.evidence
    page.select_rule("exhaustion_rising")
    assert not page.why.isVisible()
    press(qtbot, Qt.Key.Key_I, CTRL)  # "Why am I seeing this?"
    assert page.why.isVisible() and page.why_button.isChecked()
    assert page.rule_text.text() == result.rule_text and "28-day mean" in page.rule_text.text()
    model = page.evidence_model
    assert model.rowCount() == len(result.evidence)
    newest_first = sorted(result.evidence, key=lambda e: e.day, reverse=True)
    assert newest_first[0].day == date(2026, 3, 1)
    for row in (0, model.rowCount() - 1):
        point = newest_first[row]
        assert model.index(row, 0).data() == medium_date(point.day)
        assert model.index(row, 1).data() == number(point.value)
        assert "exhaustion" in model.index(row, 2).data()
    assert page.steps.isVisible() and "Consider" in page.steps.text()
    assert page.explanation.text() == result.explanation
    assert "diagnos" not in page.explanation.text().lower()

    page.select_rule("cbi_high_or_rising")
    cbi = page.result("cbi_high_or_rising")
    assert page.why.isVisible()  # stays open while moving through the list
    assert page.evidence_model.rowCount() == len(cbi.evidence) >= 2
    press(qtbot, Qt.Key.Key_I, CTRL)
    assert not page.why.isVisible()


def test_tuning_a_threshold_persists_across_a_lock_and_stays_within_bounds(qtbot, unlocked_window):
    window = unlocked_window
    populate_selfcare(window.bridge.session.services.selfcare)
    _view, page = open_indicators(qtbot, window)
    assert page.result("no_day_off").status == TRIGGERED  # 17 days since 13 February
    page.select_rule("no_day_off")
    days = page.tuning.spins["days"]
    qtbot.waitUntil(days.isVisible)
    assert (days.minimum(), days.maximum(), days.value()) == (3, 90, 14)
    days.setFocus()
    days.selectAll()
    type_text(qtbot, "500")  # beyond the bound: the box does not take it
    assert days.value() <= 90
    days.selectAll()
    type_text(qtbot, "21")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert focused() is days  # saving keeps the user where they were
    assert page.indicators.rule("no_day_off").value("days") == 21
    assert page.result("no_day_off").status != TRIGGERED
    assert "21 days" in page.rule_text.text()

    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(lambda: self_care_views() == [])
    unlock_via_ui(qtbot, window)
    _view, page = open_indicators(qtbot, window)
    page.select_rule("no_day_off")
    qtbot.waitUntil(page.tuning.spins["days"].isVisible)
    assert page.tuning.spins["days"].value() == 21
    assert "21 days" in page.rule_text.text()

    page.tuning.enabled.setFocus()
    press(qtbot, Qt.Key.Key_Space)  # turn it off
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert page.result("no_day_off").status == OFF
    assert not page.indicators.rule("no_day_off").enabled
    press(qtbot, Qt.Key.Key_R, CTRL | SHIFT)  # reset to default
    rule = page.indicators.rule("no_day_off")
    assert rule.enabled and rule.value("days") == 14
    assert page.tuning.spins["days"].value() == 14
    assert page.result("no_day_off").status == TRIGGERED


def test_the_indicators_read_the_caseload_and_journal_through_the_composition_root(unlocked_window):
    from therapist_desk.domain.caseload import SessionDraft

    services = unlocked_window.bridge.session.services
    data = services.indicators.gather()
    assert data.weekly_load is not None  # wired (empty weeks), not "unavailable"
    assert data.clients_active is False
    assert data.reflection_last is not None and len(data.reflection_last) == 10  # every ADDRESSING dimension
    assert set(data.reflection_last.values()) == {None}

    client = services.caseload.add_client("Heron", "iop", started_on=date(2026, 2, 1)).client.id
    for minutes, intensity in ((60, 5), (90, 2)):
        services.caseload.log_session(SessionDraft(client, date(2026, 3, 2), minutes, intensity))
    data = services.indicators.gather()
    assert data.clients_active is True
    this_week = next(w for w in data.weekly_load if w.week_start == date(2026, 3, 2))
    assert (this_week.hours, this_week.high_intensity_share) == (2.5, 0.5)
    session_load = next(r for r in services.indicators.evaluate() if r.rule_id == "session_load")
    assert "not available" not in session_load.explanation
