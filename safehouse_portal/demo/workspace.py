"""Demo data: judgement work in progress for inspections being inspected or drafted (issue 6).

For each current inspection being inspected, in evidence review or drafting, some of its
in-scope KLOEs are final (rated, with evidence that passes the sufficiency check), some in
progress and the rest not started, the further along the inspection the more are final.
Inspections past the announcement call have their call's checklist ticked; those in
evidence review or drafting carry draft recommendations against the KLOEs marked down;
serious concerns are written out for inspections flagged with one. The inspections of the
demo inspector ``inspector1`` always show every rating, and those being drafted a lead's
override with its reason.
"""

import random
from datetime import UTC, date, datetime, time

from sqlmodel import Session, select

from safehouse_portal.db import (
    ChecklistItem, EvidenceItem, FrameworkKeyQuestion, Inspection, KeyQuestionJudgement, Kloe, KloeAssessment,
    Recommendation, SeriousConcern, User,
)
from safehouse_portal.domain.checklist import CHECKLIST
from safehouse_portal.domain.enums import Rating, Stage, Theme, Timescale
from safehouse_portal.domain.judgements import KloeStatus
from safehouse_portal.services.judgements.serious_concerns import RECIPIENTS

SEED = 606
RICH_INSPECTOR_EMAIL = "inspector1@demo.safehouse.test"
WORKING_STAGES = (Stage.INSPECTING, Stage.EVIDENCE_REVIEW, Stage.DRAFTING)
FINAL_SHARE = {Stage.INSPECTING: 0.25, Stage.EVIDENCE_REVIEW: 0.6, Stage.DRAFTING: 0.9}
CHECKLIST_STAGES = (Stage.ANNOUNCED, Stage.PIR_RECEIVED, *WORKING_STAGES)
CHECKLIST_NOTES = (
    "Confirmed with the registered manager on the call.",
    "Agreed; the provider will confirm by email.",
    "Confirmed. Interpreter for Albanian and Vietnamese arranged.",
    "Two staff and three survivors have agreed to speak with us.",
)
FINDINGS = {
    Rating.MEETING: "Survivors told us they felt safe and listened to; records were up to date.",
    Rating.REQUIRES_IMPROVEMENT: "Risk assessments were in place but three of eight sampled had not been "
                                 "reviewed within the contractual timescale.",
    Rating.NOT_MEETING: "Fire safety checks had lapsed and two survivors' risk assessments were missing.",
}
EVIDENCE = (
    ("case_record", "strong", "Sampled case records: support plans and risk assessments present."),
    ("staff_interview", "moderate", "Support workers described how they review risks with survivors."),
    ("survivor_conversation", "strong", "Survivors described the support they receive and how they raise concerns."),
    ("document", "moderate", "Policies and the training matrix read on site."),
    ("pir_answer", "weak", "The PIR describes the service's approach."),
)
RECOMMENDATION_TEXTS = {
    Theme.RISK_ASSESSMENTS_AND_RECORDS: "Review every survivor's risk assessment within the contractual timescale "
                                        "and record each review.",
    Theme.HEALTH_AND_SAFETY: "Complete the overdue fire safety checks and keep a log of them.",
    Theme.TRAINING: "Make sure all staff complete safeguarding training that covers children and adults at risk.",
    Theme.GOVERNANCE_AND_OVERSIGHT: "Put in place regular audits of records, with actions followed up.",
}
CONCERN_DETAILS = ("Two survivors' risk assessments were missing and fire doors were propped open at the "
                   "safehouse. The provider was told on the day.")


def seed(*, session: Session, today: date) -> None:
    """Add the workspace's demo rows to the base programme (not committed: the caller commits)."""
    rng = random.Random(SEED)  # noqa: S311  (seeded for a reproducible demo, never for secrets)
    rich = session.exec(select(User.id).where(User.email == RICH_INSPECTOR_EMAIL)).first()
    inspections = session.exec(select(Inspection).where(Inspection.stage.in_([s.value for s in CHECKLIST_STAGES]))
                               .order_by(Inspection.id)).all()
    for inspection in inspections:
        if inspection.announcement_call_on is not None:
            _checklist(session, inspection, rng)
        if inspection.stage in WORKING_STAGES:
            _judgement_work(session, inspection, rng, today, rich_lead=inspection.lead_inspector_id == rich)
            if inspection.serious_concern:
                _concern(session, inspection)
    session.flush()


def _checklist(session: Session, inspection: Inspection, rng: random.Random) -> None:
    complete = inspection.stage is not Stage.ANNOUNCED
    at = datetime.combine(inspection.announcement_call_on, time(11, 0), tzinfo=UTC)
    for n, entry in enumerate(CHECKLIST):
        if not complete and n >= 4:
            break
        session.add(ChecklistItem(inspection_id=inspection.id, item_key=entry.key.value, ticked=True,
                                  note=rng.choice(CHECKLIST_NOTES), updated_by_id=inspection.lead_inspector_id,
                                  updated_at=at))


