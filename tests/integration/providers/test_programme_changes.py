"""Keeping the programme current: edits with history, group changes that leave inspections under way alone, addresses kept confidential."""

import pytest
from sqlmodel import select

from safehouse_portal.db import AuditEvent, InspectionGroup, LeadContactChange, Location, ProgrammeChange, Provider
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied
from safehouse_portal.services.providers import groups, location_setup, setup
from tests.integration.worlds import factories as f
from tests.integration.worlds.programme_world import covered

LOCATION = {"name": "Ash House", "kind": "safehouse", "region": "Yorkshire and the Humber", "address": "1 Ash Road, Leeds",
            "manager_name": "Priya Shah", "accommodates_children": "yes", "capacity": "8", "active": "yes",
            "closed_on": "", "reason": "Annual check of the provider's details"}


def test_a_manager_changes_a_location_and_each_field_is_kept_with_who_when_before_after_and_why(session, programme):
    manager = f.actor(programme["manager"])
    location_setup.update_location(session=session, actor=manager, location_id=programme["ash"].id, data=LOCATION)
    session.commit()
    view = location_setup.location_setup(session=session, actor=manager, location_id=programme["ash"].id)
    changed = {row.field: (row.before, row.after, row.changed_by, row.reason) for row in view.history}
    assert changed["Region"] == ("London", "Yorkshire and the Humber", "Pm", "Annual check of the provider's details")
    assert changed["Capacity"][:2] == ("6", "8") and changed["Accommodates children"][:2] == ("No", "Yes")
    assert "Address" not in changed
    assert session.get(Location, programme["ash"].id).manager_name == "Priya Shah"


def test_closing_a_location_needs_a_date_and_a_reason_and_nothing_is_half_saved(session, programme):
    manager = f.actor(programme["manager"])
    with pytest.raises(InvalidInput) as refused:
        location_setup.update_location(session=session, actor=manager, location_id=programme["cedar"].id,
                                       data={**LOCATION, "name": "Cedar House", "active": "no", "reason": " ",
                                             "capacity": "lots"})
    assert set(refused.value.errors) == {"closed_on", "reason", "capacity"}
    assert session.get(Location, programme["cedar"].id).active
    assert session.exec(select(ProgrammeChange)).all() == []


def test_a_closed_location_shows_its_closing_date(session, programme):
    manager = f.actor(programme["manager"])
    location_setup.update_location(session=session, actor=manager, location_id=programme["cedar"].id,
                                   data={**LOCATION, "name": "Cedar House", "address": "3 Cedar Road, York",
                                         "active": "no", "closed_on": "2027-03-31"})
    view = location_setup.location_setup(session=session, actor=manager, location_id=programme["cedar"].id)
    assert view.status == "Closed on 31 March 2027" and not view.active


def test_a_manager_changes_the_provider_lead_inspector_and_copy_list_with_history(session, programme):
    manager = f.actor(programme["manager"])
    setup.update_provider(session=session, actor=manager, provider_id=programme["north"].id, data={
        "name": "Amara Okafor", "email": "amara@north.test", "phone": "01632 960 001",
        "designated_inspector_id": str(programme["inspector"].id),
        "copy_list": "ops@north.test\nchair@north.test", "reason": "New lead from January"})
    view = setup.provider_setup(session=session, actor=manager, provider_id=programme["north"].id)
    assert view.designated_inspector == "Insp" and view.copy_list == "ops@north.test\nchair@north.test"
    fields = {row.field for row in view.history}
    assert {"Lead person", "Lead email", "Lead phone", "Designated inspector", "Copy list"} <= fields
    assert session.exec(select(LeadContactChange)).one().new_name == "Amara Okafor"


