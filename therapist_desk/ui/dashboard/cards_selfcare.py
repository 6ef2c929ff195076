"""The dashboard's self-care cards: today's check-in, early warnings, rest, and the latest CBI.

Each card shows one part of a ``DashboardSnapshot`` and opens its page in the Self-care
section through the ``Navigator``. The words stay with indicators and patterns to consider;
nothing here tells the user what they "have".
"""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from therapist_desk.domain.selfcare import CheckInValues
from therapist_desk.services.dashboard import DashboardSnapshot
from therapist_desk.ui.dashboard.common import (
    DashboardCard,
    Link,
    LinkListCard,
    big_number,
    medium_date,
    muted,
    number,
    plain_label,
    signed,
    tr,
)
from therapist_desk.ui.navigation import Navigator

MAX_WARNING_ROWS = 4


def _or_dash(value: object, unit: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return tr("yes") if value else tr("no")
    text = number(float(value)) if isinstance(value, int | float) else str(value)
    return f"{text} {unit}".strip()


class CheckInCard(DashboardCard):
    """Today's check-in: its values when done, else a one-click start."""

    def __init__(self, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(tr("Today's check-in"), "checkInCard", tr("Start today's check-in"), "Alt+1", parent)
        self.on_action(navigator.open_check_in)
        self.prompt = muted(
            tr("Not done yet today. Under 30 seconds: energy, mood, exhaustion, sleep and a few habits."),
            self,
            name="checkInPrompt",
        )
        self.values = QWidget(self)
        self.values.setObjectName("checkInValues")
        self.grid = QGridLayout(self.values)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(4)
        self.cells: dict[str, QLabel] = {}
        rows = (
            (("energy", tr("Energy")), ("sleep_hours", tr("Sleep"))),
            (("mood", tr("Mood")), ("exercise_minutes", tr("Exercise"))),
            (("exhaustion", tr("Exhaustion")), ("self_care_minutes", tr("Self-care"))),
            (("support", tr("Support")), ("boundaries_kept", tr("Boundaries"))),
        )
        for row, pair in enumerate(rows):
            for column, (key, label) in enumerate(pair):
                self.grid.addWidget(muted(label, self.values), row, 2 * column)
                cell = plain_label("", self.values, name=f"checkIn-{key}")
                cell.setWordWrap(False)
                self.cells[key] = cell
                self.grid.addWidget(cell, row, 2 * column + 1)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(3, 1)
        self.body.addWidget(self.prompt)
        self.body.addWidget(self.values)

    def show_snapshot(self, snapshot: DashboardSnapshot) -> None:
        check_in = snapshot.check_in
        done = check_in is not None
        self.prompt.setVisible(not done)
        self.values.setVisible(done)
        if check_in is None:
            self.set_badge(tr("To do"), "support")
            self.set_action_text(tr("Start today's check-in"), prominent=True)
            return
        self.set_badge(tr("Done"), "calm")
        self.set_action_text(tr("Edit today's check-in"))
        self._fill(check_in.values)

    def _fill(self, values: CheckInValues) -> None:
        out_of_ten = tr("{n} of 10")
        for key in ("energy", "mood", "exhaustion"):
            value = getattr(values, key)
            self.cells[key].setText("–" if value is None else out_of_ten.format(n=number(value)))
        self.cells["sleep_hours"].setText(_or_dash(values.sleep_hours, tr("h")))
        self.cells["exercise_minutes"].setText(_or_dash(values.exercise_minutes, tr("min")))
        self.cells["self_care_minutes"].setText(_or_dash(values.self_care_minutes, tr("min")))
        contact = None
        if values.peer_support is not None or values.supervision is not None:
            contact = bool(values.peer_support) or bool(values.supervision)
        self.cells["support"].setText(_or_dash(contact))
        self.cells["boundaries_kept"].setText(_or_dash(values.boundaries_kept))


class WarningsCard(LinkListCard):
    """The early-warning indicators that found a pattern, each opening its details."""

    def __init__(self, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(tr("Early warnings"), "warningsCard", tr("Open early warnings"), "Alt+2", parent)
        self.navigator = navigator
        self.on_action(navigator.open_indicators)
        self.add_link_list("warningsSummary")

    def show_snapshot(self, snapshot: DashboardSnapshot) -> None:
        warnings = snapshot.warnings
        links: list[Link] = [
            (
                result.title,
                result.explanation,
                f"warning-{result.rule_id}",
                partial(self.navigator.open_indicators, result.rule_id),
            )
            for result in warnings[:MAX_WARNING_ROWS]
        ]
        self.show_links(links)
        if warnings:
            count = len(warnings)
            self.set_badge(
                tr("1 pattern found") if count == 1 else tr("{n} patterns found").format(n=count), "attention"
            )
            more = count - MAX_WARNING_ROWS
            text = tr("Patterns in your own records, for you to consider; never a diagnosis.")
            if more > 0:
                text = tr("And {n} more on the early warnings page. ").format(n=more) + text
            self.summary.setText(text)
            return
        self.set_badge(tr("None"), "calm")
        text = tr("No patterns found in your records right now.")
        waiting = snapshot.indicators_waiting
        if waiting:
            text += " " + (
                tr("1 indicator needs more data first;")
                if waiting == 1
                else tr("{n} indicators need more data first;").format(n=waiting)
            )
            text += " " + tr("daily check-ins, logged time off and a monthly CBI help them.")
        self.summary.setText(text)


class RestCard(DashboardCard):
    """Days since the last day off and days to the next planned one."""

    def __init__(self, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(tr("Rest"), "restCard", tr("Open time off"), "Alt+4", parent)
        self.on_action(navigator.open_time_off)
        self.since = big_number(self, name="restSince")
        self.since_text = muted("", self, name="restSinceText")
        self.next = plain_label("", self, name="restNext")
        self.body.addWidget(self.since)
        self.body.addWidget(self.since_text)
        self.body.addWidget(self.next)

    def show_snapshot(self, snapshot: DashboardSnapshot) -> None:
        rest = snapshot.time_off
        self.set_badge("")
        self.since.setVisible(rest.days_since_last_day_off is not None)
        if rest.off_today:
            self.since.setText(tr("Day off"))
            self.since_text.setText(tr("Today is a day off. Enjoy it."))
        elif rest.days_since_last_day_off is None:
            self.since.setText("")
            self.since_text.setText(
                tr("No day off logged yet. Log days off and vacations to see your rest here.")
            )
        else:
            days = rest.days_since_last_day_off
            self.since.setText(tr("1 day") if days == 1 else tr("{n} days").format(n=number(days)))
            self.since_text.setText(
                tr("since your last day off ({day})").format(day=medium_date(rest.last_day_off))
                if rest.last_day_off
                else ""
            )
        if rest.days_to_next_day_off is None:
            self.next.setText(tr("No day off planned yet; consider planning one."))
        else:
            days = rest.days_to_next_day_off
            when = medium_date(rest.next_day_off) if rest.next_day_off else ""
            text = (
                tr("Next day off tomorrow ({day}).") if days == 1 else tr("Next day off in {n} days ({day}).")
            )
            self.next.setText(text.format(n=number(days), day=when))


class CbiCard(DashboardCard):
    """The latest CBI scale scores and how each moved since the result before."""

    def __init__(self, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(tr("Latest CBI scores"), "cbiCard", tr("See results"), "Alt+7", parent)
        self.navigator = navigator
        self.assessment_id: str | None = None
        self.on_action(lambda: self.navigator.open_results(self.assessment_id))
        self.taken = muted("", self, name="cbiTaken")
        self.scores = QWidget(self)
        self.grid = QGridLayout(self.scores)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(4)
        self.note = muted("", self, name="cbiNote")
        self.body.addWidget(self.taken)
        self.body.addWidget(self.scores)
        self.body.addWidget(self.note)

    def show_snapshot(self, snapshot: DashboardSnapshot) -> None:
        while (item := self.grid.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        change = snapshot.cbi
        self.assessment_id = change.latest.id if change else None
        self.scores.setVisible(change is not None)
        if change is None:
            self.set_badge("")
            self.set_action_text(tr("Open instruments"))
            self.taken.setText(
                tr(
                    "No CBI result yet. The Copenhagen Burnout Inventory takes about five minutes; "
                    "once a month is a common rhythm."
                )
            )
            self.note.setVisible(False)
            return
        self.set_action_text(tr("See results"))
        latest, previous = change.latest, change.previous
        self.taken.setText(
            tr("Taken {day}; change since {before}").format(
                day=medium_date(latest.taken_on), before=medium_date(previous.taken_on)
            )
            if previous
            else tr("Taken {day}; the first result, so no change yet").format(
                day=medium_date(latest.taken_on)
            )
        )
        high = False
        for row, scale in enumerate(latest.result.scales):
            self.grid.addWidget(plain_label(scale.title, self.scores), row, 0)
            score = plain_label("–" if scale.score is None else number(scale.score), self.scores)
            score.setObjectName(f"cbi-{scale.scale_id}")
            score.setWordWrap(False)
            self.grid.addWidget(score, row, 1)
            moved = change.change.get(scale.scale_id)
            delta = muted(
                "" if moved is None else signed(moved), self.scores, name=f"cbiChange-{scale.scale_id}"
            )
            delta.setWordWrap(False)
            self.grid.addWidget(delta, row, 2)
            high = high or bool(scale.at_or_above_indicator)
        self.grid.setColumnStretch(0, 1)
        notes = []
        if high:
            notes.append(tr("50 or more is commonly read as high; the trend says more than one score."))
        if latest.result.support_note:
            notes.append(latest.result.support_note)
        self.note.setText(" ".join(notes))
        self.note.setVisible(bool(notes))
        self.set_badge(tr("50 or more") if high else "", "attention")
