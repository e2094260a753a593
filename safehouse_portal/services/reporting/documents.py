"""Every generated document of an inspection, for those allowed to see it.

Each document is drawn by a pure function in ``documents/`` from what this module reads.
Who may have which document:

- the report as it stands, only staff working on the inspection;
- the draft as sent, the factual accuracy form and the response table, staff and the
  inspected provider's own lead, once the draft is sent;
- the comparison of draft and final, staff once the draft is sent, and the provider once
  the final is issued;
- the final report, staff, the provider's lead and the stakeholders (prime contractor,
  Home Office), once issued;
- the letters, staff, and the provider's lead once the letter has been sent; the early
  outcome letter also the stakeholder organisations it was sent to.

Every document handed out is recorded in the audit trail (``document.downloaded``).

A refusal looks the same as a missing document (``NotFound``), so ids reveal nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from safehouse_portal.db import FactualAccuracyComment, Location, SeriousConcern, StakeholderOrganisation, User
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.enums import KEY_QUESTION_LABELS, KeyQuestion, ServiceKind
from safehouse_portal.domain.milestones import Milestone
from safehouse_portal.documents.compare import SectionChange
from safehouse_portal.documents.labels import MODE_LABELS, TYPE_LABELS
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action, InspectionFacts
from safehouse_portal.services.core.access_facts import inspection_facts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied
from safehouse_portal.services.reporting.factual_accuracy import DECISION_LABELS, KIND_LABELS
from safehouse_portal.services.reporting.data import (
    DRAFT, FINAL, Loaded, fa_due, issued, load, schedule_for, snapshot_content, working_content,
)
from safehouse_portal.services.reporting.issue import changes
from safehouse_portal.services.core.membership import covered_by

HOME_OFFICE = "Home Office (Modern Slavery Victim Care Contract team)"
PRIME_CONTRACTOR = "The Salvation Army (prime contractor)"


@dataclass(frozen=True)
class Document:
    """A generated PDF and the name to save it under."""

    filename: str = ""
    content: bytes = b""


def document(*, session: Session, actor: Actor | None, inspection_id: object, name: object,
             today: date) -> Document:
    """The named document of the inspection, if the actor may have it.

    Raises:
        NotFound: No such inspection or document, or the actor may not have it.
    """
    if actor is None:
        raise PermissionDenied()
    builder = _DOCUMENTS.get(name) if isinstance(name, str) else None
    if builder is None:
        raise NotFound("No such document")
    try:
        loaded = load(session, inspection_id)
    except InvalidInput:
        raise NotFound("No such document") from None
    allowed, draw = builder
    if not allowed(session, actor, loaded, inspection_facts(session, loaded.inspection)):
        raise NotFound("No such document")
    content = draw(session, loaded, today)
    if content is None:
        raise NotFound("No such document")
    audit.record(session=session, actor=actor, action="document.downloaded", entity_type="inspection",
                 entity_id=loaded.inspection.id, after={"document": name})
    return Document(f"{name}-{loaded.inspection.id}.pdf", content)


def report_pdf(*, session: Session, actor: Actor | None, inspection_id: object, draft: bool, today: date) -> bytes:
    """The report for the command line: the final as issued, or the report as it stands as a draft."""
    name = "report-working" if draft else "report-final"
    return document(session=session, actor=actor, inspection_id=inspection_id, name=name, today=today).content


def _staff(session: Session, actor: Actor, loaded: Loaded, facts: InspectionFacts) -> bool:
    """Staff on the inspection, or the command line run on the server."""
    return access.may(actor, Action.DOWNLOAD_WORKING_REPORT, facts)


def _staff_or_provider_after_draft(session: Session, actor: Actor, loaded: Loaded, facts: InspectionFacts) -> bool:
    if loaded.inspection.draft_sent_on is None:
        return False
    return access.may(actor, Action.VIEW_SENT_DOCUMENT, facts)


def _comparison_allowed(session: Session, actor: Actor, loaded: Loaded, facts: InspectionFacts) -> bool:
    if loaded.inspection.draft_sent_on is None:
        return False
    return _staff(session, actor, loaded, facts) or access.may(actor, Action.VIEW_SENT_DOCUMENT, facts) \
        and issued(session, loaded.inspection)


def _final_allowed(session: Session, actor: Actor, loaded: Loaded, facts: InspectionFacts) -> bool:
    if not issued(session, loaded.inspection):
        return False
    return access.may(actor, Action.VIEW_FINAL_REPORT, facts)


def _letter_allowed(column: str) -> Callable[[Session, Actor, Loaded, InspectionFacts], bool]:
    early = column == "early_outcome_letter_on"
    action = Action.VIEW_ADDRESSED_LETTER if early else Action.VIEW_SENT_DOCUMENT

    def allowed(session: Session, actor: Actor, loaded: Loaded, facts: InspectionFacts) -> bool:
        if _staff(session, actor, loaded, facts):
            return not early or loaded.inspection.serious_concern
        return access.may(actor, action, facts) and getattr(loaded.inspection, column) is not None
    return allowed


def may_have(session: Session, actor: Actor, loaded: Loaded, facts: InspectionFacts, name: str) -> bool:
    """Whether ``actor`` may download the document ``name`` of the loaded inspection (the same test as ``document``)."""
    builder = _DOCUMENTS.get(name)
    return builder is not None and builder[0](session, actor, loaded, facts)


# The drawing modules import fpdf2 (about 50 MB): each builder imports the one it needs when a
# document is first asked for, not every worker at start (see lazy_modules.py).

def _working(session: Session, loaded: Loaded, today: date) -> bytes:
    from safehouse_portal.documents.inspection_report import render_report

    return render_report(working_content(session, loaded))


def _snapshot(kind: str) -> Callable[[Session, Loaded, date], bytes | None]:
    def draw(session: Session, loaded: Loaded, today: date) -> bytes | None:
        from safehouse_portal.documents.inspection_report import render_report

        content = snapshot_content(session, loaded.inspection.id, kind)
        return render_report(content) if content else None
    return draw


def _fa_form(session: Session, loaded: Loaded, today: date) -> bytes | None:
    from safehouse_portal.documents import fa_form

    draft = snapshot_content(session, loaded.inspection.id, DRAFT)
    if draft is None:
        return None
    due = fa_due(session, loaded.inspection, today)
    return fa_form.render_fa_form(fa_form.FactualAccuracyForm(
        service=loaded.group.name, provider=loaded.provider.name, draft_sent_on=loaded.inspection.draft_sent_on,
        comments_due=due.due if due else None, due_explanation=due.explanation.text if due else "",
        sections=draft.sections))


def _fa_response(session: Session, loaded: Loaded, today: date) -> bytes | None:
    from safehouse_portal.documents import fa_form

    draft = snapshot_content(session, loaded.inspection.id, DRAFT)
    titles = {s.key: s.title for s in draft.sections} if draft else {}
    comments = session.exec(select(FactualAccuracyComment).where(
        FactualAccuracyComment.inspection_id == loaded.inspection.id).order_by(FactualAccuracyComment.id)).all()
    rows = tuple(fa_form.ResponseRow(
        number=n, section=titles.get(c.section_key, c.section_key), kind=KIND_LABELS.get(c.kind, c.kind),
        text_concerned=c.text_concerned, proposed_correction=c.proposed_correction,
        decision=DECISION_LABELS.get(c.decision or "", "Not decided yet"), reason=c.decision_reason,
        changed_judgement=c.changes_judgement) for n, c in enumerate(comments, start=1))
    return fa_form.render_fa_response(fa_form.FactualAccuracyResponse(
        service=loaded.group.name, provider=loaded.provider.name, declined=loaded.inspection.fa_declined, rows=rows))


def _comparison(session: Session, loaded: Loaded, today: date) -> bytes:
    from safehouse_portal.documents import fa_form

    found = changes(session, loaded)
    final = "as issued on " + format_date(loaded.inspection.final_issued_on) \
        if loaded.inspection.final_issued_on else "as it stands now, before issue"
    return fa_form.render_comparison(fa_form.Comparison(
        service=loaded.group.name, draft_taken=f"sent on {format_date(loaded.inspection.draft_sent_on)}",
        final_taken=final,
        changes=tuple(SectionChange("", c.title, c.kind, tuple(c.removed), tuple(c.added)) for c in found)))


def _announcement(session: Session, loaded: Loaded, today: date) -> bytes:
    from safehouse_portal.documents import letters

    inspection = loaded.inspection
    letter_date = inspection.announcement_letter_on or today
    statuses = {s.key: s for s in schedule_for(session, inspection, today)}
    pir = statuses.get(Milestone.PIR_DUE)
    locations = session.exec(select(Location).where(covered_by(session, inspection.id, loaded.group.id))
                             .order_by(Location.name)).all()
    timetable = tuple(letters.TimetableRow(s.label, format_date(s.due)) for s in statuses.values())
    return letters.render_announcement_letter(letters.AnnouncementLetter(
        inspection_id=inspection.id, letter_date=letter_date, provider=loaded.provider.name,
        lead_name=loaded.provider.lead_name, service=loaded.group.name,
        locations=tuple(loc.name for loc in locations), inspection_type=TYPE_LABELS[inspection.type],
        mode=MODE_LABELS[inspection.mode], key_questions=_key_questions(inspection.key_questions),
        first_day=inspection.planned_start, last_day=inspection.planned_end,
        lead_inspector=_lead_name(session, loaded), pir_requested_on=inspection.pir_requested_on or letter_date,
        pir_due=pir.due if pir else letter_date, pir_due_explanation=pir.explanation.text if pir else "",
        timetable=timetable,
        arrangements=tuple(letters.provider_arrangements(
            on_site=inspection.mode.value == "on_site",
            safehouse=any(loc.kind is ServiceKind.SAFEHOUSE for loc in locations),
            children=any(loc.accommodates_children for loc in locations))),
    ))


def _early_outcome(session: Session, loaded: Loaded, today: date) -> bytes:
    from safehouse_portal.documents import letters

    inspection = loaded.inspection
    concerns = session.exec(select(SeriousConcern.details).where(SeriousConcern.inspection_id == inspection.id)
                            .order_by(SeriousConcern.id)).all()
    return letters.render_early_outcome_letter(letters.EarlyOutcomeLetter(
        inspection_id=inspection.id, letter_date=inspection.early_outcome_letter_on or today,
        provider=loaded.provider.name, lead_name=loaded.provider.lead_name, service=loaded.group.name,
        first_day=inspection.started_on or inspection.planned_start,
        last_day=inspection.ended_on or inspection.planned_end, lead_inspector=_lead_name(session, loaded),
        concerns=tuple(concerns) or ("The serious concerns are being written up and will follow.",),
        copies_to=_copies_to(session),
    ))


def _copies_to(session: Session) -> tuple[str, ...]:
    names = session.exec(select(StakeholderOrganisation.name).order_by(StakeholderOrganisation.name)).all()
    return tuple(names) or (HOME_OFFICE, PRIME_CONTRACTOR)


def _key_questions(keys: list[str] | None) -> tuple[str, ...]:
    return tuple(KEY_QUESTION_LABELS[KeyQuestion(k)] for k in keys or [] if k in KeyQuestion.__members__.values())


def _lead_name(session: Session, loaded: Loaded) -> str:
    lead = session.get(User, loaded.inspection.lead_inspector_id) if loaded.inspection.lead_inspector_id else None
    return lead.name if lead else "The inspection team"


Allowed = Callable[[Session, Actor, Loaded, InspectionFacts], bool]
Draw = Callable[[Session, Loaded, date], bytes | None]
_DOCUMENTS: dict[str, tuple[Allowed, Draw]] = {
    "report-working": (_staff, _working),
    "report-draft": (_staff_or_provider_after_draft, _snapshot(DRAFT)),
    "report-final": (_final_allowed, _snapshot(FINAL)),
    "fa-form": (_staff_or_provider_after_draft, _fa_form),
    "fa-response": (_staff_or_provider_after_draft, _fa_response),
    "comparison": (_comparison_allowed, _comparison),
    "announcement-letter": (_letter_allowed("announcement_letter_on"), _announcement),
    "early-outcome-letter": (_letter_allowed("early_outcome_letter_on"), _early_outcome),
}
"""Each document's name in its URL, who may have it, and how it is drawn."""
