"""Additional information requests: inspectors ask, providers answer, nothing is asked twice.

A request belongs to one inspection. It is due, unless the inspector chooses another
day, 7 working days after the inspection's last day (the programme's timeline). Its
status is ``open``, ``answered`` or ``withdrawn`` as stored, and ``overdue`` when an
open request's due date has passed. Before a request goes out the inspector is warned
when it looks like an earlier request of the same inspection or like something in
the provider's information return (``domain/similarity.py``).
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlmodel import Session, select

from safehouse_portal.db import (
    Inspection, InspectionGroup, InfoRequest, Kloe, Provider, User,
)
from safehouse_portal.services.framework.words import kloe_labels
from safehouse_portal.domain.countdown import countdown_words, deadline_words
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.notifications import LinkTarget, NotificationKind as Kind
from safehouse_portal.domain.milestones import ADDITIONAL_INFO_WORKING_DAYS
from safehouse_portal.domain.similarity import find_similar
from safehouse_portal.domain.options import Option
from safehouse_portal.domain.working_days import WorkingCalendar
from safehouse_portal.services.core import access, audit, outbox
from safehouse_portal.services.core import files
from safehouse_portal.services.core.access import Action, InspectionFacts, ProviderFacts
from safehouse_portal.services.core.access_facts import inspection_facts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.calendar import working_calendar
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.core.files import FileInfo
from safehouse_portal.services.core.validation import bounded_text
from safehouse_portal.services.requests.candidates import earlier_requests, excerpt, pir_answers

MAX_QUESTION = 4000
MAX_ANSWER = 10000
STATUS_LABELS = {"open": "Open", "answered": "Answered", "overdue": "Overdue", "withdrawn": "Withdrawn"}


def request_status(stored: str, due_on: date, *, today: date) -> str:
    """The status people see: the stored one, or ``overdue`` once an open request's due date has passed."""
    return "overdue" if stored == "open" and today > due_on else stored


@dataclass(frozen=True)
class RequestRow:
    """One request as both sides see it."""

    id: int = 0
    inspection_id: int = 0
    group_name: str = ""
    question: str = ""
    kloe_code: str = ""
    kloe_label: str = ""
    due_on: str = ""
    due_text: str = ""
    status: str = ""
    status_label: str = ""
    asked_by: str = ""
    asked_on: str = ""
    answer: str = ""
    answered_by: str = ""
    answered_on: str = ""
    files: list[FileInfo] = field(default_factory=list)
    may_answer: bool = False
    may_withdraw: bool = False


@dataclass(frozen=True)
class SimilarityWarning:
    """Something the new request looks like, in words."""

    kind: str = ""
    reference: str = ""
    question: str = ""
    answer: str = ""
    reason: str = ""
    score: str = ""


@dataclass(frozen=True)
class InspectionRequestsView:
    """An inspection's requests for its inspectors, with what a new request starts from."""

    inspection_id: int = 0
    group_name: str = ""
    provider_name: str = ""
    lead_name: str = ""
    lead_email: str = ""
    lead_phone: str = ""
    default_due: str = ""
    default_due_text: str = ""
    default_due_explanation: str = ""
    kloes: list[Option] = field(default_factory=list)
    requests: list[RequestRow] = field(default_factory=list)
    may_ask: bool = False


@dataclass(frozen=True)
class AskOutcome:
    """A request sent, or held back with the warnings the inspector must see first."""

    sent: bool = False
    request_id: int = 0
    warnings: list[SimilarityWarning] = field(default_factory=list)


def valid_id(value: object, field: str) -> int:
    """``value`` as a database id, or InvalidInput (a browser may send anything)."""
    checked = parse_id(value, text=False)
    if checked is None:
        raise InvalidInput({field: "Unknown " + field.removesuffix("_id").replace("_", " ")})
    return checked


def provider_requests(*, session: Session, actor: Actor | None, today: date) -> list[RequestRow]:
    """Every request made of the signed-in lead's own provider, open ones first, soonest due first."""
    actor = access.admit(actor, Action.ACT_AS_PROVIDER)
    rows = session.exec(
        select(InfoRequest, InspectionGroup.name).join(Inspection, Inspection.id == InfoRequest.inspection_id)
        .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
        .where(InspectionGroup.provider_id == actor.provider_id)
        .order_by(InfoRequest.due_on, InfoRequest.id)
    ).all()
    calendar = working_calendar(session=session)
    result = [_row(session, request, group, actor.provider_id, actor, calendar, today) for request, group in rows]
    return sorted(result, key=lambda r: r.status not in ("overdue", "open"))


