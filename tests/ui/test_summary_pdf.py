"""The summary PDF: readable pages with page numbers, only the chosen content, bare metadata."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import replace

import pypdf
import pytest

from tests.services.summary_helpers import PERIOD, SECRET_CANARY, SELECTED_CANARY, make_clock, seed
from therapist_desk.services.pdf_info import PdfRewriteError, replace_info
from therapist_desk.services.summary_composer import SelectedExcerpt, SummaryComposer, SummaryOptions
from therapist_desk.ui.summary_pdf import PDF_PURPOSE, write_summary_pdf

NAME = "Alex (they/them) <R>"


def page_texts(path) -> list[str]:
    reader = pypdf.PdfReader(str(path))
    # Extraction splits words with tabs and keeps ligatures (ﬁ); compare normalised text.
    return [" ".join(unicodedata.normalize("NFKC", p.extract_text()).split()) for p in reader.pages]


@pytest.fixture
def payload(qapp, unlocked):
    clock = make_clock()
    seeded = seed(unlocked.vault, clock)
    composer = SummaryComposer(unlocked.vault, clock)
    excerpt = SelectedExcerpt(
        seeded.selected_note, f"Bring {SELECTED_CANARY} <b>as typed</b> & more.", "My heading"
    )
    return composer.compose(
        replace(SummaryOptions(*PERIOD, display_name=NAME), excerpts=(excerpt,), restorative="How do I rest?")
    )


def test_the_pdf_has_numbered_pages_and_the_chosen_content_only(payload, tmp_path):
    target = tmp_path / "summary.pdf"
    write_summary_pdf(payload, target)
    pages = page_texts(target)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
    whole = " ".join(pages)
    assert "Supervision summary" in pages[0] and NAME in pages[0]
    assert "Period: 2026-02-02 to 2026-03-01" in pages[0] and "Generated: 2026-03-02" in pages[0]
    for heading in ("Burnout and self-care trends", "Caseload by program level", "Themes reflected on",
                    "Sessions flagged as stalled", "Selected note excerpts", "Questions for supervision"):  # fmt: skip
        assert heading in whole
    assert f"Bring {SELECTED_CANARY} <b>as typed</b> & more." in whole  # escaped: shown as typed
    assert "How do I rest?" in whole
    assert SECRET_CANARY not in whole and "caught between them" not in whole
    assert "Kestrelqv" not in whole and "Moraine" not in whole  # aliases were not ticked
    assert SECRET_CANARY.encode() not in target.read_bytes()


def test_pdf_metadata_holds_only_the_display_name_and_what_the_file_is(payload, tmp_path):
    target = tmp_path / "summary.pdf"
    write_summary_pdf(payload, target)
    reader = pypdf.PdfReader(str(target))
    assert dict(reader.metadata) == {
        "/Title": PDF_PURPOSE,
        "/Author": NAME,
        "/Creator": PDF_PURPOSE,
        "/Producer": PDF_PURPOSE,
    }
    xmp = reader.xmp_metadata.stream.get_data().decode("utf-8")
    values = re.findall(r'="([^"]*)"', xmp.split("<rdf:Description", 1)[1]) + re.findall(r">([^<>]+)<", xmp)
    allowed = {PDF_PURPOSE, html.escape(NAME), "x-default", ""}
    assert {v.strip() for v in values if not v.startswith("http")} <= allowed
    raw = target.read_bytes()
    assert b"CreationDate" not in raw and b"ModDate" not in raw and b"Qt " not in raw and b"uuid:" not in raw


def test_the_info_rewrite_refuses_what_it_does_not_understand():
    with pytest.raises(PdfRewriteError):
        replace_info(b"%PDF-1.4\nnot really a pdf", {"Title": "x"})
    with pytest.raises(PdfRewriteError):
        replace_info(b"%PDF-1.4\ntrailer\n<< /Info 1 0 R >>\nstartxref\n5\n%%EOF\n", {"Title": "x"})


def test_an_empty_summary_is_one_numbered_page(payload, tmp_path):
    target = tmp_path / "empty.pdf"
    write_summary_pdf({**payload, "sections": {}}, target)
    pages = page_texts(target)
    assert len(pages) == 1 and "Page 1 of 1" in pages[0] and "Burnout" not in pages[0]
