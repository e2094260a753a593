"""The report's way out: send the signed-off draft for factual accuracy, close the check, issue
the final report to its three recipients, and the inspector's page that shows all of it.

Stage moves go through ``schedule.move_stage``, so the lifecycle's gates decide; a
refused move leaves nothing recorded (the snapshot and dates are rolled back).
"""

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, select

from safehouse_portal.db import ReportIssue
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.notifications import LinkTarget, NotificationKind as Kind
from safehouse_portal.domain.enums import STAGE_LABELS, Stage
from safehouse_portal.domain.options import Option
from safehouse_portal.documents.compare import compare_snapshots
from safehouse_portal.documents.snapshot import to_snapshot
from safehouse_portal.services.core import access, audit, outbox
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.access_facts import inspection_facts
from safehouse_portal.services.reporting import qa, quality_panel
from safehouse_portal.services.reporting.quality_panel import PanelSummary
from safehouse_portal.services.reporting.qa_reviewers import ReviewerRow, reviewer_choices, reviewers
from safehouse_portal.services.programme import schedule
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.reporting.fa_decisions import DECIDING_STAGES
from safehouse_portal.services.reporting.factual_accuracy import CommentRow, Window, comment_rows, window
from safehouse_portal.services.reporting.data import (
    DRAFT, FINAL, Loaded, latest_snapshot, load, snapshot_content, take_snapshot, working_content,
)
from safehouse_portal.services.programme.report_facts import qa_signed_off
from safehouse_portal.services.programme.schedule import MoveResult

RECIPIENTS = {"provider": "The provider", "prime_contractor": "The prime contractor",
              "home_office": "The Home Office"}


@dataclass(frozen=True)
class DocLink:
    """A document to download: its words, and its name as ``documents.document`` knows it."""

    label: str = ""
    name: str = ""


@dataclass(frozen=True)
class ChangeRow:
    """One section changed between the draft as sent and the final."""

    title: str = ""
    kind: str = ""
    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class IssueRow:
    """The final report sent to one recipient on one day."""

    recipient: str = ""
    issued_on: str = ""


@dataclass(frozen=True)
class DecisionRow:
    """A comment as the inspector decides it, with the section's current text and rating."""

    comment: CommentRow = field(default_factory=CommentRow)
    section_kind: str = ""
    current_text: str = ""
    current_rating: str = ""


@dataclass(frozen=True)
class ReportPageView:
    """The inspector's report page: QA, the factual accuracy check, changes and issue."""

    inspection_id: int = 0
    group_name: str = ""
    provider_name: str = ""
    stage: str = ""
    stage_label: str = ""
    may_manage: bool = False
    may_review: bool = False
    qa_signed_off: bool = False
    qa_reviews: list[qa.QaRow] = field(default_factory=list)
    qa_reviewers: list[ReviewerRow] = field(default_factory=list)
    may_name_reviewers: bool = False
    reviewer_choices: list[Option] = field(default_factory=list)
    can_send_draft: bool = False
    window: Window = field(default_factory=Window)
    decisions: list[DecisionRow] = field(default_factory=list)
    can_decide: bool = False
    can_close_fa: bool = False
    can_issue: bool = False
    changes: list[ChangeRow] = field(default_factory=list)
    issues: list[IssueRow] = field(default_factory=list)
    quality_panel_flag: bool = False
    quality_panel_reason: list[str] = field(default_factory=list)
    documents: list[DocLink] = field(default_factory=list)
    quality_panel: PanelSummary = field(default_factory=PanelSummary)
    may_view_panel: bool = False


