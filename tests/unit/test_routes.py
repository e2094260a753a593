"""Every path is declared once in routes.py: the pages register with it, the links are built by it."""

import re

import pytest
import reflex as rx
from starlette.routing import Match

from safehouse_portal import routes
from safehouse_portal.domain.enums import Role
from safehouse_portal.portals.accounts import pages as accounts
from safehouse_portal.portals.analytics import pages as analytics
from safehouse_portal.portals.audit import pages as audit
from safehouse_portal.portals.engagement import pages as engagement
from safehouse_portal.portals.judgements import pages as judgements
from safehouse_portal.portals.learning import pages as learning
from safehouse_portal.portals.pir import pages as pir
from safehouse_portal.portals.planning import pages as planning
from safehouse_portal.portals.programme import pages as programme
from safehouse_portal.portals.providers import pages as providers
from safehouse_portal.portals.recommendations import pages as recommendations
from safehouse_portal.portals.reporting import pages as reporting
from safehouse_portal.portals.requests import pages as requests
from safehouse_portal.portals.survey import pages as survey
from safehouse_portal.portals.notifications import pages as notifications
from safehouse_portal.web.routes import http_routes

_AREAS = (accounts, analytics, judgements, pir, programme, providers, recommendations, reporting, requests, survey,
          engagement, audit, notifications, learning, planning)
_HTTP = {routes.SIGN_IN_POST, routes.SIGN_OUT_POST, routes.FILE, routes.DOCUMENT, routes.ANALYTICS_EXPORT,
         routes.PROGRAMME_EXPORT, routes.SURVEY_DOCUMENT, routes.AUDIT_EXPORT, routes.CHANGE_PASSWORD_POST,
         routes.PROGRAMME_REPORT}


class _Recorder:
    """Stands in for the rx.App: keeps each route a page is added with."""

    def __init__(self) -> None:
        self.routes: list[str] = []

    def add_page(self, component, *, route: str, **_options) -> None:
        self.routes.append(route)


def _registered() -> list[str]:
    app = _Recorder()
    for area in _AREAS:
        area.register(app)
    return app.routes


def _declared_pages() -> set[str]:
    constants = {value for name, value in vars(routes).items()
                 if name.isupper() and isinstance(value, str) and value.startswith("/")}
    parts = {routes.workspace_pattern(part) for part in routes.WORKSPACE_PARTS}
    return (constants - _HTTP) | parts | {routes.NOT_FOUND}


def _matches(pattern: str, href: str) -> bool:
    """Whether ``href`` (its path) is an instance of the page ``pattern``."""
    regex = re.sub(r"\\\[[a-z_]+\\\]", "[^/?#]+", re.escape(pattern))
    return re.fullmatch(regex, href.split("?")[0].split("#")[0]) is not None


def test_every_page_the_app_registers_is_declared_in_routes_and_every_declared_page_is_registered():
    registered = _registered()
    assert len(registered) == len(set(registered))
    assert set(registered) == _declared_pages()


@pytest.mark.parametrize(("href", "pattern"), [
    (routes.survey("AbC-_123"), routes.SURVEY),
    (routes.kloe(3, "S1"), routes.KLOE),
    (routes.inspection(3), routes.INSPECTION),
    (routes.inspection_pir(3), routes.INSPECTION_PIR),
    (routes.inspection_requests(3), routes.INSPECTION_REQUESTS),
    (routes.report(3), routes.REPORT),
    (routes.allocation(3), routes.ALLOCATION),
    (routes.workspace(3), routes.WORKSPACE),
    (routes.workspace(3, "concerns"), routes.workspace_pattern("concerns")),
    (routes.recommendation(4), routes.RECOMMENDATION),
    (routes.provider(5), routes.PROVIDER),
    (routes.provider_pir(3), routes.PROVIDER_PIR),
    (routes.pir_section(3, "services"), routes.PROVIDER_PIR_SECTION),
    (routes.provider_request(6), routes.PROVIDER_REQUEST),
    (routes.provider_recommendation(4), routes.PROVIDER_RECOMMENDATION),
    (routes.provider_factual_accuracy(3), routes.PROVIDER_FACTUAL_ACCURACY),
    (routes.admin_user(7), routes.ADMIN_USER),
    (routes.analytics({"view": "themes"}), routes.ANALYTICS),
    (routes.analytics_items({"view": "themes", "kq": "safe"}), routes.ANALYTICS_ITEMS),
    (routes.sign_in(error="refused"), routes.SIGN_IN),
])
def test_each_link_builder_gives_a_path_of_its_registered_page(href, pattern):
    assert _matches(pattern, href)
    assert pattern in _registered()


