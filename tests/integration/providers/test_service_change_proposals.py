"""Provider-notified changes: a lead tells CQC, a programme manager accepts (applied, with history) or declines (with a reason)."""

import pytest
from sqlmodel import select

from safehouse_portal.db import Location, ProgrammeChange, ServiceChangeProposal
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied
from safehouse_portal.services.providers import proposals
from tests.integration.worlds import factories as f
from tests.integration.worlds.programme_world import covered

NEW_SERVICE = {"kind": "new_service", "name": "Rowan House", "kind_of_service": "safehouse", "region": "North East",
               "address": "7 Rowan Way, Durham", "manager_name": "Sam Lee", "accommodates_children": "yes",
               "capacity": "5", "note": "Opens in March"}


def test_a_lead_proposes_a_closure_and_the_manager_accepts_it_applied_with_history(session, programme):
    lead, manager = f.actor(programme["north_lead"]), f.actor(programme["manager"])
    proposal_id = proposals.propose(session=session, actor=lead, data={
        "kind": "closure", "location_id": str(programme["ash"].id), "closed_on": "2027-02-28", "note": "Lease ends"})
    [pending] = proposals.pending_proposals(session=session, actor=manager)
    assert (pending.provider_name, pending.location_name, pending.summary) == (
        "North Trust", "Ash House", "Closes on 28 February 2027")
    proposals.accept(session=session, actor=manager, proposal_id=str(proposal_id))
    ash = session.get(Location, programme["ash"].id)
    assert not ash.active and ash.closed_on.isoformat() == "2027-02-28"
    kept = {c.field: (c.before, c.after, c.source) for c in session.exec(select(ProgrammeChange)).all()}
    assert kept["active"] == ("Yes", "No", "proposal") and kept["closed_on"][1] == "2027-02-28"
    assert covered(session, programme["started"]) == {"Ash House", "Birch House"}
    [mine] = proposals.provider_changes(session=session, actor=lead).proposals
    assert mine.status_label == "Accepted" and mine.outcome.startswith("Accepted on")
    assert proposals.pending_proposals(session=session, actor=manager) == []


def test_a_declined_change_records_the_reason_the_lead_then_sees_and_changes_nothing(session, programme):
    lead, manager = f.actor(programme["north_lead"]), f.actor(programme["manager"])
    proposal_id = proposals.propose(session=session, actor=lead, data={
        "kind": "manager", "location_id": str(programme["birch"].id), "manager_name": "Jo Bloggs"})
    with pytest.raises(InvalidInput) as refused:
        proposals.decline(session=session, actor=manager, proposal_id=proposal_id, reason="  ")
    assert set(refused.value.errors) == {"reason"}
    proposals.decline(session=session, actor=manager, proposal_id=proposal_id,
                      reason="Jo Bloggs is not registered as a manager yet")
    assert session.get(Location, programme["birch"].id).manager_name is None
    [mine] = proposals.provider_changes(session=session, actor=lead).proposals
    assert mine.status_label == "Declined" and mine.outcome.endswith("Jo Bloggs is not registered as a manager yet")
    with pytest.raises(NotFound):
        proposals.accept(session=session, actor=manager, proposal_id=proposal_id)


def test_an_accepted_new_service_becomes_a_location_and_an_address_change_is_applied(session, programme):
    lead, manager = f.actor(programme["north_lead"]), f.actor(programme["manager"])
    new_id = proposals.propose(session=session, actor=lead, data=NEW_SERVICE)
    moved_id = proposals.propose(session=session, actor=lead, data={
        "kind": "address", "location_id": str(programme["cedar"].id), "address": "4 Elm Street, York"})
    proposals.accept(session=session, actor=manager, proposal_id=new_id)
    proposals.accept(session=session, actor=manager, proposal_id=moved_id)
    rowan = session.exec(select(Location).where(Location.name == "Rowan House")).one()
    assert (rowan.provider_id, rowan.capacity, rowan.accommodates_children, rowan.manager_name) == (
        programme["north"].id, 5, True, "Sam Lee")
    assert session.get(Location, programme["cedar"].id).address == "4 Elm Street, York"


@pytest.mark.parametrize(("data", "fields"), [
    ({"kind": "closure", "location_id": "ash", "closed_on": ""}, {"closed_on"}),
    ({"kind": "closure", "location_id": "ash", "closed_on": "2027-02-30"}, {"closed_on"}),
    ({"kind": "manager", "location_id": "", "manager_name": ""}, {"location_id", "manager_name"}),
    ({"kind": "address", "location_id": "ash", "address": "x" * 501}, {"address"}),
    ({"kind": "new_service", "name": "", "kind_of_service": "castle", "region": "Mars", "address": "",
      "accommodates_children": "", "capacity": "-1"},
     {"name", "kind_of_service", "region", "address", "accommodates_children", "capacity"}),
    ({"kind": "teleport"}, {"kind"}),
    ([], {"form"}),
])
def test_a_proposal_with_bad_fields_is_refused_by_field_and_nothing_is_saved(session, programme, data, fields):
    if isinstance(data, dict) and data.get("location_id") == "ash":
        data = {**data, "location_id": str(programme["ash"].id)}
    with pytest.raises(InvalidInput) as refused:
        proposals.propose(session=session, actor=f.actor(programme["north_lead"]), data=data)
    assert set(refused.value.errors) == fields
    assert session.exec(select(ServiceChangeProposal)).all() == []


def test_a_lead_may_not_propose_a_change_to_another_providers_location(session, programme):
    with pytest.raises(InvalidInput) as refused:
        proposals.propose(session=session, actor=f.actor(programme["north_lead"]), data={
            "kind": "closure", "location_id": str(programme["south_house"].id), "closed_on": "2027-02-28"})
    assert refused.value.errors == {"location_id": "Choose one of your services"}
    assert session.get(Location, programme["south_house"].id).active


def test_a_lead_never_sees_another_providers_services_proposals_or_address(session, programme):
    proposals.propose(session=session, actor=f.actor(programme["south_lead"]), data={
        "kind": "address", "location_id": str(programme["south_house"].id), "address": "100 Secret Quay, Bristol"})
    view = proposals.provider_changes(session=session, actor=f.actor(programme["north_lead"]))
    seen = repr(view)
    assert view.proposals == [] and "Quay" not in seen and "South" not in seen
    assert {o.label for o in view.locations} == {"Ash House", "Birch House", "Cedar House"}


def test_only_a_programme_manager_decides_and_only_a_lead_proposes(session, programme):
    proposal_id = proposals.propose(session=session, actor=f.actor(programme["north_lead"]), data={
        "kind": "manager", "location_id": str(programme["ash"].id), "manager_name": "Jo Bloggs"})
    for who in ("north_lead", "south_lead", "inspector", "admin"):
        with pytest.raises(PermissionDenied):
            proposals.accept(session=session, actor=f.actor(programme[who]), proposal_id=proposal_id)
        with pytest.raises(PermissionDenied):
            proposals.pending_proposals(session=session, actor=f.actor(programme[who]))
    for who in ("manager", "inspector", "admin"):
        with pytest.raises(PermissionDenied):
            proposals.propose(session=session, actor=f.actor(programme[who]), data={"kind": "manager"})
    assert session.get(Location, programme["ash"].id).manager_name is None
