"""The sender: emails what the outbox holds, retries with backoff, gives up after a number of tries.

Each notification is claimed before it is sent, by an update that only succeeds while it
is still pending (``pending`` to ``sending``, with the time: a lease), in a unit of work of
its own that commits at once. Two senders running together (two workers, cron and the app)
can therefore never both send the same one: the second's update finds it claimed and moves on.

One gap no database can close: a process that dies after the mail server took the email but
before the result was stored. Its claim outlives the lease (``STALE_CLAIM``, far longer than
a send can take), and the email is then ``uncertain``: it may or may not have gone, so it is
not sent again blindly. The same holds when the mail server stops answering after it was
handed the whole email (the transport raises ``MaybeDelivered``): that is not retried either.
The admins' Outbox page shows it, and an admin may send it again;
every try of one notification carries the same Message-ID (``message_key``), so a mail
client that merges copies of one message shows it once.

A failure puts the notification back to pending with ``next_attempt_at`` pushed later
(30 s, 1 min, 2 min, ... at most an hour); after ``MAX_ATTEMPTS`` it is ``dead`` and the
admins' Outbox page shows it with the error. Without a transport (no ``SAFEHOUSE_SMTP_URL``)
nothing is claimed: every email stays in the outbox for the admins to see.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import or_, update
from sqlmodel import Session, select

from safehouse_portal.db import Notification, User
from safehouse_portal.domain.dates import LONDON, format_date
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.notifications import NotificationKind, email, title
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.core.uow import unit_of_work
from safehouse_portal.services.notifications.preferences import email_wanted

MAX_ATTEMPTS = 5
STALE_CLAIM = timedelta(minutes=15)
BATCH = 50
PENDING, SENDING, SENT, OFF, DEAD, UNCERTAIN = "pending", "sending", "sent", "off", "dead", "uncertain"
UNCERTAIN_WORDS = ("{why}, so it may or may not have been delivered. "
                   "Send it again only if the person has not received it.")

HrefFor = Callable[[str, int | None], str]
"""Builds a page's full link from a notification's ``link_target`` and ``link_id`` (given by the edge)."""


class MaybeDelivered(Exception):
    """The mail server was handed the whole email, then stopped answering: it may have accepted it."""


class Transport(Protocol):
    def send(self, *, to: str, subject: str, body: str, message_key: str) -> None:
        """Send one email whose Message-ID is made from ``message_key`` (the same on every try).

        Raises ``MaybeDelivered`` when it cannot tell whether the server accepted it; anything else
        it raises means the email was not accepted.
        """


@dataclass(frozen=True)
class SendReport:
    """What one pass of the sender did."""

    sent: int = 0
    failed: int = 0
    dead: int = 0
    off: int = 0
    uncertain: int = 0


def backoff(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failure: 30 s doubling, at most an hour."""
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def send_pending(*, session_factory: Callable[[], Session], transport: Transport | None, href_for: HrefFor,
                 now: datetime, limit: int = BATCH, max_attempts: int = MAX_ATTEMPTS) -> SendReport:
    """Claim and send up to ``limit`` emails that are due; each claim and each result is its own unit of work."""
    if transport is None:
        return SendReport()
    counts = {"sent": 0, "failed": 0, "dead": 0, "off": 0, "uncertain": 0}
    with unit_of_work(session_factory) as session:
        counts["uncertain"] = _mark_uncertain(session, now)
        candidates = list(session.exec(select(Notification.id).where(
            Notification.email_status == PENDING,
            or_(Notification.next_attempt_at.is_(None), Notification.next_attempt_at <= now))
            .order_by(Notification.id).limit(limit)).all())
    for notification_id in candidates:
        with unit_of_work(session_factory) as session:
            outgoing = _claim(session, notification_id, now)
            if outgoing == OFF:
                counts["off"] += 1
        if outgoing is None or outgoing == OFF:
            continue
        error, maybe = _deliver(transport, outgoing, href_for)
        with unit_of_work(session_factory) as session:
            status = _record(session, notification_id, error, now, max_attempts, maybe)
        counts[{SENT: "sent", DEAD: "dead", UNCERTAIN: "uncertain"}.get(status, "failed")] += 1
    return SendReport(**counts)


def message_key(notification_id: int, created_at: datetime) -> str:
    """The left part of the email's Message-ID: the same on every try, never reused by another database."""
    return f"notification-{notification_id}.{int(created_at.timestamp() * 1_000_000)}"


@dataclass(frozen=True)
class _Outgoing:
    key: str = ""
    to: str = ""
    name: str = ""
    kind: str = ""
    due: object = None
    count: int | None = None
    link_target: str = ""
    link_id: int | None = None


def _claim(session: Session, notification_id: int, now: datetime) -> _Outgoing | str | None:
    """Take one pending notification for this sender; None if another took it first."""
    claimed = session.exec(update(Notification).where(Notification.id == notification_id,
                                                      Notification.email_status == PENDING)
                           .values(email_status=SENDING, claimed_at=now)).rowcount
    if claimed != 1:
        return None
    row = session.get(Notification, notification_id)
    user = session.get(User, row.user_id)
    if user is None or not user.active or not email_wanted(session, row.user_id, row.kind):
        row.email_status = OFF
        session.add(row)
        return OFF
    return _Outgoing(message_key(row.id, row.created_at), user.email, user.name, row.kind, row.due_on,
                     row.item_count, row.link_target, row.link_id)


