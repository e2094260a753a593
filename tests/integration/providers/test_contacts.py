"""The lead contact: the provider keeps it current, every change is kept, staff see the current one."""

import pytest
from sqlmodel import select

from safehouse_portal.db import AuditEvent, LeadContactChange, Provider
from safehouse_portal.services.providers import contacts
from safehouse_portal.services.providers import profiles as providers
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied
from tests.integration.worlds import factories as f

NEW = {"name": "Amara Okafor", "email": "amara.okafor@north.test", "phone": "07700 900 982"}


def test_a_lead_changes_the_contact_and_the_change_is_kept_with_who_and_when(session, provider_world):
    lead = f.actor(provider_world["north_lead"])
    view = contacts.update_lead_contact(session=session, actor=lead, data=NEW)
    assert (view.name, view.email, view.phone) == ("Amara Okafor", "amara.okafor@north.test", "07700 900 982")
    [change] = view.history
    assert change.changed_by == "Lead" and change.before.startswith("Lead of North Trust")
    assert change.after == "Amara Okafor, amara.okafor@north.test, 07700 900 982"
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "provider.lead_contact_changed")).one()


def test_inspectors_and_managers_see_the_current_contact(session, provider_world):
    contacts.update_lead_contact(session=session, actor=f.actor(provider_world["north_lead"]), data=NEW)
    for who in ("inspector", "manager"):
        seen = contacts.lead_contact(session=session, actor=f.actor(provider_world[who]),
                                     provider_id=provider_world["north"].id)
        assert (seen.name, seen.email) == ("Amara Okafor", "amara.okafor@north.test")
    detail = providers.provider_detail(session=session, actor=f.actor(provider_world["inspector"]),
                                       provider_id=provider_world["north"].id)
    assert detail.lead_phone == "07700 900 982"


def test_every_change_is_kept_newest_first(session, provider_world):
    lead = f.actor(provider_world["north_lead"])
    contacts.update_lead_contact(session=session, actor=lead, data=NEW)
    view = contacts.update_lead_contact(session=session, actor=lead, data={**NEW, "phone": "+44 808 157 0192"})
    assert [c.after.rsplit(", ", 1)[1] for c in view.history] == ["+44 808 157 0192", "07700 900 982"]


@pytest.mark.parametrize(("data", "fields"), [
    ({"name": "", "email": "", "phone": ""}, {"name", "email", "phone"}),
    ({**NEW, "email": "amara@"}, {"email"}),
    ({**NEW, "email": "amara okafor@north.test"}, {"email"}),
    ({**NEW, "phone": "12345"}, {"phone"}),
    ({**NEW, "phone": "call me maybe 0770090098"}, {"phone"}),
    ({**NEW, "phone": "0" * 16}, {"phone"}),
    ({**NEW, "name": "x" * 201}, {"name"}),
    ({"name": ["Amara"], "email": {"a": 1}, "phone": 7700900982}, {"name", "email", "phone"}),
    ({}, {"name", "email", "phone"}),
])
def test_invalid_details_are_refused_at_each_field_and_nothing_changes(session, provider_world, data, fields):
    with pytest.raises(InvalidInput) as refused:
        contacts.update_lead_contact(session=session, actor=f.actor(provider_world["north_lead"]), data=data)
    assert set(refused.value.errors) == fields
    assert session.get(Provider, provider_world["north"].id).lead_name == "Lead of North Trust"
    assert session.exec(select(LeadContactChange)).all() == []


def test_saving_the_same_details_is_refused_so_the_history_holds_only_changes(session, provider_world):
    current = contacts.lead_contact(session=session, actor=f.actor(provider_world["north_lead"]))
    with pytest.raises(InvalidInput):
        contacts.update_lead_contact(session=session, actor=f.actor(provider_world["north_lead"]),
                                     data={"name": current.name, "email": current.email, "phone": current.phone})


def test_a_lead_sees_and_changes_only_their_own_providers_contact(session, provider_world):
    south = f.actor(provider_world["south_lead"])
    with pytest.raises(PermissionDenied):
        contacts.lead_contact(session=session, actor=south, provider_id=provider_world["north"].id)
    contacts.update_lead_contact(session=session, actor=south, data=NEW)
    assert session.get(Provider, provider_world["north"].id).lead_name == "Lead of North Trust"
    assert session.get(Provider, provider_world["south"].id).lead_name == "Amara Okafor"


@pytest.mark.parametrize("who", ["inspector", "manager", "admin", "stakeholder"])
def test_only_provider_leads_change_the_contact(session, provider_world, who):
    with pytest.raises(PermissionDenied):
        contacts.update_lead_contact(session=session, actor=f.actor(provider_world[who]), data=NEW)


def test_stakeholders_never_see_the_contact(session, provider_world):
    with pytest.raises(PermissionDenied):
        contacts.lead_contact(session=session, actor=f.actor(provider_world["stakeholder"]),
                              provider_id=provider_world["north"].id)
