"""Reading one inspection's report from the database (who may see which version: ``access``).

The report is built from the judgement tables the inspectors fill (KLOE assessments, key
question overrides, recommendations, the framework's cited clauses) by
``documents/report_content.build_report``; this module only gathers the rows. The draft as
sent and the final as issued are kept as snapshots, so neither changes afterwards.
"""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from safehouse_portal.db import (
    ContractClause, DeadlineExtension, EvidenceItem, FrameworkKeyQuestion, FrameworkVersion, Inspection,
    InspectionGroup, InspectionTeamMember, KeyQuestionJudgement, Kloe, KloeAssessment, KloeClauseLink, Location,
    Provider, Recommendation, ReportIssue, ReportSnapshot, User,
)
from safehouse_portal.domain.enums import Stage
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.milestones import Milestone, MilestoneStatus, compute_schedule
from safehouse_portal.documents.report_content import (
    ClauseRow, InspectionRow, KloeRow, OverrideRow, RecommendationRow, ReportContent, ReportRows, build_report,
)
from safehouse_portal.documents.snapshot import from_snapshot, to_snapshot
from safehouse_portal.services.core.calendar import working_calendar
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.programme.deadlines import inspection_dates
from safehouse_portal.services.survey import evidence as survey_evidence
from safehouse_portal.services.core.membership import covered_by

DRAFT, FINAL = "draft", "final"
ISSUED_STAGES = frozenset({Stage.REPORT_ISSUED, Stage.RECOMMENDATIONS_OPEN, Stage.CLOSED})


@dataclass(frozen=True)
class Loaded:
    """An inspection with its group and provider, as every report service starts from."""

    inspection: Inspection
    group: InspectionGroup
    provider: Provider


def load(session: Session, inspection_id: object, *, lock: bool = False) -> Loaded:
    """The inspection by id, refusing ids a browser forged (wrong type, out of range).

    Raises:
        InvalidInput: The id is not a positive integer.
        NotFound: No such inspection.
    """
    if parse_id(inspection_id, text=False) is None:
        raise InvalidInput({"inspection_id": "Unknown inspection"})
    query = select(Inspection).where(Inspection.id == inspection_id)
    inspection = session.exec(query.with_for_update() if lock else query).first()
    if inspection is None:
        raise NotFound("No such inspection")
    group = session.get(InspectionGroup, inspection.group_id)
    return Loaded(inspection, group, session.get(Provider, group.provider_id))


def issued(session: Session, inspection: Inspection) -> bool:
    """The final report has been sent out (and recorded per recipient)."""
    return inspection.final_issued_on is not None and session.exec(
        select(ReportIssue.id).where(ReportIssue.inspection_id == inspection.id)).first() is not None


def rows_for(session: Session, loaded: Loaded) -> ReportRows:
    """Everything the report is built from, read for one inspection."""
    inspection, group, provider = loaded.inspection, loaded.group, loaded.provider
    keys = [str(key) for key in inspection.key_questions or []]
    kloes = session.exec(
        select(Kloe, FrameworkKeyQuestion.key, KloeAssessment)
        .join(FrameworkKeyQuestion, FrameworkKeyQuestion.id == Kloe.key_question_id)
        .join(KloeAssessment, (KloeAssessment.kloe_id == Kloe.id) & (KloeAssessment.inspection_id == inspection.id),
              isouter=True)
        .where(Kloe.version_id == inspection.framework_version_id, FrameworkKeyQuestion.key.in_(keys))
    ).all()
    sources = _evidence_sources(session, [a.id for _, _, a in kloes if a is not None])
    quotes = _survivor_quotes(session, inspection.id)
    kloe_rows = [KloeRow(key_question=key, code=k.code, title=k.title, question=k.question, position=k.position,
                         rating=a.rating if a else None, findings=a.findings if a else "",
                         good_practice=a.good_practice if a else "",
                         evidence_sources=tuple(sources.get(a.id, ())) if a else (),
                         survivor_quotes=tuple(quotes.get(a.id, ())) if a else ())
                 for k, key, a in kloes]
    overrides = [OverrideRow(j.key_question, j.override_rating, j.override_reason) for j in session.exec(
        select(KeyQuestionJudgement).where(KeyQuestionJudgement.inspection_id == inspection.id,
                                           KeyQuestionJudgement.override_rating.is_not(None))).all()
                 if j.key_question in keys]
    recommendations = [RecommendationRow(tuple(r.kloe_codes or ()), r.key_question, r.text, r.theme, r.timescale)
                       for r in session.exec(select(Recommendation).where(
                           Recommendation.inspection_id == inspection.id).order_by(Recommendation.id)).all()]
    framework = session.get(FrameworkVersion, inspection.framework_version_id)
    return ReportRows(
        inspection=InspectionRow(
            id=inspection.id, group_name=group.name,
            location_names=tuple(session.exec(select(Location.name).where(covered_by(session, inspection.id, group.id))
                                              .order_by(Location.name)).all()),
            provider_name=provider.name, type=inspection.type, mode=inspection.mode, key_questions=tuple(keys),
            first_day=inspection.started_on or inspection.planned_start,
            last_day=inspection.ended_on or inspection.planned_end,
            lead_inspector=_name(session, inspection.lead_inspector_id), team=_team(session, inspection.id),
            final_issued_on=inspection.final_issued_on, early_outcome_letter_on=inspection.early_outcome_letter_on,
            serious_concern=inspection.serious_concern, framework_title=framework.title if framework else "",
        ),
        kloes=kloe_rows, overrides=overrides, recommendations=recommendations,
        clauses=_clauses(session, [k.id for k, _, _ in kloes]),
    )


