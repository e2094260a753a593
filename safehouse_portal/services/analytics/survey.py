"""The programme's survivor survey figures: responses and the share who got the support they needed.

Across every inspection's responses in a period of response days: the headline (responses,
yes / partly / no / not answered, share of yes), then the same share by month, by kind of
service and by language, each group of fewer than five responses hidden whole
(``domain/survey_results.breakdown``). Programme managers and admins (the ``safehouse``
command acts as one) see it; it holds no comment and no single response.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, select

from safehouse_portal.db import Inspection, SurveyLink, SurveyQuestionSet, SurveyResponse
from safehouse_portal.domain import survey_results as rules
from safehouse_portal.domain.enums import Role
from safehouse_portal.domain.survey import suppressed
from safehouse_portal.services.core.access import Action, require, require_role
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.services.survey.public import service_kinds

KIND_LABELS = {"safehouse": "Safehouse", "outreach": "Outreach", "both": "Safehouse and outreach",
               "none": "No active location"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


@dataclass(frozen=True)
class SurveyRow:
    """One group of a breakdown as shown: its label, responses and share of yes, or hidden."""

    key: str = ""
    label: str = ""
    responses: str = ""
    share_yes: str = ""
    hidden: bool = False


@dataclass(frozen=True)
class SurveyBreakdown:
    """One breakdown (by period, kind of service or language)."""

    title: str = ""
    rows: list[SurveyRow] = field(default_factory=list)


@dataclass(frozen=True)
class SurveyFigures:
    """The headline in the shape ``safehouse stats survey --json`` prints, and the breakdowns."""

    responses: int = 0
    got_support_needed: dict[str, int] = field(default_factory=dict)
    share_yes: float = 0.0
    share_text: str = ""
    """``share_yes`` as shown: one decimal and a per cent sign."""
    hidden: bool = False
    """The whole period has fewer than five responses: only that is said."""
    breakdowns: list[SurveyBreakdown] = field(default_factory=list)

    def as_json(self) -> dict:
        """``{"responses", "got_support_needed": {yes, partly, no, not_answered}, "share_yes"}``."""
        return {"responses": self.responses, "got_support_needed": dict(self.got_support_needed),
                "share_yes": self.share_yes}


def survey_figures(*, session: Session, actor: Actor | None, date_from: date | None = None,
                   date_to: date | None = None, for_programme_report: bool = False) -> SurveyFigures:
    """The survey's figures for responses dated ``date_from`` to ``date_to`` (either open).

    ``for_programme_report``: the figures go into the annual programme report, which
    stakeholders receive too; the actor must be allowed that report.

    Raises:
        PermissionDenied: Not a programme manager or an admin (or, for the programme report,
            not allowed it).
        InvalidInput: The period ends before it starts.
    """
    if for_programme_report:
        require(actor, Action.VIEW_PROGRAMME_REPORT)
    else:
        require_role(actor, Role.PROGRAMME_MANAGER, Role.ADMIN)
    if date_from and date_to and date_to < date_from:
        raise InvalidInput({"date_to": "The end of the period must be on or after its start"})
    query = select(SurveyResponse.day, SurveyResponse.language, SurveyResponse.answers, Inspection).join(SurveyLink, SurveyLink.id == SurveyResponse.link_id).join(
        Inspection, Inspection.id == SurveyLink.inspection_id)
    if date_from:
        query = query.where(SurveyResponse.day >= date_from)
    if date_to:
        query = query.where(SurveyResponse.day <= date_to)
    rows = session.exec(query).all()
    answers = [answer for _, _, answer, _ in rows]
    summary = rules.support_summary(answers)
    figures = dict(responses=summary.responses, got_support_needed=dict(summary.counts), share_yes=summary.share_yes,
                   share_text=f"{summary.share_yes:.1f}%")
    if suppressed(summary.responses):
        return SurveyFigures(**figures, hidden=summary.responses > 0)
    inspections = {inspection.id: inspection for *_, inspection in rows}
    kinds = {inspection_id: _kind(session, inspection) for inspection_id, inspection in inspections.items()}
    names = _language_names(session)
    by_month, by_kind, by_language = defaultdict(list), defaultdict(list), defaultdict(list)
    for day, language, answer, inspection in sorted(rows, key=lambda row: row[0]):
        by_month[day.strftime("%Y-%m")].append(answer)
        by_kind[kinds[inspection.id]].append(answer)
        by_language[language].append(answer)
    return SurveyFigures(**figures, breakdowns=[
        SurveyBreakdown("By month of response", _rows(by_month, _month_label)),
        SurveyBreakdown("By kind of service", _rows(dict(sorted(by_kind.items())), lambda k: KIND_LABELS[k])),
        SurveyBreakdown("By language", _rows(dict(sorted(by_language.items(), key=lambda kv: -len(kv[1]))),
                                             lambda k: names.get(k, k))),
    ])


def _rows(groups: dict, label) -> list[SurveyRow]:
    return [SurveyRow(key=g.key, label=label(g.key), hidden=g.hidden,
                      responses="" if g.hidden else str(g.responses),
                      share_yes="" if g.hidden else f"{g.share_yes:.1f}%") for g in rules.breakdown(groups)]


def _kind(session: Session, inspection: Inspection) -> str:
    kinds = service_kinds(session, inspection)
    if not kinds:
        return "none"
    return "both" if len(kinds) > 1 else next(iter(kinds))


def _month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{MONTHS[int(month) - 1]} {year}"


def _language_names(session: Session) -> dict[str, str]:
    names: dict[str, str] = {}
    for definition in session.exec(select(SurveyQuestionSet.definition)).all():
        for lang in definition.get("languages", []):
            names.setdefault(lang.get("code"), lang.get("name"))
    return names
