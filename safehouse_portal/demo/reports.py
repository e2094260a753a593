"""Demo data: report snapshots, QA, factual-accuracy comments and report issues (issue 7).

- Quality assurance: every draft at QA or past it has a second inspector named as its
  reviewer (only the team and named reviewers may open a draft); one draft at QA was
  returned with comments by its reviewer; every inspection past QA was signed off by its.
- Factual accuracy: every inspection past QA has its draft as sent. Of those at the check,
  two have undecided comments, one provider said it will not comment, and the others have
  not responded yet (their window is still running). Finalising ones have decided comments.
- Issued reports have their final as issued and one issue per recipient on the issue day.

The judgement builder's seeders judge inspections up to drafting and the issued ones; the
drafts between (QA, factual accuracy, finalising) get plain final judgements here when
they have none, so their reports have content.
"""

from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, select

from safehouse_portal.db import (
    FactualAccuracyComment, FrameworkKeyQuestion, Inspection, InspectionQaReviewer, InspectionTeamMember, Kloe,
    KloeAssessment, QaReview, ReportIssue, User,
)
from safehouse_portal.domain.enums import Rating, Role, Stage
from safehouse_portal.services.reporting.data import (
    DRAFT, FINAL, ISSUED_STAGES, Loaded, load, take_snapshot, working_content,
)
from safehouse_portal.services.reporting.issue import RECIPIENTS

DRAFT_STAGES = (Stage.QUALITY_ASSURANCE, Stage.FACTUAL_ACCURACY, Stage.FINALISING)
SENT_STAGES = (Stage.FACTUAL_ACCURACY, Stage.FINALISING, *ISSUED_STAGES)
FINDINGS = {
    Rating.MEETING: "Survivors told us staff were kind and helped them feel safe. Records we sampled were up to "
                    "date and reviewed on time.",
    Rating.REQUIRES_IMPROVEMENT: "Most records were up to date, but some risk assessments had not been reviewed "
                                 "within the contract's timescales.",
    Rating.NOT_MEETING: "Risk assessments were missing for several survivors, including the needs of children.",
}
RETURN_COMMENTS = "Findings under S2 do not yet explain how the evidence was weighed. Please add the sources."


def seed(*, session: Session, today: date) -> None:
    """Add this area's demo rows to the base programme (flushed, not committed)."""
    inspectors = list(session.exec(select(User.id).where(User.role == Role.INSPECTOR).order_by(User.id)).all())
    inspections = session.exec(select(Inspection).where(Inspection.stage.in_([*DRAFT_STAGES, *ISSUED_STAGES]))
                               .order_by(Inspection.id)).all()
    current = _current_ids(session)
    seen: dict[Stage, int] = {}
    for inspection in inspections:
        if inspection.id not in current:
            continue
        nth = seen[inspection.stage] = seen.get(inspection.stage, -1) + 1
        if inspection.stage in DRAFT_STAGES:
            _judge_if_unjudged(session, inspection)
        loaded = load(session, inspection.id)
        _qa(session, inspection, _reviewer(session, inspection, inspectors), nth)
        if inspection.stage in SENT_STAGES and inspection.draft_sent_on is not None:
            take_snapshot(session, inspection.id, DRAFT, working_content(session, loaded))
            _comments(session, loaded, nth, today)
        if inspection.stage in ISSUED_STAGES and inspection.final_issued_on is not None:
            take_snapshot(session, inspection.id, FINAL, working_content(session, loaded, final=True))
            for recipient in RECIPIENTS:
                session.add(ReportIssue(inspection_id=inspection.id, recipient=recipient,
                                        issued_on=inspection.final_issued_on,
                                        issued_by_id=inspection.lead_inspector_id or inspectors[0]))
    session.flush()


def _current_ids(session: Session) -> set[int]:
    """Each group's latest inspection (earlier ones keep no report work in the demo)."""
    latest: dict[int, int] = {}
    for inspection_id, group_id in session.exec(select(Inspection.id, Inspection.group_id)
                                                .order_by(Inspection.id)).all():
        latest[group_id] = inspection_id
    return set(latest.values())


