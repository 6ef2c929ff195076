"""The words and number formats the caseload views show, in one place for translators.

Stored values (``php``, ``discharged``, ``group``...) never reach the screen directly: each has a
translated label here. Dates and numbers go through ``QLocale`` so they read as the user expects.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale

from therapist_desk.domain.caseload import CaseloadFlag

CONTEXT = "Caseload"

_LEVELS = {
    "inpatient": QT_TRANSLATE_NOOP("Caseload", "Inpatient"),
    "php": QT_TRANSLATE_NOOP("Caseload", "PHP"),
    "iop": QT_TRANSLATE_NOOP("Caseload", "IOP"),
    "outpatient": QT_TRANSLATE_NOOP("Caseload", "Outpatient"),
}
_STATUSES = {
    "active": QT_TRANSLATE_NOOP("Caseload", "Active"),
    "waitlist": QT_TRANSLATE_NOOP("Caseload", "Waitlist"),
    "discharged": QT_TRANSLATE_NOOP("Caseload", "Discharged"),
    "transferred": QT_TRANSLATE_NOOP("Caseload", "Transferred"),
}
_FORMATS = {
    "individual": QT_TRANSLATE_NOOP("Caseload", "Individual"),
    "group": QT_TRANSLATE_NOOP("Caseload", "Group"),
    "family": QT_TRANSLATE_NOOP("Caseload", "Family"),
}
_RESISTANCE = {
    "none": QT_TRANSLATE_NOOP("Caseload", "None"),
    "some": QT_TRANSLATE_NOOP("Caseload", "Some"),
    "strong": QT_TRANSLATE_NOOP("Caseload", "Strong"),
}
_GOAL_STATUSES = {
    "active": QT_TRANSLATE_NOOP("Caseload", "Active"),
    "achieved": QT_TRANSLATE_NOOP("Caseload", "Achieved"),
    "paused": QT_TRANSLATE_NOOP("Caseload", "Paused"),
    "dropped": QT_TRANSLATE_NOOP("Caseload", "Dropped"),
}
_FLAGS = {
    CaseloadFlag.STALLED_SESSIONS: QT_TRANSLATE_NOOP("Caseload", "Stalled"),
    CaseloadFlag.GOALS_WITHOUT_PROGRESS: QT_TRANSLATE_NOOP("Caseload", "No goal progress"),
}
_FLAG_EXPLANATIONS = {
    CaseloadFlag.STALLED_SESSIONS: QT_TRANSLATE_NOOP(
        "Caseload", "The most recent sessions in a row were marked as progress stalled."
    ),
    CaseloadFlag.GOALS_WITHOUT_PROGRESS: QT_TRANSLATE_NOOP(
        "Caseload", "An active shared goal has had no progress note for several weeks."
    ),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _label(table: dict[str, object], value: str | None) -> str:
    if value is None:
        return ""
    return tr(str(table[value])) if value in table else value


def level_label(value: str | None) -> str:
    return _label(_LEVELS, value)


def status_label(value: str | None) -> str:
    return _label(_STATUSES, value)


def format_label(value: str | None) -> str:
    return _label(_FORMATS, value)


def resistance_label(value: str | None) -> str:
    return _label(_RESISTANCE, value)


def goal_status_label(value: str | None) -> str:
    return _label(_GOAL_STATUSES, value)


def flag_label(value: str) -> str:
    return _label(_FLAGS, value)


def flag_explanation(value: str) -> str:
    return _label(_FLAG_EXPLANATIONS, value)


def flags_text(flags: tuple[str, ...]) -> str:
    return "; ".join(flag_label(f) for f in flags)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


# Day, month name, year: unambiguous in every locale (unlike 3/2/26), with the month named in
# the user's language by QLocale.
DATE_FORMAT = "d MMM yyyy"


def show_date(day: date | None, *, long: bool = False) -> str:
    """A date in the user's locale; an em dash for none."""
    if day is None:
        return "—"
    if long:
        return QLocale().toString(qdate(day), QLocale.FormatType.LongFormat)
    return QLocale().toString(qdate(day), DATE_FORMAT)


def show_number(value: float, decimals: int = 1) -> str:
    """A number in the user's locale, without trailing ``.0`` for whole values."""
    if abs(value - round(value)) < 1e-9:
        return QLocale().toString(int(round(value)))
    return QLocale().toString(float(value), "f", decimals)


def show_percent(share: float) -> str:
    return tr("{percent} %").format(percent=QLocale().toString(int(round(share * 100))))
