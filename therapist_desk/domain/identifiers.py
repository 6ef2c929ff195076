"""Does a piece of text look like a real client identifier?

Clients appear only under aliases the therapist chooses (DOMAIN.md §5). This detector looks
for what would identify a person — a full name, a date of birth, a phone number, an email, a
street address, a record number — and returns findings the UI shows as warnings. It warns,
never blocks: the user may keep the text. Reasons never quote the matched text, so a finding
can be logged or shown without repeating what the user typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from therapist_desk.domain.identifier_words import (
    ALIAS_WORDS,
    NAMES_WITH_VERB_ENDINGS,
    NON_NAME_ENDINGS,
    PARTICLES,
    STOP_WORDS,
    TITLES,
    VERB_ENDINGS,
)

MAX_SCANNED_CHARACTERS = 200_000
# A full date at least this many years before today reads as a date of birth.
BIRTH_DATE_MIN_AGE_YEARS = 10


class IdentifierKind(StrEnum):
    FULL_NAME = "full_name"
    DATE_OF_BIRTH = "date_of_birth"
    PHONE = "phone"
    EMAIL = "email"
    STREET_ADDRESS = "street_address"
    RECORD_NUMBER = "record_number"


@dataclass(frozen=True)
class IdentifierFinding:
    """One stretch of text that may identify a person, and why we think so."""

    kind: IdentifierKind
    reason: str
    start: int
    end: int

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


_REASONS = {
    "name": "Two or more capitalised words in a row look like a person's full name.",
    "title": "A title followed by a capitalised word (like Mr or Dr and a surname) looks like a real name.",
    "dob_label": "This looks like a date of birth.",
    "old_date": "A full date from many years ago may be a date of birth.",
    "any_date": "A full date may be a date of birth.",
    "born_year": "A year of birth helps identify a person.",
    "phone": "This looks like a phone number.",
    "email": "This looks like an email address.",
    "address": "A house number with a street name looks like a street address.",
    "po_box": "This looks like a postal address.",
    "ssn": "This has the pattern of a social security number.",
    "labelled_record": "This looks like a record or ID number (for example a medical record number).",
    "code": "A code with many digits looks like a record or ID number.",
    "digits": "A long run of digits looks like a phone, record or ID number.",
}

# -- patterns ------------------------------------------------------------------------------
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SSN = re.compile(r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])")

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ISO_DATE = re.compile(r"(?<![\d/.-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d/-]|\.\d)")
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-]|\.\d)")
_DAY_MONTH_YEAR = re.compile(
    r"(?<!\w)(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(\d{4})(?!\d)", re.IGNORECASE
)
_MONTH_DAY_YEAR = re.compile(
    r"(?<!\w)" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)", re.IGNORECASE
)
_BIRTH_LABEL = re.compile(r"(?:\bDOB\b|\bD\.O\.B\b\.?|date\s+of\s+birth|\bborn\b|\bbirthday\b|\bb\.)", re.I)
_BORN_YEAR = re.compile(r"\bborn(?:\s+in)?\s+((?:19|20)\d{2})(?!\d)", re.IGNORECASE)

_PHONES = [
    re.compile(r"(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,6}(?!\d)"),
    re.compile(r"(?<!\w)\(\d{3}\)[ .-]?\d{3}[ .-]?\d{4}(?!\d)"),
    re.compile(r"(?<![\w.-])\d{3}([ .-])\d{3}\1\d{4}(?![\w-]|\.\d)"),
    re.compile(r"(?<![\w.,/-])0\d{2,4}[ .-]?\d{3,4}[ .-]?\d{3,4}(?![\w-]|\.\d)"),
    re.compile(r"(?<![\w/.-])\d{3}-\d{4}(?![\w/-]|\.\d)"),
]

_STREET_SUFFIX = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Av|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Way|"
    r"Terrace|Ter|Close|Crescent|Cres|Highway|Hwy|Parkway|Pkwy|Square|Sq|Circle|Cir|Trail|Row|"
    r"Gardens|Grove|Mews|Walk)"
)
_ADDRESSES = [
    re.compile(
        r"(?<![\w.,/-])\d{1,5}[A-Za-z]?,?[ \t]+(?:[A-Z][\w'’.-]*[ \t]+){1,4}" + _STREET_SUFFIX + r"\b\.?"
    ),
    re.compile(r"(?<![\w.,/-])\d{1,5}[ \t]+(?:[a-z][\w'’-]*[ \t]+){1,2}(?:street|avenue|boulevard)\b"),
    re.compile(r"\b[A-Z]\w*(?:straße|strasse|weg|gasse|allee|straat|laan|vej)[ \t]+\d{1,4}[a-z]?\b"),
]
_PO_BOX = re.compile(r"\bP\.?\s?O\.?\s+Box\s+\d+", re.IGNORECASE)

_RECORD_LABEL = re.compile(
    r"\b(?:MRN|MR\s?#|medical\s+record|record|chart|patient|client\s+id|NHS|SSN|SIN|"
    r"insurance|member|policy|account|acct|ID)\b\.?\s*(?:(?:number|num|no|nr|id)\b\.?\s*)?[:#]?\s*"
    r"([A-Za-z0-9][A-Za-z0-9-]{3,})",
    re.IGNORECASE,
)
_HASH_CODE = re.compile(r"(?<![\w#])#\s?[A-Za-z]{0,3}\d{5,}(?!\w)")
_LETTER_CODE = re.compile(r"(?<![\w-])[A-Z]{1,3}-?\d{6,}(?![\w-])")
_LONG_DIGITS = re.compile(r"(?<![\d.,])\d{7,}(?![\d.,]\d|\d)")

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SENTENCE_END = set(".!?:;\n\r•*-–—([\"“'")
_VOWELS = set("AEIOUYÄÖÜÀÁÂÈÉÊÌÍÎÒÓÔÙÚÛÅÆØ")


def detect_identifiers(text: str, *, today: date | None = None) -> list[IdentifierFinding]:
    """Findings in ``text``, in reading order. ``today`` tells old dates (birth dates) from recent.

    Without ``today`` every full date is reported, to be safe.
    """
    text = text[:MAX_SCANNED_CHARACTERS]
    candidates: list[tuple[int, IdentifierFinding]] = []

    def add(priority: int, kind: IdentifierKind, reason: str, start: int, end: int) -> None:
        candidates.append((priority, IdentifierFinding(kind, _REASONS[reason], start, end)))

    for m in _EMAIL.finditer(text):
        add(0, IdentifierKind.EMAIL, "email", m.start(), m.end())
    for m in _SSN.finditer(text):
        add(1, IdentifierKind.RECORD_NUMBER, "ssn", m.start(), m.end())
    for start, end, year in _dates(text):
        reason = _date_reason(text, start, year, today)
        if reason:
            add(2, IdentifierKind.DATE_OF_BIRTH, reason, start, end)
    for m in _BORN_YEAR.finditer(text):
        add(2, IdentifierKind.DATE_OF_BIRTH, "born_year", m.start(1), m.end(1))
    for pattern in _PHONES:
        for m in pattern.finditer(text):
            if _digit_count(m.group()) >= 7:
                add(3, IdentifierKind.PHONE, "phone", m.start(), m.end())
    for m in _RECORD_LABEL.finditer(text):
        value = m.group(1)
        if _digit_count(value) >= 5 and not (_ISO_DATE.fullmatch(value) or _NUMERIC_DATE.fullmatch(value)):
            add(4, IdentifierKind.RECORD_NUMBER, "labelled_record", m.start(), m.end())
    for pattern in (_HASH_CODE, _LETTER_CODE):
        for m in pattern.finditer(text):
            add(4, IdentifierKind.RECORD_NUMBER, "code", m.start(), m.end())
    for m in _LONG_DIGITS.finditer(text):
        add(5, IdentifierKind.RECORD_NUMBER, "digits", m.start(), m.end())
    for pattern in _ADDRESSES:
        for m in pattern.finditer(text):
            add(5, IdentifierKind.STREET_ADDRESS, "address", m.start(), m.end())
    for m in _PO_BOX.finditer(text):
        add(5, IdentifierKind.STREET_ADDRESS, "po_box", m.start(), m.end())
    for start, end, reason in _names(text):
        add(6, IdentifierKind.FULL_NAME, reason, start, end)

    # The most specific reading of a stretch wins (an ISO date is not also a phone number).
    accepted: list[IdentifierFinding] = []
    for _, finding in sorted(candidates, key=lambda c: (c[0], c[1].start, -c[1].end)):
        if not any(finding.start < other.end and other.start < finding.end for other in accepted):
            accepted.append(finding)
    return sorted(accepted, key=lambda f: (f.start, f.end))


def _digit_count(value: str) -> int:
    return sum(ch.isdigit() for ch in value)


# -- dates -----------------------------------------------------------------------------------
def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _full_year(value: str, today: date | None) -> int:
    year = int(value)
    if len(value) == 4:
        return year
    reference = today.year if today else 2000
    return 2000 + year if 2000 + year <= reference else 1900 + year


def _dates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, year as written) of every complete calendar date in the text."""
    found = []
    for m in _ISO_DATE.finditer(text):
        if _valid(int(m.group(1)), int(m.group(3)), int(m.group(4))):
            found.append((m.start(), m.end(), m.group(1)))
    for m in _NUMERIC_DATE.finditer(text):
        first, second, year = int(m.group(1)), int(m.group(3)), _full_year(m.group(4), None)
        if _valid(year, first, second) or _valid(year, second, first):
            found.append((m.start(), m.end(), m.group(4)))
    for m in _DAY_MONTH_YEAR.finditer(text):
        if _valid(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1))):
            found.append((m.start(), m.end(), m.group(3)))
    for m in _MONTH_DAY_YEAR.finditer(text):
        if _valid(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2))):
            found.append((m.start(), m.end(), m.group(3)))
    return found


