"""The dashboard's work cards: this week's load, clients with stalled progress, prompt of the day.

Client aliases are the user's own text: they are painted as plain text by ``LinkRow`` and
never put in a button or a rich-text label.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QProgressBar, QWidget

from therapist_desk.domain.prompts import PromptLibrary
from therapist_desk.services.dashboard import DashboardSnapshot
from therapist_desk.ui.dashboard.common import (
    DashboardCard,
    Link,
    LinkListCard,
    big_number,
    medium_date,
    muted,
    number,
    percent,
    plain_label,
    tr,
)
from therapist_desk.ui.navigation import Navigator

MAX_CLIENT_ROWS = 4


class LoadCard(DashboardCard):
    """Sessions and hours of this ISO week against the user's own limit, and the intense share."""

    def __init__(self, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(tr("This week's load"), "loadCard", tr("Open caseload"), "Alt+3", parent)
        self.on_action(navigator.open_caseload)
        self.period = muted("", self, name="loadPeriod")
        self.hours = big_number(self, name="loadHours")
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(10)
        self.bar.setAccessibleName(tr("Session hours against your sustainable limit"))
        self.details = plain_label("", self, name="loadDetails")
        self.hint = muted("", self, name="loadHint")
        for widget in (self.period, self.hours, self.bar, self.details, self.hint):
            self.body.addWidget(widget)

    def show_snapshot(self, snapshot: DashboardSnapshot) -> None:
        figures = snapshot.load
        week = figures.week
        limit = figures.sustainable_weekly_hours
        self.period.setText(
            tr("{first} to {last}").format(
                first=medium_date(week.week_start), last=medium_date(week.week_end)
            )
        )
        self.hours.setText(tr("{hours} h of {limit} h").format(hours=number(week.hours), limit=number(limit)))
        self.bar.setRange(0, max(1, round(limit * 60)))
        self.bar.setValue(min(week.minutes, self.bar.maximum()))
        share = week.high_intensity_share
        sessions = tr("1 session") if week.sessions == 1 else tr("{n} sessions").format(n=week.sessions)
        intensity = (
            tr("no rated sessions")
            if share is None
            else tr("{share} high intensity").format(share=percent(share))
        )
        self.details.setText(f"{sessions} · {intensity}")
        over = figures.over_sustainable_limit
        self.set_badge(tr("Above your limit") if over else "", "attention")
        if over:
            self.hint.setText(
                tr("Above your sustainable limit: consider protecting time for rest and supervision.")
            )
        elif not snapshot.has_active_clients and not snapshot.has_sessions_this_week:
            self.hint.setText(
                tr("No clients yet. Add clients and log sessions in the Caseload to see your load here.")
            )
        elif not snapshot.has_sessions_this_week:
            self.hint.setText(tr("No sessions logged this week yet. Log them in the Caseload (Ctrl+3)."))
        else:
            self.hint.setText(tr("Within the limit you set for yourself."))


class StalledCard(LinkListCard):
    """Active clients whose progress looks stalled, each opening the client's page."""

    def __init__(self, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(
            tr("Clients with stalled progress"), "stalledCard", tr("Open caseload"), "Alt+6", parent
        )
        self.navigator = navigator
        self.on_action(navigator.open_caseload)
        self.add_link_list("stalledSummary")

    def show_snapshot(self, snapshot: DashboardSnapshot) -> None:
        alerts = snapshot.stalled
        links: list[Link] = [
            (
                alert.alias,
                " ".join(alert.reasons),
                f"stalled-{alert.client_id}",
                partial(self.navigator.open_client, alert.client_id),
            )
            for alert in alerts[:MAX_CLIENT_ROWS]
        ]
        self.show_links(links)
        if alerts:
            count = len(alerts)
            self.set_badge(tr("1 client") if count == 1 else tr("{n} clients").format(n=count), "attention")
            text = tr("Consider consultation, supervision, or revisiting the shared goals with the client.")
            more = count - MAX_CLIENT_ROWS
            if more > 0:
                text = tr("And {n} more in the Caseload. ").format(n=more) + text
            self.summary.setText(text)
        elif not snapshot.has_active_clients:
            self.set_badge("")
            self.summary.setText(
                tr(
                    "No active clients yet. Clients whose recent sessions or shared goals show no "
                    "progress will appear here."
                )
            )
        else:
            self.set_badge(tr("None"), "calm")
            self.summary.setText(tr("No active client shows a stalled pattern right now."))


class PromptCard(DashboardCard):
    """Today's reflection prompt; its action starts a new journal note from it."""

    def __init__(self, navigator: Navigator, library: PromptLibrary, parent: QWidget | None = None) -> None:
        super().__init__(
            tr("Prompt of the day"), "promptCard", tr("Write about this prompt"), "Alt+5", parent
        )
        self.navigator = navigator
        self.library = library
        self.prompt_id = ""
        self.on_action(lambda: self.navigator.new_note_from_prompt(self.prompt_id))
        self.text = plain_label("", self, name="promptText")
        self.themes = muted("", self, name="promptThemes")
        self.body.addWidget(self.text)
        self.body.addWidget(self.themes)

    def show_snapshot(self, snapshot: DashboardSnapshot) -> None:
        prompt = snapshot.prompt
        self.prompt_id = prompt.id
        self.text.setText(prompt.text)
        self.themes.setText(" · ".join(self.library.theme_label(t) for t in prompt.themes))
