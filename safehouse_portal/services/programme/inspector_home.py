"""The inspector's home: their inspections with the next deadline, their providers, their open requests."""

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, select

from safehouse_portal.db import (
    DeadlineExtension, InfoRequest, Inspection, InspectionGroup, Provider,
)
from safehouse_portal.domain.dates import format_date, format_date_range
from safehouse_portal.domain.enums import STAGE_LABELS, Role, Stage
from safehouse_portal.domain.milestones import Milestone, MilestoneState, compute_schedule
from safehouse_portal.domain.working_days import WorkingCalendar
from safehouse_portal.services.core.access import require_role
from safehouse_portal.services.core.access_facts import inspected_by
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.calendar import working_calendar
from safehouse_portal.services.programme.deadlines import inspection_dates, state_text

OPEN_REQUEST_STATUSES = ("open",)
"""Stored statuses of requests still awaiting the provider's answer (overdue is derived from the due date)."""


@dataclass(frozen=True)
class HomeInspection:
    """One of the inspector's inspections, with its next deadline."""

    id: int = 0
    group_name: str = ""
    provider_name: str = ""
    role: str = ""
    type: str = ""
    dates: str = ""
    stage: str = ""
    stage_label: str = ""
    next_milestone: str = ""
    next_due: str = ""
    countdown_text: str = ""
    overdue: bool = False
    countdown: int = 0


@dataclass(frozen=True)
class HomeProvider:
    """A provider the inspector is designated to, with its current lead contact."""

    id: int = 0
    name: str = ""
    lead_name: str = ""
    lead_email: str = ""
    lead_phone: str = ""


@dataclass(frozen=True)
class HomeRequest:
    """An information request the inspector sent that awaits an answer."""

    id: int = 0
    inspection_id: int = 0
    group_name: str = ""
    question: str = ""
    kloe: str = ""
    due: str = ""
    overdue: bool = False


@dataclass(frozen=True)
class InspectorHomeView:
    inspections: list[HomeInspection] = field(default_factory=list)
    providers: list[HomeProvider] = field(default_factory=list)
    requests: list[HomeRequest] = field(default_factory=list)


def inspector_home(*, session: Session, actor: Actor | None, today: date) -> InspectorHomeView:
    """The signed-in inspector's own inspections, designated providers and open requests."""
    actor = require_role(actor, Role.INSPECTOR)
    inspections = session.exec(
        select(Inspection).where(inspected_by(actor.user_id))
        .order_by(Inspection.planned_start.desc())
    ).all()
    groups = _groups(session, {i.group_id for i in inspections})
    calendar = working_calendar(session=session)
    rows = [_inspection_row(session, i, groups[i.group_id], actor, today, calendar) for i in inspections]
    rows.sort(key=lambda r: (r.stage in (Stage.CLOSED.value,), r.next_due == "", -r.overdue, r.countdown))
    providers = session.exec(
        select(Provider).where(Provider.designated_inspector_id == actor.user_id).order_by(Provider.name)).all()
    return InspectorHomeView(
        inspections=rows,
        providers=[HomeProvider(p.id, p.name, p.lead_name, p.lead_email, p.lead_phone) for p in providers],
        requests=_open_requests(session, actor, today),
    )


def _groups(session: Session, group_ids: set[int]) -> dict[int, tuple[str, str]]:
    if not group_ids:
        return {}
    rows = session.exec(select(InspectionGroup, Provider.name)
                        .join(Provider, Provider.id == InspectionGroup.provider_id)
                        .where(InspectionGroup.id.in_(group_ids))).all()
    return {group.id: (group.name, provider) for group, provider in rows}


def _inspection_row(session: Session, inspection: Inspection, group: tuple[str, str], actor: Actor, today: date,
                    calendar: WorkingCalendar) -> HomeInspection:
    milestone = _next_milestone(session, inspection, today, calendar)
    return HomeInspection(
        id=inspection.id,
        group_name=group[0],
        provider_name=group[1],
        role="Lead inspector" if inspection.lead_inspector_id == actor.user_id else "Team member",
        type=inspection.type.value.capitalize(),
        dates=format_date_range(inspection.planned_start, inspection.planned_end),
        stage=inspection.stage.value,
        stage_label=STAGE_LABELS[inspection.stage],
        next_milestone=milestone.label if milestone else "None: every deadline is met",
        next_due=format_date(milestone.due) if milestone else "",
        countdown_text=state_text(milestone) if milestone else "",
        overdue=bool(milestone and milestone.state is MilestoneState.OVERDUE),
        countdown=milestone.countdown if milestone else 0,
    )


def _next_milestone(session: Session, inspection: Inspection, today: date, calendar: WorkingCalendar):
    """The earliest deadline not yet done, or None (closed, no plan, or all done)."""
    if inspection.stage is Stage.CLOSED or inspection.planned_start is None or inspection.planned_end is None \
            or inspection.planned_end < inspection.planned_start:
        return None
    extensions = {Milestone(row.milestone): row.new_due for row in session.exec(
        select(DeadlineExtension).where(DeadlineExtension.inspection_id == inspection.id)
        .order_by(DeadlineExtension.id)).all() if row.milestone in Milestone.__members__.values()}
    schedule = compute_schedule(inspection_dates(inspection, extensions), today=today, calendar=calendar)
    pending = [s for s in schedule if s.done_on is None]
    return min(pending, key=lambda s: s.due) if pending else None


def _open_requests(session: Session, actor: Actor, today: date) -> list[HomeRequest]:
    rows = session.exec(
        select(InfoRequest, InspectionGroup.name)
        .join(Inspection, Inspection.id == InfoRequest.inspection_id)
        .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
        .where(InfoRequest.asked_by_id == actor.user_id, InfoRequest.status.in_(OPEN_REQUEST_STATUSES))
        .order_by(InfoRequest.due_on)
    ).all()
    return [HomeRequest(r.id, r.inspection_id, group, r.question, r.kloe_code or "", format_date(r.due_on),
                        r.due_on < today) for r, group in rows]
