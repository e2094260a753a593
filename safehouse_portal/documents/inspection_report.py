"""The inspection report (draft and final) as a PDF, drawn from ``ReportContent``.

Pure: the same content always gives the same pages. Order: cover, contents, summary,
judgements at a glance, each key question with its KLOEs, recommendations, and the
contract clauses the in-scope KLOEs cross-reference.
"""

from safehouse_portal.documents.pdf_base import (
    GREY, PROTECTIVE_MARKING, Column, SafehouseDocument, render_toc,
)
from safehouse_portal.documents.report_content import SURVIVORS_TOLD_US, KeyQuestionSection, ReportContent

CONFIDENTIALITY = (
    "This report is confidential. It is sent to the provider, the prime contractor and the Home Office "
    "under the Modern Slavery Victim Care Contract, and is not published."
)
DRAFT_NOTE = (
    "This is a draft for the provider to check for factual accuracy. It may change before the final "
    "report is issued. Do not share it beyond the people who need to check it."
)
ILLUSTRATIVE_NOTE = (
    "References marked 'illustrative' come from the project's default framework and stand in for the "
    "contract's own schedule until the programme imports it."
)


def render_report(content: ReportContent) -> bytes:
    """The report as PDF bytes."""
    pdf = SafehouseDocument(title=content.title, subject=f"{content.cover.status}: {content.cover.service}",
                            status_mark="" if content.final else "DRAFT")
    pdf.add_page()
    _cover(pdf, content)
    pdf.add_page()
    pdf.insert_toc_placeholder(render_toc, allow_extra_pages=True, reset_page_indices=False)
    pdf.heading("Summary of findings")
    for paragraph in content.summary:
        pdf.paragraph(paragraph)
    if content.key_questions:
        pdf.heading("Judgements at a glance", level=1)
        pdf.table([Column("Key question", 0.4), Column("Judgement", 0.6)],
                  [(kq.title, kq.rating_label) for kq in content.key_questions])
    for kq in content.key_questions:
        _key_question(pdf, kq)
    _recommendations(pdf, content)
    _clauses(pdf, content)
    return pdf.bytes()


def _cover(pdf: SafehouseDocument, content: ReportContent) -> None:
    cover = content.cover
    pdf.ln(18)
    pdf.paragraph("Care Quality Commission", style="B", size=12, colour=GREY)
    pdf.paragraph("Safehouse and outreach services inspection report", size=12, colour=GREY)
    pdf.ln(4)
    pdf.paragraph(cover.service, style="B", size=22)
    pdf.paragraph(cover.status, style="B", size=14)
    pdf.ln(4)
    pdf.key_values([
        ("Service", cover.service),
        ("Locations", "\n".join(cover.locations) or "-"),
        ("Provider", cover.provider),
        ("Inspection type", cover.inspection_type),
        ("Mode", cover.mode),
        ("Inspection dates", cover.dates),
        ("Lead inspector", cover.lead_inspector),
        ("Inspection team", cover.team),
        ("Report status", cover.status),
        ("Framework", cover.framework or "-"),
        ("Protective marking", PROTECTIVE_MARKING),
    ])
    pdf.paragraph(CONFIDENTIALITY, size=9)
    if not content.final:
        pdf.paragraph(DRAFT_NOTE, style="B", size=9)


def _key_question(pdf: SafehouseDocument, kq: KeyQuestionSection) -> None:
    pdf.heading(kq.title)
    pdf.labelled("Judgement:", kq.rating_label)
    if kq.override_reason:
        pdf.labelled("Why:", kq.override_reason)
    pdf.ln(2)
    for kloe in kq.kloes:
        pdf.heading(f"{kloe.code} {kloe.title}", level=1)
        pdf.paragraph(kloe.question, style="I", size=9, colour=GREY)
        pdf.labelled("Rating:", kloe.rating_label)
        pdf.ln(1)
        pdf.paragraph("Findings", style="B")
        pdf.paragraph(kloe.findings or "No findings recorded.")
        if kloe.good_practice:
            pdf.paragraph("Good practice", style="B")
            pdf.paragraph(kloe.good_practice)
        if kloe.survivor_quotes:
            pdf.paragraph(SURVIVORS_TOLD_US, style="B")
            for quote in kloe.survivor_quotes:
                pdf.paragraph(f"\u201c{quote}\u201d", style="I")
        if kloe.evidence_note:
            pdf.paragraph(kloe.evidence_note, size=8, colour=GREY)


def _recommendations(pdf: SafehouseDocument, content: ReportContent) -> None:
    pdf.heading("Recommendations")
    if not content.recommendations:
        pdf.paragraph("The inspection made no recommendations.")
        return
    pdf.paragraph("Each timescale runs from the day the provider receives the final report.", size=9)
    pdf.table(
        [Column("No.", 0.05), Column("KLOE", 0.08), Column("Recommendation", 0.41), Column("Theme", 0.15),
         Column("Timescale", 0.15), Column("Due", 0.16)],
        [(str(r.number), r.kloes, r.text, r.theme, r.timescale, r.due) for r in content.recommendations],
    )


def _clauses(pdf: SafehouseDocument, content: ReportContent) -> None:
    pdf.heading("Contract clauses cited")
    if not content.clauses:
        pdf.paragraph("No contract clauses are cross-referenced by the key lines of enquiry in scope.")
        return
    pdf.table(
        [Column("Reference", 0.16), Column("Requirement", 0.66), Column("KLOEs", 0.18)],
        [(c.reference + (" (illustrative)" if c.illustrative else ""), f"{c.title}: {c.text}", c.kloes)
         for c in content.clauses],
    )
    if any(c.illustrative for c in content.clauses):
        pdf.paragraph(ILLUSTRATIVE_NOTE, size=8, colour=GREY)