def _date_reason(text: str, start: int, year_text: str, today: date | None) -> str | None:
    if _BIRTH_LABEL.search(text[max(0, start - 24) : start]):
        return "dob_label"
    if today is None:
        return "any_date"
    if _full_year(year_text, today) <= today.year - BIRTH_DATE_MIN_AGE_YEARS:
        return "old_date"
    return None  # a recent or coming date: an appointment or a milestone, not a birth date


# -- names -----------------------------------------------------------------------------------
_BREAK, _INITIAL, _PARTICLE, _TITLE, _ALIAS, _WEAK, _STRONG = range(7)


def _word_class(text: str, start: int, end: int) -> int:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before.isdigit() or after.isdigit() or "@" in (before, after) or "_" in (before, after):
        return _BREAK  # part of a code such as K7 or an address such as name@host
    word = text[start:end]
    base = re.sub(r"['’]s$", "", word)
    lower = base.lower()
    if len(base) == 1:
        return _INITIAL if base.isupper() else _BREAK
    if base.islower():
        return _PARTICLE if lower in PARTICLES else _BREAK
    if not base[0].isupper():
        return _BREAK
    if lower in TITLES:
        return _TITLE
    if base.isupper() and (len(base) < 3 or not _VOWELS.intersection(base)):
        return _BREAK  # an acronym such as PHP, IOP or PTSD
    if lower in STOP_WORDS:
        return _BREAK
    if lower in ALIAS_WORDS:
        return _ALIAS
    if lower in NAMES_WITH_VERB_ENDINGS:
        return _STRONG
    if (len(lower) >= 7 and lower.endswith(NON_NAME_ENDINGS)) or (
        len(lower) >= 6 and lower.endswith(VERB_ENDINGS)
    ):
        return _WEAK
    return _STRONG


