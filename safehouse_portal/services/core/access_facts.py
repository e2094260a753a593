"""The facts the access policy decides on, read from the database.

The only place that reads who leads an inspection, who is on its team, who is named to
quality assure it and who is designated to a provider for the purpose of deciding access
(``access`` decides).

The facts are kept for the rest of the unit of work (in ``session.info``): one action that
asks twice (a service, then the page's refresh) reads them once. Only a unit of work keeps
them (``uow.is_unit_of_work``): a longer-lived session (a test's, a script's) reads them every time. The memo is dropped
whenever the session writes anything (a flush, an UPDATE or DELETE statement), ends its
transaction, or holds changes not yet flushed, so no decision is ever made on facts a write
in the same unit has changed; a new unit of work (a new session) always reads them afresh.
"""

from collections.abc import Callable
from dataclasses import replace
from typing import Protocol, TypeVar

from sqlalchemy import bindparam, event, literal, union_all
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, or_, select

from safehouse_portal.db import (
    Inspection, InspectionGroup, InspectionQaReviewer, InspectionTeamMember, Provider, QualityPanelMember,
    SeriousConcern,
    StakeholderOrganisation,
)
from safehouse_portal.services.core.access import InspectionFacts, ProviderFacts
from safehouse_portal.services.core.errors import NotFound
from safehouse_portal.services.core.uow import is_unit_of_work
from safehouse_portal.db.engine import read_rows

_MEMO = "safehouse.access_facts"
T = TypeVar("T")


class InspectionKeys(Protocol):
    """What ``inspection_facts`` reads of an inspection: an ``Inspection`` row, or a narrower read of it."""

    @property
    def id(self) -> int: ...
    @property
    def group_id(self) -> int: ...
    @property
    def lead_inspector_id(self) -> int | None: ...


def provider_facts(session: Session, provider_id: int) -> ProviderFacts:
    """The provider's designated inspector and everyone leading or on the team of any of its inspections.

    Raises:
        NotFound: No such provider.
    """
    return _remembered(session, ("provider", provider_id), lambda: _provider_facts(session, provider_id))


def _provider_facts(session: Session, provider_id: int) -> ProviderFacts:
    rows = read_rows(session, _PROVIDER_FACTS, {"provider_id": provider_id}).all()
    return _provider_from(rows)


def inspection_facts(session: Session, inspection: InspectionKeys) -> InspectionFacts:
    """Who leads the inspection, is on its team and is named to quality assure it, with its provider's facts.

    Raises:
        NotFound: The inspection's provider is gone.
    """
    facts = _remembered(session, ("inspection", inspection.id, inspection.group_id),
                        lambda: _inspection_facts(session, inspection))
    # The lead is the row's own, as the caller holds it (a change not yet flushed included).
    return replace(facts, lead_id=inspection.lead_inspector_id)


def _inspection_facts(session: Session, inspection: InspectionKeys) -> InspectionFacts:
    rows = read_rows(session, _INSPECTION_FACTS, {"inspection_id": inspection.id,
                                                  "group_id": inspection.group_id}).all()
    provider = _provider_from(rows)
    ids = {kind: frozenset(user for k, user in rows if k == kind and user is not None)
           for kind in (_TEAM, _QA, _PANEL)}
    letters = any(kind == _LETTER for kind, _ in rows)
    memo = session.info.get(_MEMO)  # only a unit of work keeps one (``_remembered``)
    if memo is not None:
        memo.setdefault(("provider", provider.provider_id), provider)
    return InspectionFacts(inspection_id=inspection.id, provider=provider, lead_id=inspection.lead_inspector_id,
                           team_ids=ids[_TEAM], qa_reviewer_ids=ids[_QA],
                           addressee_organisation_ids=_letter_addressees(session, inspection.id) if letters
                           else frozenset(),
                           panel_member_ids=ids[_PANEL])


def _provider_from(rows) -> ProviderFacts:
    """The provider's facts from the rows of ``_PROVIDER_FACTS`` (NotFound when it has no row)."""
    provider_id = next((value for kind, value in rows if kind == _PROVIDER), None)
    if provider_id is None:
        raise NotFound("No such provider")
    return ProviderFacts(
        provider_id=provider_id,
        designated_inspector_id=next((value for kind, value in rows if kind == _DESIGNATED), None),
        inspector_ids=frozenset(value for kind, value in rows if kind == _INSPECTOR and value is not None))


