"""``safehouse plan``: plan the year with the solver; ``safehouse plan availability import FILE``.

``safehouse plan --from D [--weeks 52] [--json] [--time-limit S] [--accept]`` prints the plan;
nothing is stored unless ``--accept`` is given, which creates the planned inspections (the
allocation rules apply). The JSON has ``status``, ``gap``, ``inspections`` and ``unplaced``.

``status`` is one of:

- ``optimal``: no better plan exists (``gap`` 0);
- ``feasible``: every group placed; ``gap`` is the relative gap against the lower bound CP-SAT
  proved (1.0 when it proved none in the time);
- ``infeasible``: proven that no plan keeps every hard constraint; ``unplaced`` names each
  group left out and why (exit status 1);
- ``unknown``: the time limit ran out before any plan was found: nothing is proven, try a
  longer ``--time-limit`` (``inspections`` and ``unplaced`` are empty; exit status 3);
- ``cancelled``: stopped before any plan was found (only from the page, which can cancel).
"""

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from safehouse_portal.services.core.actor import CLI_OPERATOR
from safehouse_portal.services.core.clock import programme_today
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.services.core.uow import unit_of_work
from safehouse_portal.services.planning import plan as planning
from safehouse_portal.services.planning.availability import import_availability
from safehouse_portal.services.planning.model import solve


def add_plan_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``safehouse plan ...`` to the command line."""
    parser = sub.add_parser("plan", help="plan the year's inspections with the solver")
    parser.add_argument("--from", dest="first_day", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="the plan's first day (announcements fall on or after it)")
    parser.add_argument("--weeks", type=int, default=52, help="how many weeks to plan (52)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--time-limit", type=float, default=10.0, metavar="S", help="seconds the solver may take (10)")
    parser.add_argument("--accept", action="store_true", help="create the planned inspections")
    parser.set_defaults(func=_plan)
    more = parser.add_subparsers(dest="plan_command")
    avail = more.add_parser("availability", help="inspectors' availability").add_subparsers(
        dest="availability_command", required=True)
    load = avail.add_parser("import", help="set availability from a CSV file (email, home_region, "
                                           "max_leads_per_4_weeks, skills, unavailable)")
    load.add_argument("file", type=Path)
    load.set_defaults(func=_import)


def _plan(args) -> int:
    if args.first_day is None:
        print("safehouse plan: error: give --from YYYY-MM-DD", file=sys.stderr)
        return 2
    today = programme_today()
    try:
        with unit_of_work() as session:
            inputs = planning.plan_inputs(session=session, actor=CLI_OPERATOR, today=today,
                                          first_day=args.first_day, weeks=args.weeks)
        plan = solve(inputs.problem, time_limit=args.time_limit)
        view = planning.plan_view(inputs, plan)
        if args.accept and plan.inspections:
            with unit_of_work() as session:
                planning.accept(session=session, actor=CLI_OPERATOR, today=today, inputs=inputs, plan=plan)
    except InvalidInput as exc:
        for field, message in exc.errors.items():
            print(f"safehouse plan: error: {field}: {message}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(planning.plan_json(view)))
    else:
        _print(view, accepted=args.accept)
    return {"infeasible": 1, "unknown": 3}.get(view.status, 0)


def _print(view, *, accepted: bool) -> None:
    print(f"Plan: {view.status}, gap {view.gap:.1%}, {len(view.inspections)} inspections, "
          f"{len(view.unplaced)} left out, {view.seconds:.1f} s.")
    for row in view.inspections:
        late = " LATE" if row.late else ""
        print(f"  {row.start} to {row.end}  {row.group} ({row.provider}): {', '.join(row.team)}{late}")
    for row in view.unplaced:
        print(f"  left out: {row.group}: {row.why}")
    print("Accepted: the inspections are planned." if accepted else "Nothing stored (add --accept to plan them).")


def _import(args) -> int:
    try:
        text = args.file.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"safehouse plan availability import: error: {exc}", file=sys.stderr)
        return 2
    with unit_of_work() as session:
        result = import_availability(session=session, actor=CLI_OPERATOR, text=text)
    for error in result.errors:
        print(error, file=sys.stderr)
    if result.errors:
        print("Nothing was saved.", file=sys.stderr)
        return 1
    print(f"Availability saved for {result.saved} inspector(s).")
    return 0