def provider_request(*, session: Session, actor: Actor | None, request_id: object, today: date) -> RequestRow:
    """One request of the lead's own provider (another provider's is NotFound, telling nothing)."""
    actor = access.admit(actor, Action.ACT_AS_PROVIDER)
    request, group = _own_request(session, actor, request_id)
    return _row(session, request, group.name, group.provider_id, actor, working_calendar(session=session), today)


def answer_request(*, session: Session, actor: Actor | None, request_id: object, answer: object,
                   file_ids: object, today: date) -> RequestRow:
    """The provider's answer, with any files it uploaded for it; the request becomes answered.

    Raises:
        PermissionDenied: Not a provider lead.
        NotFound: No such request of the lead's own provider.
        InvalidInput: ``answer``: empty or too long, or the request is no longer open;
            ``files``: ids that are not the provider's own uploads.
    """
    actor = access.admit(actor, Action.ACT_AS_PROVIDER)
    request, group = _own_request(session, actor, request_id, lock=True)
    if request.status != "open":
        raise InvalidInput({"answer": f"This request is {STATUS_LABELS[request.status].lower()}: "
                                      "it cannot be answered now"})
    text = _bounded("answer", answer, MAX_ANSWER, f"Enter your answer to the inspector's question, in at most {MAX_ANSWER:,} characters")
    attached = files.owned_ids(session, group.provider_id, file_ids)
    request.answer, request.file_ids, request.status = text, attached, "answered"
    request.answered_by_id, request.answered_at = actor.user_id, datetime.now(UTC)
    session.add(request)
    audit.record(session=session, actor=actor, action="info_request.answered", entity_type="info_request",
                 entity_id=request.id, after={"files": attached, "late": today > request.due_on})
    outbox.notify(session=session, kind=Kind.INFO_ANSWERED, to_user_ids=[request.asked_by_id], inspection_id=request.inspection_id,
                  link=LinkTarget.INSPECTION_REQUESTS, link_id=request.inspection_id)
    session.flush()
    return _row(session, request, group.name, group.provider_id, actor, working_calendar(session=session), today)


def inspection_requests(*, session: Session, actor: Actor | None, inspection_id: object,
                        today: date) -> InspectionRequestsView:
    """An inspection's requests, the provider's current lead contact, and a new request's defaults.

    Raises:
        PermissionDenied: Not staff allowed to see this provider's data.
    """
    actor = access.admit(actor, Action.FOLLOW_UP_WITH_PROVIDER)
    inspection, group, facts = _staff_inspection(session, actor, inspection_id)
    provider = session.get(Provider, group.provider_id)
    calendar = working_calendar(session=session)
    due, explanation = default_due(inspection, calendar, today)
    requests = session.exec(select(InfoRequest).where(InfoRequest.inspection_id == inspection.id)
                            .order_by(InfoRequest.asked_at.desc(), InfoRequest.id.desc())).all()
    kloes = session.exec(select(Kloe).where(Kloe.version_id == inspection.framework_version_id)
                         .order_by(Kloe.position, Kloe.code)).all()
    return InspectionRequestsView(
        inspection_id=inspection.id, group_name=group.name, provider_name=provider.name,
        lead_name=provider.lead_name, lead_email=provider.lead_email, lead_phone=provider.lead_phone,
        default_due=due.isoformat(), default_due_text=format_date(due), default_due_explanation=explanation,
        kloes=[Option("", "No particular KLOE")] + [Option(k.code, f"{k.code}: {k.title}") for k in kloes],
        requests=[_row(session, r, group.name, group.provider_id, actor, calendar, today) for r in requests],
        may_ask=access.may(actor, Action.FOLLOW_UP_WITH_PROVIDER, facts),
    )


def similar_requests(*, session: Session, actor: Actor | None, inspection_id: object,
                     question: object) -> list[SimilarityWarning]:
    """What ``question`` looks like among the inspection's earlier requests and its PIR."""
    actor = access.admit(actor, Action.FOLLOW_UP_WITH_PROVIDER)
    inspection, _group, _facts = _staff_inspection(session, actor, inspection_id)
    return _warnings(session, inspection, _question(question))


