"""A believable audit trail for the demo: each inspection's stage moves, letters downloaded, addresses viewed.

Written through ``services/core/audit.record`` (so the trail is hash-chained as the app
writes it), dated on the inspections' own step dates, so the audit page has a history to
filter by person, provider, inspection, kind of change and date.
"""

from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, select

from safehouse_portal.db import Inspection, InspectionGroup, Location, User
from safehouse_portal.domain.enums import Role, Stage
from safehouse_portal.services.accounts.sessions import actor_for
from safehouse_portal.services.core import audit

_STEP_DATES = {Stage.ANNOUNCED: "announcement_letter_on", Stage.PIR_RECEIVED: "pir_received_on",
               Stage.INSPECTING: "started_on", Stage.EVIDENCE_REVIEW: "ended_on",
               Stage.FACTUAL_ACCURACY: "draft_sent_on", Stage.REPORT_ISSUED: "final_issued_on"}


def seed(*, session: Session, today: date) -> None:
    manager = session.exec(select(User).where(User.role == Role.PROGRAMME_MANAGER).order_by(User.id)).first()
    leads = {u.provider_id: u for u in session.exec(select(User).where(User.role == Role.PROVIDER_LEAD)).all()}
    stages = list(Stage)
    inspections = session.exec(select(Inspection, InspectionGroup.provider_id).join(
        InspectionGroup, InspectionGroup.id == Inspection.group_id).order_by(Inspection.id)).all()
    for inspection, provider_id in inspections:
        lead_inspector = session.get(User, inspection.lead_inspector_id) if inspection.lead_inspector_id else None
        day = inspection.planned_start - timedelta(days=21)
        for before, after in zip(stages, stages[1:stages.index(inspection.stage) + 1], strict=False):
            column = _STEP_DATES.get(after)
            day = min(getattr(inspection, column) or day if column else day + timedelta(days=3), today)
            who = manager if after is Stage.ANNOUNCED or lead_inspector is None else lead_inspector
            audit.record(session=session, actor=actor_for(who), action="inspection.stage_moved",
                         entity_type="inspection", entity_id=inspection.id, before={"stage": before.value},
                         after={"stage": after.value, "reason": "Demo history"}, at=_at(day, 10))
        lead = leads.get(provider_id)
        if lead is not None and inspection.announcement_letter_on:
            audit.record(session=session, actor=actor_for(lead), action="document.downloaded",
                         entity_type="inspection", entity_id=inspection.id, after={"document": "announcement-letter"},
                         at=_at(min(inspection.announcement_letter_on + timedelta(days=1), today), 9))
    for provider_id in sorted({p for _, p in inspections})[:4]:
        located = session.exec(select(Location.id).where(Location.provider_id == provider_id)).all()
        audit.record(session=session, actor=actor_for(manager), action="address.viewed", entity_type="provider",
                     entity_id=provider_id, after={"locations": list(located)}, at=_at(today - timedelta(days=2), 15))
    session.flush()


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)
