"""The provider lead's home: what needs doing, most urgent first, and the next inspection.

Tasks come from four places, each read for the lead's own provider only: information
returns (PIRs) requested and not yet submitted, open information requests, factual
accuracy forms open on a draft report, and recommendations not yet met. Each has a due
date; the soonest (so the most overdue) comes first.
"""

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, select

from safehouse_portal.db import (
    DeadlineExtension, InfoRequest, Inspection, InspectionGroup, PirReturn, Provider, Recommendation, User,
)
from safehouse_portal.domain.dates import format_date, format_date_range
from safehouse_portal.domain.enums import STAGE_LABELS, InspectionMode, Stage
from safehouse_portal.domain.milestones import Milestone, MilestoneStatus, compute_schedule
from safehouse_portal.domain.pir import ReturnStatus
from safehouse_portal.domain.pir_timing import pir_timing
from safehouse_portal.domain.recommendations import RecommendationStatus
from safehouse_portal.domain.working_days import WorkingCalendar
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.calendar import working_calendar
from safehouse_portal.services.core.errors import NotFound
from safehouse_portal.services.requests.info_requests import due_text, request_status
from safehouse_portal.services.recommendations.threads import recommendation_row
from safehouse_portal.services.programme.deadlines import inspection_dates, state_text

_KIND_ORDER = {"pir": 0, "factual_accuracy": 1, "request": 2, "recommendation": 3}
_NOT_STARTED = (Stage.PLANNED, Stage.ANNOUNCED, Stage.PIR_RECEIVED)


@dataclass(frozen=True)
class Task:
    """One thing the provider must do, with its deadline in words and where to do it.

    ``kind`` names the page it is done on; ``target_id`` is the inspection (factual accuracy),
    request or recommendation it concerns there (0 for the PIR, whose page finds its return).
    """

    kind: str = ""
    title: str = ""
    detail: str = ""
    due_on: str = ""
    due_text: str = ""
    overdue: bool = False
    explanation: str = ""
    target_id: int = 0
    link_text: str = ""


@dataclass(frozen=True)
class NextInspection:
    """The next announced inspection (``announced`` False when there is none)."""

    announced: bool = False
    group_name: str = ""
    dates: str = ""
    type_label: str = ""
    mode_label: str = ""
    lead_inspector: str = ""
    stage_label: str = ""


@dataclass(frozen=True)
class HomeView:
    provider_name: str = ""
    tasks: list[Task] = field(default_factory=list)
    next_inspection: NextInspection = field(default_factory=NextInspection)


def provider_home(*, session: Session, actor: Actor | None, today: date) -> HomeView:
    """The signed-in lead's tasks, most urgent first, and their next announced inspection."""
    actor = access.admit(actor, Action.ACT_AS_PROVIDER)
    provider = session.get(Provider, actor.provider_id) if actor.provider_id else None
    if provider is None:
        raise NotFound("No such provider")
    inspections = list(session.exec(select(Inspection).join(InspectionGroup)
                                    .where(InspectionGroup.provider_id == provider.id)).all())
    groups = {g.id: g for g in session.exec(select(InspectionGroup)
                                            .where(InspectionGroup.provider_id == provider.id)).all()}
    calendar = working_calendar(session=session)
    tasks = (_pir_tasks(session, inspections, groups, calendar, today)
             + _fa_tasks(session, inspections, groups, calendar, today)
             + _request_tasks(session, inspections, groups, calendar, today)
             + _recommendation_tasks(session, inspections, groups, today))
    tasks.sort(key=lambda pair: (pair[0], _KIND_ORDER[pair[1].kind]))
    return HomeView(provider.name, [task for _, task in tasks], _next_inspection(session, inspections, groups, today))


def _schedule(session: Session, inspection: Inspection, calendar: WorkingCalendar,
              today: date) -> dict[Milestone, MilestoneStatus]:
    if inspection.planned_start is None or inspection.planned_end is None \
            or inspection.planned_end < inspection.planned_start:
        return {}
    extensions = {Milestone(row.milestone): row.new_due for row in session.exec(
        select(DeadlineExtension).where(DeadlineExtension.inspection_id == inspection.id)
        .order_by(DeadlineExtension.id)).all() if row.milestone in Milestone}
    try:
        schedule = compute_schedule(inspection_dates(inspection, extensions), today=today, calendar=calendar)
    except ValueError:
        return {}
    return {status.key: status for status in schedule}


