"""How fast the planner plans a year: the demo-sized programme and one ten times larger.

Builds each programme in memory the way the demo's is shaped (12 providers; groups of 1 to 6
locations, about 2.4 on average, in every region; a third accommodate children; last
inspections spread over the past year; revisit priorities from none to high; 25 days of leave
per inspector, a 4-week limit of 3 inspections led, a third hold children's safeguarding),
then solves it with the planner's model and checks the plan with the independent checker.

Targets: 60 groups, 6 inspectors, 52 weeks: optimal, or a gap of 2% or less, within 10 s;
600 groups, 60 inspectors, 52 weeks: feasible within 60 s, with its gap reported. The last
line printed is one JSON object; it includes the load average, since on a shared machine the
solver gets only part of a core and the figures move with the load.

The gap is a true gap: no term of the objective has a constant part (waiting counts from the
earliest day notice allows), and the bound is a proven one: on the demo, the optimum of the lead
relaxation's linear programme (``services/planning/lead_bound.py``, GLOP) or CP-SAT's on the whole
model; on the large programme, CP-SAT's on ``services/planning/bound.py``'s relaxation.

Run: ``PYTHONPATH=. .venv/bin/python bench/planner.py``
"""

import json
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from safehouse_portal.domain.planning import (  # noqa: E402
    CHILDREN, PlanGroup, PlanInspector, PlanProblem, horizon_end, inspection_shape, working_days_between,
)
from safehouse_portal.domain.planning_check import violations  # noqa: E402
from safehouse_portal.domain.regions import REGIONS  # noqa: E402
from safehouse_portal.domain.working_days import WorkingCalendar  # noqa: E402
from safehouse_portal.services.planning.model import solve  # noqa: E402

FIRST_DAY = date(2026, 9, 1)
WEEKS = 52


def programme(scale: int, seed: int = 20) -> PlanProblem:
    """The demo-shaped programme times ``scale``: 60 x scale groups, 6 x scale inspectors."""
    rng = random.Random(seed)  # noqa: S311  (a reproducible benchmark, not a secret)
    groups = []
    for n in range(60 * scale):
        locations = min(max(round(rng.expovariate(1 / 2.4)), 1), 6)
        outreach_only = rng.random() < 0.25
        region = REGIONS[n % len(REGIONS)]
        last = FIRST_DAY - timedelta(days=rng.randint(20, 400))
        priority = rng.choice([0, 0, 0, 3, 6, 12, 20, 26, 40, 55])
        groups.append(PlanGroup(
            id=n + 1, name=f"Group {n + 1}", provider_id=n % (12 * scale) + 1, regions=(region,),
            shape=inspection_shape(locations, outreach_only=outreach_only),
            skills=frozenset({CHILDREN}) if not outreach_only and rng.random() < 0.33 else frozenset(),
            priority=priority, last_ended=last))
    calendar = WorkingCalendar.for_years(range(2025, 2029))
    last_day = horizon_end(FIRST_DAY, WEEKS)
    days = working_days_between(calendar, FIRST_DAY, last_day)
    inspectors = []
    for n in range(6 * scale):
        leave = set()
        for _ in range(5):
            begin = rng.randrange(len(days) - 5)
            leave.update(days[begin:begin + 5])
        inspectors.append(PlanInspector(
            id=n + 1, email=f"inspector{n + 1}@bench.example", name=f"Inspector {n + 1}",
            home_region=REGIONS[(n * 3) % len(REGIONS)], unavailable=frozenset(leave), max_leads=3,
            skills=frozenset({CHILDREN}) if n % 3 == 0 else frozenset()))
    return PlanProblem(first_day=FIRST_DAY, last_day=last_day, working_days=days, groups=tuple(groups),
                       inspectors=tuple(inspectors))


def run(scale: int, time_limit: float, gap_limit: float) -> dict:
    problem = programme(scale)
    began = time.monotonic()
    plan = solve(problem, time_limit=time_limit, relative_gap_limit=gap_limit)
    seconds = time.monotonic() - began
    broken = violations(problem, plan)
    result = {"groups": len(problem.groups), "inspectors": len(problem.inspectors), "weeks": WEEKS,
              "status": plan.status, "gap": plan.gap, "objective": plan.objective, "bound": plan.bound,
              "seconds": round(seconds, 2),
              "placed": len(plan.inspections), "late": sum(p.late for p in plan.inspections),
              "checker_violations": len(broken)}
    print(f"{scale}x: {result}", flush=True)
    return result


def main() -> None:
    demo = run(1, time_limit=10, gap_limit=0.02)
    large = run(10, time_limit=60, gap_limit=0.02)
    demo_ok = demo["status"] in ("optimal", "feasible") and demo["gap"] <= 0.02 and demo["seconds"] <= 10
    large_ok = large["status"] in ("optimal", "feasible") and large["seconds"] <= 60
    print(json.dumps({"demo": demo, "large": large, "demo_target_met": demo_ok, "large_target_met": large_ok,
                      "checker_clean": demo["checker_violations"] == 0 and large["checker_violations"] == 0,
                      "load_average": [round(n, 1) for n in os.getloadavg()], "cpus": os.cpu_count()}))


if __name__ == "__main__":
    main()