def report_page(*, session: Session, actor: Actor | None, inspection_id: object, today: date) -> ReportPageView:
    """Everything the report page shows, for staff who may see this inspection's report."""
    actor = access.admit(actor, Action.VIEW_REPORT_WORK)
    loaded = load(session, inspection_id)
    facts = inspection_facts(session, loaded.inspection)
    access.require(actor, Action.VIEW_REPORT_WORK, facts)
    inspection = loaded.inspection
    manage, stage = access.may(actor, Action.MANAGE_INSPECTION, facts), inspection.stage
    name_reviewers = access.may(actor, Action.NAME_QA_REVIEWERS, facts)
    draft = snapshot_content(session, inspection.id, DRAFT)
    working = working_content(session, loaded)
    panel = quality_panel.summary(session, inspection.id)
    return ReportPageView(
        inspection_id=inspection.id, group_name=loaded.group.name, provider_name=loaded.provider.name,
        stage=stage.value, stage_label=STAGE_LABELS[stage], may_manage=manage,
        may_review=stage is Stage.QUALITY_ASSURANCE and access.may(actor, Action.REVIEW_QUALITY, facts),
        qa_signed_off=qa_signed_off(session, inspection.id), qa_reviews=qa.reviews(session, inspection.id),
        qa_reviewers=reviewers(session, inspection.id), may_name_reviewers=name_reviewers,
        reviewer_choices=reviewer_choices(session, inspection) if name_reviewers else [],
        can_send_draft=manage and stage is Stage.QUALITY_ASSURANCE,
        window=window(session, loaded, today),
        decisions=_decisions(session, loaded, draft, working),
        can_decide=manage and stage in DECIDING_STAGES,
        can_close_fa=manage and stage is Stage.FACTUAL_ACCURACY,
        can_issue=manage and stage is Stage.FINALISING and not panel.open,
        changes=changes(session, loaded),
        issues=_issues(session, inspection.id),
        quality_panel_flag=inspection.quality_panel_flag,
        quality_panel_reason=[line for line in (inspection.quality_panel_reason or "").split("\n") if line],
        documents=staff_documents(loaded, draft is not None),
        quality_panel=panel, may_view_panel=panel.exists and access.may(actor, Action.VIEW_QUALITY_PANEL, facts),
    )


def changes(session: Session, loaded: Loaded) -> list[ChangeRow]:
    """Every change from the draft as sent to the final (as issued, or as it stands now)."""
    draft = latest_snapshot(session, loaded.inspection.id, DRAFT)
    if draft is None:
        return []
    final = latest_snapshot(session, loaded.inspection.id, FINAL)
    after = final.content if final else to_snapshot(working_content(session, loaded, final=True))
    return [ChangeRow(c.title, c.kind, list(c.removed), list(c.added)) for c in compare_snapshots(draft.content, after)]


def send_draft(*, session: Session, actor: Actor | None, inspection_id: object, today: date) -> MoveResult:
    """Send the signed-off draft to the provider: keep it as sent, record the day, move to factual accuracy."""
    actor = access.admit(actor, Action.MANAGE_INSPECTION)
    loaded = load(session, inspection_id)
    access.require(actor, Action.MANAGE_INSPECTION, inspection_facts(session, loaded.inspection))
    if loaded.inspection.stage is not Stage.QUALITY_ASSURANCE:
        return MoveResult(False, ("The draft can be sent once it is at quality assurance.",))
    if not qa_signed_off(session, loaded.inspection.id):
        return MoveResult(False, ("Quality assurance has not signed off the draft report.",))
    take_snapshot(session, loaded.inspection.id, DRAFT, working_content(session, loaded))
    loaded.inspection.draft_sent_on, loaded.inspection.fa_declined = today, False
    loaded.inspection.fa_responded_on = None
    session.add(loaded.inspection)
    audit.record(session=session, actor=actor, action="report.draft_sent", entity_type="inspection",
                 entity_id=loaded.inspection.id, after={"draft_sent_on": today.isoformat()})
    outbox.notify(session=session, kind=Kind.DRAFT_SENT, to_user_ids=outbox.provider_leads(session, inspection_id=loaded.inspection.id),
                  inspection_id=loaded.inspection.id, link=LinkTarget.PROVIDER_FA, link_id=loaded.inspection.id)
    return _move(session, actor, loaded, Stage.FACTUAL_ACCURACY, today)


def close_factual_accuracy(*, session: Session, actor: Actor | None, inspection_id: object,
                           today: date) -> MoveResult:
    """Close the check once its window is over (or the provider is done) and every comment decided."""
    actor = access.admit(actor, Action.MANAGE_INSPECTION)
    loaded = load(session, inspection_id)
    access.require(actor, Action.MANAGE_INSPECTION, inspection_facts(session, loaded.inspection))
    return _move(session, actor, loaded, Stage.FINALISING, today)


