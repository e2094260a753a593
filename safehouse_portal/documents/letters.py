"""Letters to the provider: the announcement with the PIR request, and the early outcome letter.

Pure: each letter is a frozen dataclass of what it says, drawn to PDF bytes by one
function. The service works out the dates (in working days) before building them.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from safehouse_portal.domain.dates import format_date, format_date_range
from safehouse_portal.documents.pdf_base import GREY, PROTECTIVE_MARKING, Column, SafehouseDocument

WORKING_DAYS_MEANING = (
    "Working days are Monday to Friday, not counting bank holidays in England and Wales or the "
    "programme's closure days. The day of this letter does not count: counting starts the next working day."
)


@dataclass(frozen=True)
class TimetableRow:
    """One step of the provisional timetable."""

    step: str
    when: str


@dataclass(frozen=True)
class AnnouncementLetter:
    """The letter announcing an inspection and asking for the provider information return."""

    inspection_id: int
    letter_date: date
    provider: str
    lead_name: str
    service: str
    locations: tuple[str, ...]
    inspection_type: str
    mode: str
    key_questions: tuple[str, ...]
    first_day: date | None
    last_day: date | None
    lead_inspector: str
    pir_requested_on: date
    pir_due: date
    pir_due_explanation: str
    timetable: tuple[TimetableRow, ...]
    arrangements: tuple[str, ...]


@dataclass(frozen=True)
class EarlyOutcomeLetter:
    """The letter setting out serious concerns found, sent shortly after the inspection."""

    inspection_id: int
    letter_date: date
    provider: str
    lead_name: str
    service: str
    first_day: date | None
    last_day: date | None
    lead_inspector: str
    concerns: tuple[str, ...]
    copies_to: tuple[str, ...]


def render_announcement_letter(letter: AnnouncementLetter) -> bytes:
    """The announcement letter as PDF bytes."""
    pdf = SafehouseDocument(title=f"Announcement of inspection: {letter.service}",
                            subject="Inspection announcement and provider information return request")
    pdf.add_page()
    _letterhead(pdf, letter.letter_date, letter.lead_name, letter.provider)
    pdf.heading(f"Inspection of {letter.service}", toc=False)
    dates = format_date_range(letter.first_day, letter.last_day)
    scope = ", ".join(letter.key_questions)
    pdf.paragraph(
        f"Dear {letter.lead_name},\n\nFurther to our telephone call, I am writing to confirm that the Care Quality "
        f"Commission will carry out a {letter.inspection_type.lower()} inspection of {letter.service} on {dates} "
        f"({letter.mode.lower()}). The inspection will look at: {scope}."
    )
    if letter.locations:
        pdf.paragraph("The inspection covers these services:", style="B")
        pdf.bullets(letter.locations)
    pdf.heading("Provider information return (PIR)", level=1, toc=False)
    pdf.paragraph(
        f"Please complete the provider information return in the Safehouse Portal by "
        f"{format_date(letter.pir_due)}: 5 working days from this request on {format_date(letter.pir_requested_on)}. "
        "Co-operating with the inspection, including returning the PIR on time, is a requirement of the "
        "Modern Slavery Victim Care Contract."
    )
    pdf.paragraph("How the due date was worked out", style="B", size=9)
    pdf.paragraph(f"{letter.pir_due_explanation} {WORKING_DAYS_MEANING}", size=9)
    pdf.heading("Provisional timetable", level=1, toc=False)
    pdf.table([Column("Step", 0.6), Column("When", 0.4)], [(row.step, row.when) for row in letter.timetable])
    pdf.heading("What we ask you to arrange", level=1, toc=False)
    pdf.bullets(letter.arrangements)
    _sign_off(pdf, letter.lead_inspector)
    return pdf.bytes()


def render_early_outcome_letter(letter: EarlyOutcomeLetter) -> bytes:
    """The early outcome letter as PDF bytes."""
    pdf = SafehouseDocument(title=f"Early outcome letter: {letter.service}",
                            subject="Serious concerns found at inspection")
    pdf.add_page()
    _letterhead(pdf, letter.letter_date, letter.lead_name, letter.provider)
    pdf.labelled("Copies to:", "; ".join(letter.copies_to))
    pdf.heading(f"Early outcome of the inspection of {letter.service}", toc=False)
    pdf.paragraph(
        f"Dear {letter.lead_name},\n\nThank you for your co-operation during our inspection of {letter.service} on "
        f"{format_date_range(letter.first_day, letter.last_day)}. We are writing now, before our report, because "
        "we found serious concerns that need your attention straight away. We have copied this letter to the "
        "Home Office and the prime contractor, as the contract requires."
    )
    pdf.heading("Our serious concerns", level=1, toc=False)
    for number, concern in enumerate(letter.concerns, start=1):
        pdf.paragraph(f"{number}. {concern}")
    pdf.heading("What happens next", level=1, toc=False)
    pdf.bullets(_NEXT_STEPS)
    _sign_off(pdf, letter.lead_inspector)
    return pdf.bytes()


_NEXT_STEPS = (
    "Tell us within 5 working days of this letter what you have done, and will do, about each concern.",
    "The prime contractor will follow up the concerns with you under the contract.",
    "Our inspection report will set out all our findings and recommendations, and you will be able to "
    "check the draft for factual accuracy.",
)


def _letterhead(pdf: SafehouseDocument, letter_date: date, lead_name: str, provider: str) -> None:
    pdf.paragraph("Care Quality Commission", style="B", size=12)
    pdf.paragraph("Safehouse and outreach services inspection programme", size=9, colour=GREY)
    pdf.ln(2)
    pdf.paragraph(f"{lead_name}\n{provider}")
    pdf.paragraph(format_date(letter_date))
    pdf.paragraph(PROTECTIVE_MARKING, style="B", size=9)


def _sign_off(pdf: SafehouseDocument, lead_inspector: str) -> None:
    pdf.ln(4)
    pdf.paragraph(f"Yours sincerely,\n\n{lead_inspector}\nLead inspector, Care Quality Commission")


def provider_arrangements(*, on_site: bool, safehouse: bool, children: bool) -> Sequence[str]:
    """What the provider must arrange, for this inspection's mode and services."""
    items = [
        "Tell survivors and staff about the inspection, and share the survivor survey in the languages "
        "survivors use, so they can answer in confidence.",
        "Make managers and staff at all levels, including night and relief staff, available for interviews.",
        "Give the inspectors access to a sample of survivors' case records, with risk assessments and "
        "support plans.",
        "Arrange for survivors who wish to speak with us to do so privately, with an interpreter where needed.",
        "Share the contact details of partner agencies you work with (for example GPs, police, legal advisers).",
    ]
    if on_site:
        items.append("Provide a private room for conversations on each day of the visit.")
    else:
        items.append("Set up private video or phone calls for conversations, and a way to share documents.")
    if safehouse:
        items.append("Arrange access to the accommodation for checks, with residents' agreement.")
    if children:
        items.append("Have records of children's needs and risks, and any referrals to children's services, ready.")
    return tuple(items)
