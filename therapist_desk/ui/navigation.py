"""Cross-section navigation: a view asks to "open X" without knowing the window or other views.

One ``Navigator`` lives as long as the window; ``app.create_main_window`` hands it to every
``Services`` (``services.navigator``) and attaches it to the window, whose
``MainWindow.show_section(section_id)`` switches the sidebar and returns the view (built on
first use). Each ``open_*`` method then goes to a page inside that view through the view's own
public methods, and simply shows the section when the view has no such page (a section that is
not registered, or whose view failed to build, is a no-op returning None).

Views with a request signal are wired when they are created: the Caseload's
``openPromptsRequested(theme)`` opens the Journal's prompts of that theme, and the Trends'
``openEntriesRequested(kind, day)`` opens the entries behind a chart point.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from therapist_desk.domain.errors import TherapistDeskError

log = logging.getLogger(__name__)

DASHBOARD, JOURNAL, CASELOAD, SELF_CARE, TRENDS = "dashboard", "journal", "caseload", "self-care", "trends"
# The Self-care section's tabs, in its order (ui/selfcare/section.py).
CHECK_IN_TAB, TIME_OFF_TAB, INSTRUMENTS_TAB, INDICATORS_TAB = 0, 1, 2, 3


class Navigator:
    """Opens sections, and pages inside them, on behalf of the views."""

    def __init__(self) -> None:
        self._show: Callable[[str], QWidget | None] | None = None
        self._sections: set[str] = set()

    def attach(self, window: Any) -> None:
        """Navigate in ``window`` (a ``MainWindow``) and wire each view it creates from now on."""
        self._show = window.show_section
        self._sections = {section.id for section in window.registry}
        window.workspace.viewCreated.connect(self.wire)

    def wire(self, _section_id: str, view: QWidget) -> None:
        """Connect a new view's "open X" signals, whichever section it belongs to.

        A request is connected only when its target section is registered, so a view can tell
        (``isSignalConnected``) that nobody will answer and say where else to look.
        """
        prompts = getattr(view, "openPromptsRequested", None)
        if prompts is not None and JOURNAL in self._sections:
            prompts.connect(self.open_prompts)
        entries = getattr(view, "openEntriesRequested", None)
        if entries is not None:
            entries.connect(self.open_entries)

    def show(self, section_id: str) -> QWidget | None:
        """Switch to a section; its view, or None when there is no such section or no window."""
        return self._show(section_id) if self._show is not None else None

    # -- Self-care --------------------------------------------------------------------------
    def open_check_in(self, day: date | None = None) -> QWidget | None:
        """The daily check-in, on ``day`` (default today), ready to type."""
        view = self.show(SELF_CARE)
        if view is None:
            return None
        if day is None and hasattr(view, "show_check_in"):
            view.show_check_in()
        elif hasattr(view, "check_in") and hasattr(view, "show_tab"):
            view.check_in.go_to(day)
            view.show_tab(CHECK_IN_TAB)
        return view

    def open_time_off(self) -> QWidget | None:
        return self._self_care_tab(TIME_OFF_TAB)

    def open_indicators(self, rule_id: str | None = None) -> QWidget | None:
        """The early-warning indicators, with ``rule_id``'s details shown when given."""
        view = self._self_care_tab(INDICATORS_TAB)
        page = getattr(view, "indicators", None)
        if rule_id and page is not None and hasattr(page, "select_rule"):
            page.select_rule(rule_id)
        return view

    def open_results(self, assessment_id: str | None = None) -> QWidget | None:
        """An instrument result (its results page), or the instruments page without one."""
        view = self._self_care_tab(INSTRUMENTS_TAB)
        page = getattr(view, "instruments", None)
        selfcare = getattr(view, "selfcare", None)
        if assessment_id and page is not None and selfcare is not None:
            assessment = selfcare.assessment(assessment_id)
            if assessment is not None:
                page.show_results(assessment)
        return view

    def _self_care_tab(self, tab: int) -> QWidget | None:
        view = self.show(SELF_CARE)
        if view is not None and hasattr(view, "show_tab"):
            view.show_tab(tab)
        return view

    # -- Caseload -----------------------------------------------------------------------------
    def open_caseload(self) -> QWidget | None:
        view = self.show(CASELOAD)
        if view is not None and hasattr(view, "show_table"):
            view.show_table()
        return view

    def open_client(self, client_id: str) -> QWidget | None:
        """A client's page (the table when the client no longer exists: the view says so)."""
        view = self.show(CASELOAD)
        if view is not None and hasattr(view, "open_client"):
            view.open_client(client_id)
        return view

    # -- Journal -------------------------------------------------------------------------------
    def open_journal(self) -> QWidget | None:
        return self.show(JOURNAL)

    def open_prompts(self, theme: str = "") -> QWidget | None:
        """The Journal's prompt browser, on ``theme`` (e.g. "stalled_progress") when given."""
        view = self.show(JOURNAL)
        if view is not None and hasattr(view, "open_prompts"):
            view.open_prompts(theme or None)
        return view

    def new_note_from_prompt(self, prompt_id: str) -> QWidget | None:
        """A new reflection in the Journal, started from a prompt of the library."""
        view = self.show(JOURNAL)
        journal = getattr(view, "journal", None)
        if view is None or journal is None or not hasattr(view, "new_note"):
            return view
        try:
            draft = journal.draft_from_prompt(prompt_id)
        except TherapistDeskError:  # no longer in the library: let the user pick another
            return self.open_prompts()
        view.new_note(draft=draft)
        return view

    # -- Trends: the entries behind a chart point -------------------------------------------------
    def open_entries(self, kind: str, day: object = None) -> QWidget | None:
        """``kind`` as ``TrendsView.openEntriesRequested`` names it; ``day`` the point's date."""
        when = day if isinstance(day, date) else None
        if kind == "check_in":
            return self.open_check_in(when)
        if kind == "assessment":
            return self.open_results(self._assessment_on(when))
        if kind == "time_off":
            return self.open_time_off()
        if kind == "sessions":
            return self.open_caseload()
        if kind == "journal":
            return self.open_journal()
        log.info("no section for chart entries of this kind")
        return None

    def _assessment_on(self, day: date | None) -> str | None:
        if day is None:
            return None
        view = self.show(SELF_CARE)
        selfcare = getattr(view, "selfcare", None)
        if selfcare is None:
            return None
        taken = selfcare.list_assessments(start=day, end=day)
        return taken[-1].id if taken else None
