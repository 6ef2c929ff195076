"""The identifier detector: warns on what identifies a person, stays quiet on aliases and prose."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from therapist_desk.domain.identifiers import IdentifierKind, detect_identifiers

TODAY = date(2026, 5, 1)
K = IdentifierKind


def kinds(text: str, today: date | None = TODAY) -> list[tuple[str, str]]:
    return [(f.kind.value, text[f.start : f.end]) for f in detect_identifiers(text, today=today)]


@pytest.mark.parametrize(
    ("text", "kind", "matched"),
    [
        ("Maria Gonzalez", K.FULL_NAME, "Maria Gonzalez"),
        ("Maria J. Gonzalez", K.FULL_NAME, "Maria J. Gonzalez"),
        ("Maria de la Cruz", K.FULL_NAME, "Maria de la Cruz"),
        ("Rose Gonzalez", K.FULL_NAME, "Rose Gonzalez"),  # a nature word can be a first name
        ("Mohammed Ali", K.FULL_NAME, "Mohammed Ali"),
        ("MARIA GONZALEZ", K.FULL_NAME, "MARIA GONZALEZ"),
        ("Ms. Lopez", K.FULL_NAME, "Ms. Lopez"),
        ("Dr Green", K.FULL_NAME, "Dr Green"),
        ("Today Maria Gonzalez called.", K.FULL_NAME, "Maria Gonzalez"),
        ("03/14/1988", K.DATE_OF_BIRTH, "03/14/1988"),
        ("14.03.1988", K.DATE_OF_BIRTH, "14.03.1988"),
        ("1988-03-14", K.DATE_OF_BIRTH, "1988-03-14"),
        ("14 March 1988", K.DATE_OF_BIRTH, "14 March 1988"),
        ("March 14, 1988", K.DATE_OF_BIRTH, "March 14, 1988"),
        ("DOB 3/14/10", K.DATE_OF_BIRTH, "3/14/10"),
        ("born 2019-02-01", K.DATE_OF_BIRTH, "2019-02-01"),  # recent, but labelled as a birth date
        ("She was born in 1988.", K.DATE_OF_BIRTH, "1988"),
        ("555-201-7788", K.PHONE, "555-201-7788"),
        ("(555) 201-7788", K.PHONE, "(555) 201-7788"),
        ("+44 20 7946 0958", K.PHONE, "+44 20 7946 0958"),
        ("020 7946 0958", K.PHONE, "020 7946 0958"),
        ("call 201-7788", K.PHONE, "201-7788"),
        ("maria.g@example.com", K.EMAIL, "maria.g@example.com"),
        ("write to m+notes@mail.example.org today", K.EMAIL, "m+notes@mail.example.org"),
        ("12 Oak Street", K.STREET_ADDRESS, "12 Oak Street"),
        ("4 Elm Rd", K.STREET_ADDRESS, "4 Elm Rd"),
        ("221B Baker Street", K.STREET_ADDRESS, "221B Baker Street"),
        ("12 oak street", K.STREET_ADDRESS, "12 oak street"),
        ("Hauptstraße 5", K.STREET_ADDRESS, "Hauptstraße 5"),
        ("PO Box 1234", K.STREET_ADDRESS, "PO Box 1234"),
        ("MRN 12345678", K.RECORD_NUMBER, "MRN 12345678"),
        ("MRN: 123456", K.RECORD_NUMBER, "MRN: 123456"),
        ("#A1234567", K.RECORD_NUMBER, "#A1234567"),
        ("A1234567", K.RECORD_NUMBER, "A1234567"),
        ("123-45-6789", K.RECORD_NUMBER, "123-45-6789"),
        ("chart no. 9876543", K.RECORD_NUMBER, "chart no. 9876543"),
        ("1234567", K.RECORD_NUMBER, "1234567"),
    ],
)
def test_true_positives(text, kind, matched):
    findings = detect_identifiers(text, today=TODAY)
    assert [(f.kind, text[f.start : f.end]) for f in findings] == [(kind, matched)]
    assert all(f.reason.endswith(".") and f.reason[0].isupper() for f in findings)


@pytest.mark.parametrize(
    "text",
    [
        "Client K7",
        "Client ID K7",
        "River",
        "Blue Heron",
        "Group B",
        "IOP Group B, Tuesday and Thursday",
        "PHP",
        "PHP to IOP step-down on 2026-04-02",
        "Step Down",
        "Felt stuck today.",
        "Today Maria called.",
        "Discussed Maria's plan for the weekend.",
        "Monday Morning",
        "New Year",
        "Relapse Prevention Plan",
        "Client 7 is River Stone",
        "maria gonzalez",  # not capitalised: the rule is about capitalised words
        "Maria",
        "Next session 2026-05-08",
        "Sober since 2019-05-01",
        "Goal: attend 3 AA meetings per week by 2026-06-01",
        "Wants to save $10,000 by June",
        "Walked 5000 steps",
        "Met at 10:30-11:30, 50 minutes",
        "Score 12/20",
        "2019-2020",
        "",
    ],
)
def test_false_positives_stay_quiet(text):
    assert kinds(text) == []


def test_reasons_never_quote_the_text():
    text = "Maria Gonzalez, 03/14/1988, 555-201-7788, maria@example.com, 12 Oak Street, MRN 12345678"
    findings = detect_identifiers(text, today=TODAY)
    assert {f.kind for f in findings} == set(IdentifierKind)
    for f in findings:
        assert text[f.start : f.end] not in f.reason
        assert f.span == (f.start, f.end)


def test_findings_are_in_reading_order_and_do_not_overlap():
    text = "Call 555-201-7788 or write to maria@example.com; Maria Gonzalez lives at 12 Oak Street."
    findings = detect_identifiers(text, today=TODAY)
    assert [f.kind for f in findings] == [K.PHONE, K.EMAIL, K.FULL_NAME, K.STREET_ADDRESS]
    for a, b in zip(findings, findings[1:], strict=False):
        assert a.end <= b.start


def test_an_iso_date_is_a_date_not_a_phone_number():
    assert kinds("1988-03-14") == [("date_of_birth", "1988-03-14")]


def test_recent_dates_are_quiet_old_ones_warn_and_without_today_all_warn():
    assert kinds("seen on 2025-03-01") == []
    assert kinds("seen on 2016-03-01") == [("date_of_birth", "2016-03-01")]
    assert kinds("seen on 2025-03-01", today=None) == [("date_of_birth", "2025-03-01")]


def test_impossible_dates_are_not_dates():
    assert kinds("1988-02-30") == []
    assert kinds("31/31/1988") == []


def test_names_across_a_line_break_are_two_aliases():
    assert kinds("River\nStone") == []
    assert kinds("Maria\nGonzalez") == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_sane_findings(text):
    findings = detect_identifiers(text, today=TODAY)
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
        assert isinstance(f.kind, IdentifierKind)


def test_long_text_is_fast_enough():
    text = ("Felt stuck today. Client K7 joined Group B on Monday; talked about 3 coping skills. " * 2000)[
        :150_000
    ]
    assert detect_identifiers(text, today=TODAY) == []
