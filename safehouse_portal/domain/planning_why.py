"""Why a plan put an inspection where it did, and why it could not place a group: in words.

Pure. The solver decides; these functions explain, from the problem alone, so the words
hold whatever the solver did inside.
"""

from datetime import date

from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.planning import (
    SKILL_LABELS, Blocker, PlanGroup, PlanInspector, PlanProblem, earliest_start_index, latest_start,
    region_distance, week_of,
)


def nearest_km(inspector: PlanInspector, group: PlanGroup) -> int:
    """How far the inspector's home region is from the nearest of the group's regions."""
    return min((region_distance(inspector.home_region, r) for r in group.regions), default=0)


def why_here(group: PlanGroup, start: date, team: list[PlanInspector], lead: PlanInspector,
             free_count: int) -> str:
    """One paragraph: its deadline, its priority, who leads and why they suit, who else was free."""
    deadline = latest_start(group)
    if deadline is None:
        due = "Never inspected: no annual deadline"
    elif start > deadline:
        due = f"Overdue (due by {format_date(deadline)}): placed as early as the notice and the team allow"
    else:
        due = f"Due by {format_date(deadline)}"
    priority = f"priority {group.priority}" + (f" ({'; '.join(group.priority_reasons)})"
                                                 if group.priority_reasons else "")
    distance = "remote" if group.shape.remote else f"{nearest_km(lead, group)} km from home"
    people = f"led by {lead.name or lead.email} ({lead.home_region or 'no home region'}, {distance})"
    others = [p.name or p.email for p in team if p.id != lead.id]
    if others:
        people += f" with {', '.join(others)}"
    return f"{due}; {priority}; {people}; {free_count} inspector{'s' if free_count != 1 else ''} free those days."


def free_inspectors(problem: PlanProblem, group: PlanGroup, days: tuple[date, ...],
                    busy: dict[int, set[date]]) -> list[PlanInspector]:
    """Inspectors neither on leave nor booked on any of ``days`` (``busy``: days already taken)."""
    return [i for i in problem.inspectors
            if not any(d in i.unavailable or d in busy.get(i.id, ()) for d in days)]


def blocker(problem: PlanProblem, group: PlanGroup, busy: dict[int, set[date]]) -> tuple[Blocker, str]:
    """The hard constraint that keeps ``group`` out of a plan, and the words for it.

    Checked from the simplest cause to the most entangled: a horizon too short, too few
    inspectors, a missing skill, leave or other bookings on every possible day, every
    possible week already holding an inspection of the provider; otherwise the group
    competes with others for the same inspectors before its deadline.
    """
    days, first = problem.working_days, earliest_start_index()
    last_start = len(days) - group.shape.days
    if last_start < first:
        return Blocker.HORIZON, (f"The plan is too short: it needs 10 working days' notice and "
                                 f"{group.shape.days} working days on site")
    if len(problem.inspectors) < group.shape.team_size:
        return Blocker.TEAM_SIZE, f"It needs a team of {group.shape.team_size}; there are {len(problem.inspectors)}"
    for skill in sorted(group.skills):
        if not any(skill in i.skills for i in problem.inspectors):
            return Blocker.SKILLS, f"No inspector has {SKILL_LABELS.get(skill, skill).lower()}, which it needs"
    deadline = latest_start(group)
    starts = [n for n in range(first, last_start + 1)
              if deadline is None or deadline < days[first] or days[n] <= deadline]
    by = f" by {format_date(deadline)}" if deadline is not None and deadline >= days[first] else ""
    if not starts:
        return Blocker.DEADLINE, f"Its deadline{by} comes before the earliest day notice allows"
    staffed = [n for n in starts if _team_free(problem, group, days[n:n + group.shape.days], busy)]
    if not staffed:
        return Blocker.AVAILABILITY, (f"No team of {group.shape.team_size} with the skills it needs is free for "
                                      f"{group.shape.days} consecutive working days{by}: leave and inspections "
                                      "already planned fill them")
    taken = {week_of(f.first) for f in problem.fixed if f.provider_id == group.provider_id}
    if all(week_of(days[n]) in taken for n in staffed):
        return Blocker.PROVIDER_WEEK, (f"Every week a team is free{by} already has an inspection of the same "
                                       "provider starting")
    return Blocker.CAPACITY, (f"The inspectors who could go{by} are needed by higher-priority or earlier-due "
                              "groups, or are at their limit of inspections led in 4 weeks")


def _team_free(problem: PlanProblem, group: PlanGroup, days: tuple[date, ...], busy) -> bool:
    free = free_inspectors(problem, group, days, busy)
    if len(free) < group.shape.team_size:
        return False
    return all(any(skill in i.skills for i in free) for skill in group.skills)


__all__ = ["blocker", "free_inspectors", "nearest_km", "why_here", "week_of"]