def issue_final(*, session: Session, actor: Actor | None, inspection_id: object, today: date) -> MoveResult:
    """Issue the final report to the provider, the prime contractor and the Home Office today."""
    actor = access.admit(actor, Action.MANAGE_INSPECTION)
    loaded = load(session, inspection_id)
    access.require(actor, Action.MANAGE_INSPECTION, inspection_facts(session, loaded.inspection))
    if loaded.inspection.stage is not Stage.FINALISING:
        return MoveResult(False, ("The final report is issued from finalising, after the factual accuracy check.",))
    loaded.inspection.final_issued_on = today
    session.add(loaded.inspection)
    take_snapshot(session, loaded.inspection.id, FINAL, working_content(session, loaded, final=True))
    for recipient in RECIPIENTS:
        session.add(ReportIssue(inspection_id=loaded.inspection.id, recipient=recipient, issued_on=today,
                                issued_by_id=actor.user_id))
    audit.record(session=session, actor=actor, action="report.final_issued", entity_type="inspection",
                 entity_id=loaded.inspection.id,
                 after={"final_issued_on": today.isoformat(), "recipients": list(RECIPIENTS)})
    outbox.notify(session=session, kind=Kind.FINAL_REPORT_ISSUED, to_user_ids=[*outbox.provider_leads(session, inspection_id=loaded.inspection.id),
                  *outbox.stakeholders(session, "prime_contractor", "home_office")], inspection_id=loaded.inspection.id,
                  link=LinkTarget.REPORTS, link_id=loaded.inspection.id)
    return _move(session, actor, loaded, Stage.REPORT_ISSUED, today)


def _move(session: Session, actor: Actor, loaded: Loaded, target: Stage, today: date) -> MoveResult:
    """The stage move that completes the step; when refused, nothing of the step is kept."""
    result = schedule.move_stage(session=session, actor=actor, inspection_id=loaded.inspection.id,
                                 target=target.value, reason=None, today=today)
    if not result.allowed:
        session.rollback()
    return result


def staff_documents(loaded: Loaded, draft_sent: bool) -> list[DocLink]:
    """The documents staff may download for this inspection."""
    inspection = loaded.inspection
    links = [DocLink("Report as it stands (draft)", "report-working"),
             DocLink("Announcement letter", "announcement-letter")]
    if inspection.serious_concern:
        links.append(DocLink("Early outcome letter", "early-outcome-letter"))
    if draft_sent:
        links += [DocLink("Draft report as sent to the provider", "report-draft"),
                  DocLink("Factual accuracy form", "fa-form"),
                  DocLink("Factual accuracy response table", "fa-response"),
                  DocLink("Draft and final compared", "comparison")]
    if inspection.final_issued_on is not None:
        links.append(DocLink("Final report", "report-final"))
    return links


def _decisions(session: Session, loaded: Loaded, draft, working) -> list[DecisionRow]:
    kloes = {kloe.key: kloe for kq in working.key_questions for kloe in kq.kloes}
    kqs = {kq.key: kq for kq in working.key_questions}
    rows = []
    for comment in comment_rows(session, loaded, draft):
        key = comment.section_key
        if key in kloes:
            rows.append(DecisionRow(comment, "kloe", kloes[key].findings, _value(kloes[key].rating)))
        elif key in kqs:
            rows.append(DecisionRow(comment, "kq", kqs[key].override_reason, _value(kqs[key].rating)))
        else:
            rows.append(DecisionRow(comment, "other", "", ""))
    return rows


def _issues(session: Session, inspection_id: int) -> list[IssueRow]:
    rows = session.exec(select(ReportIssue).where(ReportIssue.inspection_id == inspection_id)
                        .order_by(ReportIssue.id)).all()
    return [IssueRow(RECIPIENTS.get(r.recipient, r.recipient), format_date(r.issued_on)) for r in rows]


def _value(rating) -> str:
    return rating.value if rating is not None else ""