def ask_request(*, session: Session, actor: Actor | None, inspection_id: object, data: object,
                send_anyway: object, today: date) -> AskOutcome:
    """Send a request, unless it looks like something already asked or given and ``send_anyway`` is not True.

    Raises:
        PermissionDenied: Not a programme manager or an inspector on this inspection.
        InvalidInput: ``question``, ``kloe_code`` or ``due_on`` is not valid.
    """
    actor = access.admit(actor, Action.FOLLOW_UP_WITH_PROVIDER)
    inspection, _group, facts = _staff_inspection(session, actor, inspection_id)
    access.require(actor, Action.FOLLOW_UP_WITH_PROVIDER, facts)
    data = data if isinstance(data, dict) else {}
    calendar = working_calendar(session=session)
    errors: dict[str, str] = {}
    question = _checked(errors, "question", lambda: _question(data.get("question")))
    kloe = _checked(errors, "kloe_code", lambda: _kloe(session, inspection, data.get("kloe_code")))
    due = _checked(errors, "due_on", lambda: _due(data.get("due_on"), calendar, today))
    if errors:
        raise InvalidInput(errors)
    warnings = _warnings(session, inspection, question)
    if warnings and send_anyway is not True:
        return AskOutcome(False, 0, warnings)
    request = InfoRequest(inspection_id=inspection.id, kloe_code=kloe, question=question,
                          due_on=due or default_due(inspection, calendar, today)[0], asked_by_id=actor.user_id)
    session.add(request)
    session.flush()
    audit.record(session=session, actor=actor, action="info_request.asked", entity_type="info_request",
                 entity_id=request.id, after={"inspection_id": inspection.id, "due_on": request.due_on.isoformat(),
                                              "kloe_code": kloe, "despite_warnings": len(warnings)})
    outbox.notify(session=session, kind=Kind.INFO_REQUESTED, to_user_ids=outbox.provider_leads(session, inspection_id=inspection.id),
                  inspection_id=inspection.id, link=LinkTarget.PROVIDER_REQUEST, link_id=request.id)
    session.flush()
    return AskOutcome(True, request.id, warnings)


def withdraw_request(*, session: Session, actor: Actor | None, request_id: object) -> None:
    """Withdraw an open request (the provider then need not answer it).

    Raises:
        InvalidInput: The request is answered or withdrawn already.
    """
    actor = access.admit(actor, Action.FOLLOW_UP_WITH_PROVIDER)
    request = session.get(InfoRequest, valid_id(request_id, "request_id"))
    if request is None:
        raise NotFound("No such request")
    _inspection, _group, facts = _staff_inspection(session, actor, request.inspection_id)
    access.require(actor, Action.FOLLOW_UP_WITH_PROVIDER, facts)
    if request.status != "open":
        raise InvalidInput({"request_id": f"This request is {STATUS_LABELS[request.status].lower()} already"})
    request.status = "withdrawn"
    session.add(request)
    audit.record(session=session, actor=actor, action="info_request.withdrawn", entity_type="info_request",
                 entity_id=request.id, before={"status": "open"}, after={"status": "withdrawn"})
    session.flush()


def default_due(inspection: Inspection, calendar: WorkingCalendar, today: date) -> tuple[date, str]:
    """7 working days after the inspection's last day (actual, else planned), with how it was counted.

    When that day has already passed (a request long after the visit), 7 working days from today.
    """
    last = inspection.ended_on or inspection.planned_end or today
    which = "actual" if inspection.ended_on else "planned"
    try:
        explanation = calendar.explain_add(last, ADDITIONAL_INFO_WORKING_DAYS)
        if explanation.due >= today:
            return explanation.due, f"{ADDITIONAL_INFO_WORKING_DAYS} working days after the inspection's {which} " \
                                    f"last day. {explanation.text}"
        explanation = calendar.explain_add(today, ADDITIONAL_INFO_WORKING_DAYS)
    except ValueError:
        return today, "The working calendar does not cover these dates: choose the due date."
    return explanation.due, (f"{ADDITIONAL_INFO_WORKING_DAYS} working days after the inspection's last day has "
                             f"passed, so {ADDITIONAL_INFO_WORKING_DAYS} working days from today. {explanation.text}")


def due_text(status: str, due: date, calendar: WorkingCalendar, today: date) -> str:
    """How the request stands against its due date, in working days (``domain.countdown``)."""
    if status in ("answered", "withdrawn"):
        return STATUS_LABELS[status]
    try:
        return deadline_words(calendar, today=today, due=due)
    except ValueError:
        return countdown_words(today=today, due=due, countdown=0)


def _checked(errors: dict[str, str], field: str, parse):
    try:
        return parse()
    except InvalidInput as exc:
        errors.update(exc.errors)
        return None


