"""A finished plan in the words and tables the "Plan the year" page shows (no database).

The status is said honestly: proven best, good within a gap, time ran out (with how far
from the best it may be), cancelled, or groups left out. The timeline is a table by
inspector and month (each cell the inspections that person goes on that month) and a list by
month, both built from the plan's rows.
"""

from dataclasses import dataclass, field
from datetime import date

from safehouse_portal.domain.planning import CANCELLED, UNKNOWN, Plan
from safehouse_portal.services.planning.plan import PlanRow, PlanView

GOOD_GAP = 0.02
"""A plan this close to the best possible (or closer) is called good."""


@dataclass(frozen=True)
class PlanOutcome:
    """The run's result in a heading and a sentence; ``kind`` is success, warning or problem."""

    kind: str = ""
    headline: str = ""
    detail: str = ""


@dataclass(frozen=True)
class InspectorMonths:
    """One inspector's row of the timeline: per month, what they go on."""

    inspector: str = ""
    cells: list[list[str]] = field(default_factory=list)


@dataclass(frozen=True)
class MonthRows:
    """The inspections starting in one month."""

    month: str = ""
    rows: list[PlanRow] = field(default_factory=list)


@dataclass(frozen=True)
class PlanTables:
    """The plan by inspector and month, and by month."""

    months: list[str] = field(default_factory=list)
    by_inspector: list[InspectorMonths] = field(default_factory=list)
    by_month: list[MonthRows] = field(default_factory=list)


def outcome(plan: Plan, view: PlanView, *, time_limit: float, failed: str = "") -> PlanOutcome:
    """What happened, in plain words."""
    placed, left = len(view.inspections), len(view.unplaced)
    if failed:
        return PlanOutcome("problem", "The planner could not finish", f"{failed}. Nothing was planned: try again.")
    if plan.status == CANCELLED:
        return PlanOutcome("warning", "You stopped the planner before it found a plan",
                           "Nothing was planned. Run it again and let it work longer.")
    if plan.status == UNKNOWN:
        return PlanOutcome("warning", f"No plan was found in {time_limit:.0f} seconds",
                           "Nothing is proven either way: a plan may exist. Give the planner a longer time "
                           "limit and run it again.")
    if left:
        return PlanOutcome("problem", f"{left} {_groups(left)} could not be placed",
                           f"The plan places {placed} {_groups(placed)}. Each group left out is listed below "
                           "with the rule that kept it out: change availability or the dates, then plan again.")
    if plan.cancelled:
        return PlanOutcome("warning", "You stopped the planner",
                           f"This is the best plan it found in {view.seconds:.0f} seconds; "
                           f"it may be up to {_percent(plan.gap)} from the best possible.")
    if plan.status == "optimal":
        return PlanOutcome("success", "The best possible plan",
                           f"The planner proved no plan scores better, in {view.seconds:.1f} seconds.")
    if plan.gap <= GOOD_GAP:
        return PlanOutcome("success", f"A good plan, within {_percent(plan.gap)} of the best possible",
                           f"Time ran out ({time_limit:.0f} seconds) before the planner could prove it the best.")
    return PlanOutcome("warning", "Time ran out before the planner found a good plan",
                       f"This plan may be up to {_percent(plan.gap)} from the best possible. "
                       "Give the planner more time for a better one.")


def gap_words(gap: float | None) -> str:
    """The gap so far, while the planner works."""
    if gap is None:
        return "no plan yet"
    return "proven the best" if gap == 0 else f"within {_percent(gap)} of the best possible"


def tables(view: PlanView) -> PlanTables:
    """The timeline by inspector and month, and the list by month."""
    months: list[str] = []
    for row in view.inspections:
        if row.month not in months:
            months.append(row.month)
    months.sort(key=lambda m: date.fromisoformat(_first_of(view, m)))
    people: dict[str, dict[str, list[str]]] = {}
    for row in view.inspections:
        for name, email in zip(row.team_names, row.team):
            role = "lead" if email == row.lead_inspector else "team"
            day = date.fromisoformat(row.start)
            people.setdefault(name, {}).setdefault(row.month, []).append(f"{row.group}, {day.day} {day:%b} ({role})")
    by_inspector = [InspectorMonths(name, [people[name].get(m, []) for m in months]) for name in sorted(people)]
    by_month = [MonthRows(m, [r for r in view.inspections if r.month == m]) for m in months]
    return PlanTables(months=months, by_inspector=by_inspector, by_month=by_month)


def _first_of(view: PlanView, month: str) -> str:
    return min(r.start for r in view.inspections if r.month == month)


def _groups(n: int) -> str:
    return "group" if n == 1 else "groups"


def _percent(gap: float) -> str:
    return f"{gap * 100:.1f}%"