def _joins(gap: str, previous_class: int) -> bool:
    if re.fullmatch(r"[ \t]{1,2}", gap):
        return True
    return previous_class in (_INITIAL, _TITLE) and re.fullmatch(r"\.[ \t]{0,2}", gap) is not None


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t")
    return not before or before[-1] in _SENTENCE_END


def _names(text: str) -> list[tuple[int, int, str]]:
    runs: list[list[tuple[int, int, int]]] = []
    current: list[tuple[int, int, int]] = []
    for m in _WORD.finditer(text):
        cls = _word_class(text, m.start(), m.end())
        if cls == _BREAK:
            current = []
            continue
        if current and _joins(text[current[-1][1] : m.start()], current[-1][2]):
            current.append((m.start(), m.end(), cls))
        else:
            current = [(m.start(), m.end(), cls)]
            runs.append(current)
    found = []
    for run in runs:
        run = _trim(run)
        if run and run[0][2] == _WEAK and _at_sentence_start(text, run[0][0]):
            run = _trim(run[1:])  # "Discussed Maria's plan": a sentence-initial verb, not a name
        if not run:
            continue
        classes = [cls for _, _, cls in run]
        name_words = [cls for cls in classes if cls in (_ALIAS, _WEAK, _STRONG)]
        if _TITLE in classes and classes.index(_TITLE) < len(classes) - 1 and name_words:
            start = run[classes.index(_TITLE)][0]
            found.append((start, run[-1][1], "title"))
        elif len(name_words) >= 2 and _STRONG in name_words:
            found.append((run[0][0], run[-1][1], "name"))
    return found


def _trim(run: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Particles and initials cannot start or end a name ("Group B" is not a name)."""
    edge = (_PARTICLE, _INITIAL)
    start, end = 0, len(run)
    while start < end and run[start][2] in edge:
        start += 1
    while end > start and run[end - 1][2] in edge + (_TITLE,):
        end -= 1
    return run[start:end]