def test_a_bad_copy_list_or_inspector_is_refused_by_field(session, programme):
    with pytest.raises(InvalidInput) as refused:
        setup.update_provider(session=session, actor=f.actor(programme["manager"]), provider_id=programme["north"].id,
                              data={"name": "A", "email": "a@north.test", "phone": "01632 960 001",
                                    "designated_inspector_id": str(programme["north_lead"].id),
                                    "copy_list": "not an email", "reason": "x"})
    assert set(refused.value.errors) == {"copy_list"}
    with pytest.raises(InvalidInput) as refused:
        setup.update_provider(session=session, actor=f.actor(programme["manager"]), provider_id=programme["north"].id,
                              data={"name": "A", "email": "a@north.test", "phone": "01632 960 001",
                                    "designated_inspector_id": str(programme["north_lead"].id), "reason": "x"})
    assert set(refused.value.errors) == {"designated_inspector_id"}
    assert session.get(Provider, programme["north"].id).lead_name == "Lead of North Trust"


def test_splitting_a_group_leaves_the_inspection_under_way_with_the_locations_it_started_with(session, programme):
    manager, started = f.actor(programme["manager"]), programme["started"]
    assert covered(session, started) == {"Ash House", "Birch House"}
    new_id = groups.split_group(session=session, actor=manager, provider_id=programme["north"].id, data={
        "group_id": str(programme["group_a"].id), "location_ids": [str(programme["birch"].id)],
        "name": "North A2", "reason": "Birch now has its own manager"})
    session.commit()
    assert session.get(Location, programme["birch"].id).group_id == new_id
    assert covered(session, started) == {"Ash House", "Birch House"}
    moves = session.exec(select(ProgrammeChange).where(ProgrammeChange.field == "group")).all()
    assert [(m.before, m.after, m.reason) for m in moves] == [("North A", "North A2", "Birch now has its own manager")]


def test_merging_groups_moves_a_planned_inspections_locations_but_not_those_under_way(session, programme):
    manager = f.actor(programme["manager"])
    groups.merge_groups(session=session, actor=manager, provider_id=programme["north"].id, data={
        "source": str(programme["group_b"].id), "target": str(programme["group_a"].id), "reason": "Same manager now"})
    session.commit()
    assert covered(session, programme["started"]) == {"Ash House", "Birch House"}
    assert covered(session, programme["planned"]) == set()
    view = groups.groups_view(session=session, actor=manager, provider_id=programme["north"].id)
    assert {g.name: g.locations for g in view.groups}["North A"] == "Ash House, Birch House, Cedar House"


def test_closing_a_location_leaves_it_in_the_inspection_under_way(session, programme):
    location_setup.update_location(session=session, actor=f.actor(programme["manager"]),
                                   location_id=programme["ash"].id,
                                   data={**LOCATION, "region": "London", "manager_name": "", "capacity": "6",
                                         "accommodates_children": "no", "active": "no", "closed_on": "2027-01-31"})
    assert covered(session, programme["started"]) == {"Ash House", "Birch House"}


@pytest.mark.parametrize(("change", "data", "field"), [
    ("split_group", {"group_id": "A", "location_ids": ["ash", "abc"], "name": "X", "reason": "r"}, "location_ids"),
    ("split_group", {"group_id": "A", "location_ids": ["ash", "birch"], "name": "X", "reason": "r"}, "location_ids"),
    ("split_group", {"group_id": "A", "location_ids": ["south_house"], "name": "X", "reason": "r"}, "location_ids"),
    ("split_group", {"group_id": "A", "location_ids": [], "name": "North B", "reason": "r"}, "location_ids"),
    ("merge_groups", {"source": "A", "target": "A", "reason": "r"}, "target"),
    ("merge_groups", {"source": "A", "target": "south", "reason": "r"}, "target"),
    ("move_location", {"location_id": "south_house", "group_id": "B", "reason": "r"}, "location_id"),
    ("move_location", {"location_id": "ash", "group_id": "A", "reason": "r"}, "group_id"),
    ("move_location", {"location_id": "ash", "group_id": "B", "reason": ""}, "reason"),
    ("create_group", {"name": "North A", "reason": "r"}, "name"),
])
def test_invalid_group_changes_are_refused_by_field_and_change_nothing(session, programme, change, data, field):
    ids = {"A": programme["group_a"].id, "B": programme["group_b"].id, "ash": programme["ash"].id,
           "birch": programme["birch"].id, "south_house": programme["south_house"].id,
           "south": programme["south_house"].group_id}
    resolved = {k: ([str(ids.get(x, x)) for x in v] if isinstance(v, list) else str(ids.get(v, v))) for k, v in data.items()}
    if change == "split_group" and data["location_ids"] == [] and data["name"] == "North B":
        resolved["location_ids"] = []
    with pytest.raises(InvalidInput) as refused:
        getattr(groups, change)(session=session, actor=f.actor(programme["manager"]),
                                provider_id=programme["north"].id, data=resolved)
    assert field in refused.value.errors
    assert session.exec(select(ProgrammeChange)).all() == []
    assert session.get(Location, programme["ash"].id).group_id == programme["group_a"].id


