"""Demo data: information requests, lead contact history and recommendation threads (issue 5).

Runs after the issued reports' outcomes (``demo_outcomes``), so every issued report
already has its recommendations. This adds:

- information requests on inspections whose visit has ended: one answered, and on
  inspections still being reported on one open (some by now overdue); a withdrawn one
  on every fourth;
- a second provider whose lead changed phone number, so two histories have something to show;
- threads that match each recommendation's stored status: the evidence and the
  inspector's acceptance of every met one; and on some open ones not yet due, a
  progress update, evidence awaiting a decision, or evidence returned with a comment
  (their statuses move to match; none of these is overdue, so the outcomes' figures hold).
"""

from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, select

from safehouse_portal.db import (
    InfoRequest, Inspection, InspectionGroup, LeadContactChange, Provider, Recommendation, RecommendationUpdate, User,
)
from safehouse_portal.domain.enums import Role, Stage
from safehouse_portal.domain.recommendations import RecommendationStatus, due_date
from safehouse_portal.services.core.calendar import working_calendar
from safehouse_portal.services.requests.info_requests import default_due

_REPORTING = (Stage.EVIDENCE_REVIEW, Stage.DRAFTING, Stage.QUALITY_ASSURANCE, Stage.FACTUAL_ACCURACY, Stage.FINALISING)
_ANSWERED = ("Please send the minutes of the last two staff team meetings.",
             "Minutes of the meetings on the first and third Mondays of last month are attached; the next is "
             "due on Monday.")
_OPEN = ("Please send the supervision records of the two support workers interviewed, for the last six months.",
         "S3")
_WITHDRAWN = "Please send the safehouse's gas safety certificate."
_OPEN_THREADS = (
    ("progress", "We have booked the training provider and set dates for every member of staff."),
    ("evidence", "Every member of staff has now completed the course: the training record is updated."),
    ("returned", "Two staff members are not on the record you sent. Send their certificates too."),
)


def seed(*, session: Session, today: date) -> None:
    """Add this area's demo rows to the base programme and the issued reports' outcomes."""
    leads = {u.provider_id: u.id for u in session.exec(select(User).where(User.role == Role.PROVIDER_LEAD)).all()}
    _requests(session, today, leads)
    _contact_history(session, today, leads)
    _threads(session, today, leads)
    session.flush()


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


def _requests(session: Session, today: date, leads: dict[int, int]) -> None:
    calendar = working_calendar(session=session)
    rows = session.exec(select(Inspection, InspectionGroup.provider_id)
                        .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
                        .where(Inspection.ended_on.is_not(None), Inspection.ended_on <= today)
                        .order_by(Inspection.id)).all()
    for n, (inspection, provider_id) in enumerate(rows):
        asker, ended = inspection.lead_inspector_id, inspection.ended_on
        if asker is None or provider_id not in leads:
            continue
        due = calendar.add_working_days(ended, 7)
        answered_on = min(calendar.add_working_days(ended, 4), today)
        question, answer = _ANSWERED
        session.add(InfoRequest(inspection_id=inspection.id, question=question, due_on=due, status="answered",
                                asked_by_id=asker, asked_at=_at(ended, 16), answer=answer,
                                answered_by_id=leads[provider_id], answered_at=_at(answered_on, 11)))
        if inspection.stage in _REPORTING:
            asked_on = max(ended, today - timedelta(days=3 if n % 2 else 20))
            session.add(InfoRequest(inspection_id=inspection.id, question=_OPEN[0], kloe_code=_OPEN[1],
                                    due_on=default_due(inspection, calendar, asked_on)[0], asked_by_id=asker,
                                    asked_at=_at(asked_on, 15)))
        if n % 4 == 0:
            session.add(InfoRequest(inspection_id=inspection.id, question=_WITHDRAWN, due_on=due,
                                    status="withdrawn", asked_by_id=asker, asked_at=_at(ended, 17)))


def _contact_history(session: Session, today: date, leads: dict[int, int]) -> None:
    second = session.exec(select(Provider).order_by(Provider.id).offset(1)).first()
    if second is None:
        return
    session.add(LeadContactChange(
        provider_id=second.id, changed_by_id=leads.get(second.id),
        changed_at=_at(today - timedelta(days=45), 14),
        old_name=second.lead_name, old_email=second.lead_email, old_phone="01632 960999",
        new_name=second.lead_name, new_email=second.lead_email, new_phone=second.lead_phone))


def _threads(session: Session, today: date, leads: dict[int, int]) -> None:
    rows = session.exec(select(Recommendation, Inspection, InspectionGroup.provider_id)
                        .join(Inspection, Inspection.id == Recommendation.inspection_id)
                        .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
                        .where(Inspection.final_issued_on.is_not(None))
                        .order_by(Recommendation.id)).all()
    open_seen = 0
    for recommendation, inspection, provider_id in rows:
        lead, inspector = leads.get(provider_id), inspection.lead_inspector_id
        if lead is None or inspector is None:
            continue
        issued = inspection.final_issued_on
        if recommendation.status == RecommendationStatus.MET and recommendation.met_on is not None:
            met_on = max(recommendation.met_on, issued)
            _update(session, recommendation, "evidence", "Our evidence that this is done is attached to the "
                    "record held by the inspector.", lead, max(issued, met_on - timedelta(days=3)))
            _update(session, recommendation, "accepted", "Evidence accepted: the recommendation is met.",
                    inspector, met_on)
            continue
        due = due_date(recommendation.timescale, issued)
        if recommendation.status != RecommendationStatus.OPEN or due is None or due <= today:
            continue
        step = open_seen % 4
        open_seen += 1
        if step == 3:
            continue
        day = issued + (today - issued) / 3
        _update(session, recommendation, "progress", _OPEN_THREADS[0][1], lead, day)
        status = RecommendationStatus.IN_PROGRESS
        if step >= 1:
            _update(session, recommendation, "evidence", _OPEN_THREADS[1][1], lead, day + (today - day) / 2)
            status = RecommendationStatus.EVIDENCE_SUBMITTED
        if step == 2:
            _update(session, recommendation, "returned", _OPEN_THREADS[2][1], inspector, today)
            status = RecommendationStatus.RETURNED
        recommendation.status = status.value
        session.add(recommendation)


def _update(session: Session, recommendation: Recommendation, kind: str, text: str, author: int, day: date) -> None:
    session.add(RecommendationUpdate(recommendation_id=recommendation.id, kind=kind, text=text, author_id=author,
                                     at=_at(day, 9 if kind in ("progress", "evidence") else 14)))