def _pir_tasks(session, inspections, groups, calendar, today) -> list[tuple[date, Task]]:
    returns = {r.inspection_id: r for r in session.exec(select(PirReturn).where(
        PirReturn.inspection_id.in_([i.id for i in inspections]))).all()}
    tasks = []
    for inspection in inspections:
        pir = returns.get(inspection.id)
        requested = inspection.pir_requested_on is not None or pir is not None
        submitted = inspection.pir_received_on is not None or (pir is not None and pir.status == ReturnStatus.SUBMITTED)
        status = _schedule(session, inspection, calendar, today).get(Milestone.PIR_DUE)
        if not requested or submitted or status is None:
            continue
        timing = pir_timing(status.due, None, today=today, calendar=calendar)
        progress = "reopened for changes" if pir is not None and pir.status == ReturnStatus.REOPENED else \
            "in progress" if pir is not None and pir.status == ReturnStatus.IN_PROGRESS else "not started"
        tasks.append((status.due, Task(
            "pir", "Complete your provider information return (PIR)",
            f"For the inspection of {groups[inspection.group_id].name}: {progress}.",
            format_date(status.due), timing.text, timing.late, status.explanation.text,
            0, "Go to your information return")))
    return tasks


def _fa_tasks(session, inspections, groups, calendar, today) -> list[tuple[date, Task]]:
    tasks = []
    for inspection in inspections:
        if inspection.stage is not Stage.FACTUAL_ACCURACY or inspection.fa_declined \
                or inspection.fa_closed_on is not None:
            continue
        status = _schedule(session, inspection, calendar, today).get(Milestone.FA_COMMENTS_DUE)
        if status is None:
            continue
        tasks.append((status.due, Task(
            "factual_accuracy", "Check the draft report for factual accuracy",
            f"The draft report on {groups[inspection.group_id].name} is with you: say where it is wrong or "
            "incomplete, or that you will not respond.",
            format_date(status.due), _fa_text(status), status.state.value == "overdue", status.explanation.text,
            inspection.id, "Open the factual accuracy form")))
    return tasks


def _fa_text(status) -> str:
    """The provider's deadline in the words every page uses, or that it has already answered."""
    if status.done_on is None:
        return state_text(status)
    return f"Comments sent on {format_date(status.done_on)}. You can send more until {format_date(status.due)}."


def _request_tasks(session, inspections, groups, calendar, today) -> list[tuple[date, Task]]:
    by_id = {i.id: i for i in inspections}
    requests = session.exec(select(InfoRequest).where(InfoRequest.inspection_id.in_(list(by_id)),
                                                      InfoRequest.status == "open")).all()
    tasks = []
    for request in requests:
        status = request_status(request.status, request.due_on, today=today)
        group = groups[by_id[request.inspection_id].group_id]
        tasks.append((request.due_on, Task(
            "request", "Answer a request for more information",
            f"{group.name}: {_short(request.question)}", format_date(request.due_on),
            due_text(status, request.due_on, calendar, today), status == "overdue",
            "Due on the date the inspector set when asking.",
            request.id, "Answer the request")))
    return tasks


def _recommendation_tasks(session, inspections, groups, today) -> list[tuple[date, Task]]:
    issued = {i.id: i for i in inspections if i.final_issued_on is not None}
    rows = session.exec(select(Recommendation).where(
        Recommendation.inspection_id.in_(list(issued)),
        Recommendation.status.in_([s.value for s in (RecommendationStatus.OPEN, RecommendationStatus.IN_PROGRESS,
                                                     RecommendationStatus.RETURNED)]))).all()
    tasks = []
    for recommendation in rows:
        inspection = issued[recommendation.inspection_id]
        row = recommendation_row(recommendation, inspection, groups[inspection.group_id], today)
        due = date.fromisoformat(row.due_iso)
        overdue = row.status == RecommendationStatus.OVERDUE
        tasks.append((due, Task(
            "recommendation", "Show a recommendation is met",
            f"{row.group_name}: {_short(row.text)}", row.due_on,
            f"{row.status_label}: due {row.due_on}" if not overdue else f"Overdue: it was due on {row.due_on}",
            overdue, f"{row.timescale} of receiving the final report, issued on {row.report_issued_on}.",
            recommendation.id, "Update this recommendation")))
    return tasks


def _next_inspection(session, inspections, groups, today) -> NextInspection:
    """The soonest inspection announced (letter sent) that has not started yet."""
    upcoming = [i for i in inspections if i.stage in _NOT_STARTED and i.announcement_letter_on is not None
                and i.planned_start is not None and i.planned_start >= today]
    if not upcoming:
        return NextInspection(False)
    inspection = min(upcoming, key=lambda i: i.planned_start)
    lead = session.get(User, inspection.lead_inspector_id) if inspection.lead_inspector_id else None
    return NextInspection(
        True, groups[inspection.group_id].name, format_date_range(inspection.planned_start, inspection.planned_end),
        inspection.type.value.capitalize(),
        "On site" if inspection.mode is InspectionMode.ON_SITE else "Remote",
        lead.name if lead else "Not yet allocated", STAGE_LABELS[inspection.stage])


def _short(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "..."
