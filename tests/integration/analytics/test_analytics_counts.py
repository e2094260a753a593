"""The recommendations views counted in the database equal the same views worked out row by row.

The page, its exports and ``safehouse stats`` count recommendations in SQL
(``analytics_load.count_recommendations``); the lists of items behind the numbers read the
rows and shape them with pandas (``documents.analytics.recommendation_frame``). Each
recommendation here has a provider of its own, so the delivery table shows every single
recommendation's delivery: on its due date and the day after, on month ends that a shorter
month clamps, on a leap day, and due today or yesterday.
"""

from datetime import date, timedelta

import pandas as pd
import pytest

from safehouse_portal.db import FrameworkVersion, Inspection, InspectionGroup, Location, Provider, Recommendation
from safehouse_portal.domain.enums import (
    InspectionMode, InspectionType, KeyQuestion, Role, ServiceKind, Stage, Theme, Timescale,
)
from safehouse_portal.domain.recommendations import due_date
from safehouse_portal.services.analytics import service as analytics
from tests.integration.worlds import factories as f

TODAY = date(2026, 3, 11)
ISSUED = [date(2025, 8, 31), date(2024, 1, 31), date(2023, 11, 30), date(2024, 2, 29), date(2026, 2, 18),
          date(2026, 2, 17), date(2025, 12, 11), date(2025, 9, 10), date(2026, 3, 11)]
"""Month ends a shorter month clamps, a leap day, and reports whose recommendations fall due today or yesterday."""
STATUSES = ["met_on_due", "met_day_after", "met_undated", "open", "in_progress", "evidence_submitted", "returned"]
PLACES = [(ServiceKind.SAFEHOUSE, "London"), (ServiceKind.OUTREACH, "Wales"), (None, ""),
          (ServiceKind.OUTREACH, "London")]
"""A group's only location (None: a group with no locations, so outreach with no region)."""


@pytest.fixture
def manager(session):
    version = session.get(FrameworkVersion, 1) or FrameworkVersion(version="t", title="t", source="t")
    session.add(version)
    session.flush()
    n = 0
    for issued_on in ISSUED:
        for timescale in Timescale:
            for status in STATUSES:
                n += 1
                _recommendation(session, n, version.id, issued_on, timescale, status)
    drafting = Provider(name="Drafting", lead_name="L", lead_email="d@x.test", lead_phone="0")
    session.add(drafting)
    session.flush()
    group = InspectionGroup(provider_id=drafting.id, name="Drafting group")
    session.add(group)
    session.flush()
    unissued = _inspection(group.id, version.id, None, Stage.DRAFTING)
    session.add(unissued)
    session.flush()
    session.add(Recommendation(inspection_id=unissued.id, key_question="safe", text="x", theme=Theme.OTHER,
                               timescale=Timescale.IMMEDIATELY))
    session.commit()
    return f.actor(f.user(session, "pm@cqc.test", Role.PROGRAMME_MANAGER))


def _recommendation(session, n: int, version_id: int, issued_on: date, timescale: Timescale, status: str) -> None:
    provider = Provider(name=f"Provider {n:03d}", lead_name="L", lead_email=f"p{n}@x.test", lead_phone="0")
    session.add(provider)
    session.flush()
    group = InspectionGroup(provider_id=provider.id, name=f"Group {n}")
    session.add(group)
    session.flush()
    kind, region = PLACES[n % len(PLACES)]
    if kind is not None:
        session.add(Location(provider_id=provider.id, group_id=group.id, name=f"L{n}", kind=kind, region=region,
                             address="x", capacity=5))
    stage = [Stage.REPORT_ISSUED, Stage.RECOMMENDATIONS_OPEN, Stage.CLOSED][n % 3]
    inspection = _inspection(group.id, version_id, issued_on, stage)
    session.add(inspection)
    session.flush()
    due = due_date(timescale, issued_on)
    met_on = {"met_on_due": due, "met_day_after": due + timedelta(days=1)}.get(status)
    stored = "met" if status.startswith("met") else status
    session.add(Recommendation(
        inspection_id=inspection.id, key_question=list(KeyQuestion)[n % 5].value, text="x",
        theme=list(Theme)[n % len(Theme)], timescale=timescale, status=stored, met_on=met_on))


def _inspection(group_id: int, version_id: int, issued_on: date | None, stage: Stage) -> Inspection:
    day = (issued_on or TODAY) - timedelta(days=60)
    return Inspection(group_id=group_id, type=InspectionType.COMPREHENSIVE, mode=InspectionMode.ON_SITE,
                      key_questions=[kq.value for kq in KeyQuestion], planned_start=day, planned_end=day,
                      stage=stage, framework_version_id=version_id, final_issued_on=issued_on)


def _tables(session, actor, query: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    counted = analytics.compute(session=session, actor=actor, query=query, today=TODAY)
    rows = analytics.compute(session=session, actor=actor, query=query, today=TODAY, items=True)
    assert counted.counted is not None and rows.counted is None
    return analytics.shape(counted).table, analytics.shape(rows).table


FILTERS = [{}, {"from": "2024-02-29", "to": "2025-12-11"}, {"provider": "7"}, {"kind": "outreach"},
           {"region": "London"}, {"kind": "safehouse", "region": "Wales"}, {"from": "2030-01-01"}]


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("view", ["timescales", "themes", "delivery"])
def test_the_counts_from_the_database_equal_the_row_by_row_tables(session, manager, view, filters):
    counted, rows = _tables(session, manager, {"view": view, **filters})
    pd.testing.assert_frame_equal(counted, rows, check_names=False)


def test_every_recommendation_has_the_same_delivery_counted_as_row_by_row(session, manager):
    counted, rows = _tables(session, manager, {"view": "delivery"})
    assert len(counted) == len(ISSUED) * len(Timescale) * len(STATUSES) + 1
    assert set(rows.columns) == {"open", "met_on_time", "met_late", "overdue", "total"}
    assert counted.drop(index="total").sum().to_dict() == rows.drop(index="total").sum().to_dict()
    assert (counted.drop(index="total")["met_late"] > 0).sum() == len(ISSUED) * len(Timescale)
    pd.testing.assert_frame_equal(counted, rows, check_names=False)
