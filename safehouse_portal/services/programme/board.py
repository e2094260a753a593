"""The programme board: every inspection group's current inspection, by stage.

The board costs the same five SQL queries whatever the size of the programme (the
current inspections with their group, provider and lead; their locations; their
deadline extensions; their information requests, summed up per inspection; the closure
days; nothing per card), and every countdown comes from
``domain.board.next_milestones_many``. Programme managers and admins see every group and
may move cards; an inspector sees only the inspections they lead or are on the team of,
read-only; provider leads and stakeholders get nothing at all.
"""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

import numpy as np
from sqlalchemy import Integer, String, cast, exists, func
from sqlmodel import Session, select

from safehouse_portal.db import AuditEvent, DeadlineExtension, InfoRequest, Inspection, InspectionGroup
from safehouse_portal.db import Location, Provider, QualityPanelReview, User
from safehouse_portal.domain.board import (
    CARD_STATE_LABELS, NO_LEAD, SCHEDULED_MILESTONES, URGENCY_ORDER, CardFacts, CardState, ScheduleColumns,
    countdown_text, matches, next_milestones_many, parse_filters, signed_countdown, summarise_columns,
)
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.enums import (
    INSPECTION_REASON_LABELS, STAGE_LABELS, InspectionMode, InspectionType, ServiceKind, Stage,
)
from safehouse_portal.domain.lifecycle import BACKWARD_MOVES, QUALITY_PANEL_OPEN, allowed_targets
from safehouse_portal.domain.milestones import MILESTONE_LABELS, Milestone
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.access_facts import inspected_by
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.domain.dates import LONDON
from safehouse_portal.domain.options import Option
from safehouse_portal.services.core.calendar import working_calendar
from safehouse_portal.services.programme.deadlines import ANSWERED, WITHDRAWN
from safehouse_portal.services.programme.schedule import MoveResult, move_stage

PAGE_SIZE = 50
"""Cards a column shows before "show more"."""
MAX_SHOWN = 20_000
_KIND_WORDS = {ServiceKind.SAFEHOUSE: "Safehouse", ServiceKind.OUTREACH: "Outreach"}


@dataclass(frozen=True)
class Card:
    """One inspection group's current inspection, as its card shows it."""

    inspection_id: int = 0
    group_name: str = ""
    provider_name: str = ""
    service_kinds: str = ""
    type_and_mode: str = ""
    lead_inspector: str = ""
    stage: str = ""
    next_label: str = ""
    next_due: str = ""
    countdown: int = 0
    countdown_signed: str = ""
    state: str = ""
    state_label: str = ""
    state_text: str = ""
    flags: list[str] = field(default_factory=list)
    reason: str = ""


@dataclass(frozen=True)
class Column:
    """One lifecycle stage: its header figures and the cards shown (the first ``limit``)."""

    stage: str = ""
    label: str = ""
    count: int = 0
    overdue: int = 0
    due_soon: int = 0
    header_text: str = ""
    cards: list[Card] = field(default_factory=list)
    hidden: int = 0


@dataclass(frozen=True)
class BoardView:
    """The board as one viewer may see it, with the options of its filters."""

    columns: list[Column] = field(default_factory=list)
    read_only: bool = False
    total: int = 0
    matching: int = 0
    providers: list[Option] = field(default_factory=list)
    leads: list[Option] = field(default_factory=list)
    regions: list[Option] = field(default_factory=list)


class _Row(NamedTuple):
    """A current inspection as queried, with its next deadline (never sent out).

    Kept as a tuple so that 10,000 of them cost little; a card is built only for the
    rows a column shows.
    """

    record: tuple
    places: tuple
    state: str
    due: date | None
    countdown: int
    milestone: int


def board_view(*, session: Session, actor: Actor | None, query: object = None, limits: object = None,
               today: date) -> BoardView:
    """The board for ``actor``, narrowed by the URL's ``query``.

    Args:
        query: The page's query parameters (untrusted); invalid filters are ignored.
        limits: Cards to show per stage value (untrusted); 50 by default.
        today: The day countdowns are counted from.

    Raises:
        PermissionDenied: The actor is not a programme manager, admin or inspector.
    """
    actor = access.admit(actor, Action.VIEW_BOARD)
    filters = parse_filters(query if isinstance(query, Mapping) else {})
    rows = _rows(session, actor, today)
    shown = [row for row in rows if matches(_facts(row), filters)] if filters.active else rows
    return BoardView(
        columns=_columns(shown, _limits(limits), today),
        read_only=not access.may(actor, Action.MANAGE_PROGRAMME),
        total=len(rows),
        matching=len(shown),
        **_filter_options(rows),
    )


