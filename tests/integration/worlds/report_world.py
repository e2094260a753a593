"""A small world for the report tests: a provider's inspection at quality assurance, judged.

``second`` is the inspector named to quality assure it; ``outsider`` is an inspector
neither on its team nor named.

Builders only (no tests here); the report test modules share them.
"""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from safehouse_portal.db import (
    FrameworkKeyQuestion, Inspection, InspectionGroup, InspectionQaReviewer, KloeAssessment, Kloe, Location, Provider,
    Recommendation, User,
)
from safehouse_portal.domain.enums import InspectionMode, InspectionType, Rating, Role, ServiceKind, Stage, Theme, \
    Timescale
from safehouse_portal.services.framework.versions import ensure_default_framework
from tests.integration.worlds import factories as f

TODAY = date(2026, 4, 20)
"""A Monday; the draft goes out on it, so comments are due 10 working days later (5 May, after the bank holiday)."""
ORIGINAL_S1 = "Risk assessments for Łucja's household were reviewed late."
KEY_QUESTIONS = ["safe", "caring"]


@dataclass
class World:
    north: Provider
    south: Provider
    north_lead: User
    south_lead: User
    lead: User
    second: User
    outsider: User
    manager: User
    stakeholder: User
    admin: User
    inspection: Inspection


def build(session: Session, stage: Stage = Stage.QUALITY_ASSURANCE) -> World:
    """Two providers; north's inspection (safe and caring) at ``stage`` with every KLOE final."""
    version_id = ensure_default_framework(session=session)
    north, south = f.provider(session, "North Trust"), f.provider(session, "South Trust")
    people = dict(
        north_lead=f.user(session, "lead@north.test", Role.PROVIDER_LEAD, north),
        south_lead=f.user(session, "lead@south.test", Role.PROVIDER_LEAD, south),
        lead=f.user(session, "lead.inspector@cqc.test", Role.INSPECTOR),
        second=f.user(session, "second@cqc.test", Role.INSPECTOR),
        outsider=f.user(session, "outsider@cqc.test", Role.INSPECTOR),
        manager=f.user(session, "pm@cqc.test", Role.PROGRAMME_MANAGER),
        stakeholder=f.user(session, "ho@homeoffice.test", Role.STAKEHOLDER),
        admin=f.user(session, "admin@cqc.test", Role.ADMIN),
    )
    group = InspectionGroup(provider_id=north.id, name="Riverside safehouses")
    session.add(group)
    session.commit()
    session.add(Location(provider_id=north.id, group_id=group.id, name="Riverside House", kind=ServiceKind.SAFEHOUSE,
                         region="London", address="1 Secret Lane", capacity=6, accommodates_children=True))
    inspection = Inspection(group_id=group.id, type=InspectionType.FOCUSED, mode=InspectionMode.ON_SITE,
                            key_questions=KEY_QUESTIONS, planned_start=date(2026, 3, 9), planned_end=date(2026, 3, 10),
                            lead_inspector_id=people["lead"].id, stage=stage, framework_version_id=version_id,
                            announcement_call_on=date(2026, 2, 20), announcement_letter_on=date(2026, 2, 23),
                            pir_requested_on=date(2026, 2, 23), pir_received_on=date(2026, 2, 27),
                            started_on=date(2026, 3, 9), ended_on=date(2026, 3, 10))
    session.add(inspection)
    session.commit()
    session.add(InspectionQaReviewer(inspection_id=inspection.id, user_id=people["second"].id))
    session.commit()
    judge_every_kloe(session, inspection)
    session.add(Recommendation(inspection_id=inspection.id, kloe_codes=["S2"], key_question="safe",
                               text="Review risk assessments within the contract's timescales.",
                               theme=Theme.RISK_ASSESSMENTS_AND_RECORDS, timescale=Timescale.WITHIN_3_MONTHS))
    session.commit()
    return World(north=north, south=south, inspection=inspection, **people)


def judge_every_kloe(session: Session, inspection: Inspection) -> None:
    """Every in-scope KLOE final: S1 requires improvement (with ``ORIGINAL_S1``), the rest meeting."""
    kloes = session.exec(select(Kloe).join(FrameworkKeyQuestion, FrameworkKeyQuestion.id == Kloe.key_question_id)
                         .where(Kloe.version_id == inspection.framework_version_id,
                                FrameworkKeyQuestion.key.in_(inspection.key_questions))).all()
    for kloe in kloes:
        s1 = kloe.code == "S1"
        session.add(KloeAssessment(inspection_id=inspection.id, kloe_id=kloe.id, status="final",
                                   rating=Rating.REQUIRES_IMPROVEMENT if s1 else Rating.MEETING,
                                   findings=ORIGINAL_S1 if s1 else f"Findings for {kloe.code}: staff were kind."))
    session.commit()


def assessment(session: Session, inspection: Inspection, code: str) -> KloeAssessment:
    """The stored assessment of the KLOE ``code``."""
    return session.exec(select(KloeAssessment).join(Kloe, Kloe.id == KloeAssessment.kloe_id)
                        .where(KloeAssessment.inspection_id == inspection.id, Kloe.code == code)).one()
