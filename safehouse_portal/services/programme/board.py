"""The programme board: every inspection group's current inspection, by stage.

The board costs the same six SQL queries whatever the size of the programme (the
current inspections with their group, provider, lead and open quality panel review; their
deadline extensions; their information requests, summed up per inspection; the closure
days; the regions for the filter; then the locations of the cards the columns show;
nothing per card; ``board_rows`` reads them), and every countdown comes from
``domain.board.next_milestones_many``. A filter, or a board small enough that every
column shows all its cards, reads every group's locations instead (five queries). Programme managers and admins see every group and
may move cards; an inspector sees only the inspections they lead or are on the team of,
read-only; provider leads and stakeholders get nothing at all.
"""

import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from threading import Lock

import numpy as np
from sqlalchemy import func
from sqlmodel import Session, select

from safehouse_portal.db import DeadlineExtension, Inspection
from safehouse_portal.domain.board import (
    CARD_STATE_LABELS, NO_LEAD, SCHEDULED_MILESTONES, URGENCY_ORDER, CardFacts, CardState, countdown_text,
    matches, parse_filters, signed_countdown, summarise_columns,
)
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.enums import (
    INSPECTION_REASON_LABELS, STAGE_LABELS, InspectionMode, InspectionType, ServiceKind, Stage,
)
from safehouse_portal.domain.lifecycle import BACKWARD_MOVES, QUALITY_PANEL_OPEN, allowed_targets
from safehouse_portal.domain.milestones import MILESTONE_LABELS
from safehouse_portal.domain.options import Option
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.programme.board_rows import (
    GROUP_ID, GROUP_NAME, ID, LEAD_ID, LEAD_NAME, MODE, PANEL_OPEN, PROVIDER_ID, PROVIDER_NAME, REASON, SERIOUS,
    STAGE, TYPE,
    Current, current_inspections, locations, locations_of_groups, regions, viewer_scope,
)
from safehouse_portal.services.programme.schedule import MoveResult, move_stage
from safehouse_portal.db.engine import read_rows

PAGE_SIZE = 50
"""Cards a column shows before "show more"."""
MAX_SHOWN = 20_000
_KIND_WORDS = {ServiceKind.SAFEHOUSE.value: "Safehouse", ServiceKind.OUTREACH.value: "Outreach"}
_STATES = {state.value: state for state in CardState}
_STAGES = {stage.value: stage for stage in Stage}
_URGENCY = {state.value: order for state, order in URGENCY_ORDER.items()}
_TYPE_AND_MODE = {(kind.value, mode.value): f"{kind.value.capitalize()}, "
                  f"{'on site' if mode is InspectionMode.ON_SITE else 'remote'}"
                  for kind in InspectionType for mode in InspectionMode}
"""A card's "Comprehensive, on site" line, by the stored values of its type and mode."""


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


def board_view(*, session: Session, actor: Actor | None, query: object = None, limits: object = None,
               today: date, fingerprint: str | None = None) -> BoardView:
    """The board for ``actor``, narrowed by the URL's ``query``.

    Viewers who see the same board within ``SHARE_SECONDS`` share one read of it (``_SharedReads``).

    Args:
        query: The page's query parameters (untrusted); invalid filters are ignored.
        limits: Cards to show per stage value (untrusted); 50 by default.
        today: The day countdowns are counted from.
        fingerprint: ``board_version``, when the caller read it in this unit of work just before.

    Raises:
        PermissionDenied: The actor is not a programme manager, admin or inspector.
    """
    actor = access.admit(actor, Action.VIEW_BOARD)
    filters = parse_filters(query if isinstance(query, Mapping) else {})
    scope = viewer_scope(actor)
    limits, read_only = _limits(limits), not access.may(actor, Action.MANAGE_PROGRAMME)
    key = (str(session.get_bind().url), fingerprint or _fingerprint(session, today), scope.everyone,
           tuple(sorted(scope.params.items())), read_only, filters, tuple(sorted(limits.items())))
    shared = _SHARED.get(key)
    if shared is None:
        shared = _SHARED.keep(key, _read_board(session, scope, filters, limits, today, read_only))
    return shared