def _deliver(transport: Transport, outgoing: _Outgoing, href_for: HrefFor) -> tuple[str | None, bool]:
    """Send it; the error in words (at most 500 characters) if it failed, and whether it may have gone anyway."""
    message = email(outgoing.kind, link=href_for(outgoing.link_target, outgoing.link_id),
                    recipient_name=outgoing.name, due=outgoing.due, count=outgoing.count)
    try:
        transport.send(to=outgoing.to, subject=message.subject, body=message.body, message_key=outgoing.key)
    except MaybeDelivered as exc:
        return UNCERTAIN_WORDS.format(why=f"The mail server stopped answering after it was handed this email ({exc})")[
            :500], True
    except Exception as exc:  # noqa: BLE001  (any failure of the mail server is recorded and retried)
        return f"{type(exc).__name__}: {exc}"[:500], False
    return None, False


def _record(session: Session, notification_id: int, error: str | None, now: datetime, max_attempts: int,
            maybe_sent: bool = False) -> str:
    row = session.get(Notification, notification_id)
    row.attempts += 1
    row.claimed_at = None
    if error is None:
        row.email_status, row.sent_at, row.last_error = SENT, now, None
    elif maybe_sent:
        row.email_status, row.last_error = UNCERTAIN, error
    else:
        row.last_error = error
        row.email_status = DEAD if row.attempts >= max_attempts else PENDING
        row.next_attempt_at = None if row.email_status == DEAD else now + backoff(row.attempts)
    session.add(row)
    return row.email_status


def _mark_uncertain(session: Session, now: datetime) -> int:
    """Claims older than the lease are emails whose fate is unknown: say so rather than send them again."""
    return session.exec(update(Notification).where(Notification.email_status == SENDING,
                                                   Notification.claimed_at < now - STALE_CLAIM)
                        .values(email_status=UNCERTAIN, claimed_at=None, last_error=UNCERTAIN_WORDS.format(
                            why="The sender stopped while sending this email"))).rowcount


@dataclass(frozen=True)
class OutboxRow:
    """An email not (yet) delivered, as the admins' Outbox page shows it."""

    id: int = 0
    to: str = ""
    kind: str = ""
    subject: str = ""
    created: str = ""
    status: str = ""
    attempts: int = 0
    next_attempt: str = ""
    error: str = ""
    link_target: str = ""
    link_id: int | None = None
    recipient_name: str = ""
    due_iso: str = ""
    count: int | None = None


def outbox(*, session: Session, actor: Actor | None, limit: int = 200) -> list[OutboxRow]:
    """Emails waiting, being sent, perhaps sent or given up on (those needing an admin first), for admins."""
    access.admit(actor, Action.VIEW_OUTBOX)
    rows = session.exec(select(Notification, User.email, User.name).join(User, User.id == Notification.user_id)
                        .where(Notification.email_status.in_((PENDING, SENDING, UNCERTAIN, DEAD)))
                        .order_by(Notification.email_status.in_((UNCERTAIN, DEAD)).desc(), Notification.id)
                        .limit(limit)).all()
    return [_outbox_row(row, to, name) for row, to, name in rows]


def retry(*, session: Session, actor: Actor | None, notification_id: object) -> None:
    """Put a dead or uncertain email back in the queue with its tries reset (admins).

    An uncertain one goes again with the same Message-ID; the admin has decided it is worth
    the risk of a second copy.

    Raises:
        NotFound: No such notification.
        InvalidInput: It is neither dead nor uncertain.
    """
    actor = access.admit(actor, Action.VIEW_OUTBOX)
    row = session.get(Notification, parse_id(notification_id, text=False) or 0)
    if row is None:
        raise NotFound("No such notification")
    if row.email_status not in (DEAD, UNCERTAIN):
        raise InvalidInput({"form": "Only an email that was given up on, or may not have gone, can be sent again"})
    before = {"email_status": row.email_status, "error": row.last_error}
    row.email_status, row.attempts, row.next_attempt_at = PENDING, 0, None
    session.add(row)
    audit.record(session=session, actor=actor, action="notification.retried", entity_type="notification",
                 entity_id=row.id, before=before, after={"email_status": PENDING})
    session.flush()


def _when(moment: datetime | None) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(LONDON)
    return f"{format_date(local.date())} at {local:%H:%M}"


def _outbox_row(row: Notification, to: str, name: str) -> OutboxRow:
    return OutboxRow(
        id=row.id, to=to, kind=row.kind, subject=title(NotificationKind(row.kind), due=row.due_on, count=row.item_count),
        created=_when(row.created_at), status=row.email_status, attempts=row.attempts,
        next_attempt=_when(row.next_attempt_at), error=row.last_error or "", link_target=row.link_target,
        link_id=row.link_id, recipient_name=name, due_iso=row.due_on.isoformat() if row.due_on else "",
        count=row.item_count,
    )
