"""Each person's own notifications: the count in the header, the list, marking them read.

Only ever the signed-in person's own: every query is by ``actor.user_id``, so an id of
someone else's notification is simply not found.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import bindparam, func, update
from sqlmodel import Session, select

from safehouse_portal.db import Notification
from safehouse_portal.domain.dates import LONDON, format_date
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.notifications import title
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import NotFound

LIST_LIMIT = 100
"""The list page shows the latest this many."""
_UNREAD = select(func.count()).select_from(Notification).where(
    Notification.user_id == bindparam("user_id"), Notification.read_at.is_(None))
"""The header's count, read at every page load, so built once (and run on the connection: it loads no objects)."""


@dataclass(frozen=True)
class NotificationRow:
    """One notification as the list shows it; the page builds the link from ``link_target`` and ``link_id``."""

    id: int = 0
    kind: str = ""
    title: str = ""
    when: str = ""
    unread: bool = False
    link_target: str = ""
    link_id: int | None = None


def unread_count(*, session: Session, actor: Actor | None) -> int:
    """How many of the person's notifications are unread (0 for nobody signed in or the command line)."""
    if actor is None or not actor.user_id:
        return 0
    access.admit(actor, Action.READ_OWN_NOTIFICATIONS)
    return session.connection().execute(_UNREAD, {"user_id": actor.user_id}).scalar_one()


def my_notifications(*, session: Session, actor: Actor | None) -> list[NotificationRow]:
    """The person's latest notifications, newest first."""
    actor = access.admit(actor, Action.READ_OWN_NOTIFICATIONS)
    rows = session.exec(select(Notification).where(Notification.user_id == actor.user_id)
                        .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(LIST_LIMIT)).all()
    return [_row(row) for row in rows]


def open_notification(*, session: Session, actor: Actor | None, notification_id: object,
                      now: datetime) -> NotificationRow:
    """Mark one of the person's own notifications read and return it (for its link).

    Raises:
        NotFound: Not an id, or not a notification of this person.
    """
    actor = access.admit(actor, Action.READ_OWN_NOTIFICATIONS)
    found = parse_id(notification_id, text=False)
    row = session.exec(select(Notification).where(Notification.id == found, Notification.user_id == actor.user_id)
                       ).first() if found is not None else None
    if row is None:
        raise NotFound("No such notification")
    if row.read_at is None:
        row.read_at = now
        session.add(row)
        session.flush()
    return _row(row)


def mark_all_read(*, session: Session, actor: Actor | None, now: datetime) -> int:
    """Mark every one of the person's notifications read; returns how many were unread."""
    actor = access.admit(actor, Action.READ_OWN_NOTIFICATIONS)
    result = session.exec(update(Notification).where(Notification.user_id == actor.user_id,
                                                     Notification.read_at.is_(None)).values(read_at=now))
    return result.rowcount or 0


def _row(row: Notification) -> NotificationRow:
    created = row.created_at.astimezone(LONDON) if row.created_at else datetime.now(UTC)
    return NotificationRow(
        id=row.id, kind=row.kind, title=title(row.kind, due=row.due_on, count=row.item_count),
        when=f"{format_date(created.date())} at {created:%H:%M}", unread=row.read_at is None,
        link_target=row.link_target, link_id=row.link_id,
    )
