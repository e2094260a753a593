"""The one way a page runs a service: one session and one actor lookup per event, one way to refuse."""

import pytest
from reflex.istate.data import RouterData
from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import select

from safehouse_portal.db import ClosureDay
from safehouse_portal.domain.enums import Role
from safehouse_portal.portals.programme.closures import AdminClosuresState
from safehouse_portal.portals.shared import event_actor
from safehouse_portal.portals.shared.auth_state import REFUSED
from safehouse_portal.services.core import calendar
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call

NEW_DAY = {"day": "2026-12-29", "reason": "Office move"}


@pytest.fixture
def admin(session, browser_as):
    user = f.user(session, "admin@cqc.test", Role.ADMIN)
    session.commit()
    state = browser_as(user, AdminClosuresState, "/admin/closures")
    session.commit()
    return state


@pytest.fixture
def opened(monkeypatch):
    """The sessions begun and the actor lookups made while a test's event runs."""
    seen = {"sessions": set(), "lookups": 0}

    def begun(session, transaction, connection):
        seen["sessions"].add(id(session))

    def lookup(session, cookie_header):
        seen["lookups"] += 1
        return resolve(session, cookie_header)

    resolve = event_actor.actor_from_cookies
    monkeypatch.setattr(event_actor, "actor_from_cookies", lookup)
    event.listen(OrmSession, "after_begin", begun)
    yield seen
    event.remove(OrmSession, "after_begin", begun)


def _raise(refusal):
    def action(session, actor):
        raise refusal
    return action


def _days(session) -> list[str]:
    session.expire_all()
    return [row.reason for row in session.exec(select(ClosureDay)).all()]


def test_an_action_and_its_refresh_use_one_session_and_resolve_the_actor_once(admin, opened, session):
    call(admin, "add", NEW_DAY)
    assert admin.message.startswith("Closure day added") and [r.reason for r in admin.rows] == ["Office move"]
    assert len(opened["sessions"]) == 1 and opened["lookups"] == 1
    assert _days(session) == ["Office move"]


def test_a_page_load_uses_one_session_and_resolves_the_actor_once(admin, opened):
    call(admin, "load")
    assert admin.signed_in and not admin.not_permitted
    assert len(opened["sessions"]) == 1 and opened["lookups"] == 1


@pytest.mark.parametrize("refusal", [PermissionDenied(), PermissionDenied("Only admins"), NotFound("No such day")])
def test_a_refusal_or_a_missing_record_reads_as_the_one_form_message(admin, refusal):
    done, outcome = admin._run(_raise(refusal))
    assert not done and outcome is refusal
    assert admin.errors == {"form": REFUSED}


def test_invalid_input_lands_beside_its_fields(admin):
    admin.errors = {"form": "left from before"}
    done, _ = admin._run(_raise(InvalidInput({"day": "Enter a real date", "reason": "Enter a reason"})))
    assert not done and admin.errors == {"day": "Enter a real date", "reason": "Enter a reason"}


def test_a_refused_refresh_keeps_nothing_of_the_action(admin, session):
    done, _ = admin._run(lambda s, a: calendar.add_closure_day(session=s, actor=a, data=NEW_DAY),
                         refresh=_raise(PermissionDenied()))
    assert not done and admin.errors == {"form": REFUSED}
    assert _days(session) == []


def test_a_refusal_that_hides_the_page_clears_what_it_showed(admin):
    call(admin, "add", NEW_DAY)
    assert admin.rows
    done, _ = admin._run(_raise(NotFound()), refusal_hides_page=True)
    assert not done and admin.not_permitted and admin.rows == []


def test_each_event_acts_as_its_own_cookie_says_whatever_the_state_showed_before(admin, session):
    call(admin, "load")
    assert admin.signed_in and admin.user_name
    root = admin
    while root.parent_state is not None:
        root = root.parent_state
    signed_out = {"headers": {"cookie": ""}, "pathname": "/admin/closures", "asPath": "/admin/closures"}
    root.router_data, root.router = signed_out, RouterData.from_router_data(signed_out)
    call(admin, "add", NEW_DAY)
    assert admin.errors == {"form": REFUSED} and _days(session) == []
