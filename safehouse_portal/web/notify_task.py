"""The notifications job run by the app itself: a pass every minute while the app runs.

Registered with ``app.register_lifespan_task``; every worker starts it, and the lease
(``services/notifications/lease``) lets exactly one of them work at a time. Each pass
runs in a thread, so the event loop never waits for the database or the mail server.
Off when ``SAFEHOUSE_NOTIFY_IN_BACKGROUND`` is false (cron runs ``safehouse notify`` instead).
"""

import asyncio
import logging

from safehouse_portal import routes
from safehouse_portal.services.core.clock import programme_now
from safehouse_portal.services.notifications.job import run_pass, transport_from_settings
from safehouse_portal.settings import get_settings

logger = logging.getLogger(__name__)

INTERVAL_SECONDS = 60
REMINDERS_EVERY = 10
"""Reminders are worked out every this many passes (they change at most once a day); emails every pass."""


def email_link(target: str, target_id: int | None) -> str:
    """The full link an email carries to a notification's page."""
    return get_settings().link_base + routes.notification_href(target, target_id)


def one_pass(reminders: bool) -> None:
    """One pass of the job (a thread runs it)."""
    now = programme_now()
    run_pass(today=now.date(), now=now, href_for=email_link, transport=transport_from_settings(), reminders=reminders)


async def run_in_background() -> None:
    """Pass after pass until the app stops; a failed pass is logged (without secrets) and the next one tried."""
    if not get_settings().notify_in_background:
        return
    count = 0
    while True:
        try:
            await asyncio.to_thread(one_pass, count % REMINDERS_EVERY == 0)
        except Exception as exc:  # noqa: BLE001  (the job must outlive a database or mail server hiccup)
            logger.warning("The notifications job failed this pass: %s", type(exc).__name__)
        count += 1
        await asyncio.sleep(INTERVAL_SECONDS)