def _judgement_work(session: Session, inspection: Inspection, rng: random.Random, today: date, *,
                    rich_lead: bool) -> None:
    kloes = _in_scope(session, inspection)
    if not kloes or inspection.lead_inspector_id is None:
        return
    if session.exec(select(KloeAssessment.id).where(KloeAssessment.inspection_id == inspection.id)).first():
        return
    final_count = max(1, round(len(kloes) * FINAL_SHARE[inspection.stage]))
    ratings = _ratings(rng, final_count, rich_lead)
    at = datetime.combine(min(inspection.started_on or inspection.planned_start, today), time(9, 0), tzinfo=UTC)
    marked_down: list[tuple[Kloe, str, Rating]] = []
    for n, (kloe, key) in enumerate(kloes):
        if n < final_count:
            rating = ratings[n]
            _assessment(session, inspection, kloe, KloeStatus.FINAL, rating, at, rng)
            if rating is not Rating.MEETING:
                marked_down.append((kloe, key, rating))
        elif n < final_count + 2:
            _assessment(session, inspection, kloe, KloeStatus.IN_PROGRESS, None, at, rng)
    if inspection.stage is not Stage.INSPECTING:
        _recommendations(session, inspection, marked_down, at)
    not_meeting = [key for _, key, rating in marked_down if rating is Rating.NOT_MEETING]
    if rich_lead and not_meeting and inspection.stage is Stage.DRAFTING:
        key = not_meeting[0]
        session.add(KeyQuestionJudgement(
            inspection_id=inspection.id, key_question=key, override_rating=Rating.REQUIRES_IMPROVEMENT,
            override_reason="The shortfall was isolated to one record, put right on the day, and the service "
                            "otherwise manages risk well.",
            decided_by_id=inspection.lead_inspector_id, decided_at=at))


def _ratings(rng: random.Random, count: int, rich_lead: bool) -> list[Rating]:
    ratings = [rng.choices(list(Rating), weights=(6, 3, 1))[0] for _ in range(count)]
    if rich_lead and count >= 3:
        ratings[:3] = [Rating.MEETING, Rating.REQUIRES_IMPROVEMENT, Rating.NOT_MEETING]
    return ratings


def _assessment(session: Session, inspection: Inspection, kloe: Kloe, status: KloeStatus, rating: Rating | None,
                at: datetime, rng: random.Random) -> None:
    row = KloeAssessment(inspection_id=inspection.id, kloe_id=kloe.id, status=status.value, rating=rating,
                         findings=FINDINGS[rating] if rating else "", updated_at=at,
                         updated_by_id=inspection.lead_inspector_id, version=2 if rating else 1)
    session.add(row)
    session.flush()
    count = 1 if rating in (None, Rating.MEETING) else 2
    for source, robustness, summary in rng.sample(EVIDENCE, count):
        session.add(EvidenceItem(assessment_id=row.id, source=source, summary=summary, robustness=robustness,
                                 supports=True, relates_to=at.date(), recorded_by_id=inspection.lead_inspector_id,
                                 recorded_at=at))


def _recommendations(session: Session, inspection: Inspection, marked_down: list[tuple[Kloe, str, Rating]],
                     at: datetime) -> None:
    themes = list(RECOMMENDATION_TEXTS)
    for n, (kloe, key, _) in enumerate(marked_down[:3]):
        theme = themes[n % len(themes)]
        session.add(Recommendation(
            inspection_id=inspection.id, kloe_codes=[kloe.code], key_question=key, text=RECOMMENDATION_TEXTS[theme],
            theme=theme, timescale=(Timescale.WITHIN_3_MONTHS, Timescale.WITHIN_21_DAYS)[n % 2],
            created_by_id=inspection.lead_inspector_id, created_at=at))


def _concern(session: Session, inspection: Inspection) -> None:
    if inspection.lead_inspector_id is None or session.exec(
            select(SeriousConcern.id).where(SeriousConcern.inspection_id == inspection.id)).first():
        return
    raised = inspection.ended_on or inspection.started_on or inspection.planned_start
    sent = inspection.early_outcome_letter_on
    session.add(SeriousConcern(
        inspection_id=inspection.id, details=CONCERN_DETAILS, raised_by_id=inspection.lead_inspector_id,
        raised_at=datetime.combine(raised, time(16, 0), tzinfo=UTC), letter_sent_on=sent,
        letter_recipients=list(RECIPIENTS) if sent else []))


def _in_scope(session: Session, inspection: Inspection) -> list[tuple[Kloe, str]]:
    keys = [str(k) for k in inspection.key_questions or []]
    rows = session.exec(
        select(Kloe, FrameworkKeyQuestion.key)
        .join(FrameworkKeyQuestion, FrameworkKeyQuestion.id == Kloe.key_question_id)
        .where(Kloe.version_id == inspection.framework_version_id, FrameworkKeyQuestion.key.in_(keys))
        .order_by(FrameworkKeyQuestion.position, Kloe.position)
    ).all()
    return [(kloe, key) for kloe, key in rows]