def move_card(*, session: Session, actor: Actor | None, inspection_id: object, target: object, reason: object,
              today: date) -> MoveResult:
    """Move a card from the board: programme managers and admins only, through every gate.

    The board is read-only for inspectors (a lead inspector moves their inspection on its
    own page). The lifecycle's gates and the audit trail are ``schedule.move_stage``'s.

    Raises:
        PermissionDenied: The actor may not move cards on the board.
        InvalidInput, NotFound: As ``schedule.move_stage``.
    """
    actor = access.admit(actor, Action.MANAGE_PROGRAMME)
    return move_stage(session=session, actor=actor, inspection_id=inspection_id, target=target,
                      reason=reason, today=today)


def move_options(stage: object) -> list[Option]:
    """The "Move to..." choices of a card at ``stage``: forward first, then moves back."""
    if not isinstance(stage, str) or stage not in Stage:
        return []
    current = Stage(stage)
    return [Option(target.value, (f"Back to {STAGE_LABELS[target]} (give a reason)"
                                  if (current, target) in BACKWARD_MOVES else STAGE_LABELS[target]))
            for target in allowed_targets(current)]


def is_backward(stage: object, target: object) -> bool:
    """Whether moving from ``stage`` to ``target`` goes back and so needs a reason."""
    return isinstance(stage, str) and isinstance(target, str) and stage in Stage and target in Stage \
        and (Stage(stage), Stage(target)) in BACKWARD_MOVES


def board_version(*, session: Session, actor: Actor | None, today: date) -> str:
    """A cheap fingerprint that changes whenever any card may have changed.

    Every change to an inspection, its deadlines or the calendar is audited, so the
    newest audit event, newest inspection and newest extension (and today's date, for
    countdowns) tell a watching board when to reload.
    """
    access.admit(actor, Action.VIEW_BOARD)
    newest = session.exec(select(
        select(func.max(AuditEvent.id)).scalar_subquery(),
        select(func.max(Inspection.id)).scalar_subquery(),
        select(func.max(DeadlineExtension.id)).scalar_subquery(),
    )).one()
    return "|".join([today.isoformat(), *(str(value or 0) for value in newest)])


def current_inspection_ids(actor: Actor):
    """A subquery of the ids of the current inspections ``actor`` may see on the board.

    Those whose role may see any card see every one; an inspector, only the inspections
    they lead or are on the team of (``Action.VIEW_BOARD``'s relations, in SQL).
    """
    latest = select(func.max(Inspection.id)).group_by(Inspection.group_id)
    query = select(Inspection.id).where(Inspection.id.in_(latest))
    if not access.may(actor, Action.VIEW_BOARD):
        query = query.where(inspected_by(actor.user_id))
    return query


def _limits(limits: object) -> dict[str, int]:
    """Cards to show per stage: 50 unless a valid larger number was asked for."""
    result = {stage.value: PAGE_SIZE for stage in Stage}
    if isinstance(limits, Mapping):
        for key, value in limits.items():
            if key in result and type(value) is int and PAGE_SIZE <= value <= MAX_SHOWN:
                result[key] = value
    return result


def _text(column):
    """A column read as its stored text: numpy parses ISO dates far faster than date objects."""
    return cast(column, String).label(column.key)


_COLUMNS = (
    Inspection.id, Inspection.group_id, _text(Inspection.stage), _text(Inspection.type), _text(Inspection.mode),
    _text(Inspection.planned_start), _text(Inspection.planned_end), Inspection.lead_inspector_id,
    Inspection.serious_concern, *(_text(column) for column in (
        Inspection.announcement_call_on, Inspection.announcement_letter_on, Inspection.pir_requested_on,
        Inspection.pir_received_on, Inspection.started_on, Inspection.ended_on, Inspection.early_outcome_letter_on,
        Inspection.draft_sent_on, Inspection.fa_closed_on, Inspection.final_issued_on)),
    InspectionGroup.name, InspectionGroup.provider_id, Provider.name, User.name, _text(Inspection.reason),
    _text(Inspection.fa_responded_on),
    exists().where(QualityPanelReview.inspection_id == Inspection.id, QualityPanelReview.closed.is_(False))
    .label("quality_panel_open"),
)
_DATE_FIELDS = ("planned_start", "planned_end", "pir_requested_on", "pir_received_on", "started_on", "ended_on",
                "early_outcome_letter_on", "draft_sent_on", "fa_closed_on", "final_issued_on")


