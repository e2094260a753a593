"""An independent check of a plan against every hard constraint, in plain Python.

It shares no code with the solver's model: it reads a ``Plan`` and its ``PlanProblem`` and
lists, in words, every rule the plan breaks. The tests run it on every plan they make, and
the planner runs it before showing a plan, so a modelling mistake can never reach a person.
"""

from collections import defaultdict
from datetime import date, timedelta

from safehouse_portal.domain.planning import (
    NO_PLAN_STATUSES, WINDOW_WEEKS, Plan, PlanProblem, earliest_start_index, latest_start, lead_limit, week_of,
)


def violations(problem: PlanProblem, plan: Plan) -> list[str]:
    """Every hard constraint ``plan`` breaks; empty when it keeps them all.

    An outcome with no plan (time ran out, or stopped) breaks nothing as long as it claims nothing.
    """
    if plan.status in NO_PLAN_STATUSES:
        return [f"a plan that is {plan.status} lists groups"] if plan.inspections or plan.unplaced else []
    found: list[str] = []
    groups = {g.id: g for g in problem.groups}
    inspectors = {i.id: i for i in problem.inspectors}
    index = {day: n for n, day in enumerate(problem.working_days)}
    placed = [p.group_id for p in plan.inspections]
    unplaced = [u.group_id for u in plan.unplaced]
    for gid in set(placed):
        if placed.count(gid) > 1:
            found.append(f"group {gid} is placed {placed.count(gid)} times")
    if set(placed) & set(unplaced):
        found.append("a group is both placed and unplaced")
    missing = set(groups) - set(placed) - set(unplaced)
    if missing:
        found.append(f"groups {sorted(missing)} are neither placed nor reported unplaced")
    if unplaced and plan.status != "infeasible":
        found.append(f"a {plan.status} plan leaves groups out")
    busy: dict[int, list[tuple[date, int]]] = defaultdict(list)
    leads: dict[int, list[date]] = defaultdict(list)
    provider_weeks: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for fixed in problem.fixed:
        days = _calendar_days(fixed.first, fixed.last, index)
        for person in {fixed.lead_id, *fixed.team_ids} - {None}:
            busy[person].extend((day, -fixed.group_id) for day in days)
        if fixed.lead_id is not None:
            leads[fixed.lead_id].append(fixed.first)
        provider_weeks[fixed.provider_id].append((week_of(fixed.first), -fixed.group_id))
    for p in plan.inspections:
        group = groups.get(p.group_id)
        if group is None:
            found.append(f"group {p.group_id} is not in the problem")
            continue
        found.extend(_check_one(problem, group, p, index, inspectors))
        if p.start in index:
            first = index[p.start]
            for day in problem.working_days[first:first + group.shape.days]:
                for person in p.team_ids:
                    busy[person].append((day, p.group_id))
        leads[p.lead_id].append(p.start)
        provider_weeks[group.provider_id].append((week_of(p.start), p.group_id))
    found.extend(_double_bookings(busy))
    found.extend(_lead_limits(leads, {i.id: lead_limit(i, problem.fixed) for i in problem.inspectors}))
    for provider_id, weeks in provider_weeks.items():
        starts = defaultdict(list)
        for week, gid in weeks:
            starts[week].append(gid)
        found.extend(f"provider {provider_id} has inspections {sorted(g)} starting in the week of {week}"
                     for week, g in starts.items() if len(g) > 1)
    return found


def _check_one(problem, group, p, index, inspectors) -> list[str]:
    found = []
    name = f"group {group.id}"
    if p.start not in index:
        return [f"{name} starts on {p.start}, not a working day of the plan"]
    first = index[p.start]
    if first + group.shape.days - 1 >= len(problem.working_days):
        return [f"{name} runs past the plan's last day"]
    if p.end != problem.working_days[first + group.shape.days - 1]:
        found.append(f"{name} is not {group.shape.days} consecutive working days from {p.start}")
    if first < earliest_start_index() or p.announce != problem.working_days[first - earliest_start_index()]:
        found.append(f"{name}'s announcement is not 10 working days before {p.start} within the plan")
    deadline = latest_start(group)
    earliest = problem.working_days[min(earliest_start_index(), len(problem.working_days) - 1)]
    if deadline is not None and deadline >= earliest and p.start > deadline:
        found.append(f"{name} starts {p.start}, after its deadline {deadline}")
    if p.late != (deadline is not None and p.start > deadline):
        found.append(f"{name} is reported {'late' if p.late else 'on time'} wrongly")
    if len(set(p.team_ids)) != group.shape.team_size or len(p.team_ids) != group.shape.team_size:
        found.append(f"{name} has a team of {len(p.team_ids)}, not {group.shape.team_size}")
    if p.lead_id not in p.team_ids:
        found.append(f"{name}'s lead is not in its team")
    unknown = [t for t in p.team_ids if t not in inspectors]
    if unknown:
        return found + [f"{name} has unknown inspectors {unknown}"]
    for skill in group.skills:
        if not any(skill in inspectors[t].skills for t in p.team_ids):
            found.append(f"{name} has nobody with {skill}")
    days = problem.working_days[first:first + group.shape.days]
    for person in p.team_ids:
        off = [d for d in days if d in inspectors[person].unavailable]
        if off:
            found.append(f"inspector {person} is unavailable on {off[0]} but inspects {name}")
    return found


def _calendar_days(first: date, last: date, index: dict[date, int]) -> list[date]:
    """The working days of the plan from ``first`` to ``last`` (a fixed inspection's days)."""
    days, day = [], first
    while day <= last:
        if day in index:
            days.append(day)
        day += timedelta(days=1)
    return days


def _double_bookings(busy: dict[int, list[tuple[date, int]]]) -> list[str]:
    found = []
    for person, days in busy.items():
        seen: dict[date, int] = {}
        for day, gid in days:
            if day in seen and seen[day] != gid:
                found.append(f"inspector {person} is in two places on {day} (groups {seen[day]} and {gid})")
            seen[day] = gid
    return found


def _lead_limits(leads: dict[int, list[date]], limits: dict[int, int]) -> list[str]:
    found = []
    for person, starts in leads.items():
        limit = limits.get(person)
        if limit is None:
            continue
        starts = sorted(starts)
        for n, first in enumerate(starts):
            within = [s for s in starts[n:] if week_of(s) < week_of(first) + timedelta(weeks=WINDOW_WEEKS)]
            if len(within) > limit:
                found.append(f"inspector {person} leads {len(within)} inspections in the 4 weeks from {first}")
                break
    return found
