"""A change a provider tells us of notifies the programme managers; the decision notifies that provider's leads."""

import pytest
from sqlmodel import Session, select

from safehouse_portal import routes
from safehouse_portal.db import Notification
from safehouse_portal.domain.enums import Role
from safehouse_portal.services.core.uow import unit_of_work
from safehouse_portal.services.notifications import preferences
from safehouse_portal.services.providers import proposals
from tests.integration.worlds import factories as f


@pytest.fixture
def people(session, programme):
    """A second programme manager, one who has left, and a second lead at North."""
    left = f.user(session, "gone@cqc.test", Role.PROGRAMME_MANAGER)
    left.active = False
    session.add(left)
    session.commit()
    return {**programme, "manager_2": f.user(session, "pm2@cqc.test", Role.PROGRAMME_MANAGER),
            "left_manager": left, "north_lead_2": f.user(session, "second@north.test", Role.PROVIDER_LEAD,
                                                         programme["north"])}


def _told(session) -> list[tuple[int, str, str]]:
    return sorted((n.user_id, n.kind, n.link_target) for n in session.exec(select(Notification)))


def _propose(session, world) -> int:
    return proposals.propose(session=session, actor=f.actor(world["north_lead"]), data={
        "kind": "manager", "location_id": str(world["ash"].id), "manager_name": "Jo Bloggs"})


def test_a_proposal_tells_every_active_programme_manager_and_nobody_else(session, people):
    _propose(session, people)
    session.commit()
    assert _told(session) == sorted([(people["manager"].id, "service_change_proposed", "service_changes"),
                                     (people["manager_2"].id, "service_change_proposed", "service_changes")])
    assert routes.notification_href("service_changes") == routes.SERVICE_CHANGES


def test_accepting_tells_the_proposing_providers_leads_only(session, people):
    proposal_id = _propose(session, people)
    session.commit()
    proposals.accept(session=session, actor=f.actor(people["manager"]), proposal_id=str(proposal_id))
    session.commit()
    decided = [t for t in _told(session) if t[1] != "service_change_proposed"]
    assert decided == sorted([(people["north_lead"].id, "service_change_accepted", "provider_changes"),
                              (people["north_lead_2"].id, "service_change_accepted", "provider_changes")])
    assert routes.notification_href("provider_changes") == routes.PROVIDER_CHANGES


def test_declining_tells_the_proposing_providers_leads_it_was_declined(session, people):
    proposal_id = _propose(session, people)
    proposals.decline(session=session, actor=f.actor(people["manager_2"]), proposal_id=proposal_id,
                      reason="Jo Bloggs is not registered as a manager yet")
    session.commit()
    decided = [t for t in _told(session) if t[1] != "service_change_proposed"]
    assert decided == sorted([(people["north_lead"].id, "service_change_declined", "provider_changes"),
                              (people["north_lead_2"].id, "service_change_declined", "provider_changes")])
    assert people["south_lead"].id not in {who for who, _, _ in _told(session)}


def test_a_proposal_or_a_decision_rolled_back_leaves_no_notification(engine, session, people):
    with pytest.raises(RuntimeError), unit_of_work(lambda: Session(engine)) as unit:
        _propose(unit, people)
        raise RuntimeError("the action fails after the proposal was added")
    assert _told(session) == []
    proposal_id = _propose(session, people)
    session.commit()
    before = _told(session)
    with pytest.raises(RuntimeError), unit_of_work(lambda: Session(engine)) as unit:
        proposals.accept(session=unit, actor=f.actor(people["manager"]), proposal_id=proposal_id)
        raise RuntimeError("the action fails after the decision")
    assert _told(session) == before and len(before) == 2


def test_each_role_can_turn_off_the_emails_of_the_changes_it_is_told_of(session, people):
    def kinds(who):
        return {row.kind for row in preferences.my_preferences(session=session, actor=f.actor(people[who]))}
    assert "service_change_proposed" in kinds("manager") and "service_change_proposed" not in kinds("inspector")
    assert {"service_change_accepted", "service_change_declined"} <= kinds("north_lead")
    assert not {"service_change_accepted", "service_change_declined"} & kinds("manager")
