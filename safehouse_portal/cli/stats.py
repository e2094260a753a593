"""The ``safehouse stats`` commands: programme statistics (issue 8).

``safehouse stats survey`` prints the survivor survey's responses and the share who got the
support they needed (issue 18). ``safehouse stats recommendations`` prints recommendations by timescale and service kind
(the programme report's Figure 2); ``safehouse stats judgements`` prints issued reports by
key question and judgement (Figure 1). Both read the database as the command-line operator
and take an optional period of report issue dates.
"""

import argparse
import json
import sys
from datetime import date

from safehouse_portal.domain.enums import KEY_QUESTION_LABELS, RATING_LABELS, TIMESCALE_LABELS, KeyQuestion
from safehouse_portal.documents.analytics import KEY_QUESTIONS, KINDS, RATINGS, TIMESCALES, TOTAL
from safehouse_portal.services.analytics import service as analytics
from safehouse_portal.services.core.actor import CLI_OPERATOR
from safehouse_portal.services.core.uow import unit_of_work
from safehouse_portal.services.core.clock import programme_today

_KIND_HEADINGS = {"safehouse": "Safehouse", "outreach": "Outreach", TOTAL: "Total"}


def add_stats_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``safehouse stats ...`` to the command line."""
    stats = sub.add_parser("stats", help="programme statistics").add_subparsers(dest="stats_command", required=True)
    for name, helptext, func in (
        ("recommendations", "recommendations by timescale and service kind", _recommendations),
        ("judgements", "issued reports by key question and judgement", _judgements),
    ):
        parser = stats.add_parser(name, help=helptext, description=f"Print {helptext}, for reports issued "
                                  "in the period (every issued report by default).")
        parser.add_argument("--from", dest="date_from", type=_iso_date, metavar="YYYY-MM-DD",
                            help="first day of the period (report issue date)")
        parser.add_argument("--to", dest="date_to", type=_iso_date, metavar="YYYY-MM-DD",
                            help="last day of the period (report issue date)")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.set_defaults(func=func)
    survey = stats.add_parser("survey", help="survivor survey responses and the share who got the support they needed",
                              description="Print the survivor survey's responses and the share answering yes to "
                              "'did you get the support you needed from staff', for responses dated in the period "
                              "(every response by default).")
    survey.add_argument("--from", dest="date_from", type=_iso_date, metavar="YYYY-MM-DD",
                        help="first day of the period (response date)")
    survey.add_argument("--to", dest="date_to", type=_iso_date, metavar="YYYY-MM-DD",
                        help="last day of the period (response date)")
    survey.add_argument("--json", action="store_true", help="print one JSON object")
    survey.set_defaults(func=_survey)


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _counts(args, view: str) -> dict[str, dict[str, int]] | None:
    if args.date_from and args.date_to and args.date_to < args.date_from:
        print("safehouse stats: error: --to is before --from", file=sys.stderr)
        return None
    with unit_of_work() as session:
        return analytics.counts(session=session, actor=CLI_OPERATOR, view=view, date_from=args.date_from,
                                date_to=args.date_to, today=programme_today())


def _recommendations(args) -> int:
    table = _counts(args, "timescales")
    if table is None:
        return 2
    shaped = {row: {kind: table[row][kind] for kind in [*KINDS, TOTAL]} for row in [*TIMESCALES, TOTAL]}
    if args.json:
        print(json.dumps(shaped))
        return 0
    labels = {**{t.value: label for t, label in TIMESCALE_LABELS.items()}, TOTAL: "Total"}
    _print_table("Timescale", [_KIND_HEADINGS[k] for k in [*KINDS, TOTAL]],
                 [(labels[row], list(values.values())) for row, values in shaped.items()])
    return 0


def _judgements(args) -> int:
    table = _counts(args, "judgements")
    if table is None:
        return 2
    shaped = {kq: {rating: table[kq][rating] for rating in RATINGS} for kq in KEY_QUESTIONS}
    if args.json:
        print(json.dumps(shaped))
        return 0
    _print_table("Key question", [label for label in RATING_LABELS.values()],
                 [(KEY_QUESTION_LABELS[KeyQuestion(kq)], list(values.values())) for kq, values in shaped.items()])
    return 0


def _print_table(heading: str, columns: list[str], rows: list[tuple[str, list[int]]]) -> None:
    width = max(len(heading), *(len(label) for label, _ in rows))
    print("  ".join([heading.ljust(width), *columns]))
    for label, values in rows:
        print("  ".join([label.ljust(width), *(str(v).rjust(len(c)) for v, c in zip(values, columns))]))


def _survey(args) -> int:
    from safehouse_portal.services.analytics.survey import survey_figures

    if args.date_from and args.date_to and args.date_to < args.date_from:
        print("safehouse stats: error: --to is before --from", file=sys.stderr)
        return 2
    with unit_of_work() as session:
        figures = survey_figures(session=session, actor=CLI_OPERATOR, date_from=args.date_from, date_to=args.date_to)
    if args.json:
        print(json.dumps(figures.as_json()))
        return 0
    counts = figures.got_support_needed
    print(f"Survivor survey responses: {figures.responses}")
    print(f"Got the support they needed from staff: yes {counts['yes']}, partly {counts['partly']}, "
          f"no {counts['no']}, not answered {counts['not_answered']}")
    print(f"Share answering yes: {figures.share_yes:.1f}%")
    return 0
