"""``POST /auth/sign-in``: the route's unit of work keeps a new session, and a refusal's count too."""

import pytest
from sqlmodel import Session, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

import safehouse_portal.db.engine as engine_module
from safehouse_portal.db import AuthSession, User
from safehouse_portal.domain.enums import Role
from safehouse_portal.web.sign_in import ROUTES
from tests.integration.worlds import factories as f

SAME_SITE = {"origin": "http://testserver"}


@pytest.fixture
def client(session, engine, monkeypatch):
    monkeypatch.setattr(engine_module, "get_engine", lambda: engine)
    f.user(session, "ann@cqc.test", Role.INSPECTOR)
    session.commit()
    return TestClient(Starlette(routes=ROUTES), follow_redirects=False)


def _post(client, password: str):
    return client.post("/auth/sign-in", data={"email": "ann@cqc.test", "password": password}, headers=SAME_SITE)


def test_a_correct_password_commits_the_new_session_the_cookie_names(client, engine):
    response = _post(client, f.PASSWORD)
    assert response.status_code == 303 and "shp_session" in response.cookies
    with Session(engine) as reader:
        assert len(reader.exec(select(AuthSession)).all()) == 1


def test_wrong_passwords_are_counted_although_each_is_refused_and_five_lock_the_account(client, engine):
    for _ in range(5):
        assert _post(client, "wrong password!").headers["location"].endswith("?error=refused")
    refused = _post(client, f.PASSWORD)
    assert refused.headers["location"].endswith("?error=refused") and "shp_session" not in refused.cookies
    with Session(engine) as reader:
        assert reader.exec(select(User.locked_until)).one() is not None
        assert reader.exec(select(AuthSession)).all() == []
