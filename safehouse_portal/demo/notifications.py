"""Demo data: notifications that match the demo's requests, threads and deadlines (issue 17).

Runs last, after the requests and threads exist. For each open information request and
each returned recommendation the provider's lead is told (as the service would have
done when it happened), the inspector who asked is told of each answered request, and
today's reminders are stored as the job would store them. Older ones are read and were
emailed; the newest wait in the outbox, so the admins' Outbox page shows what would go.
"""

from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, select

from safehouse_portal.db import InfoRequest, Inspection, InspectionGroup, Notification, Recommendation, User
from safehouse_portal.domain.enums import Role
from safehouse_portal.domain.notifications import LinkTarget, NotificationKind
from safehouse_portal.services.core.actor import CLI_OPERATOR
from safehouse_portal.services.notifications.reminders import run_reminders

_PER_PERSON = 4
"""At most this many event notifications per person, newest kept."""


def seed(*, session: Session, today: date) -> None:
    """Add the event notifications, then today's reminders."""
    leads = {}
    for user_id, provider_id in session.exec(select(User.id, User.provider_id).where(
            User.role == Role.PROVIDER_LEAD, User.provider_id.is_not(None)).order_by(User.id)).all():
        leads.setdefault(provider_id, user_id)
    rows: list[Notification] = []
    requests = session.exec(select(InfoRequest, InspectionGroup.provider_id)
                            .join(Inspection, Inspection.id == InfoRequest.inspection_id)
                            .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
                            .order_by(InfoRequest.asked_at)).all()
    for request, provider_id in requests:
        if request.status in ("open", "answered") and provider_id in leads:
            rows.append(_note(leads[provider_id], NotificationKind.INFO_REQUESTED, request.inspection_id,
                              LinkTarget.PROVIDER_REQUEST, request.id, request.asked_at))
        if request.status == "answered" and request.answered_at is not None:
            rows.append(_note(request.asked_by_id, NotificationKind.INFO_ANSWERED, request.inspection_id,
                              LinkTarget.INSPECTION_REQUESTS, request.inspection_id, request.answered_at))
    returned = session.exec(select(Recommendation, InspectionGroup.provider_id)
                            .join(Inspection, Inspection.id == Recommendation.inspection_id)
                            .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
                            .where(Recommendation.status == "returned")).all()
    at = datetime.combine(today - timedelta(days=2), time(11), UTC)
    rows.extend(_note(leads[provider_id], NotificationKind.RECOMMENDATION_RETURNED, rec.inspection_id,
                      LinkTarget.PROVIDER_RECOMMENDATION, rec.id, at)
                for rec, provider_id in returned if provider_id in leads)
    session.add_all(_newest_per_person(rows))
    session.flush()
    run_reminders(session=session, actor=CLI_OPERATOR, today=today)
    session.flush()


def _note(user_id: int, kind: NotificationKind, inspection_id: int, link: LinkTarget, link_id: int,
          at: datetime) -> Notification:
    return Notification(user_id=user_id, kind=kind.value, inspection_id=inspection_id, link_target=link.value,
                        link_id=link_id, created_at=at)


def _newest_per_person(rows: list[Notification]) -> list[Notification]:
    """The newest few of each person's; the older of those read and emailed, the newest unread and waiting."""
    kept: list[Notification] = []
    by_person: dict[int, list[Notification]] = {}
    for row in sorted(rows, key=lambda r: r.created_at, reverse=True):
        by_person.setdefault(row.user_id, []).append(row)
    for mine in by_person.values():
        for index, row in enumerate(mine[:_PER_PERSON]):
            if index > 0:
                row.read_at = row.created_at + timedelta(hours=3)
                row.email_status, row.sent_at, row.attempts = "sent", row.created_at + timedelta(minutes=1), 1
            kept.append(row)
    return kept
