"""The Self-care section: daily check-in, time off, instruments and early-warning indicators.

The view lives from its first showing after an unlock until the lock. Its lock hook keeps
what was typed: an edited check-in is saved and a half-filled questionnaire becomes a draft,
both inside the vault; nothing is written anywhere else.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from therapist_desk.services.selfcare_drafts import AssessmentDrafts
from therapist_desk.ui.dialogs import DialogService, QtDialogService
from therapist_desk.ui.selfcare import SELF_CARE_SECTION  # noqa: F401  (re-exported)
from therapist_desk.ui.selfcare.checkin import CheckInPage
from therapist_desk.ui.selfcare.common import Card, Chip, action_button, add_action, plain_label, tr
from therapist_desk.ui.selfcare.indicators import IndicatorsPage
from therapist_desk.ui.selfcare.instrument_form import QuestionWidget
from therapist_desk.ui.selfcare.instruments import InstrumentsPage
from therapist_desk.ui.selfcare.reminder import check_in_due
from therapist_desk.ui.selfcare.time_off import TimeOffPage

TAB_SHORTCUTS = ("Alt+1", "Alt+2", "Alt+3", "Alt+4")
# Under these names a lock keeps what it could not store (services/kept_work.py).
KEPT_CHECK_IN = "self-care.check-in"
KEPT_ANSWERS = "self-care.answers"


class SelfCareView(QWidget):
    checkInSaved = Signal()

    def __init__(
        self, services: Any, parent: QWidget | None = None, dialogs: DialogService | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.dialogs = dialogs or _window_dialogs(parent) or QtDialogService()
        self.selfcare = services.selfcare
        self.drafts = AssessmentDrafts(services.vault, services.clock)
        self._shown_once = False

        self.banner = Card("", self)
        self.banner.setObjectName("reminderBanner")
        self.banner_text = plain_label(tr("You have not checked in today yet."), self.banner)
        self.check_in_now = add_action(self, tr("Check in &now"), "Alt+0", "checkInNow")
        self.check_in_now.triggered.connect(self.show_check_in)
        banner_row = QHBoxLayout()
        banner_row.addWidget(Chip(tr("Reminder"), "support", self.banner))
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(action_button(self.check_in_now, self.banner))
        self.banner.body.addLayout(banner_row)
        self.banner.setVisible(False)

        self.check_in = CheckInPage(self.selfcare, self.dialogs, self)
        self.time_off = TimeOffPage(self.selfcare, self.dialogs, self)
        self.instruments = InstrumentsPage(self.selfcare, self.drafts, self.dialogs, self)
        self.indicators = IndicatorsPage(services.indicators, self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(tr("Self-care pages"))
        pages = (
            (self.check_in, tr("Daily check-in")),
            (self.time_off, tr("Time off")),
            (self.instruments, tr("Instruments")),
            (self.indicators, tr("Early warnings")),
        )
        self.tab_actions = []
        for number, ((page, title), shortcut) in enumerate(zip(pages, TAB_SHORTCUTS, strict=True)):
            self.tabs.addTab(page, title)
            self.tabs.setTabToolTip(number, f"{title} ({shortcut})")
            action = add_action(self, title, shortcut, f"tab-{page.objectName()}")
            action.triggered.connect(lambda _c=False, n=number: self.show_tab(n))
            self.tab_actions.append(action)
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        banner_holder = QVBoxLayout()
        banner_holder.setContentsMargins(16, 12, 16, 0)
        banner_holder.addWidget(self.banner)
        layout.addLayout(banner_holder)
        layout.addWidget(self.tabs, 1)

        self.check_in.saved.connect(self._check_ins_changed)
        self.check_in.reminderChanged.connect(self.update_banner)
        self.time_off.changed.connect(self.indicators.refresh)
        self.instruments.changed.connect(self.indicators.refresh)
        self._restore_kept()
        services.add_lock_hook(self.save_on_lock)
        self.update_banner()

    # -- navigation ---------------------------------------------------------------------
    def show_tab(self, number: int) -> None:
        self.tabs.setCurrentIndex(number)
        page = self.tabs.currentWidget()
        if page is not None:
            page.focus_first()  # type: ignore[attr-defined]

    def show_check_in(self) -> None:
        self.check_in.go_to(self.selfcare.clock.today())
        self.show_tab(0)

    def _tab_changed(self, _index: int) -> None:
        current = self.tabs.currentWidget()
        if current is self.indicators:
            self.indicators.refresh()
        elif current is self.time_off:
            self.time_off.refresh()
        elif (
            current is self.instruments
            and self.instruments.stack.currentWidget() is self.instruments.overview
        ):
            self.instruments.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            # Ctrl+4 lands in the first field of today's check-in: ready to type.
            self.check_in.focus_first()

    # -- reminder and refresh ----------------------------------------------------------------
    def update_banner(self) -> None:
        self.banner.setVisible(check_in_due(self.selfcare))

    def _check_ins_changed(self, _day: object) -> None:
        self.update_banner()
        self.checkInSaved.emit()
        self.indicators.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            for widget in (
                self.findChildren(Chip) + self.findChildren(Card) + self.findChildren(QuestionWidget)
            ):
                widget.restyle()
            self.indicators.restyle()
        super().changeEvent(event)

    # -- lock ----------------------------------------------------------------------------------
    def save_on_lock(self) -> None:
        """Lock hook (connection still open): keep an edited check-in and unfinished answers.
        What cannot be stored (a full disk) is kept sealed until the next unlock
        (services/kept_work.py); ``_restore_kept`` puts it back then."""
        check_in = self.check_in.save_on_lock()
        if check_in is not None:
            self.services.keep_unsaved(KEPT_CHECK_IN, check_in)
        answers = self.instruments.save_drafts()
        if answers:
            self.services.keep_unsaved(KEPT_ANSWERS, answers)

    def _restore_kept(self) -> None:
        check_in = self.services.take_kept(KEPT_CHECK_IN)
        if check_in is not None:
            self.check_in.restore_kept(check_in)
        answers = self.services.take_kept(KEPT_ANSWERS)
        if answers is not None:
            self.instruments.restore_kept(answers)


def _window_dialogs(parent: QWidget | None) -> DialogService | None:
    window = parent.window() if parent is not None else None
    found = getattr(window, "dialogs", None)
    return found if found is not None else None
