"""The programme-change pages' handlers called as a forging browser: wrong role, another provider's ids, bad arguments."""

from sqlmodel import select

from safehouse_portal import routes
from safehouse_portal.db import InspectionGroup, Location, ServiceChangeProposal
from safehouse_portal.portals.providers.programme_groups import ProgrammeGroupsState
from safehouse_portal.portals.providers.programme_location import ProgrammeLocationState
from safehouse_portal.portals.providers.provider_changes import ProviderChangesState
from safehouse_portal.portals.providers.service_changes import ServiceChangesState
from safehouse_portal.services.providers import proposals
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call


def test_a_lead_forging_another_providers_location_id_is_refused_and_sees_nothing_of_it(browser_as, session, programme):
    state = browser_as(programme["north_lead"], ProviderChangesState, routes.PROVIDER_CHANGES)
    call(state, "load")
    assert "Quay" not in repr(state.dict()) and "South Trust" not in repr(state.dict())
    call(state, "send", {"kind": "closure", "location_id": str(programme["south_house"].id), "closed_on": "2027-01-01"})
    assert state.errors == {"location_id": "Choose one of your services"}
    call(state, "send", {"kind": "address", "location_id": ["1"], "address": {"x": 1}})
    assert set(state.errors) == {"location_id", "address"}
    assert session.exec(select(ServiceChangeProposal)).all() == []
    assert session.get(Location, programme["south_house"].id).active


def test_a_lead_proposes_through_the_page_and_sees_it_waiting(browser_as, session, programme):
    state = browser_as(programme["north_lead"], ProviderChangesState, routes.PROVIDER_CHANGES)
    call(state, "load")
    call(state, "send", {"kind": "closure", "location_id": str(programme["ash"].id), "closed_on": "2027-01-01"})
    assert state.errors == {} and state.view.proposals[0].status_label == "Waiting for CQC"


def test_leads_inspectors_and_admins_may_not_decide_a_change(browser_as, session, programme):
    proposal_id = proposals.propose(session=session, actor=f.actor(programme["north_lead"]), data={
        "kind": "manager", "location_id": str(programme["ash"].id), "manager_name": "Jo Bloggs"})
    session.commit()
    for who in ("north_lead", "south_lead", "inspector", "admin"):
        state = browser_as(programme[who], ServiceChangesState, routes.SERVICE_CHANGES)
        call(state, "load")
        assert state.not_permitted and state.pending == []
        call(state, "accept", {"proposal_id": str(proposal_id)})
        call(state, "decline", {"proposal_id": str(proposal_id), "reason": "no"})
    session.expire_all()
    assert session.get(ServiceChangeProposal, proposal_id).status.value == "pending"
    manager = browser_as(programme["manager"], ServiceChangesState, routes.SERVICE_CHANGES)
    call(manager, "load")
    call(manager, "accept", {"proposal_id": "abc"})
    assert manager.errors and manager.pending
    call(manager, "accept", {"proposal_id": str(proposal_id)})
    assert manager.pending == [] and "accepted" in manager.message


def test_a_lead_or_inspector_cannot_reach_the_group_or_location_pages(browser_as, session, programme):
    groups_path = routes.programme_groups(programme["north"].id)
    for who in ("north_lead", "inspector"):
        state = browser_as(programme[who], ProgrammeGroupsState, groups_path)
        call(state, "load")
        assert state.not_permitted
        call(state, "create", {"name": "Forged", "reason": "r"})
        location = browser_as(programme[who], ProgrammeLocationState, routes.programme_location(programme["ash"].id))
        call(location, "load")
        assert location.not_permitted and "Ash Road" not in repr(location.dict())
        call(location, "save", {"name": "Forged", "kind": "safehouse", "region": "London", "active": "yes",
                                "accommodates_children": "no", "capacity": "1", "reason": "r"})
    assert session.exec(select(InspectionGroup).where(InspectionGroup.name == "Forged")).all() == []
    assert session.get(Location, programme["ash"].id).name == "Ash House"


def test_a_manager_splits_a_group_on_the_page_and_a_bad_split_shows_errors_by_field(browser_as, session, programme):
    state = browser_as(programme["manager"], ProgrammeGroupsState, routes.programme_groups(programme["north"].id))
    call(state, "load")
    call(state, "split", {"group_id": str(programme["group_a"].id), "name": "", "reason": ""})
    assert state.failed == "split" and set(state.errors) == {"location_ids", "name", "reason"}
    call(state, "split", {"group_id": str(programme["group_a"].id), f"loc-{programme['birch'].id}": "on",
                          "name": "North A2", "reason": "Own manager"})
    assert state.errors == {} and "North A2" in [g.name for g in state.view.groups]
