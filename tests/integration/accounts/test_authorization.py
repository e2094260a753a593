"""Forged calls are refused: services and State handlers, with other people's ids and roles.

Reflex lets any browser call any public State method with any arguments, so
these tests call the handlers directly, as a hostile browser would.
"""

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from safehouse_portal.db import User
from safehouse_portal.domain.enums import Role
from safehouse_portal.portals.accounts.users import AdminUsersState
from safehouse_portal.portals.programme.board import ProgrammeBoardState
from safehouse_portal.portals.providers.detail import ProviderDetailState
from safehouse_portal.portals.providers.home import ProviderHomeState
from safehouse_portal.services.programme import board
from safehouse_portal.services.providers import profiles as providers
from safehouse_portal.services.accounts import users
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest.fixture
def world(session):
    """Two providers with a lead each, an inspector, a manager and an admin."""
    north, south = f.provider(session, "North Trust"), f.provider(session, "South Trust")
    f.location(session, north, "North House", "1 Secret Lane, Northtown")
    f.location(session, south, "South House", "2 Hidden Road, Southtown")
    people = {
        "north_lead": f.user(session, "lead@north.test", Role.PROVIDER_LEAD, north),
        "south_lead": f.user(session, "lead@south.test", Role.PROVIDER_LEAD, south),
        "inspector": f.user(session, "insp@cqc.test", Role.INSPECTOR),
        "manager": f.user(session, "pm@cqc.test", Role.PROGRAMME_MANAGER),
        "admin": f.user(session, "admin@cqc.test", Role.ADMIN),
        "stakeholder": f.user(session, "ho@homeoffice.test", Role.STAKEHOLDER),
    }
    return {"north": north, "south": south, **people}


def test_a_provider_lead_is_refused_another_providers_details(session, world):
    lead = f.actor(world["north_lead"])
    with pytest.raises(PermissionDenied):
        providers.provider_detail(session=session, actor=lead, provider_id=world["south"].id)
    own = providers.provider_detail(session=session, actor=lead, provider_id=world["north"].id)
    assert [loc.address for loc in own.locations] == ["1 Secret Lane, Northtown"]


@pytest.mark.parametrize("forged", ["1", None, True, {"id": 1}, -5, 10**12])
def test_forged_provider_ids_of_the_wrong_type_are_refused(session, world, forged):
    with pytest.raises((PermissionDenied, InvalidInput)):
        providers.provider_detail(session=session, actor=f.actor(world["north_lead"]), provider_id=forged)


def test_an_inspector_not_on_the_provider_sees_no_addresses(session, world):
    detail = providers.provider_detail(session=session, actor=f.actor(world["inspector"]),
                                       provider_id=world["south"].id)
    assert all(loc.address == providers.ADDRESS_WITHHELD for loc in detail.locations)
    f.inspection(session, world["south"], world["inspector"])
    detail = providers.provider_detail(session=session, actor=f.actor(world["inspector"]),
                                       provider_id=world["south"].id)
    assert [loc.address for loc in detail.locations] == ["2 Hidden Road, Southtown"]


def test_stakeholders_never_see_provider_details(session, world):
    with pytest.raises(PermissionDenied):
        providers.provider_detail(session=session, actor=f.actor(world["stakeholder"]), provider_id=world["north"].id)


def test_an_admin_sees_a_provider_but_not_its_addresses(session, world):
    detail = providers.provider_detail(session=session, actor=f.actor(world["admin"]), provider_id=world["north"].id)
    assert detail.name == "North Trust"
    assert all(loc.address == providers.ADDRESS_WITHHELD for loc in detail.locations)


@pytest.mark.parametrize("who", ["north_lead", "stakeholder"])
def test_provider_leads_and_stakeholders_never_get_the_programme_board(session, world, who):
    with pytest.raises(PermissionDenied):
        board.board_view(session=session, actor=f.actor(world[who]), today=NOW.date())


@pytest.mark.parametrize("who", ["north_lead", "inspector", "manager", "stakeholder"])
def test_only_admins_manage_users(session, world, who):
    forger = f.actor(world[who])
    target = world["south_lead"].id
    for call in (
        lambda: users.list_users(session=session, actor=forger),
        lambda: users.set_active(session=session, actor=forger, user_id=target, active=False, now=NOW),
        lambda: users.reset_password(session=session, actor=forger, user_id=target, now=NOW),
        lambda: users.create_user(session=session, actor=forger, data={"email": "x@y.test", "name": "X",
                                                                     "role": "admin"}),
        lambda: users.change_role(session=session, actor=forger, user_id=forger.user_id, data={"role": "admin"}),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert session.get(User, target).active is True
    assert session.exec(select(User).where(User.email == "x@y.test")).first() is None


def test_a_provider_lead_needs_a_provider(session, world):
    with pytest.raises(InvalidInput) as refused:
        users.create_user(session=session, actor=f.actor(world["admin"]),
                          data={"email": "new@lead.test", "name": "New", "role": "provider_lead"})
    assert "provider_id" in refused.value.errors


# --- State handlers, called as a forging browser would -------------------------------------------


def test_the_provider_page_handler_refuses_a_forged_provider_id(browser_as, world):
    state = browser_as(world["north_lead"], ProviderDetailState, f"/providers/{world['south'].id}")
    call(state, "load")
    assert state.not_permitted is True
    assert state.detail.name == "" and state.detail.locations == []


def test_the_provider_home_handler_shows_only_the_leads_own_provider(browser_as, world):
    state = browser_as(world["south_lead"], ProviderHomeState)
    call(state, "load")
    assert state.detail.name == "South Trust"
    assert "Secret Lane" not in repr(state.dict())


def test_the_programme_handler_gives_a_provider_lead_no_data(browser_as, world, session):
    f.inspection(session, world["south"], world["inspector"])
    state = browser_as(world["north_lead"], ProgrammeBoardState, "/programme")
    call(state, "load")
    assert state.not_permitted is True and state.view.columns == []


@pytest.mark.parametrize("who", ["north_lead", "inspector", "manager", None])
def test_admin_handlers_refuse_everyone_but_admins(browser_as, world, session, who):
    state = browser_as(world[who] if who else None, AdminUsersState)
    target = world["south_lead"]
    call(state, "set_active", target.id, False)
    call(state, "reset_password", target.id)
    call(state, "create", {"email": "forged@x.test", "name": "Forged", "role": "admin"})
    session.expire_all()
    assert session.get(User, target.id).active is True
    assert session.exec(select(User).where(User.email == "forged@x.test")).first() is None
    assert state.shown_password == "" and state.rows == []


def test_admin_handlers_validate_forged_argument_types(browser_as, world, session):
    state = browser_as(world["admin"], AdminUsersState)
    call(state, "set_active", "not-an-id", "false")
    assert "user_id" in state.errors or "active" in state.errors
    call(state, "set_active", world["south_lead"].id, False)
    session.expire_all()
    assert session.get(User, world["south_lead"].id).active is False
