"""An inspection's survivor survey link: opening it, its closing date, and who may see it.

The lead inspector, a team member or a programme manager manages the link
(``Action.MANAGE_SURVEY``); the provider's lead sees the link of their own inspections and
how many have answered, so they can hand it to survivors, and never an answer: no read
model here holds one. The token is unguessable (``secrets.token_urlsafe``) because the link
is the survey's only key: survivors never sign in.
"""

import secrets
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, func, select

from safehouse_portal.db import Inspection, InspectionGroup, SurveyLink, SurveyResponse
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.survey import closing_date_problem, is_closed
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.access_facts import inspection_facts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.survey.versions import ensure_default_question_set, question_set


@dataclass(frozen=True)
class SurveyLinkView:
    """An inspection's link as its inspectors see it: the token, the closing date and the count."""

    inspection_id: int = 0
    has_link: bool = False
    token: str = ""
    closes_on: str = ""
    """ISO date, to fill the date field."""
    closes_text: str = ""
    is_open: bool = False
    responses: int = 0


@dataclass(frozen=True)
class ProviderSurveyLink:
    """A link as the provider's lead sees it: to hand out, with the number of answers (never the answers)."""

    inspection_id: int = 0
    group_name: str = ""
    token: str = ""
    closes_text: str = ""
    responses: int = 0
    languages: list[list[str]] = field(default_factory=list)
    """[code, name in itself] of each language the poster and cards can be printed in."""


def link_for_inspection(*, session: Session, actor: Actor | None, inspection_id: int | None,
                        today: date) -> SurveyLinkView:
    """The inspection's link (or that it has none) for its lead, team or a programme manager.

    Raises:
        PermissionDenied: The actor may not manage this inspection's survey.
        NotFound: No such inspection.
    """
    inspection = _managed(session, actor, inspection_id)
    return _view(session, inspection.id, _link(session, inspection.id), today)


def open_link(*, session: Session, actor: Actor | None, inspection_id: int | None, closes_on: object,
              today: date) -> SurveyLinkView:
    """Open the inspection's survey link with the current question set, taking answers until ``closes_on``.

    Raises:
        InvalidInput: The closing date is not a date after today, or the link is already open.
        PermissionDenied, NotFound: As ``link_for_inspection``.
    """
    inspection = _managed(session, actor, inspection_id)
    day = _closing_date(closes_on, today)
    if _link(session, inspection.id) is not None:
        raise InvalidInput({"closes_on": "The survey link is already open: change its closing date instead"})
    link = SurveyLink(inspection_id=inspection.id, token=secrets.token_urlsafe(24), closes_on=day,
                      question_set_id=ensure_default_question_set(session=session), created_by_id=actor.user_id)
    session.add(link)
    session.flush()
    audit.record(session=session, actor=actor, action="survey.link_opened", entity_type="inspection",
                 entity_id=inspection.id, after={"closes_on": day.isoformat()})
    return _view(session, inspection.id, link, today)


def set_closing_date(*, session: Session, actor: Actor | None, inspection_id: int | None, closes_on: object,
                     today: date) -> SurveyLinkView:
    """Change when the link stops taking answers (reopening a closed link with a later date).

    Raises:
        InvalidInput: The closing date is not a date after today.
        NotFound: The inspection has no link yet.
        PermissionDenied: As ``link_for_inspection``.
    """
    inspection = _managed(session, actor, inspection_id)
    day = _closing_date(closes_on, today)
    link = _link(session, inspection.id)
    if link is None:
        raise NotFound("This inspection has no survey link")
    before = link.closes_on.isoformat()
    link.closes_on = day
    session.add(link)
    audit.record(session=session, actor=actor, action="survey.closing_date_changed", entity_type="inspection",
                 entity_id=inspection.id, before={"closes_on": before}, after={"closes_on": day.isoformat()})
    return _view(session, inspection.id, link, today)


def provider_links(*, session: Session, actor: Actor | None, today: date) -> list[ProviderSurveyLink]:
    """The open links of the lead's own provider's inspections, with their counts of responses.

    Raises:
        PermissionDenied: The actor is not a provider lead acting for a provider.
    """
    actor = access.require_own_provider(actor)
    rows = session.exec(
        select(SurveyLink, InspectionGroup.name).join(Inspection, Inspection.id == SurveyLink.inspection_id)
        .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
        .where(InspectionGroup.provider_id == actor.provider_id).order_by(SurveyLink.closes_on, SurveyLink.id)
    ).all()
    return [ProviderSurveyLink(inspection_id=link.inspection_id, group_name=name, token=link.token,
                               closes_text=format_date(link.closes_on), responses=response_count(session, link.id),
                               languages=[[lang.code, lang.name]
                                          for lang in question_set(session, link.question_set_id).languages])
            for link, name in rows if not is_closed(link.closes_on, today)]


def response_count(session: Session, link_id: int) -> int:
    """How many responses a link has taken (the only thing about them shown before analysis)."""
    return session.exec(select(func.count()).select_from(SurveyResponse)
                        .where(SurveyResponse.link_id == link_id)).one()


def _managed(session: Session, actor: Actor | None, inspection_id: int | None) -> Inspection:
    actor = access.admit(actor, Action.MANAGE_SURVEY)
    inspection = session.get(Inspection, inspection_id) if isinstance(inspection_id, int) else None
    if inspection is None:
        raise NotFound("No such inspection")
    access.require(actor, Action.MANAGE_SURVEY, inspection_facts(session, inspection))
    return inspection


def _link(session: Session, inspection_id: int) -> SurveyLink | None:
    return session.exec(select(SurveyLink).where(SurveyLink.inspection_id == inspection_id)).first()


def _closing_date(value: object, today: date) -> date:
    day = None
    if isinstance(value, date):
        day = value
    elif isinstance(value, str):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            day = None
    problem = closing_date_problem(day, today)
    if problem:
        raise InvalidInput({"closes_on": problem})
    return day


def _view(session: Session, inspection_id: int, link: SurveyLink | None, today: date) -> SurveyLinkView:
    if link is None:
        return SurveyLinkView(inspection_id=inspection_id)
    return SurveyLinkView(inspection_id=inspection_id, has_link=True, token=link.token,
                          closes_on=link.closes_on.isoformat(), closes_text=format_date(link.closes_on),
                          is_open=not is_closed(link.closes_on, today), responses=response_count(session, link.id))

