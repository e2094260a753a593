"""Letters, the factual accuracy form, the response table and the comparison, as PDF text."""

import io
from datetime import date

import pytest

from pypdf import PdfReader

from safehouse_portal.documents import fa_form
from safehouse_portal.documents import letters
from safehouse_portal.documents.compare import compare_snapshots
from safehouse_portal.documents.pdf_base import PROTECTIVE_MARKING
from safehouse_portal.documents.report_content import build_report, snapshot
from tests.support.sample_report import sample_rows


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _announcement(**changes) -> letters.AnnouncementLetter:
    fields = dict(
        inspection_id=7, letter_date=date(2026, 2, 23), provider="Example Support Trust", lead_name="Ewa Nowak",
        service="Riverside safehouses", locations=("Riverside House",), inspection_type="Comprehensive",
        mode="On site", key_questions=("Safe", "Well-led"), first_day=date(2026, 3, 9), last_day=date(2026, 3, 10),
        lead_inspector="Nguyễn Thị Hương", pir_requested_on=date(2026, 2, 23), pir_due=date(2026, 3, 2),
        pir_due_explanation="5 working days after 23 February 2026.",
        timetable=(letters.TimetableRow("Provider information return due", "2 March 2026"),
                   letters.TimetableRow("Draft report due", "7 April 2026")),
        arrangements=tuple(letters.provider_arrangements(on_site=True, safehouse=True, children=True)),
    )
    return letters.AnnouncementLetter(**{**fields, **changes})


def test_the_announcement_letter_asks_for_the_pir_by_its_due_date_and_explains_working_days():
    text = _text(letters.render_announcement_letter(_announcement()))
    assert PROTECTIVE_MARKING in text
    assert "by 2 March 2026: 5 working days from this request on 23 February 2026" in text
    assert "Working days are Monday to Friday" in text and "5 working days after 23 February 2026." in text
    assert "Provisional timetable" in text and "Draft report due 7 April 2026" in text
    assert "children's needs and risks" in text and "Nguyễn Thị Hương" in text


def test_a_remote_inspection_of_outreach_asks_for_calls_not_a_room_or_accommodation_checks():
    items = letters.provider_arrangements(on_site=False, safehouse=False, children=False)
    assert any("video or phone calls" in item for item in items)
    assert not any("accommodation" in item or "private room" in item for item in items)


def test_the_early_outcome_letter_sets_out_each_concern_with_its_copies():
    text = _text(letters.render_early_outcome_letter(letters.EarlyOutcomeLetter(
        inspection_id=7, letter_date=date(2026, 3, 13), provider="Example Support Trust", lead_name="Ewa Nowak",
        service="Riverside safehouses", first_day=date(2026, 3, 9), last_day=date(2026, 3, 10),
        lead_inspector="Ana Pop", concerns=("Fire doors were wedged open.", "No night staff on two nights."),
        copies_to=("Home Office", "The Salvation Army (prime contractor)"))))
    assert "Copies to: Home Office; The Salvation Army (prime contractor)" in text
    assert "1. Fire doors were wedged open." in text and "2. No night staff on two nights." in text
    assert PROTECTIVE_MARKING in text


def test_the_factual_accuracy_form_lists_the_drafts_sections_but_not_the_recommendations():
    draft = build_report(sample_rows(recommendations=3), final=False)
    text = _text(fa_form.render_fa_form(fa_form.FactualAccuracyForm(
        service="Riverside safehouses", provider="Example Support Trust", draft_sent_on=date(2026, 4, 20),
        comments_due=date(2026, 5, 5), due_explanation="10 working days after 20 April 2026.",
        sections=draft.sections)))
    assert "Comments due by 5 May 2026" in text
    assert "Summary of findings [summary]" in text and "[kloe-S1]" in text and "[kloe-W5]" in text
    assert "[recommendations]" not in text and "not for complaints or for disputing recommendations" in text


def test_the_response_table_gives_each_comment_its_decision_and_reason():
    text = _text(fa_form.render_fa_response(fa_form.FactualAccuracyResponse(
        service="Riverside safehouses", provider="Example Support Trust", declined=False, rows=(
            fa_form.ResponseRow(1, "S1 Safeguarding", "Factual error", "reviewed late", "reviewed on time",
                                "Accepted", "The audit log shows it.", True),
            fa_form.ResponseRow(2, "Summary", "Incomplete evidence", "garden", "mention it", "Not accepted",
                                "Not a matter of fact.", False)))))
    assert "Accepted (judgement changed)" in text and "The audit log shows it." in text
    assert "Not accepted" in text and "Not a matter of fact." in text


def test_a_provider_that_declined_is_told_so_in_the_response():
    text = _text(fa_form.render_fa_response(fa_form.FactualAccuracyResponse("S", "P", True, ())))
    assert "would not comment" in text


def test_the_comparison_shows_every_changed_line_of_draft_and_final():
    rows = sample_rows(recommendations=2)
    draft = snapshot(build_report(rows, final=False))
    kloes = list(rows.kloes)
    kloes[0] = type(kloes[0])(**{**kloes[0].__dict__, "findings": "Corrected findings."})
    final = snapshot(build_report(type(rows)(**{**rows.__dict__, "kloes": kloes}), final=True))
    changes = compare_snapshots(draft, final)
    s1 = next(c for c in changes if c.key == "kloe-S1")
    assert s1.added == ("Findings: Corrected findings.",) and s1.removed[0].startswith("Findings: Staff we spoke")
    text = _text(fa_form.render_comparison(fa_form.Comparison("Riverside", "sent on 20 April 2026", "issued",
                                                              tuple(changes))))
    assert "Final: Findings: Corrected findings." in text and "Draft: Findings: Staff we spoke" in text


@pytest.mark.parametrize("render", [
    lambda: letters.render_announcement_letter(_announcement()),
    lambda: fa_form.render_fa_response(fa_form.FactualAccuracyResponse("Riverside", "P", True, ())),
])
def test_letters_and_forms_declare_title_language_and_an_outline_that_opens_with_them(render):
    reader = PdfReader(io.BytesIO(render()))
    assert reader.metadata.title
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB" and root["/PageMode"] == "/UseOutlines"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert [item.title for item in reader.outline if hasattr(item, "title")]