_ID, _GROUP_ID, _STAGE, _TYPE, _MODE, _LEAD_ID, _SERIOUS = 0, 1, 2, 3, 4, 7, 8
_GROUP_NAME, _PROVIDER_ID, _PROVIDER_NAME, _LEAD_NAME, _REASON, _FA_RESPONDED_ON = 19, 20, 21, 22, 23, 24
_PANEL_OPEN = 25
_STATES = {state.value: state for state in CardState}


def _rows(session: Session, actor: Actor, today: date) -> list[_Row]:
    """Every current inspection the actor may see, with its next deadline, in 5 queries."""
    visible = current_inspection_ids(actor)
    connection = session.connection()
    records = connection.execute(
        select(*_COLUMNS)
        .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
        .join(Provider, Provider.id == InspectionGroup.provider_id)
        .join(User, User.id == Inspection.lead_inspector_id, isouter=True)
        .where(Inspection.id.in_(visible))
    ).all()
    places = _locations(connection, actor, visible)
    calendar = working_calendar(session=session)
    nexts = next_milestones_many(
        _schedule_columns(records, _extensions(connection, visible), _requests(connection, visible)),
        today=today, calendar=calendar)
    dues = nexts.due.astype(object).tolist()
    return [
        _Row(record, places.get(record[_GROUP_ID], ()), state, due, countdown, milestone)
        for record, state, due, countdown, milestone in zip(
            records, nexts.state.tolist(), dues, nexts.countdown.tolist(), nexts.index.tolist())
    ]


def _locations(connection, actor: Actor, visible) -> dict[int, tuple]:
    """Active locations by group: (name, kind value, region, accommodates children)."""
    query = select(Location.group_id, Location.name, _text(Location.kind), Location.region,
                   Location.accommodates_children).where(Location.active == True)  # noqa: E712
    if not access.may(actor, Action.VIEW_BOARD):
        query = query.where(Location.group_id.in_(select(Inspection.group_id).where(Inspection.id.in_(visible))))
    else:
        query = query.where(Location.group_id.is_not(None))
    by_group: dict[int, list[tuple]] = defaultdict(list)
    for group_id, name, kind, region, children in connection.execute(query):
        by_group[group_id].append((name, kind, region, bool(children)))
    return {group_id: tuple(places) for group_id, places in by_group.items()}


def _extensions(connection, visible) -> dict[tuple[int, str], date]:
    """The latest extension of each (inspection, milestone)."""
    rows = connection.execute(
        select(DeadlineExtension.inspection_id, DeadlineExtension.milestone, DeadlineExtension.new_due)
        .where(DeadlineExtension.inspection_id.in_(visible)).order_by(DeadlineExtension.id)
    ).all()
    return {(inspection_id, milestone): new_due for inspection_id, milestone, new_due in rows}


def _requests(connection, visible) -> dict[int, date | None]:
    """Inspections asked for additional information (a request not withdrawn), each with
    the day in England its last request was answered once every such request is answered
    (None until then), as ``deadlines.info_answered_on`` says."""
    answered = func.sum(cast((InfoRequest.status == ANSWERED) & InfoRequest.answered_at.is_not(None), Integer))
    rows = connection.execute(
        select(InfoRequest.inspection_id, func.count(InfoRequest.id), answered, func.max(InfoRequest.answered_at))
        .where(InfoRequest.inspection_id.in_(visible), InfoRequest.status != WITHDRAWN)
        .group_by(InfoRequest.inspection_id)
    ).all()
    return {inspection_id: (last.astimezone(LONDON).date() if total == done and last else None)
            for inspection_id, total, done, last in rows}


def _schedule_columns(records, extensions: dict[tuple[int, str], date],
                      requests: dict[int, date | None]) -> ScheduleColumns:
    by_name = {column.key: position for position, column in enumerate(_COLUMNS[:19])}
    transposed = list(zip(*records)) or [()] * len(_COLUMNS)

    def dates(name: str) -> np.ndarray:
        return np.array(transposed[by_name[name]], dtype="datetime64[D]")

    called, letter = dates("announcement_call_on"), dates("announcement_letter_on")
    ids = transposed[_ID]
    extended = {
        key: np.array([extensions.get((i, key.value)) for i in ids], dtype="datetime64[D]")
        for key in {Milestone(m) for _, m in extensions if m in Milestone.__members__.values()}
    }
    return ScheduleColumns(
        **{name: dates(name) for name in _DATE_FIELDS},
        announced_on=np.where(np.isnat(called), np.datetime64("NaT", "D"), letter),
        serious_concern=np.array(transposed[_SERIOUS], dtype=bool),
        extensions=extended,
        additional_info_requested=np.array([i in requests for i in ids], dtype=bool),
        additional_info_received_on=np.array([requests.get(i) for i in ids], dtype="datetime64[D]"),
        fa_responded_on=np.array(transposed[_FA_RESPONDED_ON], dtype="datetime64[D]"),
    )


