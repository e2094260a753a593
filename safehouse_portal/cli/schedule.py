"""``safehouse schedule``: an inspection's deadlines from its planned dates, without a database.

Counts working days over the bank holidays of England and Wales only: programme
closure days live in the database and are not read here, so a due date that spans
a closure may fall earlier than the app shows.
"""

import argparse
import json
import sys
from datetime import date

from safehouse_portal.domain.milestones import InspectionDates, Step, compute_schedule
from safehouse_portal.domain.working_days import DateOutsideCalendar, WorkingCalendar, format_long_date

_HELP = (
    "Print every milestone of an inspection with its due date and how it was worked out. "
    "Uses England and Wales bank holidays only: programme closure days (kept in the "
    "database) are NOT counted."
)


def add_schedule_command(subparsers) -> argparse.ArgumentParser:
    """Registers ``schedule`` on the ``safehouse`` command's sub-parsers."""
    parser = subparsers.add_parser("schedule", help=_HELP.split(". ")[0].lower(), description=_HELP)
    parser.add_argument("--start", required=True, type=_iso_date, metavar="YYYY-MM-DD",
                        help="planned first day of the inspection")
    parser.add_argument("--end", required=True, type=_iso_date, metavar="YYYY-MM-DD",
                        help="planned last day (the same as --start for a one-day visit)")
    parser.add_argument("--draft-sent", type=_iso_date, metavar="YYYY-MM-DD",
                        help="day the draft report was sent, if it was: factual accuracy counts from it")
    parser.add_argument("--serious-concern", action="store_true",
                        help="the inspection found serious concerns, so an early outcome letter is due")
    parser.add_argument("--today", type=_iso_date, metavar="YYYY-MM-DD",
                        help="also say where each milestone stands on this day, in working days left or overdue")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object of milestone key to ISO due date")
    parser.set_defaults(func=run_schedule)
    return parser


def run_schedule(args: argparse.Namespace) -> int:
    """Prints the schedule described by ``args``; returns the exit status.

    The schedule is computed as of ``--today`` when given (each milestone then says
    where it stands, in the words every page uses), otherwise as of the planned first
    day, so the output never depends on the day the command runs.
    """
    calendar = WorkingCalendar.for_years()
    problem = _problem(args, calendar)
    if problem:
        print(f"safehouse schedule: error: {problem}", file=sys.stderr)
        return 2
    actual = {Step.DRAFT_SENT_ON: args.draft_sent} if args.draft_sent else {}
    dates = InspectionDates(planned_start=args.start, planned_end=args.end, actual=actual,
                            serious_concern=args.serious_concern, additional_info_requested=True)
    try:
        schedule = compute_schedule(dates, today=args.today or args.start, calendar=calendar)
    except DateOutsideCalendar as exc:
        print(f"safehouse schedule: error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({status.key.value: status.due.isoformat() for status in schedule}))
        return 0
    print("Working days exclude weekends and England and Wales bank holidays "
          "(programme closure days are not included).")
    for status in schedule:
        print(f"\n{status.label} [{status.key.value}]: {status.due.isoformat()} ({format_long_date(status.due)})")
        if args.today:
            done = status.done_on and f"Done on {format_long_date(status.done_on)}"
            print(f"  {done or status.countdown_text}")
        print(f"  {status.explanation.text}")
    return 0


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _problem(args: argparse.Namespace, calendar) -> str | None:
    """Why the dates cannot make a schedule, or None."""
    for name, day in (("--start", args.start), ("--end", args.end), ("--draft-sent", args.draft_sent),
                      ("--today", args.today)):
        if day is not None and not calendar.covers(day):
            return f"{name} must be a date from {calendar.first_year} to {calendar.last_year}"
    if args.end < args.start:
        return "--end is before --start"
    if args.draft_sent is not None and args.draft_sent < args.end:
        return "--draft-sent is before the inspection's last day (--end)"
    return None
