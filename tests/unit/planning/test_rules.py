"""The length and team rule, distances between regions, and the independent checker itself."""

from datetime import date

from safehouse_portal.domain.planning import Plan, PlannedInspection, ShapeRule, inspection_shape, region_distance
from safehouse_portal.domain.planning_check import violations
from tests.unit.planning.build import group, inspector, problem


def test_on_site_days_are_a_third_of_the_locations_rounded_up_between_1_and_5():
    assert [inspection_shape(n, outreach_only=False).days for n in (0, 1, 3, 4, 6, 7, 15, 40)] == [1, 1, 1, 2, 2, 3, 5, 5]


def test_one_inspector_goes_to_up_to_two_locations_and_two_to_more():
    assert [inspection_shape(n, outreach_only=False).team_size for n in (1, 2, 3, 9)] == [1, 1, 2, 2]


def test_only_a_group_of_outreach_services_is_inspected_remotely():
    assert inspection_shape(2, outreach_only=True).remote
    assert not inspection_shape(2, outreach_only=False).remote


def test_the_rule_is_configurable():
    rule = ShapeRule(locations_per_day=2, max_days=3, solo_up_to_locations=1, larger_team=3)
    assert inspection_shape(4, outreach_only=False, rule=rule) == inspection_shape(4, outreach_only=False, rule=rule)
    shape = inspection_shape(9, outreach_only=False, rule=rule)
    assert (shape.days, shape.team_size) == (3, 3)


def test_regions_are_nearer_to_their_neighbours_than_across_the_country():
    assert region_distance("London", "London") == 0
    assert region_distance("London", "South East") < region_distance("London", "North East")
    assert region_distance("Wales", "Atlantis") == 300


def test_the_checker_catches_a_plan_that_double_books_on_leave_and_without_notice():
    p = problem([group(1), group(2)], [inspector(1, off=[date(2026, 1, 6)])])
    day = date(2026, 1, 6)
    bad = Plan(status="feasible", inspections=(
        PlannedInspection(1, day, day, date(2026, 1, 5), 1, (1,)),
        PlannedInspection(2, day, day, date(2026, 1, 5), 1, (1,)),
    ))
    found = " | ".join(violations(p, bad))
    assert "two places" in found and "unavailable" in found and "announcement" in found