def _read_board(session: Session, scope, filters, limits: dict[str, int], today: date, read_only: bool) -> BoardView:
    current = current_inspections(session, scope, today)
    records = current.records
    if filters.active or _every_card_shown(records, limits):
        places = locations(session, scope)
        shown = [i for i in range(len(records)) if matches(_facts(current, i, places), filters)] \
            if filters.active else range(len(records))
        region_names = sorted({place[2] for record in records for place in places.get(record[GROUP_ID], ())})
    else:
        places, shown = None, range(len(records))
        region_names = regions(session, scope)
    return BoardView(
        columns=_columns(session, current, shown, places, limits, today),
        read_only=read_only,
        total=len(records),
        matching=len(shown),
        **_filter_options(records, region_names),
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


_NEWEST = select(
    audit.HEAD.scalar_subquery(),
    select(func.max(Inspection.id)).scalar_subquery(),
    select(func.max(DeadlineExtension.id)).scalar_subquery(),
)
"""The newest audit event's hash (``audit.head``), newest inspection and extension (built once: every board load
and sync reads it)."""


def board_version(*, session: Session, actor: Actor | None, today: date) -> str:
    """A cheap fingerprint that changes whenever any card may have changed.

    Every change to an inspection, its deadlines or the calendar is audited, so the
    newest audit event (its hash, which also differs between two databases), newest
    inspection and newest extension (and today's date, for countdowns) tell a watching
    board when to reload.
    """
    access.admit(actor, Action.VIEW_BOARD)
    return _fingerprint(session, today)


def _fingerprint(session: Session, today: date) -> str:
    newest = read_rows(session, _NEWEST).one()
    return "|".join([today.isoformat(), *(str(value or 0) for value in newest)])


class _SharedReads:
    """Board reads shared by viewers who see the same board, each for ``SHARE_SECONDS`` at most.

    When a card moves, every viewer's page reloads its board within a moment; those who see
    the same board (same scope, permissions, filters and "show more", same fingerprint) get
    one read instead of one each. The key names everything the board depends on but the rows:
    the fingerprint stands for those, as it does for one tab's reloads. A change that bypasses
    the app (and so its audit trail) shows once the moment passes. The views are frozen; nobody
    changes one in place.
    """

    def __init__(self, most: int = 8) -> None:
        self._reads: dict[tuple, tuple[float, BoardView]] = {}
        self._most, self._lock = most, Lock()

    def get(self, key: tuple) -> BoardView | None:
        found = self._reads.get(key)
        return found[1] if found is not None and found[0] > time.monotonic() else None

    def keep(self, key: tuple, view: BoardView) -> BoardView:
        now = time.monotonic()
        with self._lock:
            self._reads = {k: kept for k, kept in self._reads.items() if kept[0] > now}
            if len(self._reads) >= self._most:
                self._reads = {}
            self._reads[key] = (now + SHARE_SECONDS, view)
        return view

    def forget(self) -> None:
        """Drop every read (the database was replaced under a running process: tests)."""
        with self._lock:
            self._reads = {}


SHARE_SECONDS = 2.0
"""How long viewers of the same board share one read of it."""
_SHARED = _SharedReads()


def forget_shared_reads() -> None:
    """Forget the board reads viewers share (for a database replaced under a running process)."""
    _SHARED.forget()


def _limits(limits: object) -> dict[str, int]:
    """Cards to show per stage: 50 unless a valid larger number was asked for."""
    result = {stage.value: PAGE_SIZE for stage in Stage}
    if isinstance(limits, Mapping):
        for key, value in limits.items():
            if key in result and type(value) is int and PAGE_SIZE <= value <= MAX_SHOWN:
                result[key] = value
    return result


@lru_cache(maxsize=4096)
def _date_text(day: date | None) -> str:
    """``format_date``, kept: a board shows the same few dozen due dates on every load."""
    return format_date(day)


def _every_card_shown(records: list[tuple], limits: dict[str, int]) -> bool:
    """Whether every column shows all its cards (then one read of every location serves cards and filters)."""
    return all(count <= limits[stage] for stage, count in Counter(record[STAGE] for record in records).items())


def _facts(current: Current, i: int, places: dict[int, tuple]) -> CardFacts:
    """What the filters look at."""
    record = current.records[i]
    here = places.get(record[GROUP_ID], ())
    return CardFacts(
        provider_id=record[PROVIDER_ID], lead_id=record[LEAD_ID],
        kinds=frozenset(place[1] for place in here), regions=frozenset(place[2] for place in here),
        state=_STATES[current.state[i]],
        search_text=" ".join([record[GROUP_NAME], *(place[0] for place in here)]).lower(),
    )


def _card(current: Current, i: int, places: tuple, today: date) -> Card:
    record, state, due, countdown = current.records[i], _STATES[current.state[i]], current.due[i], current.countdown[i]
    stage = _STAGES[record[STAGE]]
    kinds = sorted({place[1] for place in places})
    flags = [text for shown, text in (
        (bool(record[SERIOUS]), "Serious concern"),
        (any(place[3] for place in places), "Children accommodated"),
        (stage is Stage.FACTUAL_ACCURACY, "Factual accuracy in progress"),
        (bool(record[PANEL_OPEN]), f"Quality panel review open. {QUALITY_PANEL_OPEN}"),
    ) if shown]
    milestone = SCHEDULED_MILESTONES[current.milestone[i]] if current.milestone[i] >= 0 else None
    return Card(
        inspection_id=record[ID], group_name=record[GROUP_NAME],
        provider_name=record[PROVIDER_NAME],
        service_kinds=" and ".join(_KIND_WORDS[k] for k in kinds) or "No active locations",
        type_and_mode=_TYPE_AND_MODE[record[TYPE], record[MODE]],
        lead_inspector=record[LEAD_NAME] or "No lead inspector yet", stage=stage.value,
        next_label=MILESTONE_LABELS[milestone] if milestone else "Nothing pending",
        next_due=_date_text(due), countdown=countdown,
        countdown_signed=signed_countdown(countdown) if due else "",
        state=state.value, state_label=CARD_STATE_LABELS[state],
        state_text=countdown_text(state, countdown, today=today, due=due),
        flags=flags, reason=INSPECTION_REASON_LABELS.get(record[REASON], ""),
    )




def _most_urgent_first(current: Current, shown: Sequence[int]) -> list[int]:
    """``shown`` from the most urgent down (state, earliest due, group name, id), sorted by numpy."""
    if not shown:
        return []
    index = np.asarray(shown, dtype=np.int64)
    records, states = current.records, current.state
    urgency = np.array([_URGENCY[states[i]] for i in shown], dtype=np.int8)
    due = current.due_days[index]
    names = np.array([records[i][GROUP_NAME] for i in shown])
    ids = np.array([records[i][ID] for i in shown], dtype=np.int64)
    return index[np.lexsort((ids, names, due, urgency))].tolist()


def _columns(session: Session, current: Current, shown: Sequence[int], places: dict[int, tuple] | None,
             limits: dict[str, int], today: date) -> list[Column]:
    """The columns, each with its first ``limits`` cards; locations are read for those
    cards alone unless ``places`` already holds every group's."""
    records, states = current.records, current.state
    summaries = summarise_columns((_STAGES[records[i][STAGE]], _STATES[states[i]]) for i in shown)
    picked: dict[str, list[int]] = {summary.stage.value: [] for summary in summaries}
    for i in _most_urgent_first(current, shown):
        cards = picked[records[i][STAGE]]
        if len(cards) < limits[records[i][STAGE]]:
            cards.append(i)
    chosen = [i for cards in picked.values() for i in cards]
    if places is None:
        places = locations_of_groups(session, (records[i][GROUP_ID] for i in chosen))
    return [Column(
        stage=summary.stage.value, label=summary.label, count=summary.count, overdue=summary.overdue,
        due_soon=summary.due_soon, header_text=summary.header_text,
        cards=[_card(current, i, places.get(records[i][GROUP_ID], ()), today)
               for i in picked[summary.stage.value]],
        hidden=max(0, summary.count - limits[summary.stage.value]),
    ) for summary in summaries]


def _filter_options(records: list[tuple], region_names: list[str]) -> dict[str, list[Option]]:
    """Choices for the filters, from the cards the viewer may see (never anyone else's)."""
    providers = {(record[PROVIDER_ID], record[PROVIDER_NAME]) for record in records}
    leads = {(record[LEAD_ID], record[LEAD_NAME]) for record in records if record[LEAD_ID] is not None}
    lead_options = [Option(str(i), name) for i, name in sorted(leads, key=lambda pair: (pair[1], pair[0]))]
    if any(record[LEAD_ID] is None for record in records):
        lead_options.append(Option(NO_LEAD, "No lead inspector yet"))
    return {
        "providers": [Option(str(i), name) for i, name in sorted(providers, key=lambda pair: (pair[1], pair[0]))],
        "leads": lead_options,
        "regions": [Option(region, region) for region in region_names],
    }