def _letter_addressees(session: Session, inspection_id: int) -> frozenset[int]:
    """The stakeholder organisations whose kind an early outcome letter of the inspection was sent to."""
    sent = session.exec(select(SeriousConcern.letter_recipients).where(
        SeriousConcern.inspection_id == inspection_id, SeriousConcern.letter_sent_on.is_not(None))).all()
    kinds = {kind for recipients in sent for kind in recipients or []}
    if not kinds:
        return frozenset()
    return frozenset(session.exec(select(StakeholderOrganisation.id).where(
        StakeholderOrganisation.kind.in_(kinds))).all())


_PROVIDER, _DESIGNATED, _INSPECTOR, _TEAM, _QA, _PANEL, _LETTER = range(7)


def _provider_parts(provider_id):
    """(kind, id) rows: the provider itself, its designated inspector, and every lead and team member of its
    inspections."""
    of_provider = select(Inspection.id).join(InspectionGroup).where(InspectionGroup.provider_id == provider_id)
    return [
        select(literal(_PROVIDER), Provider.id).where(Provider.id == provider_id),
        select(literal(_DESIGNATED), Provider.designated_inspector_id).where(Provider.id == provider_id),
        select(literal(_INSPECTOR), Inspection.lead_inspector_id).where(
            Inspection.id.in_(of_provider), Inspection.lead_inspector_id.is_not(None)),
        select(literal(_INSPECTOR), InspectionTeamMember.user_id).where(
            InspectionTeamMember.inspection_id.in_(of_provider)),
    ]


def _inspection_statement():
    inspection_id = bindparam("inspection_id")
    provider_id = select(InspectionGroup.provider_id).where(
        InspectionGroup.id == bindparam("group_id")).scalar_subquery()
    return union_all(
        *_provider_parts(provider_id),
        select(literal(_TEAM), InspectionTeamMember.user_id).where(InspectionTeamMember.inspection_id == inspection_id),
        select(literal(_QA), InspectionQaReviewer.user_id).where(InspectionQaReviewer.inspection_id == inspection_id),
        select(literal(_PANEL), QualityPanelMember.user_id).where(QualityPanelMember.inspection_id == inspection_id),
        select(literal(_LETTER), SeriousConcern.id).where(
            SeriousConcern.inspection_id == inspection_id, SeriousConcern.letter_sent_on.is_not(None)),
    )


_PROVIDER_FACTS = union_all(*_provider_parts(bindparam("provider_id")))
_INSPECTION_FACTS = _inspection_statement()
"""Each a single statement, built once: every page and action about an inspection reads its facts,
and one round trip of tagged rows costs a fraction of the seven queries they once were."""


def inspected_by(user_id: int):
    """A SQL condition on ``Inspection``: the inspections ``user_id`` leads or is on the team of.

    The ``LEAD`` and ``TEAM`` relations for lists of inspections (the board, an
    inspector's home page), where reading each inspection's facts would be too slow.
    """
    team = select(InspectionTeamMember.inspection_id).where(InspectionTeamMember.user_id == user_id)
    return or_(Inspection.lead_inspector_id == user_id, Inspection.id.in_(team))


def _remembered(session: Session, key: tuple, read: Callable[[], T]) -> T:
    """``read()``, or what it gave earlier in this unit of work if nothing was written since.

    Changes waiting to be flushed drop the memo first (the read then autoflushes them),
    so pending writes are always seen, as a fresh query would see them.
    """
    if not is_unit_of_work(session):
        return read()
    if session.new or session.dirty or session.deleted:
        forget_facts(session)
    memo = session.info.setdefault(_MEMO, {})
    if key not in memo:
        memo[key] = read()
    return memo[key]


def forget_facts(session: OrmSession) -> None:
    """Drop the facts this session remembers (done on every write and at the end of every transaction)."""
    session.info.pop(_MEMO, None)


@event.listens_for(OrmSession, "after_flush")
def _flushed(session: OrmSession, _context) -> None:
    forget_facts(session)


@event.listens_for(OrmSession, "after_transaction_end")
def _ended(session: OrmSession, _transaction) -> None:
    forget_facts(session)


@event.listens_for(OrmSession, "after_soft_rollback")
def _rolled_back(session: OrmSession, _transaction) -> None:
    forget_facts(session)


@event.listens_for(OrmSession, "do_orm_execute")
def _statement(state: ORMExecuteState) -> None:
    """An UPDATE, DELETE or INSERT statement run through the session may change any fact."""
    if not state.is_select:
        forget_facts(state.session)