def working_content(session: Session, loaded: Loaded, *, final: bool = False) -> ReportContent:
    """The report as the judgement tables say it now."""
    return build_report(rows_for(session, loaded), final=final)


def latest_snapshot(session: Session, inspection_id: int, kind: str) -> ReportSnapshot | None:
    """The last snapshot of ``kind`` (draft or final) taken of the inspection's report."""
    return session.exec(select(ReportSnapshot).where(ReportSnapshot.inspection_id == inspection_id,
                                                     ReportSnapshot.kind == kind)
                        .order_by(ReportSnapshot.id.desc())).first()


def snapshot_content(session: Session, inspection_id: int, kind: str) -> ReportContent | None:
    """The report as it was sent (draft) or issued (final), or None if it never was."""
    row = latest_snapshot(session, inspection_id, kind)
    return from_snapshot(row.content) if row else None


def take_snapshot(session: Session, inspection_id: int, kind: str, content: ReportContent) -> ReportSnapshot:
    """Keep the report as it is now (added to the session, not committed)."""
    row = ReportSnapshot(inspection_id=inspection_id, kind=kind, content=to_snapshot(content))
    session.add(row)
    return row


def schedule_for(session: Session, inspection: Inspection, today: date) -> list[MilestoneStatus]:
    """The inspection's milestones with any extensions, or none while its dates are not planned."""
    extensions = session.exec(select(DeadlineExtension).where(DeadlineExtension.inspection_id == inspection.id)
                              .order_by(DeadlineExtension.id)).all()
    latest = {Milestone(e.milestone): e.new_due for e in extensions if e.milestone in Milestone.__members__.values()}
    try:
        dates = inspection_dates(inspection, latest)
    except ValueError:
        return []
    return compute_schedule(dates, today=today, calendar=working_calendar(session=session))


def fa_due(session: Session, inspection: Inspection, today: date) -> MilestoneStatus | None:
    """The factual accuracy comments' deadline, with any extension, once the draft is sent."""
    if inspection.draft_sent_on is None:
        return None
    return next((s for s in schedule_for(session, inspection, today) if s.key is Milestone.FA_COMMENTS_DUE), None)


def fa_window_open(session: Session, inspection: Inspection, today: date) -> bool:
    """The provider may still comment: the draft is out, the window not past, and not declined."""
    if inspection.stage is not Stage.FACTUAL_ACCURACY or inspection.fa_declined:
        return False
    due = fa_due(session, inspection, today)
    return due is not None and today <= due.due


def _evidence_sources(session: Session, assessment_ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    if assessment_ids:
        for assessment_id, source in session.exec(select(EvidenceItem.assessment_id, EvidenceItem.source)
                                                  .where(EvidenceItem.assessment_id.in_(assessment_ids))).all():
            found.setdefault(assessment_id, []).append(source)
    return found


def _survivor_quotes(session: Session, inspection_id: int) -> dict[int, list[str]]:
    """The survey comments to quote, by the KLOE assessment whose evidence they are (checked ones only).

    Raises:
        InvalidInput: A comment marked for the report has not been checked for identifying details.
    """
    quoted = survey_evidence.report_quotes(session, inspection_id)
    if not quoted:
        return {}
    assessment_of = dict(session.exec(select(EvidenceItem.id, EvidenceItem.assessment_id)
                                      .where(EvidenceItem.id.in_([item_id for item_id, _ in quoted]))).all())
    found: dict[int, list[str]] = {}
    for item_id, quote in quoted:
        if item_id in assessment_of:
            found.setdefault(assessment_of[item_id], []).append(quote)
    return found


def _clauses(session: Session, kloe_ids: list[int]) -> list[ClauseRow]:
    if not kloe_ids:
        return []
    pairs = session.exec(select(ContractClause, Kloe.code).join(KloeClauseLink, KloeClauseLink.clause_id ==
                                                               ContractClause.id)
                         .join(Kloe, Kloe.id == KloeClauseLink.kloe_id).where(Kloe.id.in_(kloe_ids))
                         .order_by(Kloe.position)).all()
    cited: dict[int, tuple[ContractClause, list[str]]] = {}
    for clause, code in pairs:
        cited.setdefault(clause.id, (clause, []))[1].append(code)
    return [ClauseRow(c.reference, c.title, c.text, c.illustrative, tuple(sorted(codes)))
            for c, codes in cited.values()]


def _name(session: Session, user_id: int | None) -> str:
    user = session.get(User, user_id) if user_id else None
    return user.name if user else ""


def _team(session: Session, inspection_id: int) -> tuple[str, ...]:
    return tuple(session.exec(select(User.name).join(InspectionTeamMember, InspectionTeamMember.user_id == User.id)
                              .where(InspectionTeamMember.inspection_id == inspection_id)
                              .order_by(User.name)).all())
