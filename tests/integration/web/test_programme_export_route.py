"""``GET /exports/programme.{csv|xlsx}``: the spreadsheet for programme managers and admins; addresses on request."""

from datetime import UTC, datetime

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

import safehouse_portal.db.engine as engine_module
from safehouse_portal.domain.enums import Role
from safehouse_portal.services.accounts import sessions as auth
from safehouse_portal.web.programme_export import ROUTES
from tests.integration.worlds import factories as f


@pytest.fixture
def world(session, engine, monkeypatch):
    monkeypatch.setattr(engine_module, "get_engine", lambda: engine)
    north = f.provider(session, "North Trust")
    f.location(session, north, "Rowan House", "12 Secret Road")
    return {"manager": f.user(session, "pm@cqc.test", Role.PROGRAMME_MANAGER),
            "admin": f.user(session, "admin@cqc.test", Role.ADMIN),
            "lead": f.user(session, "lead@north.test", Role.PROVIDER_LEAD, north),
            "inspector": f.user(session, "insp@cqc.test", Role.INSPECTOR)}


def _get(session, user, url):
    client = TestClient(Starlette(routes=ROUTES))
    if user is not None:
        token = auth.sign_in(session=session, email=user.email, password=f.PASSWORD, now=datetime.now(UTC)).token
        session.commit()
        client.cookies.set("shp_session", token)
    return client.get(url)


@pytest.mark.parametrize("who", ["manager", "admin"])
def test_managers_and_admins_download_the_spreadsheet_without_addresses(session, world, who):
    response = _get(session, world[who], "/exports/programme.csv")
    assert response.status_code == 200 and b"Rowan House" in response.content
    assert b"12 Secret Road" not in response.content
    assert "attachment" in response.headers["content-disposition"]


def test_a_manager_may_ask_for_the_addresses_and_an_admin_may_not(session, world):
    assert b"12 Secret Road" in _get(session, world["manager"], "/exports/programme.csv?with_addresses=yes").content
    assert _get(session, world["admin"], "/exports/programme.csv?with_addresses=yes").status_code == 404


@pytest.mark.parametrize("who", ["lead", "inspector"])
def test_anyone_else_gets_a_bare_404(session, world, who):
    response = _get(session, world[who], "/exports/programme.xlsx")
    assert response.status_code == 404 and b"Rowan" not in response.content


def test_nobody_signed_in_gets_401_and_another_format_400(session, world):
    assert _get(session, None, "/exports/programme.csv").status_code == 401
    assert _get(session, world["manager"], "/exports/programme.pdf").status_code == 400
