"""Demo data: PIR returns and answers (issue 5).

Every inspection whose PIR was received has a submitted return (so later returns have
one to be pre-filled from); every announced inspection has a return in progress,
pre-filled from its provider's last one, with its first section answered afresh.
"""

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlmodel import Session, select

from safehouse_portal.db import Inspection, InspectionGroup, PirAnswer, PirReturn, PirTemplate, User
from safehouse_portal.domain.enums import Role, Stage
from safehouse_portal.domain.pir import ReturnStatus
from safehouse_portal.services.pir import store as pir_store
from safehouse_portal.services.pir.template import default_document, load_template


def complete_answers(today: date, variant: int = 0) -> dict[str, Any]:
    """A valid answer to every question of the default template (files left out)."""
    reviewed = (today - timedelta(days=60 + 7 * variant)).isoformat()
    return {
        "services_description": "Safehouse accommodation with 24-hour cover, an allocated support worker for each "
                                "survivor, help with health, legal and benefits appointments, and move-on planning.",
        "services_children": "yes" if variant % 2 == 0 else "no",
        "services_out_of_hours": "yes",
        "services_interpretation": "Telephone and face-to-face interpreters are booked for every key meeting.",
        "services_accessibility": "One ground-floor room with an accessible bathroom; other needs are met case "
                                  "by case.",
        "external_agencies": [{"kind": "gp", "name": "Riverside Surgery", "contact": "Practice manager"},
                              {"kind": "legal", "name": "Local law centre", "contact": ""}],
        "external_working": "Monthly meetings with the local safeguarding team.",
        "staffing_arrangements": "Day and waking-night staff on a rota; a manager on call out of hours.",
        "staffing_by_role": [{"role": "Support worker", "in_post": str(6 + variant % 3), "vacancies": "1"},
                             {"role": "Manager", "in_post": "1", "vacancies": "0"}],
        "staffing_training": "Induction, safeguarding adults and children, trauma-informed practice.",
        "staffing_supervision": "monthly",
        "staffing_caseload": str(8 + variant % 4),
        "survivors_period_start": (today - timedelta(days=365)).isoformat(),
        "survivors_by_service": [{"service": "safehouse", "survivors": str(30 + variant), "dependants": "4",
                                  "children": "3"}],
        "quality_monitoring": "Monthly file audits and a quarterly service review by the operations manager.",
        "quality_last_audit": (today - timedelta(days=40)).isoformat(),
        "quality_audit_results": "Risk assessments were up to date in 9 of 10 files; the tenth was reviewed.",
        "incidents_count": str(2 + variant % 3),
        "incidents_description": "Two minor injuries; both were reviewed and the risk assessments updated.",
        "incidents_safeguarding_referrals": "1",
        "complaints_count": "1",
        "complaints_description": "A complaint about repairs, resolved within 10 days.",
        "feedback_methods": "Exit questionnaires, residents' meetings and the survivor survey.",
        "feedback_changes": "Kitchen rota changed and a women-only group started.",
        "feedback_survey": "yes",
        **{f"policy_{name}_reviewed": reviewed for name in (
            "safeguarding", "risk", "medicines", "infection", "fire", "incidents", "complaints", "recruitment",
            "confidentiality")},
    }


def seed(*, session: Session, today: date) -> None:
    """Add this area's demo rows to the base programme."""
    template_id = _template_id(session)
    leads = {u.provider_id: u for u in session.exec(select(User).where(User.role == Role.PROVIDER_LEAD))}
    rows = session.exec(select(Inspection, InspectionGroup).join(InspectionGroup,
                                                                 InspectionGroup.id == Inspection.group_id)
                        .where(Inspection.pir_requested_on.is_not(None))
                        .order_by(Inspection.pir_requested_on, Inspection.id)).all()
    for n, (inspection, group) in enumerate(rows):
        lead = leads.get(group.provider_id)
        if inspection.pir_received_on is not None:
            _submitted(session, inspection, group, template_id, lead, n)
        elif inspection.stage is Stage.ANNOUNCED:
            _in_progress(session, inspection, group, template_id, lead, today)


def _submitted(session: Session, inspection: Inspection, group: InspectionGroup, template_id: int,
               lead: User | None, variant: int) -> None:
    received = inspection.pir_received_on
    at = datetime.combine(received, time(14, 30), tzinfo=UTC)
    row = PirReturn(inspection_id=inspection.id, provider_id=group.provider_id, template_id=template_id,
                    status=ReturnStatus.SUBMITTED.value, requested_on=inspection.pir_requested_on,
                    submitted_at=at, submitted_by_id=lead.id if lead else None)
    session.add(row)
    session.flush()
    for code, value in complete_answers(received, variant).items():
        session.add(PirAnswer(return_id=row.id, question_code=code, value=value, version=1, updated_at=at,
                              updated_by_id=lead.id if lead else None))
    session.flush()


def _in_progress(session: Session, inspection: Inspection, group: InspectionGroup, template_id: int,
                 lead: User | None, today: date) -> None:
    """Pre-filled from the provider's last return, with the first section answered afresh."""
    row = PirReturn(inspection_id=inspection.id, provider_id=group.provider_id, template_id=template_id,
                    status=ReturnStatus.IN_PROGRESS.value, requested_on=inspection.pir_requested_on)
    session.add(row)
    session.flush()
    template = load_template(session=session, template_id=template_id)
    pir_store.prefill(session, row, template)
    session.flush()
    answers = pir_store.answers_of(session, row.id)
    fresh = complete_answers(today, variant=1)
    for question in template.sections[0].questions:
        answer = answers.get(question.code) or PirAnswer(return_id=row.id, question_code=question.code, version=0)
        answer.value, answer.prefilled, answer.version = fresh[question.code], False, answer.version + 1
        answer.updated_by_id = lead.id if lead else None
        session.add(answer)
    session.flush()


def _template_id(session: Session) -> int:
    """The current PIR template, the packaged default added (not committed) when there is none."""
    current = session.exec(select(PirTemplate.id).where(PirTemplate.is_current == True)).first()  # noqa: E712
    if current is not None:
        return current
    document = default_document()
    row = PirTemplate(version=document.version, title=document.title, definition=document.model_dump(mode="json"),
                      is_current=True)
    session.add(row)
    session.flush()
    return row.id