def _question(value: object) -> str:
    return _bounded("question", value, MAX_QUESTION,
                    f"Enter the information you need, in at most {MAX_QUESTION:,} characters")


def _bounded(field: str, value: object, most: int, message: str) -> str:
    try:
        return bounded_text(value, most=most, message=message)
    except ValueError as exc:
        raise InvalidInput({field: str(exc)}) from None


def _kloe(session: Session, inspection: Inspection, value: object) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str) or len(value) > 10 or session.exec(select(Kloe.id).where(
            Kloe.version_id == inspection.framework_version_id, Kloe.code == value)).first() is None:
        raise InvalidInput({"kloe_code": "Choose a KLOE from the list, or none"})
    return value


def _kloe_label(session: Session, request: InfoRequest) -> str:
    if not request.kloe_code:
        return ""
    inspection = session.get(Inspection, request.inspection_id)
    return kloe_labels(session, inspection.framework_version_id if inspection else None, [request.kloe_code])[0]


def _due(value: object, calendar: WorkingCalendar, today: date) -> date | None:
    if value in (None, ""):
        return None
    message = "Enter a real date, for example 2026-12-15"
    try:
        day = date.fromisoformat(value.strip()) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None:
        raise InvalidInput({"due_on": message})
    if day < today:
        raise InvalidInput({"due_on": "Enter today's date or a later one"})
    if not calendar.covers(day) or not calendar.is_working_day(day):
        raise InvalidInput({"due_on": f"{format_date(day)} is not a working day: choose a working day"})
    return day


def _warnings(session: Session, inspection: Inspection, question: str) -> list[SimilarityWarning]:
    candidates = earlier_requests(session, inspection) + pir_answers(session, inspection)
    return [
        SimilarityWarning(m.candidate.kind, m.candidate.reference, m.candidate.question,
                          excerpt(m.candidate.answer), m.reason, f"{round(m.score * 100)}% alike")
        for m in find_similar(question, candidates)
    ]


def _staff_inspection(session: Session, actor: Actor,
                      inspection_id: object) -> tuple[Inspection, InspectionGroup, InspectionFacts]:
    inspection = session.get(Inspection, valid_id(inspection_id, "inspection_id"))
    if inspection is None:
        raise NotFound("No such inspection")
    group = session.get(InspectionGroup, inspection.group_id)
    facts = inspection_facts(session, inspection)
    access.require(actor, Action.VIEW_PROVIDER_RECORDS, facts)
    return inspection, group, facts


def _own_request(session: Session, actor: Actor, request_id: object,
                 lock: bool = False) -> tuple[InfoRequest, InspectionGroup]:
    query = select(InfoRequest).where(InfoRequest.id == valid_id(request_id, "request_id"))
    request = session.exec(query.with_for_update() if lock else query).first()
    group = None
    if request is not None:
        inspection = session.get(Inspection, request.inspection_id)
        group = session.get(InspectionGroup, inspection.group_id)
    if request is None or group is None \
            or not access.may(actor, Action.ACT_AS_PROVIDER, ProviderFacts(group.provider_id)):
        raise NotFound("No such request")
    return request, group


def _row(session: Session, request: InfoRequest, group_name: str, provider_id: int, actor: Actor,
         calendar: WorkingCalendar, today: date) -> RequestRow:
    names = {u.id: u.name for u in session.exec(select(User).where(
        User.id.in_([i for i in (request.asked_by_id, request.answered_by_id) if i]))).all()}
    status = request_status(request.status, request.due_on, today=today)
    attached = files.infos(session, provider_id, list(request.file_ids or []))
    is_lead = access.role_may(actor, Action.ACT_AS_PROVIDER)
    return RequestRow(
        id=request.id, inspection_id=request.inspection_id, group_name=group_name, question=request.question,
        kloe_code=request.kloe_code or "", due_on=format_date(request.due_on),
        kloe_label=_kloe_label(session, request),
        due_text=due_text(status, request.due_on, calendar, today), status=status, status_label=STATUS_LABELS[status],
        asked_by=names.get(request.asked_by_id, "An inspector"), asked_on=format_date(request.asked_at.date()),
        answer=request.answer or "", answered_by=names.get(request.answered_by_id, ""),
        answered_on=format_date(request.answered_at.date()) if request.answered_at else "",
        files=[attached[i] for i in request.file_ids or [] if i in attached],
        may_answer=is_lead and request.status == "open",
        may_withdraw=not is_lead and request.status == "open",
    )
