"""One pass of the notifications job: take the lease, store today's reminders, send what is due.

The app runs a pass every minute in the background (``web/notify_task``); cron or a person
may run one with ``safehouse notify run`` / ``safehouse notify send``. Whoever runs it,
only the holder of the lease works, so several workers never run it twice at once; and
even if they did, reminders are stored once by key and each email is claimed before it
is sent.
"""

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlmodel import Session

from safehouse_portal.db.engine import new_session
from safehouse_portal.services.core.actor import CLI_OPERATOR
from safehouse_portal.services.core.uow import unit_of_work
from safehouse_portal.services.notifications.delivery import HrefFor, SendReport, Transport, send_pending
from safehouse_portal.services.notifications.lease import take_lease
from safehouse_portal.services.notifications.reminders import PlannedReminder, run_reminders
from safehouse_portal.services.notifications.smtp import SmtpTransport
from safehouse_portal.settings import get_settings

logger = logging.getLogger(__name__)

LEASE_NAME = "notifications"
LEASE_TTL = timedelta(minutes=3)


def this_process() -> str:
    """A name for this process as a lease holder: host and process id."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}"


def transport_from_settings() -> Transport | None:
    """The SMTP transport of ``SAFEHOUSE_SMTP_URL``, or None (emails then stay in the outbox)."""
    settings = get_settings()
    if settings.smtp_url is None:
        return None
    return SmtpTransport.from_url(settings.smtp_url.get_secret_value(), settings.mail_from)


@dataclass(frozen=True)
class PassReport:
    """What one pass did; ``held`` is False when another process holds the lease."""

    held: bool = False
    reminders: list[PlannedReminder] = field(default_factory=list)
    sent: SendReport = field(default_factory=SendReport)


def run_pass(*, today: date, now: datetime, href_for: HrefFor, transport: Transport | None,
             session_factory: Callable[[], Session] = new_session, holder: str | None = None,
             reminders: bool = True) -> PassReport:
    """Take the lease, then store the reminders due ``today`` (if ``reminders``) and send what is due."""
    holder = holder or this_process()
    with unit_of_work(session_factory) as session:
        held = take_lease(session, name=LEASE_NAME, holder=holder, now=now, ttl=LEASE_TTL)
    if not held:
        return PassReport()
    created: list[PlannedReminder] = []
    if reminders:
        with unit_of_work(session_factory) as session:
            created = run_reminders(session=session, actor=CLI_OPERATOR, today=today)
    report = send_pending(session_factory=session_factory, transport=transport, href_for=href_for, now=now)
    if created or report.sent or report.failed or report.dead or report.uncertain:
        logger.info("Notifications: %d reminders stored, %d emails sent, %d failed, %d given up, "
                    "%d may or may not have gone (see the Outbox)",
                    len(created), report.sent, report.failed, report.dead, report.uncertain)
    return PassReport(True, created, report)
