"""Demo data: why each inspection happens, announcement calls, engagement meetings, concerns (issue 16).

Every inspection gets a reason from what it is (a group's first comprehensive inspection is
of a new service, a focused one follows up recommendations, the others are annual). Every
current inspection whose call is recorded gets the call, item by item, made by its lead
inspector; every third one left the timetable to a follow-up call. The first four providers
have had engagement meetings with their designated inspector (the first provider's lead
can see the shared notes, never the internal ones). One provider has an open concern and
another a closed one, so the revisit list and the concerns page have something to show.
"""

from datetime import date, timedelta

from sqlmodel import Session, func, select

from safehouse_portal.db import (
    AnnouncementCall, Concern, ConcernEscalation, EngagementAction, EngagementMeeting, Inspection, InspectionGroup,
    Location, Provider, User,
)
from safehouse_portal.domain.announcement import CALL_ITEMS, CallKind, ItemOutcome
from safehouse_portal.domain.engagement import ConcernSeverity, ConcernSource, ConcernStatus, Recipient
from safehouse_portal.domain.enums import InspectionReason, InspectionType, Role
from safehouse_portal.domain.working_days import WorkingCalendar

_MEETINGS = (
    (95, "Discussed the service's plans for the year and how the last recommendations were met.",
     "Lead seemed unsure who covers nights; check at the next inspection.",
     (("Send the updated staffing rota", "Service manager", 14),)),
    (25, "Talked through the new outreach caseload figures and the survivor survey languages.", "",
     (("Share the survey in Albanian and Vietnamese", "Designated inspector", 10),
      ("Confirm the out-of-hours admissions procedure", "Service manager", 21))),
)
"""Each meeting: days before today, shared notes, internal notes, (action, owner, days after the meeting)."""


def seed(*, session: Session, today: date) -> None:
    """Adds the reasons, calls, meetings and concerns described above."""
    calendar = WorkingCalendar.for_years(range(today.year - 3, today.year + 2))
    _reasons(session)
    _calls(session, calendar, today)
    providers = session.exec(select(Provider).order_by(Provider.id)).all()
    _meetings(session, providers[:4], today)
    _concerns(session, providers, today)
    session.flush()


def _reasons(session: Session) -> None:
    first = {gid: iid for gid, iid in session.exec(
        select(Inspection.group_id, func.min(Inspection.id)).group_by(Inspection.group_id)).all()}
    for inspection in session.exec(select(Inspection)).all():
        if inspection.type is InspectionType.FOCUSED:
            inspection.reason = InspectionReason.FOLLOW_UP
        elif inspection.type is InspectionType.COMPREHENSIVE and first.get(inspection.group_id) == inspection.id:
            inspection.reason = InspectionReason.NEW_SERVICE
        else:
            inspection.reason = InspectionReason.ANNUAL
        session.add(inspection)


def _calls(session: Session, calendar: WorkingCalendar, today: date) -> None:
    latest = select(func.max(Inspection.id)).group_by(Inspection.group_id)
    announced = session.exec(select(Inspection, Provider.lead_name)
                             .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
                             .join(Provider, Provider.id == InspectionGroup.provider_id)
                             .where(Inspection.id.in_(latest), Inspection.announcement_call_on.is_not(None),
                                    Inspection.lead_inspector_id.is_not(None))
                             .order_by(Inspection.id)).all()
    for n, (inspection, lead_name) in enumerate(announced):
        follow_up = n % 3 == 0
        outcomes = {item.key: ItemOutcome.DONE.value for item in CALL_ITEMS}
        notes = {"local_services": "GP practice and the local police modern slavery lead named."}
        if follow_up:
            outcomes["timetable"] = ItemOutcome.FOLLOW_UP.value
            notes["timetable"] = "The manager needs to check the rota before agreeing the days."
        common = {"inspection_id": inspection.id, "made_by_id": inspection.lead_inspector_id, "spoke_to": lead_name,
                  "recorded_by_id": inspection.lead_inspector_id}
        session.add(AnnouncementCall(kind=CallKind.INITIAL, called_on=inspection.announcement_call_on,
                                     outcomes=outcomes, item_notes=notes, **common))
        again = calendar.add_working_days(inspection.announcement_call_on, 2)
        if follow_up and again <= today:
            session.add(AnnouncementCall(kind=CallKind.FOLLOW_UP, called_on=again,
                                         outcomes={"timetable": ItemOutcome.DONE.value},
                                         item_notes={"timetable": "Timetable agreed."}, **common))


def _meetings(session: Session, providers: list[Provider], today: date) -> None:
    for provider in providers:
        if provider.designated_inspector_id is None:
            continue
        inspector = session.get(User, provider.designated_inspector_id)
        for days_ago, notes, internal, actions in _MEETINGS:
            held_on = today - timedelta(days=days_ago)
            meeting = EngagementMeeting(provider_id=provider.id, held_on=held_on, notes=notes,
                                        internal_notes=internal, recorded_by_id=inspector.id,
                                        attendees=f"{provider.lead_name} (lead), {inspector.name} "
                                                  "(designated inspector)")
            session.add(meeting)
            session.flush()
            for action, owner, after in actions:
                due_on = held_on + timedelta(days=after)
                done = due_on <= today - timedelta(days=7)  # done by its due date; later ones still open
                session.add(EngagementAction(meeting_id=meeting.id, action=action, owner=owner, due_on=due_on,
                                             done_on=due_on if done else None,
                                             done_by_id=inspector.id if done else None))


def _concerns(session: Session, providers: list[Provider], today: date) -> None:
    if len(providers) < 3:
        return
    manager = session.exec(select(User).where(User.role == Role.PROGRAMME_MANAGER).order_by(User.id)).first()
    if manager is None:
        return
    location = session.exec(select(Location).where(Location.provider_id == providers[1].id)
                            .order_by(Location.id)).first()
    open_concern = Concern(provider_id=providers[1].id, location_id=location.id if location else None,
                           source=ConcernSource.PARTNER_AGENCY, received_on=today - timedelta(days=6),
                           severity=ConcernSeverity.HIGH, recorded_by_id=manager.id,
                           summary="The local police modern slavery lead reports that two survivors were moved "
                                   "out of the safehouse at night without a risk assessment.")
    closed = Concern(provider_id=providers[2].id, source=ConcernSource.PRIME_CONTRACTOR,
                     received_on=today - timedelta(days=70), severity=ConcernSeverity.LOW, recorded_by_id=manager.id,
                     summary="Delays reported in repairs to a bathroom at one safehouse.",
                     status=ConcernStatus.CLOSED, closed_on=today - timedelta(days=40),
                     closing_note="The provider sent evidence the repairs were done; checked at the engagement "
                                  "meeting.")
    session.add_all([open_concern, closed])
    session.flush()
    session.add(ConcernEscalation(concern_id=open_concern.id, told=Recipient.PRIME_CONTRACTOR,
                                  told_on=today - timedelta(days=5), recorded_by_id=manager.id,
                                  note="Told the prime contractor's safeguarding lead by phone."))
