"""Analytics services, exports and pages: who may see what, and forged calls that get nothing."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import event
from sqlmodel import select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from safehouse_portal import routes
from safehouse_portal.web import exports as exports_web
from safehouse_portal.db import AuditEvent, InspectionGroup, KloeAssessment, Recommendation
from safehouse_portal.domain.enums import Rating, Role, Stage, Theme, Timescale
from safehouse_portal.portals.analytics.items import AnalyticsItemsState
from safehouse_portal.portals.analytics.page import AnalyticsState
from safehouse_portal.services.analytics import service as analytics
from safehouse_portal.services.accounts import sessions as auth
from safehouse_portal.services.analytics.items import analytics_items
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call

TODAY = date(2026, 3, 11)


@pytest.fixture
def programme(session):
    """One issued report with a formula-looking provider name, and one drafting inspection."""
    evil = f.provider(session, "=HYPERLINK(\"http://evil.test\",\"Click\")")
    plain = f.provider(session, "Plain Provider")
    lead = f.user(session, "lead@evil.test", Role.PROVIDER_LEAD, evil)
    issued = f.inspection(session, evil, None, Stage.RECOMMENDATIONS_OPEN)
    f.location(session, evil, "A House", "1 Road", session.get(InspectionGroup, issued.group_id))
    issued.planned_start = issued.planned_end = issued.ended_on = date(2025, 11, 3)
    issued.final_issued_on = date(2026, 1, 5)
    session.add(issued)
    drafting = f.inspection(session, plain, None, Stage.DRAFTING)
    drafting.planned_start = drafting.planned_end = drafting.ended_on = date(2026, 1, 5)
    session.add(drafting)
    for inspection, timescale in ((issued, Timescale.WITHIN_21_DAYS), (drafting, Timescale.IMMEDIATELY)):
        session.add(Recommendation(inspection_id=inspection.id, key_question="safe", text="Do it",
                                   theme=Theme.TRAINING, timescale=timescale))
    session.commit()
    return {"lead": lead, "issued": issued, "drafting": drafting,
            "manager": f.user(session, "pm@cqc.test", Role.PROGRAMME_MANAGER),
            "stakeholder": f.user(session, "ho@homeoffice.test", Role.STAKEHOLDER),
            "inspector": f.user(session, "insp@cqc.test", Role.INSPECTOR)}


def _page(session, user, query):
    return analytics.analytics_page(session=session, actor=f.actor(user) if user else None, query=query,
                                    today=TODAY)


@pytest.mark.parametrize("who", ["lead", "inspector", None])
def test_provider_leads_inspectors_and_nobody_are_refused(session, programme, who):
    with pytest.raises(PermissionDenied):
        _page(session, programme[who] if who else None, {"view": "timescales"})


def test_a_programme_manager_sees_issued_reports_and_every_inspections_deadlines(session, programme):
    page = _page(session, programme["manager"], {"view": "timescales"})
    total = page.table.rows[-1]
    assert [c.text for c in total.cells] == ["1", "0", "1"]
    href = routes.analytics_items(total.cells[0].query)
    assert href.startswith("/programme/analytics/items?view=timescales&kind=safehouse")
    timeliness = analytics.counts(session=session, actor=f.actor(programme["manager"]), view="timeliness",
                                  today=TODAY)
    assert timeliness["draft_report_due"]["fallen_due"] == 2


def test_a_stakeholder_sees_final_report_data_only_and_items_without_links(session, programme):
    actor = f.actor(programme["stakeholder"])
    timeliness = analytics.counts(session=session, actor=actor, view="timeliness", today=TODAY)
    assert timeliness["draft_report_due"]["fallen_due"] == 1
    page = _page(session, programme["stakeholder"], {"view": "delivery"})
    assert page.final_reports_only
    assert [p.label for p in page.providers] == ["=HYPERLINK(\"http://evil.test\",\"Click\")"]
    items = analytics_items(session=session, actor=actor, query={"view": "delivery"}, today=TODAY)
    assert items.count == 1 and all(row.inspection_id is None for row in items.rows)


@pytest.mark.parametrize("query", [{"view": "nonsense"}, {"from": "2026-13-01"}, {"provider": {"$ne": 1}},
                                   {"from": "2026-02-01", "to": "2026-01-01"}, {"kind": "castle"}, ["view"],
                                   {"kq": "happiness", "view": "themes"}])
def test_filters_of_the_wrong_type_or_value_are_refused_by_field(session, programme, query):
    with pytest.raises(InvalidInput):
        _page(session, programme["manager"], query)


def test_the_judgements_follow_the_kloes_and_a_recorded_override(session, programme):
    from safehouse_portal.db import FrameworkKeyQuestion, Kloe, KeyQuestionJudgement

    issued = programme["issued"]
    kq = FrameworkKeyQuestion(version_id=issued.framework_version_id, key="safe", title="Safe", position=1)
    session.add(kq)
    session.commit()
    kloe = Kloe(version_id=issued.framework_version_id, key_question_id=kq.id, code="S1", title="t", question="q",
                position=1)
    session.add(kloe)
    session.commit()
    session.add(KloeAssessment(inspection_id=issued.id, kloe_id=kloe.id, status="final", rating=Rating.NOT_MEETING))
    session.commit()
    manager = f.actor(programme["manager"])
    assert analytics.counts(session=session, actor=manager, view="judgements", today=TODAY)["safe"] == {
        "meeting": 0, "requires_improvement": 0, "not_meeting": 1}
    session.add(KeyQuestionJudgement(inspection_id=issued.id, key_question="safe",
                                     override_rating=Rating.REQUIRES_IMPROVEMENT))
    session.commit()
    assert analytics.counts(session=session, actor=manager, view="judgements", today=TODAY)["safe"][
        "requires_improvement"] == 1


def test_the_export_is_audited_and_a_formula_looking_provider_name_stays_inert(session, programme):
    actor = f.actor(programme["manager"])
    export = analytics.export_view(session=session, actor=actor, query={"view": "delivery"}, fmt="xlsx",
                                   today=TODAY)
    sheet = load_workbook(io.BytesIO(export.content)).active
    names = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert "'=HYPERLINK(\"http://evil.test\",\"Click\")" in names
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    event_row = session.exec(select(AuditEvent).where(AuditEvent.action == "analytics.exported")).one()
    assert event_row.after["view"] == "delivery" and event_row.after["format"] == "xlsx"


def test_the_rows_are_loaded_in_the_same_number_of_queries_whatever_the_size(session, engine, programme):
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        _page(session, programme["manager"], {"view": "delivery"})
        small = len(statements)
        for _ in range(20):
            session.add(Recommendation(inspection_id=programme["issued"].id, key_question="safe", text="More",
                                       theme=Theme.STAFFING, timescale=Timescale.WITHIN_3_MONTHS))
        session.commit()
        statements.clear()
        _page(session, programme["manager"], {"view": "delivery"})
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len(statements) == small <= 8


def test_the_export_route_wants_a_session_and_refuses_a_provider_lead_with_no_data(session, engine, programme,
                                                                                  monkeypatch):
    import safehouse_portal.db.engine as engine_module
    from datetime import UTC, datetime

    monkeypatch.setattr(engine_module, "get_engine", lambda: engine)
    client = TestClient(Starlette(routes=exports_web.ROUTES))
    assert client.get("/exports/analytics/timescales.csv").status_code == 401
    lead_token = auth.sign_in(session=session, email="lead@evil.test", password=f.PASSWORD,
                              now=datetime.now(UTC)).token
    session.commit()
    refused = client.get("/exports/analytics/timescales.csv", cookies={"shp_session": lead_token})
    assert refused.status_code == 404 and "HYPERLINK" not in refused.text
    pm_token = auth.sign_in(session=session, email="pm@cqc.test", password=f.PASSWORD, now=datetime.now(UTC)).token
    session.commit()
    ok = client.get("/exports/analytics/delivery.csv?kind=safehouse", cookies={"shp_session": pm_token})
    assert ok.status_code == 200 and ok.headers["cache-control"] == "private, no-store"
    assert ok.text.lstrip("\ufeff").startswith("Provider,") and "'=HYPERLINK" in ok.text
    assert "service-kind-safehouse" in ok.headers["content-disposition"]
    assert "official-sensitive" in ok.headers["content-disposition"]
    assert client.get("/exports/analytics/delivery.exe", cookies={"shp_session": pm_token}).status_code == 400


def test_a_forged_page_load_by_a_provider_lead_gets_not_permitted_and_no_data(browser_as, programme):
    state = browser_as(programme["lead"], AnalyticsState, "/programme/analytics?view=delivery")
    call(state, "load")
    assert state.not_permitted and state.view.table.rows == []
    items = browser_as(programme["lead"], AnalyticsItemsState, "/programme/analytics/items?view=delivery")
    call(items, "load")
    assert items.not_permitted and items.items.rows == []


def test_a_forged_page_load_with_bad_filters_shows_the_errors_and_every_report(browser_as, programme):
    state = browser_as(programme["manager"], AnalyticsState, "/programme/analytics?view=timescales&from=nope")
    call(state, "load")
    assert not state.not_permitted and "from" in state.errors
    assert state.view.table.rows[-1].cells[-1].text == "1"


def test_the_page_links_every_view_number_and_export_keeping_the_filters(browser_as, programme):
    state = browser_as(programme["manager"], AnalyticsState, "/programme/analytics?view=timescales&from=2025-01-01")
    call(state, "load")
    assert state.view_hrefs[:2] == ["/programme/analytics?view=judgements&from=2025-01-01",
                                    "/programme/analytics?view=timescales&from=2025-01-01"]
    assert state.cell_hrefs[-1][0] == "/programme/analytics/items?view=timescales&from=2025-01-01&kind=safehouse"
    assert len(state.cell_hrefs) == len(state.view.table.rows)
    assert (state.csv_href, state.xlsx_href) == ("/exports/analytics/timescales.csv?view=timescales&from=2025-01-01",
                                                 "/exports/analytics/timescales.xlsx?view=timescales&from=2025-01-01")
    assert state.clear_href == "/programme/analytics?view=timescales"


def test_the_items_page_links_each_inspection_and_back_to_the_filtered_view(browser_as, programme):
    items = browser_as(programme["manager"], AnalyticsItemsState,
                       "/programme/analytics/items?view=timescales&from=2025-01-01&timescale=within_21_days")
    call(items, "load")
    assert [row.inspection_id for row in items.items.rows] == [programme["issued"].id]
    assert items.back_href == "/programme/analytics?view=timescales&from=2025-01-01"
