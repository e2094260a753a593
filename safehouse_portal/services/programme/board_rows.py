"""The rows behind the programme board: every current inspection a viewer may see, read fast.

The board has to stay quick at 10,000 groups (``bench/board.py``: 200 ms or less), so this
module reads every current inspection as plain tuples straight from the database driver (a
SQLAlchemy ``Row`` per record costs about a third more), works out every countdown at once
with numpy (``domain.board.next_milestones_many``), and leaves the locations, which only the
cards and the filters look at, to be read for the cards a column actually shows unless a
filter needs them all.
"""

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from datetime import date
from typing import NamedTuple

import numpy as np
from sqlalchemy import Integer, Select, String, bindparam, cast, func
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.engine import Connection
from sqlmodel import Session, select

from safehouse_portal.db import DeadlineExtension, InfoRequest, Inspection, InspectionGroup, Location, Provider
from safehouse_portal.db import QualityPanelReview, User
from safehouse_portal.domain.board import ScheduleColumns, next_milestones_many
from safehouse_portal.domain.dates import LONDON
from safehouse_portal.domain.milestones import Milestone
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.access_facts import inspected_by
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.calendar import working_calendar
from safehouse_portal.services.programme.deadlines import ANSWERED, WITHDRAWN


def _text(column):
    """A column read as its stored text (the value of an enum)."""
    return cast(column, String).label(column.key)


class _EpochDays(FunctionElement):
    """A date column as whole days since 1970-01-01 (NULL stays NULL).

    Ten thousand rows of a dozen dates are read as plain integers, which the driver and
    numpy handle several times faster than ISO text or date objects.
    """

    type = Integer()
    inherit_cache = True


@compiles(_EpochDays)
def _epoch_days_sqlite(element, compiler, **kw) -> str:
    return f"CAST(julianday({compiler.process(element.clauses, **kw)}) - 2440587.5 AS INTEGER)"


@compiles(_EpochDays, "postgresql")
def _epoch_days_postgresql(element, compiler, **kw) -> str:
    return f"({compiler.process(element.clauses, **kw)} - DATE '1970-01-01')"


def _days(column):
    return _EpochDays(column).label(column.key)


_COLUMNS = (
    Inspection.id, Inspection.group_id, _text(Inspection.stage), _text(Inspection.type), _text(Inspection.mode),
    _days(Inspection.planned_start), _days(Inspection.planned_end), Inspection.lead_inspector_id,
    Inspection.serious_concern, *(_days(column) for column in (
        Inspection.announcement_call_on, Inspection.announcement_letter_on, Inspection.pir_requested_on,
        Inspection.pir_received_on, Inspection.started_on, Inspection.ended_on, Inspection.early_outcome_letter_on,
        Inspection.draft_sent_on, Inspection.fa_closed_on, Inspection.final_issued_on)),
    InspectionGroup.name, InspectionGroup.provider_id, Provider.name, User.name, _text(Inspection.reason),
    _days(Inspection.fa_responded_on),
    Inspection.id.in_(select(QualityPanelReview.inspection_id).where(QualityPanelReview.closed.is_(False)))
    .label("quality_panel_open"),
)
_DATE_FIELDS = ("planned_start", "planned_end", "pir_requested_on", "pir_received_on", "started_on", "ended_on",
                "early_outcome_letter_on", "draft_sent_on", "fa_closed_on", "final_issued_on")
_MILESTONES = {milestone.value: milestone for milestone in Milestone}
_BY_NAME = {column.key: position for position, column in enumerate(_COLUMNS[:19])}

ID, GROUP_ID, STAGE, TYPE, MODE, LEAD_ID, SERIOUS = 0, 1, 2, 3, 4, 7, 8
GROUP_NAME, PROVIDER_ID, PROVIDER_NAME, LEAD_NAME, REASON, FA_RESPONDED_ON, PANEL_OPEN = 19, 20, 21, 22, 23, 24, 25
"""Positions in a record (``Current.records``)."""


class Current(NamedTuple):
    """Every current inspection the viewer may see, column-wise: ``records[i]`` and the i-th of each list.

    Plain tuples and lists so that 10,000 of them cost little; a card is built only for
    the inspections a column shows.
    """

    records: list[tuple]
    state: list[str]
    due: list[date | None]
    countdown: list[int]
    milestone: list[int]
    due_days: np.ndarray
    """``due`` as numpy dates (NaT for none), for sorting."""


class Scope(NamedTuple):
    """Which current inspections a viewer may see: every one, or those of the viewer in ``params``."""

    everyone: bool
    params: dict[str, int]


_VIEWER = bindparam("board_viewer", type_=Integer)
_LATEST = select(func.max(Inspection.id)).group_by(Inspection.group_id)
_PLACE_COLUMNS = (Location.group_id, Location.name, _text(Location.kind), Location.region,
                  Location.accommodates_children)
_SHOWN_PLACES = select(*_PLACE_COLUMNS).where(
    Location.active == True, Location.group_id.in_(bindparam("board_groups", expanding=True)))  # noqa: E712


class _Queries(NamedTuple):
    records: Select
    extensions: Select
    requests: Select
    regions: Select
    places: Select


def viewer_scope(actor: Actor) -> Scope:
    """The current inspections ``actor`` may see on the board.

    Those whose role may see any card see every one; an inspector, only the inspections
    they lead or are on the team of (``Action.VIEW_BOARD``'s relations, in SQL).
    """
    if access.may(actor, Action.VIEW_BOARD):
        return Scope(True, {})
    return Scope(False, {_VIEWER.key: actor.user_id})


