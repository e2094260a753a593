"""The ``safehouse notify`` commands: the reminder job and the sender, for cron and for tests (issue 17).

``safehouse notify run [--today D] [--dry-run] [--json]`` stores the reminders due on ``D``
(today in England by default) and sends what is due; ``--dry-run`` only says which
reminders it would store. ``safehouse notify send`` only sends. Both take the same lease
as the app's own background job, so they never run alongside it; a run that finds the
lease taken says so and does nothing.
"""

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date

from safehouse_portal.services.core.actor import CLI_OPERATOR
from safehouse_portal.services.core.clock import programme_now
from safehouse_portal.services.core.uow import unit_of_work


def add_notify_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``safehouse notify ...`` to the command line."""
    notify = sub.add_parser("notify", help="reminders and notification emails").add_subparsers(
        dest="notify_command", required=True)
    run = notify.add_parser("run", help="store today's reminders (once each) and send what is due")
    run.add_argument("--today", type=_day, default=None, help="the day to work out reminders for (YYYY-MM-DD)")
    run.add_argument("--dry-run", action="store_true", help="only list the reminders that would be stored")
    run.add_argument("--json", action="store_true", help="print the reminders as JSON")
    run.set_defaults(func=_run)
    send = notify.add_parser("send", help="send the emails that are due")
    send.set_defaults(func=_send)


def _day(value: str) -> date:
    from safehouse_portal.domain.working_days import DEFAULT_YEARS

    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date such as 2026-12-14") from None
    if day.year not in DEFAULT_YEARS:
        raise argparse.ArgumentTypeError(f"{value!r} is outside the working calendar "
                                         f"({DEFAULT_YEARS[0]}-{DEFAULT_YEARS[-1]})")
    return day


def _run(args) -> int:
    from safehouse_portal.services.notifications.reminders import run_reminders

    now = programme_now()
    today = args.today or now.date()
    if args.dry_run:
        with unit_of_work() as session:
            planned = run_reminders(session=session, actor=CLI_OPERATOR, today=today, dry_run=True)
            session.rollback()
        _print(planned, args.json, f"Would store {len(planned)} reminder(s) for {today.isoformat()}:")
        return 0
    report = _pass(today, now, reminders=True)
    if report is None:
        return 1
    _print(report.reminders, args.json, f"Stored {len(report.reminders)} reminder(s) for {today.isoformat()}:")
    if not args.json:
        _print_sent(report.sent)
    return 0


def _send(_args) -> int:
    now = programme_now()
    report = _pass(now.date(), now, reminders=False)
    if report is None:
        return 1
    _print_sent(report.sent)
    return 0


def _pass(today: date, now, *, reminders: bool):
    from safehouse_portal.services.notifications.job import run_pass, transport_from_settings
    from safehouse_portal.services.notifications.smtp import SmtpUrlError
    from safehouse_portal.web.notify_task import email_link

    try:
        transport = transport_from_settings()
    except SmtpUrlError as exc:
        print(str(exc), file=sys.stderr)
        return None
    report = run_pass(today=today, now=now, href_for=email_link, transport=transport, reminders=reminders)
    if not report.held:
        print("Another process is running the notifications job: nothing done.", file=sys.stderr)
        return None
    if transport is None:
        print("No SAFEHOUSE_SMTP_URL: emails stay in the outbox (admins see them on the Outbox page).",
              file=sys.stderr)
    return report


def _print(planned, as_json: bool, heading: str) -> None:
    if as_json:
        print(json.dumps([asdict(p) for p in planned]))
        return
    print(heading)
    for p in planned:
        print(f"  {p.due}  {p.kind:<26} {p.to}" + (f"  inspection {p.inspection_id}" if p.inspection_id else ""))


def _print_sent(sent) -> None:
    print(f"Emails: {sent.sent} sent, {sent.failed} to retry, {sent.dead} given up, {sent.off} not wanted by email, "
          f"{sent.uncertain} may or may not have gone (see the Outbox).")
