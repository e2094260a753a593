"""``GET /documents/programme-report.pdf``: programme managers and stakeholders get it; provider leads do not."""

import io
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader
from sqlmodel import select
from starlette.applications import Starlette
from starlette.testclient import TestClient

import safehouse_portal.db.engine as engine_module
from safehouse_portal.db import AuditEvent
from safehouse_portal.domain.enums import Role
from safehouse_portal.services.accounts import sessions as auth
from safehouse_portal.web.programme_report import ROUTES
from tests.integration.worlds import factories as f

URL = "/documents/programme-report.pdf?from=2026-04-01&to=2027-03-31"


@pytest.fixture
def world(session, engine, monkeypatch):
    monkeypatch.setattr(engine_module, "get_engine", lambda: engine)
    north = f.provider(session, "North Trust")
    f.location(session, north, "Rowan House", "12 Secret Road")
    return {"manager": f.user(session, "pm@cqc.test", Role.PROGRAMME_MANAGER),
            "stakeholder": f.user(session, "ho@homeoffice.test", Role.STAKEHOLDER),
            "lead": f.user(session, "lead@north.test", Role.PROVIDER_LEAD, north),
            "inspector": f.user(session, "insp@cqc.test", Role.INSPECTOR)}


def _get(session, user, url):
    client = TestClient(Starlette(routes=ROUTES))
    if user is not None:
        token = auth.sign_in(session=session, email=user.email, password=f.PASSWORD, now=datetime.now(UTC)).token
        session.commit()
        client.cookies.set("shp_session", token)
    return client.get(url)


@pytest.mark.parametrize("who", ["manager", "stakeholder"])
def test_managers_and_stakeholders_download_the_report_for_the_period(session, world, who):
    response = _get(session, world[who], URL)
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert 'programme-report-2026-04-01-to-2027-03-31.pdf' in response.headers["content-disposition"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "1 April 2026 to 31 March 2027" in text and "Figure 2" in text
    assert "North Trust" not in text and "Rowan House" not in text and "12 Secret Road" not in text
    session.expire_all()
    audited = session.exec(select(AuditEvent).where(AuditEvent.action == "programme_report.downloaded")).all()
    assert [(e.actor_id, e.after) for e in audited] == [(world[who].id, {"from": "2026-04-01", "to": "2027-03-31"})]


@pytest.mark.parametrize("who", ["lead", "inspector"])
def test_provider_leads_and_inspectors_get_a_bare_404(session, world, who):
    response = _get(session, world[who], URL)
    assert response.status_code == 404 and not response.content.startswith(b"%PDF")


def test_nobody_signed_in_gets_401_and_a_bad_date_400(session, world):
    assert _get(session, None, URL).status_code == 401
    response = _get(session, world["manager"], "/documents/programme-report.pdf?from=2026-13-01")
    assert response.status_code == 400 and "from" in response.text
    backwards = _get(session, world["manager"], "/documents/programme-report.pdf?from=2026-04-01&to=2026-03-01")
    assert backwards.status_code == 400 and "on or after its start" in backwards.text