@lru_cache(maxsize=2)
def _queries(everyone: bool) -> _Queries:
    """The board's statements, built once per scope: SQLAlchemy then reuses their cache keys
    and compiled SQL instead of building and hashing them on every load."""
    visible = _LATEST if everyone else select(Inspection.id).where(Inspection.id.in_(_LATEST),
                                                                   inspected_by(_VIEWER))
    groups = select(Inspection.group_id).where(Inspection.id.in_(visible))
    answered = func.sum(cast((InfoRequest.status == ANSWERED) & InfoRequest.answered_at.is_not(None), Integer))
    return _Queries(
        records=select(*_COLUMNS)
        .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
        .join(Provider, Provider.id == InspectionGroup.provider_id)
        .join(User, User.id == Inspection.lead_inspector_id, isouter=True)
        .where(Inspection.id.in_(visible)),
        extensions=select(DeadlineExtension.inspection_id, DeadlineExtension.milestone, DeadlineExtension.new_due)
        .where(DeadlineExtension.inspection_id.in_(visible)).order_by(DeadlineExtension.id),
        requests=select(InfoRequest.inspection_id, func.count(InfoRequest.id), answered,
                        func.max(InfoRequest.answered_at))
        .where(InfoRequest.inspection_id.in_(visible), InfoRequest.status != WITHDRAWN)
        .group_by(InfoRequest.inspection_id),
        regions=select(Location.region).distinct().where(Location.active == True,  # noqa: E712
                                                         Location.group_id.in_(groups)),
        places=select(*_PLACE_COLUMNS).where(Location.active == True,  # noqa: E712
                                             Location.group_id.is_not(None) if everyone
                                             else Location.group_id.in_(groups)),
    )


def current_inspections(session: Session, scope: Scope, today: date) -> Current:
    """Every inspection in ``scope`` with its next deadline, in four queries (records,
    extensions, information requests, closure days)."""
    connection, queries = session.connection(), _queries(scope.everyone)
    records = _tuples(connection, queries.records, scope.params)
    extensions = {(inspection_id, milestone): new_due for inspection_id, milestone, new_due
                  in connection.execute(queries.extensions, scope.params)}
    requests = {inspection_id: (last.astimezone(LONDON).date() if total == done and last else None)
                for inspection_id, total, done, last in connection.execute(queries.requests, scope.params)}
    columns = _schedule_columns(records, extensions, requests)
    nexts = next_milestones_many(columns, today=today, calendar=working_calendar(session=session))
    return Current(records, nexts.state.tolist(), nexts.due.astype(object).tolist(), nexts.countdown.tolist(),
                   nexts.index.tolist(), nexts.due)


def locations(session: Session, scope: Scope) -> dict[int, tuple]:
    """Active locations of every group in ``scope`` (what the filters need), as ``locations_of_groups``."""
    return _by_group(_tuples(session.connection(), _queries(scope.everyone).places, scope.params))


def locations_of_groups(session: Session, group_ids: Iterable[int]) -> dict[int, tuple]:
    """Active locations by group, (name, kind value, region, accommodates children) each, of ``group_ids`` only
    (the cards a board shows)."""
    return _by_group(_tuples(session.connection(), _SHOWN_PLACES, {"board_groups": sorted(set(group_ids))}))


def _by_group(rows: list[tuple]) -> dict[int, tuple]:
    by_group: dict[int, list[tuple]] = defaultdict(list)
    for group_id, name, kind, region, children in rows:
        by_group[group_id].append((name, kind, region, bool(children)))
    return {group_id: tuple(places) for group_id, places in by_group.items()}


def regions(session: Session, scope: Scope) -> list[str]:
    """The regions of the active locations of the groups in ``scope``, sorted (the region filter's choices)."""
    return sorted(region for (region,) in _tuples(session.connection(), _queries(scope.everyone).regions,
                                                  scope.params))


def _tuples(connection: Connection, query: Select, params: dict) -> list[tuple]:
    """The rows of ``query`` as the driver's own tuples (values unconverted: text, numbers, 0/1 on SQLite)."""
    result = connection.execute(query, params)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


def _schedule_columns(records: list[tuple], extensions: dict[tuple[int, str], date],
                      requests: dict[int, date | None]) -> ScheduleColumns:
    transposed = list(zip(*records)) or [()] * len(_COLUMNS)

    def dates(name: str) -> np.ndarray:
        return _as_dates(transposed[_BY_NAME[name]])

    called, letter = dates("announcement_call_on"), dates("announcement_letter_on")
    size = len(records)
    position = {inspection_id: row for row, inspection_id in enumerate(transposed[ID])}
    extended: dict[Milestone, np.ndarray] = {}
    for (inspection_id, milestone), new_due in extensions.items():
        if milestone in _MILESTONES and inspection_id in position:
            column = extended.setdefault(_MILESTONES[milestone], np.full(size, np.datetime64("NaT", "D")))
            column[position[inspection_id]] = new_due
    requested, received = np.zeros(size, dtype=bool), np.full(size, np.datetime64("NaT", "D"))
    for inspection_id, answered_on in requests.items():
        if inspection_id in position:
            requested[position[inspection_id]] = True
            received[position[inspection_id]] = answered_on or np.datetime64("NaT", "D")
    return ScheduleColumns(
        **{name: dates(name) for name in _DATE_FIELDS},
        announced_on=np.where(np.isnat(called), np.datetime64("NaT", "D"), letter),
        serious_concern=np.array(transposed[SERIOUS], dtype=bool),
        extensions=extended,
        additional_info_requested=requested,
        additional_info_received_on=received,
        fa_responded_on=_as_dates(transposed[FA_RESPONDED_ON]),
    )


def _as_dates(days: tuple) -> np.ndarray:
    """Days since 1970-01-01 (None for no date) as numpy dates (NaT for none)."""
    return np.array(days, dtype=float).astype("datetime64[D]")
