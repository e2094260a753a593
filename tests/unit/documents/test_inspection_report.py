"""The inspection report PDF: its marking, numbering, contents, metadata, fonts and words."""

import io
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date

import pytest
from PIL import Image
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from safehouse_portal.documents.inspection_report import render_report
from safehouse_portal.documents.pdf_base import PROTECTIVE_MARKING, SafehouseDocument, needs_shaping
from safehouse_portal.documents.report_content import build_report
from tests.support.sample_report import MULTILINGUAL_NAMES, sample_rows


@pytest.fixture(scope="module")
def final_pdf() -> bytes:
    return render_report(build_report(sample_rows(recommendations=20, issued_on=date(2026, 5, 1)), final=True))


@pytest.fixture(scope="module")
def reader(final_pdf) -> PdfReader:
    return PdfReader(io.BytesIO(final_pdf))


def _words(text: str) -> str:
    return " ".join(text.split())


def test_every_page_carries_the_protective_marking_and_its_number(reader):
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        heights = []
        page.extract_text(visitor_text=lambda text, cm, tm, *_: heights.append(tm[5]) if PROTECTIVE_MARKING in text
                          else None)
        assert any(y > 800 for y in heights) and any(y < 60 for y in heights), f"page {number}: {heights}"
        assert f"Page {number} of {total}" in page.extract_text()


def test_the_report_has_a_table_of_contents_listing_each_key_question_with_its_page(reader):
    contents = _words(reader.pages[1].extract_text())
    where = []
    reader.pages[1].extract_text(visitor_text=lambda text, cm, tm, *_: where.append(tm[4]) if "Contents" in text
                                 else None)
    assert where and where[0] < 100, "the heading starts at the left margin"
    for heading in ("Summary of findings", "Safe", "Effective", "Caring", "Responsive", "Well-led",
                    "Recommendations", "Contract clauses cited"):
        assert re.search(rf"{heading} \d+", contents), heading


def test_the_document_declares_its_title_language_and_author(reader):
    assert reader.metadata.title == "Inspection report: Riverside safehouses"
    assert reader.metadata.author == "Care Quality Commission"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_the_unicode_font_is_embedded_so_names_in_many_scripts_print(reader):
    fonts = {str(font["/BaseFont"]) for page in reader.pages[:3]
             for font in page["/Resources"]["/Font"].get_object().values()}
    assert any("DejaVu" in name for name in fonts)
    descriptor = next(f for p in reader.pages[:1] for f in p["/Resources"]["/Font"].get_object().values())
    assert "/FontFile2" in descriptor["/DescendantFonts"][0].get_object()["/FontDescriptor"]
    text = "".join(page.extract_text() for page in reader.pages)
    for name in MULTILINGUAL_NAMES:
        assert name in text, name


def test_an_arabic_name_prints_joined_and_right_to_left_beside_polish_and_vietnamese_names():
    names = ("فاطمة الزهراء", "Łucja Wiśniewska",
             "Nguyễn Thị Hương")
    pdf = SafehouseDocument(title="Lead contacts")
    pdf.add_page()
    for name in names:
        pdf.labelled("Lead contact:", name)
    page = PdfReader(io.BytesIO(pdf.bytes())).pages[0]
    text = page.extract_text()
    for name in names:
        assert name in text, name
    font = next(f for f in page["/Resources"]["/Font"].get_object().values() if "Bold" not in str(f["/BaseFont"]))
    embedded = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]["/FontFile2"].get_object().get_data()
    glyphs = set(TTFont(io.BytesIO(embedded)).getGlyphOrder())
    initial_feh, initial_tah, medial_meem, final_teh_marbuta = "uniFED3", "uniFEC3", "uniFEE4", "uniFE94"
    assert {initial_feh, initial_tah, medial_meem, final_teh_marbuta} <= glyphs, "letters take their joined forms"


def test_only_text_in_a_script_that_needs_it_is_shaped():
    assert needs_shaping("فاطمة")
    assert needs_shaping("Nguyễn")
    assert not needs_shaping("Łucja Wiśniewska, Nguyễn Thị Hương, Дмитрий")


def test_the_cover_shows_the_service_provider_type_mode_dates_lead_and_status(reader):
    cover = _words(reader.pages[0].extract_text())
    for expected in ("Riverside safehouses", "Example Support Trust", "Comprehensive", "On site",
                     "9 to 11 March 2026", "Ștefan Țăranu", "Final report"):
        assert expected in cover, expected


def test_each_kloe_has_its_rating_findings_and_the_recommendations_their_due_dates(reader):
    text = _words(" ".join(page.extract_text() for page in reader.pages))
    assert "S1 " in text and "W5 " in text
    assert "Rating: Not meeting requirements" in text and "Good practice" in text
    assert "Review every survivor's risk assessment" in text
    assert "1 August 2026" in text  # within 3 months of 1 May 2026
    assert "(illustrative)" in text


def test_a_draft_says_so_on_every_page_and_leaves_due_dates_open():
    reader = PdfReader(io.BytesIO(render_report(build_report(sample_rows(recommendations=2), final=False))))
    assert all("DRAFT" in page.extract_text() for page in reader.pages)
    text = _words(" ".join(page.extract_text() for page in reader.pages))
    assert "Draft for factual accuracy check" in text and "Set when the final report is received" in text


def test_a_focused_report_holds_only_its_key_questions():
    rows = sample_rows(recommendations=0)
    rows = replace(rows, inspection=replace(rows.inspection, key_questions=("safe",)))
    pdf = render_report(build_report(rows, final=True))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "S1 " in text and "W1 " not in text
    assert "The inspection made no recommendations." in _words(text)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_the_first_page_renders_to_an_image_that_is_not_blank(final_pdf, tmp_path):
    source = tmp_path / "report.pdf"
    source.write_bytes(final_pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(source), str(tmp_path / "page")],
                   check=True)
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    dark = sum(1 for value in image.get_flattened_data() if value < 128)
    assert image.size[0] > 300 and dark > 0.005 * image.size[0] * image.size[1]


def test_the_recommendations_table_repeats_its_heading_on_every_page_and_its_number_column_never_wraps():
    pdf = render_report(build_report(sample_rows(recommendations=40, issued_on=date(2026, 5, 1)), final=True))
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    spanned = [text for text in pages if re.search(r"^\d+ [SECRW]\d+ ", text, re.MULTILINE)]
    assert len(spanned) >= 3
    assert all(re.search(r"No\.\s*KLOE\s*Recommendation", text) for text in spanned)
    assert not any(re.search(r"^No$", text, re.MULTILINE) for text in spanned)