def test_only_programme_managers_and_admins_change_the_programme(session, programme):
    for who in ("north_lead", "inspector"):
        with pytest.raises(PermissionDenied):
            groups.create_group(session=session, actor=f.actor(programme[who]), provider_id=programme["north"].id,
                                data={"name": "Mine", "reason": "r"})
    groups.create_group(session=session, actor=f.actor(programme["admin"]), provider_id=programme["north"].id,
                        data={"name": "North C", "reason": "Opening in the spring"})
    assert session.exec(select(InspectionGroup).where(InspectionGroup.name == "North C")).one()


def test_an_admin_never_sees_nor_changes_an_address_and_a_managers_view_is_audited(session, programme):
    admin, manager = f.actor(programme["admin"]), f.actor(programme["manager"])
    view = location_setup.location_setup(session=session, actor=admin, location_id=programme["ash"].id)
    assert "Ash Road" not in view.address and not view.may_see_address
    location_setup.update_location(session=session, actor=admin, location_id=programme["ash"].id,
                                   data={**LOCATION, "address": "New Street"})
    assert session.get(Location, programme["ash"].id).address == "1 Ash Road, Leeds"
    assert not session.exec(select(AuditEvent).where(AuditEvent.action == "address.viewed")).all()
    seen = location_setup.location_setup(session=session, actor=manager, location_id=programme["ash"].id)
    assert seen.address == "1 Ash Road, Leeds"
    audited = session.exec(select(AuditEvent).where(AuditEvent.action == "address.viewed")).one()
    assert audited.actor_id == programme["manager"].id and audited.after["locations"] == [programme["ash"].id]


def test_an_address_change_is_kept_but_its_values_shown_only_to_those_who_may_see_addresses(session, programme):
    manager = f.actor(programme["manager"])
    location_setup.update_location(session=session, actor=manager, location_id=programme["ash"].id,
                                   data={**LOCATION, "region": "London", "manager_name": "", "capacity": "6",
                                         "accommodates_children": "no", "address": "5 New Road, Leeds"})
    [row] = location_setup.location_setup(session=session, actor=manager, location_id=programme["ash"].id).history
    assert (row.before, row.after) == ("1 Ash Road, Leeds", "5 New Road, Leeds")
    [hidden] = location_setup.location_setup(session=session, actor=f.actor(programme["admin"]),
                                             location_id=programme["ash"].id).history
    assert (hidden.before, hidden.after) == ("Withheld", "Withheld")
    audit = session.exec(select(AuditEvent).where(AuditEvent.action == "programme.location_changed")).one()
    assert "New Road" not in repr(audit.before) + repr(audit.after)


def test_an_unknown_or_forged_id_is_not_found(session, programme):
    for bad in (None, "1", True, -1, 10**12):
        with pytest.raises(NotFound):
            location_setup.location_setup(session=session, actor=f.actor(programme["manager"]), location_id=bad)
