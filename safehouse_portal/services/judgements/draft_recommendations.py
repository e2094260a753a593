"""Recommendations drafted in the workspace: against KLOEs, with a theme and a timescale.

A recommendation's due date runs from the day the provider receives the final report
(``domain/recommendations.py::due_date``), so it appears only once the report is issued.
Drafts can be changed or removed until then.
"""

from dataclasses import dataclass, field

from pydantic import BaseModel, field_validator
from sqlmodel import Session, select

from safehouse_portal.db import Recommendation
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.enums import (
    KEY_QUESTION_LABELS, THEME_LABELS, TIMESCALE_LABELS, KeyQuestion, Theme, Timescale,
)
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.judgements import EDITABLE_STAGES
from safehouse_portal.domain.options import Option
from safehouse_portal.domain.recommendations import STATUS_LABELS, RecommendationStatus, due_date
from safehouse_portal.services.core import audit
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.core.validation import bounded_text, parse
from safehouse_portal.services.judgements.workspace import (
    Access, Header, header, in_scope_kloes, open_inspection,
)

MAX_TEXT_LENGTH = 4000
NO_DUE_DATE = "Set when the provider receives the final report"


@dataclass(frozen=True)
class RecommendationRow:
    """One recommendation as the workspace lists it.

    ``kloe_codes``, ``theme_value`` and ``timescale_value`` fill the edit form;
    ``has_thread`` says its thread with the provider is open: once the report is issued.
    """

    id: int = 0
    kloes: str = ""
    key_question: str = ""
    text: str = ""
    theme: str = ""
    timescale: str = ""
    due: str = ""
    status: str = ""
    kloe_codes: list[str] = field(default_factory=list)
    theme_value: str = ""
    timescale_value: str = ""
    has_thread: bool = False


@dataclass(frozen=True)
class RecommendationsView:
    header: Header = field(default_factory=Header)
    may_draft: bool = False
    kloe_options: list[Option] = field(default_factory=list)
    themes: list[Option] = field(default_factory=list)
    timescales: list[Option] = field(default_factory=list)
    recommendations: list[RecommendationRow] = field(default_factory=list)


class DraftRequest(BaseModel):
    """A recommendation as drafted: its KLOEs, words, theme and timescale."""

    kloes: list[str]
    text: str
    theme: Theme
    timescale: Timescale

    @field_validator("kloes", mode="before")
    @classmethod
    def _kloes(cls, value: object) -> list[str]:
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not values or not all(isinstance(v, str) and 0 < len(v) <= 10
                                                                  for v in values):
            raise ValueError("Choose at least one KLOE the recommendation is made against")
        return list(dict.fromkeys(values))

    @field_validator("text", mode="before")
    @classmethod
    def _text(cls, value: object) -> str:
        return bounded_text(value, most=MAX_TEXT_LENGTH,
                            message=f"Enter what the provider should do, in 1 to {MAX_TEXT_LENGTH} characters")

    @field_validator("theme", mode="before")
    @classmethod
    def _theme(cls, value: object) -> Theme:
        if not isinstance(value, str) or value not in Theme.__members__.values():
            raise ValueError("Choose a theme")
        return Theme(value)

    @field_validator("timescale", mode="before")
    @classmethod
    def _timescale(cls, value: object) -> Timescale:
        if not isinstance(value, str) or value not in Timescale.__members__.values():
            raise ValueError("Choose a timescale")
        return Timescale(value)


def recommendations(*, session: Session, actor: Actor | None, inspection_id: object) -> RecommendationsView:
    """The inspection's recommendations with their due dates once the report is received."""
    access = open_inspection(session, actor, inspection_id)
    inspection = access.inspection
    may_draft = _may_draft(access)
    kloes = in_scope_kloes(session, inspection)
    rows = session.exec(select(Recommendation).where(Recommendation.inspection_id == inspection.id)
                        .order_by(Recommendation.id)).all()
    return RecommendationsView(
        header=header(session, access),
        may_draft=may_draft,
        kloe_options=[Option(k.code, f"{k.code} {k.title}") for k, _ in kloes] if may_draft else [],
        themes=[Option(t.value, THEME_LABELS[t]) for t in Theme],
        timescales=[Option(t.value, TIMESCALE_LABELS[t]) for t in Timescale],
        recommendations=[_row(r, inspection.final_issued_on) for r in rows],
    )


