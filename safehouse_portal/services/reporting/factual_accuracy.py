"""The factual accuracy check: the provider's comments on the draft, section by section.

The provider lead comments on the draft as it was sent (its snapshot), within the
window of 10 working days from the draft's sending, or says it will not comment (or
has finished), which ends the window early. The inspector's decisions on the
comments are in ``fa_decisions``.
"""

from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel, field_validator
from sqlmodel import Session, select

from safehouse_portal.db import FactualAccuracyComment
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.notifications import LinkTarget, NotificationKind as Kind
from safehouse_portal.documents.report_content import ReportContent
from safehouse_portal.services.core import access, audit, outbox
from safehouse_portal.services.core import files
from safehouse_portal.services.core.access import Action, ProviderFacts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied
from safehouse_portal.services.core.files import FileInfo
from safehouse_portal.services.reporting.data import (
    DRAFT, Loaded, fa_due, fa_window_open, load, snapshot_content,
)
from safehouse_portal.services.core.validation import bounded_text, one_of, parse

KIND_LABELS = {"factual_error": "Factual error", "incomplete_evidence": "Incomplete evidence"}
DECISION_LABELS = {"accepted": "Accepted", "not_accepted": "Not accepted"}
MAX_TEXT = 4000


@dataclass(frozen=True)
class CommentRow:
    """A comment with its decision, as both sides see it."""

    id: int = 0
    section_key: str = ""
    section_title: str = ""
    kind_label: str = ""
    text_concerned: str = ""
    proposed_correction: str = ""
    files: list[FileInfo] = field(default_factory=list)
    submitted_on: str = ""
    decided: bool = False
    decision: str = ""
    decision_label: str = ""
    reason: str = ""
    changes_judgement: bool = False


@dataclass(frozen=True)
class DraftSection:
    """A section of the draft as sent, with the provider's comments on it."""

    key: str = ""
    title: str = ""
    lines: list[str] = field(default_factory=list)
    comments: list[CommentRow] = field(default_factory=list)


@dataclass(frozen=True)
class Window:
    """Where the 10-working-day window stands."""

    open: bool = False
    due: str = ""
    countdown: str = ""
    explanation: str = ""
    declined: bool = False


@dataclass(frozen=True)
class ProviderFaView:
    """The provider's page: the draft by section, its comments, and the window."""

    inspection_id: int = 0
    group_name: str = ""
    provider_name: str = ""
    draft_sent: bool = False
    draft_sent_on: str = ""
    window: Window = field(default_factory=Window)
    sections: list[DraftSection] = field(default_factory=list)
    comment_count: int = 0


class NewComment(BaseModel):
    """One comment as the provider sends it."""

    section_key: str
    kind: str
    text_concerned: str
    proposed_correction: str
    file_ids: list[int] | None = None

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: object) -> str:
        return one_of(value, KIND_LABELS, "Choose whether this is a factual error or incomplete evidence")

    @field_validator("section_key", mode="before")
    @classmethod
    def _section(cls, value: object) -> str:
        if not isinstance(value, str) or not value or len(value) > 40:
            raise ValueError("Choose a section of the draft report")
        return value

    @field_validator("text_concerned", "proposed_correction", mode="before")
    @classmethod
    def _text(cls, value: object, info) -> str:
        what = "the text that is wrong or incomplete" if info.field_name == "text_concerned" \
            else "the correction you propose"
        return bounded_text(value, most=MAX_TEXT, message=f"Enter {what}, in 1 to {MAX_TEXT} characters")

    @field_validator("file_ids", mode="before")
    @classmethod
    def _files(cls, value: object) -> object:
        return value if value not in ("", None) else None


def window(session: Session, loaded: Loaded, today: date) -> Window:
    """The factual accuracy window of the inspection as of ``today``."""
    inspection = loaded.inspection
    status = fa_due(session, inspection, today)
    is_open = fa_window_open(session, inspection, today)
    if status is None:
        return Window(False, "", "The draft report has not been sent yet.", "", inspection.fa_declined)
    if inspection.fa_declined:
        countdown = "Closed early: the provider said it has no (more) comments."
    elif is_open:
        countdown = status.countdown_text
    else:
        countdown = f"Closed: comments were due by {format_date(status.due)}."
    return Window(is_open, format_date(status.due), countdown, status.explanation.text, inspection.fa_declined)


def provider_view(*, session: Session, actor: Actor | None, inspection_id: object, today: date) -> ProviderFaView:
    """The draft as sent, by section, with the provider's comments (the provider's own lead only)."""
    actor = access.admit(actor, Action.ACT_AS_PROVIDER)
    loaded = load(session, inspection_id)
    access.require(actor, Action.ACT_AS_PROVIDER, ProviderFacts(loaded.provider.id))
    draft = snapshot_content(session, loaded.inspection.id, DRAFT)
    if draft is None or loaded.inspection.draft_sent_on is None:
        raise PermissionDenied("The draft report has not been sent to you.")
    return ProviderFaView(
        inspection_id=loaded.inspection.id, group_name=loaded.group.name, provider_name=loaded.provider.name,
        draft_sent=True, draft_sent_on=format_date(loaded.inspection.draft_sent_on),
        window=window(session, loaded, today), sections=draft_sections(session, loaded, draft),
        comment_count=len(comment_rows(session, loaded, draft)),
    )