def _judge_if_unjudged(session: Session, inspection: Inspection) -> None:
    if session.exec(select(KloeAssessment.id).where(KloeAssessment.inspection_id == inspection.id)).first():
        return
    kloes = session.exec(select(Kloe).join(FrameworkKeyQuestion, FrameworkKeyQuestion.id == Kloe.key_question_id)
                         .where(Kloe.version_id == inspection.framework_version_id,
                                FrameworkKeyQuestion.key.in_(inspection.key_questions or []))
                         .order_by(Kloe.id)).all()
    for n, kloe in enumerate(kloes):
        rating = Rating.REQUIRES_IMPROVEMENT if n in (1, 9) else Rating.MEETING
        session.add(KloeAssessment(inspection_id=inspection.id, kloe_id=kloe.id, status="final", rating=rating,
                                   findings=FINDINGS[rating], justification=FINDINGS[rating],
                                   updated_by_id=inspection.lead_inspector_id))
    session.flush()


def _reviewer(session: Session, inspection: Inspection, inspectors: list[int]) -> int | None:
    """The first inspector neither leading the inspection nor on its team: a second pair of eyes."""
    team = set(session.exec(select(InspectionTeamMember.user_id)
                            .where(InspectionTeamMember.inspection_id == inspection.id)).all())
    return next((i for i in inspectors if i != inspection.lead_inspector_id and i not in team), None)


def _qa(session: Session, inspection: Inspection, reviewer: int | None, nth: int) -> None:
    if reviewer is None:
        return
    session.add(InspectionQaReviewer(inspection_id=inspection.id, user_id=reviewer))
    if inspection.stage is Stage.QUALITY_ASSURANCE:
        if nth == 0:
            session.add(QaReview(inspection_id=inspection.id, reviewer_id=reviewer, outcome="returned",
                                 comments=RETURN_COMMENTS))
        return
    sent = inspection.draft_sent_on or inspection.ended_on
    at = datetime.combine(sent - timedelta(days=1), time(15, 0), tzinfo=UTC) if sent else None
    session.add(QaReview(inspection_id=inspection.id, reviewer_id=reviewer, outcome="signed_off",
                         comments="Clear, consistent and supported by the evidence.",
                         **({"at": at} if at else {})))


def _comments(session: Session, loaded: Loaded, nth: int, today: date) -> None:
    """Comments at the check (the 2nd and 3rd), a provider that declined (the 4th), decided ones later.

    The provider's answer (a comment, or saying it will not comment) is dated: that day meets
    its factual accuracy deadline. Later stages had no comments, so their providers declined.
    """
    inspection = loaded.inspection
    stage = inspection.stage
    if stage is Stage.FACTUAL_ACCURACY and nth in (1, 2, 3):
        inspection.fa_responded_on = min(today, inspection.draft_sent_on + timedelta(days=1))
        session.add(inspection)
    if stage is Stage.FACTUAL_ACCURACY and nth == 3 or stage in ISSUED_STAGES:
        inspection.fa_declined = inspection.fa_responded_on is not None
        session.add(inspection)
        return
    wants = stage is Stage.FACTUAL_ACCURACY and nth in (1, 2) or stage is Stage.FINALISING
    lead = session.exec(select(User.id).where(User.role == Role.PROVIDER_LEAD,
                                              User.provider_id == loaded.provider.id)).first()
    codes = [kloe.code for kq in working_content(session, loaded).key_questions for kloe in kq.kloes]
    if not wants or lead is None or not codes:
        return
    at = datetime.combine(inspection.fa_responded_on or inspection.draft_sent_on, time(11, 0), tzinfo=UTC)
    decided = stage is Stage.FINALISING
    session.add(FactualAccuracyComment(
        inspection_id=inspection.id, section_key=f"kloe-{codes[0]}", kind="factual_error",
        text_concerned="some risk assessments had not been reviewed",
        proposed_correction="Every risk assessment in the sample was reviewed on time; our audit log shows the dates.",
        submitted_by_id=lead, submitted_at=at,
        decision="not_accepted" if decided else None,
        decision_reason="The audit log did not cover the records we sampled." if decided else "",
        decided_by_id=inspection.lead_inspector_id if decided else None, decided_at=at + timedelta(days=2)
        if decided else None))
    session.add(FactualAccuracyComment(
        inspection_id=inspection.id, section_key="cover", kind="incomplete_evidence",
        text_concerned="Locations", proposed_correction="The service also runs a drop-in on Thursdays.",
        submitted_by_id=lead, submitted_at=at,
        decision="accepted" if decided else None,
        decision_reason="Added to the service description." if decided else "",
        decided_by_id=inspection.lead_inspector_id if decided else None, decided_at=at + timedelta(days=2)
        if decided else None))