def draft_recommendation(*, session: Session, actor: Actor | None, inspection_id: object, data: object) -> int:
    """Draft a recommendation (a team member, until the final report is issued).

    Returns:
        The new recommendation's id.
    """
    access = open_inspection(session, actor, inspection_id, edit=True)
    _require_draftable(access)
    request = parse(DraftRequest, data)
    key_question = _key_question(session, access, request.kloes)
    row = Recommendation(inspection_id=access.inspection.id, kloe_codes=request.kloes, key_question=key_question,
                         text=request.text, theme=request.theme, timescale=request.timescale,
                         status=RecommendationStatus.OPEN.value, created_by_id=access.actor.user_id)
    session.add(row)
    session.flush()
    audit.record(session=session, actor=access.actor, action="recommendation.drafted", entity_type="recommendation",
                 entity_id=row.id, after=_snapshot(row))
    session.flush()
    return row.id


def update_recommendation(*, session: Session, actor: Actor | None, inspection_id: object,
                          recommendation_id: object, data: object) -> None:
    """Change a drafted recommendation's KLOEs, words, theme or timescale."""
    access = open_inspection(session, actor, inspection_id, edit=True)
    _require_draftable(access)
    row = _recommendation(session, access, recommendation_id)
    request = parse(DraftRequest, data)
    before = _snapshot(row)
    row.key_question = _key_question(session, access, request.kloes)
    row.kloe_codes, row.text, row.theme, row.timescale = request.kloes, request.text, request.theme, request.timescale
    session.add(row)
    audit.record(session=session, actor=access.actor, action="recommendation.changed", entity_type="recommendation",
                 entity_id=row.id, before=before, after=_snapshot(row))
    session.flush()


def remove_recommendation(*, session: Session, actor: Actor | None, inspection_id: object,
                          recommendation_id: object) -> None:
    """Remove a drafted recommendation before the report is issued."""
    access = open_inspection(session, actor, inspection_id, edit=True)
    _require_draftable(access)
    row = _recommendation(session, access, recommendation_id)
    audit.record(session=session, actor=access.actor, action="recommendation.removed", entity_type="recommendation",
                 entity_id=row.id, before=_snapshot(row))
    session.delete(row)
    session.flush()


def _may_draft(access: Access) -> bool:
    return access.may_edit and access.inspection.stage in EDITABLE_STAGES and access.inspection.final_issued_on is None


def _require_draftable(access: Access) -> None:
    if not _may_draft(access):
        raise InvalidInput({"form": "The final report is issued: its recommendations are now tracked "
                                    "with the provider"})


def _recommendation(session: Session, access: Access, recommendation_id: object) -> Recommendation:
    if parse_id(recommendation_id, text=False) is None:
        raise InvalidInput({"recommendation_id": "Unknown recommendation"})
    row = session.get(Recommendation, recommendation_id)
    if row is None or row.inspection_id != access.inspection.id:
        raise NotFound("No such recommendation in this inspection")
    return row


def _key_question(session: Session, access: Access, codes: list[str]) -> str:
    """The key question of the first chosen KLOE (in framework order); every KLOE must be in scope."""
    in_scope = {kloe.code: key for kloe, key in in_scope_kloes(session, access.inspection)}
    unknown = [code for code in codes if code not in in_scope]
    if unknown:
        raise InvalidInput({"kloes": "Choose KLOEs of the key questions in scope"})
    order = list(in_scope)
    codes.sort(key=order.index)
    return in_scope[codes[0]]


def _row(row: Recommendation, received_on) -> RecommendationRow:
    due = due_date(row.timescale, received_on)
    label = KEY_QUESTION_LABELS.get(KeyQuestion(row.key_question), row.key_question) \
        if row.key_question in KeyQuestion.__members__.values() else row.key_question
    status = RecommendationStatus(row.status) if row.status in RecommendationStatus.__members__.values() else None
    return RecommendationRow(
        id=row.id, kloes=", ".join(row.kloe_codes), key_question=label, text=row.text,
        theme=THEME_LABELS[row.theme], timescale=TIMESCALE_LABELS[row.timescale],
        due=format_date(due) if due else NO_DUE_DATE,
        status=STATUS_LABELS[status] if status else row.status,
        kloe_codes=list(row.kloe_codes), theme_value=row.theme.value, timescale_value=row.timescale.value,
        has_thread=received_on is not None,
    )


def _snapshot(row: Recommendation) -> dict:
    return {"kloe_codes": list(row.kloe_codes), "key_question": row.key_question, "text": row.text,
            "theme": row.theme.value, "timescale": row.timescale.value}
