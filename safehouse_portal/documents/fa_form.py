"""The factual accuracy documents: the form sent with the draft, the response, the comparison.

Pure: each takes a frozen dataclass and returns PDF bytes.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from safehouse_portal.domain.dates import format_date
from safehouse_portal.documents.compare import SectionChange
from safehouse_portal.documents.pdf_base import GREY, Column, SafehouseDocument
from safehouse_portal.documents.report_content import Section

FA_PURPOSE = (
    "Use this form to tell us where the draft report is factually wrong or where evidence is incomplete. "
    "The factual accuracy check is not for complaints or for disputing recommendations. You may also tell "
    "us that you will not comment. Send your comments through the Safehouse Portal, section by section, "
    "with any evidence files."
)
KINDS = ("Factual error", "Incomplete evidence")


@dataclass(frozen=True)
class FactualAccuracyForm:
    """The form listing the draft's sections for comment, with the window's dates."""

    service: str
    provider: str
    draft_sent_on: date | None
    comments_due: date | None
    due_explanation: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class ResponseRow:
    """One comment and the inspector's decision on it."""

    number: int
    section: str
    kind: str
    text_concerned: str
    proposed_correction: str
    decision: str
    reason: str
    changed_judgement: bool


@dataclass(frozen=True)
class FactualAccuracyResponse:
    """The response table sent back to the provider."""

    service: str
    provider: str
    declined: bool
    rows: tuple[ResponseRow, ...]


@dataclass(frozen=True)
class Comparison:
    """Every change between the draft and the final report."""

    service: str
    draft_taken: str
    final_taken: str
    changes: tuple[SectionChange, ...]


def render_fa_form(form: FactualAccuracyForm) -> bytes:
    """The factual accuracy form as PDF bytes."""
    pdf = SafehouseDocument(title=f"Factual accuracy form: {form.service}", subject="Factual accuracy check")
    pdf.add_page()
    pdf.heading(f"Factual accuracy form: {form.service}", toc=False)
    pdf.key_values([
        ("Provider", form.provider),
        ("Draft report sent", format_date(form.draft_sent_on) or "Not yet sent"),
        ("Comments due by", format_date(form.comments_due) or "10 working days from receipt of the draft"),
    ])
    if form.due_explanation:
        pdf.paragraph(form.due_explanation, size=8, colour=GREY)
    pdf.paragraph(FA_PURPOSE)
    pdf.paragraph(f"Kinds of comment: {'; '.join(KINDS)}.", style="B", size=9)
    for section in form.sections:
        pdf.heading(f"{section.title} [{section.key}]", level=1, toc=False)
        pdf.paragraph(section.text, size=8, colour=GREY)
        pdf.key_values([("Kind of comment", ""), ("Text concerned", "\n"), ("Proposed correction", "\n\n"),
                        ("Evidence enclosed", "")], key_share=0.28)
    return pdf.bytes()


def render_fa_response(response: FactualAccuracyResponse) -> bytes:
    """The table of comments, decisions and reasons, as PDF bytes."""
    pdf = SafehouseDocument(title=f"Factual accuracy response: {response.service}",
                            subject="Decisions on the provider's factual accuracy comments")
    pdf.add_page()
    pdf.heading(f"Factual accuracy response: {response.service}", toc=False)
    pdf.paragraph(f"Provider: {response.provider}")
    if response.declined and not response.rows:
        pdf.paragraph("The provider told us it would not comment on the draft report.")
    elif not response.rows:
        pdf.paragraph("No comments were received within the factual accuracy window.")
    else:
        pdf.paragraph("Each comment you sent, our decision, and the reason for it. Where a comment was accepted "
                      "the final report has been corrected.")
        pdf.table(
            [Column("No.", 0.05), Column("Section", 0.14), Column("Your comment", 0.37), Column("Decision", 0.13),
             Column("Reason", 0.31)],
            [_response_cells(row) for row in response.rows],
        )
    return pdf.bytes()


def _response_cells(row: ResponseRow) -> Sequence[str]:
    comment = f"{row.kind}. Text concerned: {row.text_concerned}\nProposed correction: {row.proposed_correction}"
    decision = row.decision + ("\n(judgement changed)" if row.changed_judgement else "")
    return (str(row.number), row.section, comment, decision, row.reason or "-")


def render_comparison(comparison: Comparison) -> bytes:
    """Every change from draft to final, section by section, as PDF bytes."""
    pdf = SafehouseDocument(title=f"Draft and final report compared: {comparison.service}",
                            subject="Changes made after the factual accuracy check")
    pdf.add_page()
    pdf.heading(f"Draft and final report compared: {comparison.service}", toc=False)
    pdf.paragraph(f"Draft as sent: {comparison.draft_taken}. Final: {comparison.final_taken}.", size=9)
    if not comparison.changes:
        pdf.paragraph("The final report is the same as the draft.")
    for change in comparison.changes:
        pdf.heading(f"{change.title} ({change.kind})", level=1, toc=False)
        for line in change.removed:
            pdf.paragraph(f"Draft: {line}", size=9, colour=(180, 30, 20))
        for line in change.added:
            pdf.paragraph(f"Final: {line}", size=9, colour=(0, 90, 48))
    return pdf.bytes()