def test_links_carry_their_ids_where_the_pages_read_them():
    assert routes.kloe(3, "S1") == "/inspections/3/kloes/S1"
    assert routes.workspace(3) == "/inspections/3/workspace"
    assert routes.workspace(3, "checklist") == "/inspections/3/workspace/checklist"
    assert routes.provider_pir() == "/provider/pir"
    assert routes.provider_pir(3) == "/provider/pir?inspection=3"
    assert routes.pir_section(3, "services") == "/provider/pir/services?inspection=3"
    assert routes.pir_section(3, "services", check=True, field="q-staff") == \
        "/provider/pir/services?inspection=3&check=1#q-staff"
    assert routes.document(3, "report-final") == "/documents/inspections/3/report-final.pdf"
    assert routes.file(12) == "/files/12"


@pytest.mark.parametrize("href", [
    routes.file(12), routes.document(3, "fa-form"), routes.analytics_export("xlsx", {"view": "delivery"}),
    routes.audit_export({"provider": 3, "kind": ""}),
    routes.SIGN_IN_POST, routes.SIGN_OUT_POST, routes.CHANGE_PASSWORD_POST,
])
def test_each_download_and_form_link_reaches_one_of_the_plain_http_routes(href):
    scope = {"type": "http", "path": href.split("?")[0], "method": "POST" if "/auth/" in href else "GET"}
    assert any(route.matches(scope)[0] is Match.FULL for route in http_routes().routes)


def test_the_plain_http_routes_are_mounted_on_the_declared_paths():
    assert {route.path for route in http_routes().routes} == _HTTP


def test_analytics_links_encode_the_query_and_keep_the_filters():
    query = {"view": "themes", "from": "2026-04-01", "region": "North East"}
    assert routes.analytics(query) == "/programme/analytics?view=themes&from=2026-04-01&region=North+East"
    assert routes.analytics_items({**query, "kq": "safe"}) == \
        "/programme/analytics/items?view=themes&from=2026-04-01&region=North+East&kq=safe"
    assert routes.analytics_export("csv", query) == \
        "/exports/analytics/themes.csv?view=themes&from=2026-04-01&region=North+East"


def test_sign_in_notes_travel_in_the_query():
    assert routes.sign_in() == "/sign-in"
    assert routes.sign_in(error="refused") == "/sign-in?error=refused"
    assert routes.sign_in(signed_out="1") == "/sign-in?signed_out=1"


@pytest.mark.parametrize(("kind", "target", "href"), [
    ("pir", 0, "/provider/pir"),
    ("factual_accuracy", 3, "/provider/factual-accuracy/3"),
    ("request", 6, "/provider/requests/6"),
    ("recommendation", 4, "/provider/recommendations/4"),
])
def test_a_provider_task_links_to_the_page_its_kind_names(kind, target, href):
    assert routes.provider_task(kind, target) == href


@pytest.mark.parametrize("role", list(Role))
def test_every_role_lands_on_a_registered_page_that_its_navigation_offers(role):
    registered = _registered()
    links = routes.navigation(role)
    assert routes.home(role) in registered and routes.home(role) in [href for _, href in links]
    assert all(href in registered for _, href in links)


def test_a_provider_lead_lands_on_their_home_and_navigates_their_own_work():
    assert routes.home(Role.PROVIDER_LEAD) == "/provider"
    assert routes.navigation(Role.PROVIDER_LEAD) == [
        ("Home", "/provider"), ("Information return", "/provider/pir"), ("Requests", "/provider/requests"),
        ("Recommendations", "/provider/recommendations"), ("Lead contact", "/provider/contact"),
        ("Changes to services", "/provider/changes"), ("Documents", "/provider/documents"),
        ("Good practice", "/good-practice")]


def test_a_builder_given_reflex_vars_renders_the_link_the_browser_builds_from_them():
    inspection_id, code = rx.Var("row.inspection_id").to(int), rx.Var("row.code").to(str)
    link = rx.el.a("S1", href=routes.kloe(inspection_id, code)).render()
    assert 'to:("/inspections/"+row.inspection_id+"/kloes/"+row.code)' in link["props"]
    section = rx.el.a("Staff", href=routes.pir_section(inspection_id, code, check=True, field=code)).render()
    assert 'to:("/provider/pir/"+row.code+"?inspection="+row.inspection_id+"&check=1#"+row.code)' in section["props"]


def test_audit_trail_links_carry_only_the_filters_given():
    assert routes.audit_trail({"inspection": 12, "person": ""}) == "/audit?inspection=12"
    assert routes.audit_export({"provider": 3, "from": "2026-03-01"}) == "/exports/audit.csv?provider=3&from=2026-03-01"


def test_the_programme_report_link_keeps_only_the_period():
    assert routes.programme_report({"view": "themes", "from": "2025-04-01", "to": "2026-03-31", "region": "X"}) \
        == "/documents/programme-report.pdf?from=2025-04-01&to=2026-03-31"
    assert routes.programme_report({"from": "", "view": "judgements"}) == "/documents/programme-report.pdf"
