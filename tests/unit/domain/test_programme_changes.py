"""Splitting and merging inspection groups, closing a location, and when an inspection keeps its locations."""

from datetime import date

import pytest

from safehouse_portal.domain.enums import Stage
from safehouse_portal.domain.programme_changes import (
    closing_problem, format_value, membership_frozen, merge_problem, split_problem,
)


def test_a_split_moves_some_of_the_groups_locations_and_leaves_the_rest():
    assert split_problem({1, 2, 3}, {2}) is None
    assert split_problem({1, 2, 3}, {1, 3}) is None


@pytest.mark.parametrize(("moving", "says"), [
    (set(), "Choose the locations"),
    ({1, 2, 3}, "Leave at least one location"),
    ({4}, "locations of the group"),
    ({1, 4}, "locations of the group"),
])
def test_a_split_that_moves_nothing_everything_or_another_groups_locations_is_refused(moving, says):
    assert says in split_problem({1, 2, 3}, moving)


def test_a_merge_needs_two_different_groups_of_one_provider():
    assert merge_problem(1, 2, True) == {}
    assert set(merge_problem(None, None, True)) == {"source", "target"}
    assert "different group" in merge_problem(1, 1, True)["target"]
    assert "same provider" in merge_problem(1, 2, False)["target"]


def test_a_closed_location_needs_its_closing_date():
    assert closing_problem(True, None) is None
    assert closing_problem(False, date(2027, 3, 31)) is None
    assert "date the service closed" in closing_problem(False, None)


def test_a_planned_inspection_follows_its_group_and_one_under_way_keeps_its_locations():
    assert not membership_frozen(Stage.PLANNED)
    assert all(membership_frozen(stage) for stage in Stage if stage is not Stage.PLANNED)


def test_history_values_read_as_words():
    assert [format_value(v) for v in (True, False, None, "", date(2027, 1, 2), 6)] == [
        "Yes", "No", "-", "-", "2027-01-02", "6"]
