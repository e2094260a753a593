"""The demo shows issue 16's engagement: a reason on every inspection, calls, meetings, one open concern."""

from datetime import date

from sqlmodel import select

from safehouse_portal.db import AnnouncementCall, Concern, EngagementMeeting, Inspection
from safehouse_portal.domain.engagement import ConcernStatus
from safehouse_portal.domain.enums import InspectionReason

TODAY = date(2026, 11, 23)


def test_the_demo_has_reasons_calls_meetings_and_one_open_concern(session, seeded_demo):
    seeded_demo(TODAY)
    reasons = {i.reason for i in session.exec(select(Inspection)).all()}
    assert {InspectionReason.NEW_SERVICE, InspectionReason.ANNUAL, InspectionReason.FOLLOW_UP} <= reasons
    calls = session.exec(select(AnnouncementCall)).all()
    called = {c.inspection_id for c in calls}
    latest_called = [i for i in session.exec(select(Inspection)).all()
                     if i.announcement_call_on and i.lead_inspector_id and i.id in called]
    assert latest_called and all(len(c.outcomes) == 12 for c in calls if c.kind.value == "initial")
    assert len(session.exec(select(EngagementMeeting)).all()) >= 4
    statuses = [c.status for c in session.exec(select(Concern)).all()]
    assert statuses.count(ConcernStatus.OPEN) == 1
