"""The ``safehouse report`` commands: reports and letters as PDF (issue 7).

The command acts as the operator on the server, so it may write any inspection's
documents; the files it writes are as confidential as the reports themselves.
"""

import argparse
import sys
from pathlib import Path

from safehouse_portal.cli.stats import _iso_date as iso_date
from safehouse_portal.services.analytics.programme_report import programme_report
from safehouse_portal.services.reporting import documents
from safehouse_portal.services.core.actor import CLI_OPERATOR
from safehouse_portal.services.core.clock import programme_today
from safehouse_portal.services.core.errors import NotFound
from safehouse_portal.services.core.uow import unit_of_work

LETTERS = {"announcement": "announcement-letter", "early-outcome": "early-outcome-letter",
           "fa-form": "fa-form", "fa-response": "fa-response", "comparison": "comparison"}


def add_report_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``safehouse report pdf`` and ``safehouse report letter`` to the command line."""
    report = sub.add_parser("report", help="inspection reports and letters as PDF").add_subparsers(
        dest="report_command", required=True)
    pdf = report.add_parser("pdf", help="write an inspection's report: the final as issued, or --draft")
    pdf.add_argument("--inspection", required=True, type=int, help="the inspection's id")
    pdf.add_argument("--out", required=True, type=Path, help="the PDF file to write")
    pdf.add_argument("--draft", action="store_true", help="the report as it stands now, marked as a draft")
    pdf.set_defaults(func=run_report_pdf)
    letter = report.add_parser("letter", help="write a letter or factual accuracy document of an inspection")
    letter.add_argument("--kind", required=True, choices=sorted(LETTERS))
    letter.add_argument("--inspection", required=True, type=int, help="the inspection's id")
    letter.add_argument("--out", required=True, type=Path, help="the PDF file to write")
    letter.set_defaults(func=run_letter)
    programme = report.add_parser("programme", help="write the annual programme report for a period",
                                  description="Write the programme report (judgements, recommendations, themes, "
                                  "survey, good practice, timeliness) for reports issued in the period.")
    programme.add_argument("--from", dest="date_from", required=True, type=iso_date, metavar="YYYY-MM-DD",
                           help="first day of the period")
    programme.add_argument("--to", dest="date_to", required=True, type=iso_date, metavar="YYYY-MM-DD",
                           help="last day of the period")
    programme.add_argument("--out", required=True, type=Path, help="the PDF file to write")
    programme.set_defaults(func=run_programme_report)


def run_report_pdf(args: argparse.Namespace) -> int:
    """Write the report; exit 1 with a message when there is none to write."""
    name = "report-working" if args.draft else "report-final"
    missing = "" if args.draft else " (the final report has not been issued: pass --draft for the report as it stands)"
    return _write(args.inspection, name, args.out, missing)


def run_letter(args: argparse.Namespace) -> int:
    """Write the chosen letter or form."""
    return _write(args.inspection, LETTERS[args.kind], args.out, "")


def run_programme_report(args: argparse.Namespace) -> int:
    """Write the programme report; exit 2 when the period ends before it starts."""
    if args.date_to < args.date_from:
        print("safehouse report: error: --to is before --from", file=sys.stderr)
        return 2
    with unit_of_work() as session:
        found = programme_report(session=session, actor=CLI_OPERATOR, date_from=args.date_from,
                                 date_to=args.date_to, today=programme_today())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(found.content)
    print(f"Wrote {args.out} ({len(found.content) // 1024} KB)")
    return 0


def _write(inspection_id: int, name: str, out: Path, hint: str) -> int:
    with unit_of_work() as session:
        try:
            found = documents.document(session=session, actor=CLI_OPERATOR, inspection_id=inspection_id, name=name,
                                       today=programme_today())
        except NotFound:
            print(f"safehouse report: no such document for inspection {inspection_id}{hint}", file=sys.stderr)
            return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(found.content)
    print(f"Wrote {out} ({len(found.content) // 1024} KB)")
    return 0