def _facts(row: _Row) -> CardFacts:
    """What the filters look at."""
    record = row.record
    return CardFacts(
        provider_id=record[_PROVIDER_ID], lead_id=record[_LEAD_ID],
        kinds=frozenset(place[1] for place in row.places), regions=frozenset(place[2] for place in row.places),
        state=_STATES[row.state],
        search_text=" ".join([record[_GROUP_NAME], *(place[0] for place in row.places)]).lower(),
    )


def _card(row: _Row, today: date) -> Card:
    record, state = row.record, _STATES[row.state]
    stage = Stage(record[_STAGE])
    kinds = sorted({place[1] for place in row.places})
    flags = [text for shown, text in (
        (bool(record[_SERIOUS]), "Serious concern"),
        (any(place[3] for place in row.places), "Children accommodated"),
        (stage is Stage.FACTUAL_ACCURACY, "Factual accuracy in progress"),
        (bool(record[_PANEL_OPEN]), f"Quality panel review open. {QUALITY_PANEL_OPEN}"),
    ) if shown]
    mode = "on site" if InspectionMode(record[_MODE]) is InspectionMode.ON_SITE else "remote"
    milestone = SCHEDULED_MILESTONES[row.milestone] if row.milestone >= 0 else None
    return Card(
        inspection_id=record[_ID], group_name=record[_GROUP_NAME],
        provider_name=record[_PROVIDER_NAME],
        service_kinds=" and ".join(_KIND_WORDS[ServiceKind(k)] for k in kinds) or "No active locations",
        type_and_mode=f"{InspectionType(record[_TYPE]).value.capitalize()}, {mode}",
        lead_inspector=record[_LEAD_NAME] or "No lead inspector yet", stage=stage.value,
        next_label=MILESTONE_LABELS[milestone] if milestone else "Nothing pending",
        next_due=format_date(row.due), countdown=row.countdown,
        countdown_signed=signed_countdown(row.countdown) if row.due else "",
        state=state.value, state_label=CARD_STATE_LABELS[state],
        state_text=countdown_text(state, row.countdown, today=today, due=row.due),
        flags=flags, reason=INSPECTION_REASON_LABELS.get(record[_REASON], ""),
    )


_URGENCY = {state.value: order for state, order in URGENCY_ORDER.items()}


def _urgency(row: _Row) -> tuple:
    return (_URGENCY[row.state], row.due or date.max, row.record[_GROUP_NAME], row.record[_ID])


def _columns(rows: list[_Row], limits: dict[str, int], today: date) -> list[Column]:
    by_stage: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        by_stage[str(row.record[_STAGE])].append(row)
    columns = []
    for summary in summarise_columns((Stage(stage), _STATES[row.state])
                                     for stage, stage_rows in by_stage.items() for row in stage_rows):
        ordered = sorted(by_stage[summary.stage.value], key=_urgency)
        limit = limits[summary.stage.value]
        columns.append(Column(
            stage=summary.stage.value, label=summary.label, count=summary.count, overdue=summary.overdue,
            due_soon=summary.due_soon, header_text=summary.header_text,
            cards=[_card(row, today) for row in ordered[:limit]], hidden=max(0, len(ordered) - limit),
        ))
    return columns


def _filter_options(rows: list[_Row]) -> dict[str, list[Option]]:
    """Choices for the filters, from the cards the viewer may see (never anyone else's)."""
    providers = {(row.record[_PROVIDER_ID], row.record[_PROVIDER_NAME]) for row in rows}
    leads = {(row.record[_LEAD_ID], row.record[_LEAD_NAME]) for row in rows if row.record[_LEAD_ID] is not None}
    regions = {place[2] for row in rows for place in row.places}
    lead_options = [Option(str(i), name) for i, name in sorted(leads, key=lambda pair: (pair[1], pair[0]))]
    if any(row.record[_LEAD_ID] is None for row in rows):
        lead_options.append(Option(NO_LEAD, "No lead inspector yet"))
    return {
        "providers": [Option(str(i), name) for i, name in sorted(providers, key=lambda pair: (pair[1], pair[0]))],
        "leads": lead_options,
        "regions": [Option(region, region) for region in sorted(regions)],
    }
