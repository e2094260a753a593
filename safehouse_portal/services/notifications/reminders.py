"""The reminder job: read every open deadline, ask the rule which reminders fall due, store each once.

The rule is pure (``domain.reminders``); this module reads the deadlines the programme
already computes (``services/programme/deadlines``: extensions included) and writes
the reminders with an insert that does nothing when the reminder's key is already stored
(a unique constraint), so the job may run any number of times, in any number of workers,
and each person still gets each step of each item once.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, select

from safehouse_portal.db import (
    DeadlineExtension, InfoRequest, Inspection, InspectionGroup, Notification, Recommendation, User,
)
from safehouse_portal.db.types import utcnow
from safehouse_portal.domain.enums import Role, Stage
from safehouse_portal.domain.milestones import Milestone, due_dates
from safehouse_portal.domain.notifications import LinkTarget
from safehouse_portal.domain.recommendations import RecommendationStatus, due_date
from safehouse_portal.domain.reminders import Deadline, Reminder, Track, reminders_due
from safehouse_portal.domain.working_days import WorkingCalendar
from safehouse_portal.services.core.access import require_role
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.calendar import working_calendar
from safehouse_portal.services.core.outbox import people_with_role
from safehouse_portal.services.programme.deadlines import inspection_dates

_SETTLED = (RecommendationStatus.MET.value, RecommendationStatus.EVIDENCE_SUBMITTED.value)


@dataclass(frozen=True)
class PlannedReminder:
    """A reminder as ``safehouse notify run --json`` prints it."""

    kind: str = ""
    to: str = ""
    inspection_id: int | None = None
    due: str = ""


def run_reminders(*, session: Session, actor: Actor | None, today: date, dry_run: bool = False) -> list[PlannedReminder]:
    """Store every reminder due on ``today`` not stored before; with ``dry_run``, only say which.

    Returns:
        The reminders created (or, with ``dry_run``, that would be), in the rule's order.
    """
    require_role(actor, Role.ADMIN)
    calendar = working_calendar(session=session)
    due = reminders_due(open_deadlines(session, calendar), today=today, calendar=calendar,
                        managers=people_with_role(session, Role.PROGRAMME_MANAGER))
    if not due:
        return []
    new = _not_stored(session, due) if dry_run else [r for r in due if _insert_once(session, r)]
    emails = dict(session.exec(select(User.id, User.email).where(User.id.in_({r.user_id for r in new}))).all())
    return [PlannedReminder(r.kind.value, emails.get(r.user_id, ""), r.inspection_id, r.due.isoformat())
            for r in new]


def open_deadlines(session: Session, calendar: WorkingCalendar) -> list[Deadline]:
    """Every deadline not yet met, with who answers for it, across the programme.

    An inspection's own deadlines (PIR, comments, draft and final report) end once its final
    report is issued; its recommendations' deadlines begin then.
    """
    rows = session.exec(select(Inspection, InspectionGroup.provider_id)
                        .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
                        .where(Inspection.stage != Stage.CLOSED, Inspection.final_issued_on.is_(None))).all()
    leads = _provider_leads(session)
    extensions: dict[int, list[DeadlineExtension]] = defaultdict(list)
    for row in session.exec(select(DeadlineExtension).order_by(DeadlineExtension.id)).all():
        extensions[row.inspection_id].append(row)
    found: list[Deadline] = []
    for inspection, provider_id in rows:
        found.extend(_inspection_deadlines(inspection, tuple(leads.get(provider_id, ())),
                                           extensions.get(inspection.id, []), calendar))
    found.extend(_request_deadlines(session, leads))
    found.extend(_recommendation_deadlines(session, leads))
    return found


def _inspection_deadlines(inspection: Inspection, leads: tuple[int, ...], extensions: list[DeadlineExtension],
                          calendar: WorkingCalendar) -> Iterable[Deadline]:
    if inspection.planned_start is None or inspection.planned_end is None or inspection.planned_end < inspection.planned_start:
        return []
    lead = (inspection.lead_inspector_id,) if inspection.lead_inspector_id else ()
    started = inspection.started_on is not None
    tracks = (
        (Track.PIR, Milestone.PIR_DUE, leads, LinkTarget.PROVIDER_PIR,
         inspection.pir_requested_on is not None and inspection.pir_received_on is None),
        (Track.FA_COMMENTS, Milestone.FA_COMMENTS_DUE, leads, LinkTarget.PROVIDER_FA,
         inspection.draft_sent_on is not None and inspection.fa_closed_on is None and not inspection.fa_declined
         and inspection.final_issued_on is None),
        (Track.DRAFT_REPORT, Milestone.DRAFT_REPORT_DUE, lead, LinkTarget.REPORT,
         started and inspection.draft_sent_on is None),
        (Track.FINAL_REPORT, Milestone.FINAL_REPORT_DUE, lead, LinkTarget.REPORT,
         started and inspection.final_issued_on is None),
    )
    if not any(applies for *_, applies in tracks):
        return []
    latest = {Milestone(row.milestone): row.new_due for row in extensions if row.milestone in Milestone}
    schedule = due_dates(inspection_dates(inspection, latest, additional_info_requested=False), calendar=calendar)
    return [Deadline(track, inspection.id, schedule[milestone], who, inspection.id, link, inspection.id)
            for track, milestone, who, link, applies in tracks if applies and milestone in schedule]


def _request_deadlines(session: Session, leads: dict[int, list[int]]) -> list[Deadline]:
    rows = session.exec(select(InfoRequest.id, InfoRequest.inspection_id, InfoRequest.due_on, InspectionGroup.provider_id)
                        .join(Inspection, Inspection.id == InfoRequest.inspection_id)
                        .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
                        .where(InfoRequest.status == "open", Inspection.stage != Stage.CLOSED)).all()
    return [Deadline(Track.ADDITIONAL_INFO, request_id, due, tuple(leads.get(provider_id, ())),
                     inspection_id, LinkTarget.PROVIDER_REQUEST, request_id)
            for request_id, inspection_id, due, provider_id in rows]


def _recommendation_deadlines(session: Session, leads: dict[int, list[int]]) -> list[Deadline]:
    rows = session.exec(select(Recommendation.id, Recommendation.inspection_id, Recommendation.timescale,
                               Inspection.final_issued_on, InspectionGroup.provider_id)
                        .join(Inspection, Inspection.id == Recommendation.inspection_id)
                        .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
                        .where(Inspection.final_issued_on.is_not(None), Recommendation.status.not_in(_SETTLED))).all()
    return [Deadline(Track.RECOMMENDATION, rec_id, due_date(timescale, issued), tuple(leads.get(provider_id, ())),
                     inspection_id, LinkTarget.PROVIDER_RECOMMENDATION, rec_id)
            for rec_id, inspection_id, timescale, issued, provider_id in rows]


def _provider_leads(session: Session) -> dict[int, list[int]]:
    found: dict[int, list[int]] = defaultdict(list)
    for user_id, provider_id in session.exec(select(User.id, User.provider_id).where(
            User.role == Role.PROVIDER_LEAD, User.active, User.provider_id.is_not(None)).order_by(User.id)).all():
        found[provider_id].append(user_id)
    return found


def _insert_once(session: Session, reminder: Reminder) -> bool:
    """Insert the reminder unless its key is stored already (by this run, an earlier one, or another worker)."""
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(Notification).values(
        user_id=reminder.user_id, kind=reminder.kind.value, inspection_id=reminder.inspection_id,
        link_target=reminder.link.value, link_id=reminder.link_id, due_on=reminder.due, item_count=reminder.count,
        dedupe_key=reminder.key, email_status="pending", attempts=0,
        created_at=utcnow(),
    ).on_conflict_do_nothing(index_elements=["dedupe_key"]).returning(Notification.id)
    return session.exec(statement).first() is not None


def _not_stored(session: Session, due: list[Reminder]) -> list[Reminder]:
    keys = [r.key for r in due]
    stored = set()
    for start in range(0, len(keys), 500):
        stored.update(session.exec(select(Notification.dedupe_key).where(
            Notification.dedupe_key.in_(keys[start:start + 500]))).all())
    return [r for r in due if r.key not in stored]