def draft_sections(session: Session, loaded: Loaded, draft: ReportContent) -> list[DraftSection]:
    """The draft's sections with their comments, in report order."""
    rows = comment_rows(session, loaded, draft)
    return [DraftSection(s.key, s.title, s.text.split("\n"), [c for c in rows if c.section_key == s.key])
            for s in draft.sections]


def comment_rows(session: Session, loaded: Loaded, draft: ReportContent | None) -> list[CommentRow]:
    """Every comment on the inspection's draft, in the order they were sent."""
    titles = {s.key: s.title for s in draft.sections} if draft else {}
    comments = session.exec(select(FactualAccuracyComment).where(
        FactualAccuracyComment.inspection_id == loaded.inspection.id).order_by(FactualAccuracyComment.id)).all()
    return [CommentRow(
        id=c.id, section_key=c.section_key, section_title=titles.get(c.section_key, c.section_key),
        kind_label=KIND_LABELS.get(c.kind, c.kind), text_concerned=c.text_concerned,
        proposed_correction=c.proposed_correction,
        files=list(files.infos(session, loaded.provider.id, list(c.file_ids or [])).values()),
        submitted_on=format_date(c.submitted_at.date()), decided=c.decision is not None,
        decision=c.decision or "", decision_label=DECISION_LABELS.get(c.decision or "", "Not decided yet"),
        reason=c.decision_reason, changes_judgement=c.changes_judgement,
    ) for c in comments]


def add_comment(*, session: Session, actor: Actor | None, inspection_id: object, data: object,
                today: date) -> int:
    """Keep the provider's comment on one section of the draft while the window is open.

    Returns:
        The comment's id.

    Raises:
        PermissionDenied: Not the lead of the inspected provider.
        InvalidInput: The window is closed, the section is not in the draft, or a field is
            missing or too long; evidence files not the provider's own.
    """
    actor = access.admit(actor, Action.ACT_AS_PROVIDER)
    loaded = load(session, inspection_id)
    access.require(actor, Action.ACT_AS_PROVIDER, ProviderFacts(loaded.provider.id))
    comment = parse_comment(data)
    draft = snapshot_content(session, loaded.inspection.id, DRAFT)
    if draft is None or not fa_window_open(session, loaded.inspection, today):
        raise InvalidInput({"form": "The factual accuracy check is closed: comments can no longer be sent"})
    if comment.section_key not in {s.key for s in draft.sections}:
        raise InvalidInput({"section_key": "Choose a section of the draft report"})
    file_ids = files.owned_ids(session, loaded.provider.id, comment.file_ids, field="file_ids")
    row = FactualAccuracyComment(inspection_id=loaded.inspection.id, section_key=comment.section_key,
                                 kind=comment.kind, text_concerned=comment.text_concerned,
                                 proposed_correction=comment.proposed_correction, file_ids=file_ids,
                                 submitted_by_id=actor.user_id)
    session.add(row)
    _answered(session, loaded, today)
    session.flush()
    audit.record(session=session, actor=actor, action="report.fa_comment_added", entity_type="inspection",
                 entity_id=loaded.inspection.id, after={"comment_id": row.id, "section": comment.section_key,
                                                        "kind": comment.kind, "files": file_ids})
    outbox.notify(session=session, kind=Kind.FA_COMMENTS_RECEIVED, to_user_ids=outbox.inspection_staff(session, loaded.inspection.id, team=False),
                  inspection_id=loaded.inspection.id, link=LinkTarget.REPORT, link_id=loaded.inspection.id)
    session.flush()
    return row.id


def parse_comment(data: object) -> NewComment:
    """The comment's fields, validated (anything a browser sends)."""
    return parse(NewComment, data)


def declare_done(*, session: Session, actor: Actor | None, inspection_id: object, today: date) -> None:
    """The provider says it will not comment (or has finished), which ends the window early.

    Raises:
        PermissionDenied: Not the lead of the inspected provider.
        InvalidInput: The window is already closed.
    """
    actor = access.admit(actor, Action.ACT_AS_PROVIDER)
    loaded = load(session, inspection_id, lock=True)
    access.require(actor, Action.ACT_AS_PROVIDER, ProviderFacts(loaded.provider.id))
    if not fa_window_open(session, loaded.inspection, today):
        raise InvalidInput({"form": "The factual accuracy check is already closed"})
    loaded.inspection.fa_declined = True
    _answered(session, loaded, today)
    audit.record(session=session, actor=actor, action="report.fa_declared_done", entity_type="inspection",
                 entity_id=loaded.inspection.id, before={"fa_declined": False},
                 after={"fa_declined": True, "on": today.isoformat()})
    session.flush()


def _answered(session: Session, loaded: Loaded, today: date) -> None:
    """The provider's factual accuracy deadline is met on the day it first answers (comment or not)."""
    if loaded.inspection.fa_responded_on is None:
        loaded.inspection.fa_responded_on = today
    session.add(loaded.inspection)
