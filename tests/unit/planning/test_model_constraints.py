"""Each hard constraint of the plan, shown to bind: a case the objective would break without it."""

from datetime import date, timedelta

from safehouse_portal.domain.planning import CHILDREN, Blocker, Weights, week_of
from tests.unit.planning.build import CALENDAR, MONDAY, checked_plan, fixed, group, inspector, problem

URGENT = 100


def _days(p):
    return p.working_days


def _by_group(plan):
    return {i.group_id: i for i in plan.inspections}


def test_on_site_days_are_consecutive_working_days_stepping_over_christmas():
    first = date(2026, 12, 1)
    p0 = problem([], [], first=first)
    leave = [d for d in _days(p0) if d < date(2026, 12, 24)]
    p = problem([group(1, days=3, priority=URGENT)], [inspector(1, off=leave)], first=first)
    plan = checked_plan(p)
    placed = _by_group(plan)[1]
    assert (placed.start, placed.end) == (date(2026, 12, 24), date(2026, 12, 30))
    assert not CALENDAR.is_working_day(date(2026, 12, 25)) and not CALENDAR.is_working_day(date(2026, 12, 28))


def test_the_announcement_falls_on_or_after_the_plans_first_day():
    plan = checked_plan(problem([group(1, priority=URGENT)], [inspector(1)]))
    placed = _by_group(plan)[1]
    assert placed.announce == MONDAY
    assert placed.start == CALENDAR.add_working_days(MONDAY, 10)


def test_a_group_starts_by_its_deadline_even_when_a_higher_priority_one_wants_the_inspector():
    p0 = problem([], [])
    deadline = _days(p0)[12]
    last_ended = date(deadline.year - 1, deadline.month, deadline.day)
    p = problem([group(1, last_ended=last_ended), group(2, days=5, priority=URGENT)], [inspector(1)])
    placed = _by_group(checked_plan(p))
    assert placed[1].start <= deadline and not placed[1].late
    assert placed[2].start > placed[1].start


def test_an_overdue_group_starts_as_early_as_notice_allows_and_is_reported_late():
    overdue = date(2024, 11, 1)
    p = problem([group(1, last_ended=overdue), group(2, priority=URGENT, provider=2)], [inspector(1)])
    placed = _by_group(checked_plan(p))
    assert placed[1].start == CALENDAR.add_working_days(MONDAY, 10)
    assert placed[1].late and placed[1].latest_start == date(2025, 11, 1)


def test_an_inspector_is_never_in_two_places_at_once():
    p = problem([group(1, days=2, priority=URGENT), group(2, days=2, priority=URGENT)], [inspector(1)])
    placed = _by_group(checked_plan(p))
    first, second = sorted(placed.values(), key=lambda i: i.start)
    assert second.start > first.end


def test_nobody_inspects_on_leave():
    p0 = problem([], [])
    leave = _days(p0)[10:13]
    plan = checked_plan(problem([group(1, priority=URGENT)], [inspector(1, off=leave)]))
    assert _by_group(plan)[1].start == _days(p0)[13]


def test_an_inspector_leads_no_more_than_their_limit_in_any_4_weeks():
    p = problem([group(1, priority=URGENT), group(2, priority=URGENT)], [inspector(1, max_leads=1)], weeks=10)
    placed = sorted(_by_group(checked_plan(p)).values(), key=lambda i: i.start)
    assert week_of(placed[1].start) - week_of(placed[0].start) >= timedelta(weeks=4)


def test_the_lead_is_one_of_a_team_of_the_right_size():
    p = problem([group(1, days=2, team=2, priority=URGENT)], [inspector(1), inspector(2), inspector(3)])
    placed = _by_group(checked_plan(p))[1]
    assert len(placed.team_ids) == 2 and placed.lead_id in placed.team_ids


def test_a_group_accommodating_children_gets_someone_with_childrens_safeguarding_however_far():
    p = problem([group(1, skills=[CHILDREN], priority=URGENT)],
                [inspector(1, region="London"), inspector(2, region="North East", skills=[CHILDREN])])
    assert _by_group(checked_plan(p))[1].team_ids == (2,)


def test_two_inspections_of_one_provider_never_start_in_the_same_week():
    p = problem([group(1, provider=7, priority=URGENT), group(2, provider=7, priority=URGENT)],
                [inspector(1), inspector(2)])
    placed = _by_group(checked_plan(p))
    assert week_of(placed[1].start) != week_of(placed[2].start)


def test_inspections_already_planned_keep_their_people_and_their_provider_week():
    p0 = problem([], [])
    days = _days(p0)
    planned = fixed(9, days[10], days[11], lead=1, provider=5)
    p = problem([group(1, priority=URGENT), group(2, provider=5, priority=URGENT)], [inspector(1)],
                fixed=[planned])
    placed = _by_group(checked_plan(p))
    assert placed[1].start >= days[12]
    assert week_of(placed[2].start) != week_of(days[10])


def test_inspectors_near_the_group_are_preferred():
    p = problem([group(1, region="Wales", priority=URGENT)],
                [inspector(1, region="North East"), inspector(2, region="Wales")])
    assert _by_group(checked_plan(p))[1].team_ids == (2,)


def test_a_released_inspection_moves_as_little_as_it_can_when_replanned():
    p0 = problem([], [])
    before = _days(p0)[20]
    p = problem([group(1, priority=5, previous_start=before, previous_team=[2])], [inspector(1), inspector(2)])
    placed = _by_group(checked_plan(p))[1]
    assert (placed.start, placed.team_ids) == (before, (2,))


def test_without_the_stability_weight_the_same_inspection_would_move():
    p0 = problem([], [])
    p = problem([group(1, priority=5, previous_start=_days(p0)[20])], [inspector(1)],
                weights=Weights(stability=0))
    assert _by_group(checked_plan(p))[1].start == _days(p0)[10]


def test_an_impossible_plan_names_each_group_left_out_and_what_blocked_it():
    p = problem([group(1, skills=[CHILDREN]), group(2), group(3, days=6, priority=URGENT)], [inspector(1)], weeks=3)
    plan = checked_plan(p)
    assert plan.status == "infeasible"
    reasons = {u.group_id: u.blocker for u in plan.unplaced}
    assert reasons[1] is Blocker.SKILLS
    assert reasons[3] is Blocker.HORIZON
    assert 2 in _by_group(plan)
    assert all(u.why for u in plan.unplaced)


def test_a_group_whose_team_is_on_leave_before_its_deadline_is_named_with_the_leave():
    p0 = problem([], [])
    days = _days(p0)
    deadline = days[14]
    p = problem([group(1, last_ended=date(deadline.year - 1, deadline.month, deadline.day))],
                [inspector(1, off=days[:20])])
    plan = checked_plan(p)
    assert [u.blocker for u in plan.unplaced] == [Blocker.AVAILABILITY]
