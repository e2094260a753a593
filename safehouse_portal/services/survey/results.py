"""An inspection's survivor survey results, for its inspectors and programme managers only.

Results by question with counts and percentages, the free-text comments and a filter by
language, every number and comment passed through the domain's suppression rule
(``domain/survey_results``): a breakdown of fewer than five responses is not shown, and
comments are not shown while the inspection (or the chosen language) has fewer than five.
Survivors' words are shown only to those who must see them, so each showing of comments is
audited. Provider leads are refused by the access policy (``Action.VIEW_SURVEY_RESULTS``).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, select

from safehouse_portal.db import (
    EvidenceItem, Inspection, InspectionGroup, Kloe, KloeAssessment, SurveyEvidence, SurveyLink, SurveyResponse,
)
from safehouse_portal.domain import survey_results as rules
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.survey import PREFER_NOT_TO_SAY, QuestionSet, applicable, is_closed, suppressed
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.access_facts import inspection_facts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import NotFound
from safehouse_portal.services.judgements.workspace import in_scope_kloes
from safehouse_portal.services.survey.public import service_kinds
from safehouse_portal.services.survey.versions import question_set

ALL_LANGUAGES = ""
HIDDEN = rules.HIDDEN_TEXT


@dataclass(frozen=True)
class OptionRow:
    """One answer's count and share (of those who answered the question)."""

    value: str = ""
    label: str = ""
    count: int = 0
    percent: str = ""


@dataclass(frozen=True)
class QuestionResult:
    """A choice question's results, or that they are hidden (fewer than five answered)."""

    code: str = ""
    text: str = ""
    answered: int = 0
    hidden: bool = False
    options: list[OptionRow] = field(default_factory=list)


@dataclass(frozen=True)
class CommentView:
    """One free-text answer; ``ref`` names it to the server (response and question), nothing else."""

    ref: str = ""
    question_code: str = ""
    question_text: str = ""
    text: str = ""


@dataclass(frozen=True)
class LanguageOption:
    """A language to filter by, with its count (None when fewer than five)."""

    code: str = ""
    name: str = ""
    label: str = ""


@dataclass(frozen=True)
class SurveyEvidenceView:
    """A comment or result added to a KLOE, and whether it is checked and quoted in the report."""

    id: int = 0
    kloe_code: str = ""
    kind: str = ""
    quote: str = ""
    checked: bool = False
    in_report: bool = False


@dataclass(frozen=True)
class SurveyResults:
    """Everything the results page shows, already suppressed."""

    inspection_id: int = 0
    group_name: str = ""
    has_link: bool = False
    status_text: str = ""
    total: int = 0
    paper: int = 0
    language: str = ALL_LANGUAGES
    languages: list[LanguageOption] = field(default_factory=list)
    shown_responses: int = 0
    responses_hidden: bool = False
    questions: list[QuestionResult] = field(default_factory=list)
    comments_hidden: bool = True
    comments: list[CommentView] = field(default_factory=list)
    evidence: list[SurveyEvidenceView] = field(default_factory=list)
    can_use: bool = False
    """Whether this person may enter paper forms and add evidence (the inspection's lead or team)."""
    kloes: list[list[str]] = field(default_factory=list)
    """[code, "code title"] of the KLOEs in scope, to add evidence to."""
    print_languages: list[list[str]] = field(default_factory=list)
    """[code, name] of every language the survey can be printed in."""


@dataclass(frozen=True)
class Survey:
    """An inspection's link, question set and the questions it asks (shared by the survey's staff services)."""

    inspection: Inspection
    link: SurveyLink | None
    questions: QuestionSet | None
    asked: tuple = ()


def load_survey(session: Session, actor: Actor | None, inspection_id: object, action: Action) -> Survey:
    """The inspection's survey, if ``actor`` may do ``action`` to it.

    Raises:
        PermissionDenied: The access policy refuses (provider leads always).
        NotFound: No such inspection.
    """
    actor = access.admit(actor, action)
    checked = parse_id(inspection_id, text=False)
    inspection = session.get(Inspection, checked) if checked is not None else None
    if inspection is None:
        raise NotFound("No such inspection")
    access.require(actor, action, inspection_facts(session, inspection))
    link = session.exec(select(SurveyLink).where(SurveyLink.inspection_id == inspection.id)).first()
    if link is None:
        return Survey(inspection, None, None)
    questions = question_set(session, link.question_set_id)
    return Survey(inspection, link, questions, applicable(questions.questions, service_kinds(session, inspection)))


def english(questions: QuestionSet) -> dict[str, str]:
    """The question set's English texts (staff read results in English)."""
    lang = questions.language("en")
    return dict(lang.texts) if lang else {}


def inspection_results(*, session: Session, actor: Actor | None, inspection_id: object, language: object = "",
                       today: date) -> SurveyResults:
    """The inspection's results, filtered to ``language`` (a code the question set offers) or all.

    Raises:
        PermissionDenied, NotFound: As ``load_survey``.
    """
    survey = load_survey(session, actor, inspection_id, Action.VIEW_SURVEY_RESULTS)
    group = session.get(InspectionGroup, survey.inspection.group_id)
    if survey.link is None:
        return SurveyResults(inspection_id=survey.inspection.id, group_name=group.name)
    rows = session.exec(select(SurveyResponse).where(SurveyResponse.link_id == survey.link.id)
                        .order_by(SurveyResponse.day, SurveyResponse.id)).all()
    chosen = language if isinstance(language, str) and survey.questions.language(language) else ALL_LANGUAGES
    picked = [r for r in rows if not chosen or r.language == chosen]
    answers = [r.answers for r in picked]
    texts = english(survey.questions)
    comments = rules.comments(survey.asked, answers, inspection_total=len(rows))
    shown = _comments(picked, survey.asked, texts) if comments is not None else []
    if shown:
        audit.record(session=session, actor=actor, action="survey.comments_viewed", entity_type="inspection",
                     entity_id=survey.inspection.id, after={"language": chosen or "all", "comments": len(shown)})
    closed = is_closed(survey.link.closes_on, today)
    return SurveyResults(
        inspection_id=survey.inspection.id, group_name=group.name, has_link=True,
        status_text=f"{'Closed on' if closed else 'Open until'} {format_date(survey.link.closes_on)}",
        total=len(rows), paper=sum(1 for r in rows if r.channel == "paper"), language=chosen,
        languages=_languages(survey.questions, rows), shown_responses=len(picked),
        responses_hidden=suppressed(len(picked)),
        questions=[_question(t, texts) for t in rules.tallies(survey.asked, answers)],
        comments_hidden=comments is None, comments=shown,
        evidence=survey_evidence(session, survey.inspection.id),
        can_use=access.may(actor, Action.USE_SURVEY_EVIDENCE, inspection_facts(session, survey.inspection)),
        kloes=[[k.code, f"{k.code} {k.title}"] for k, _ in in_scope_kloes(session, survey.inspection)],
        print_languages=[[lang.code, lang.name] for lang in survey.questions.languages],
    )


def survey_evidence(session: Session, inspection_id: int) -> list[SurveyEvidenceView]:
    """The inspection's survey evidence, newest last, with the KLOE each was added to."""
    rows = session.exec(
        select(SurveyEvidence, Kloe.code).join(EvidenceItem, EvidenceItem.id == SurveyEvidence.evidence_item_id)
        .join(KloeAssessment, KloeAssessment.id == EvidenceItem.assessment_id)
        .join(Kloe, Kloe.id == KloeAssessment.kloe_id)
        .where(SurveyEvidence.inspection_id == inspection_id).order_by(SurveyEvidence.id)).all()
    return [SurveyEvidenceView(id=e.id, kloe_code=code, kind=e.kind, quote=e.quote, checked=e.identifying_checked,
                               in_report=e.in_report) for e, code in rows]


def _question(tally: rules.QuestionTally, texts: dict[str, str]) -> QuestionResult:
    return QuestionResult(code=tally.code, text=texts.get(f"q.{tally.code}", tally.code), answered=tally.answered,
                          hidden=tally.hidden, options=[
                              OptionRow(value=o.value, label=texts.get(f"opt.{o.value}", o.value), count=o.count,
                                        percent=f"{o.percent:.1f}%") for o in tally.options])


def _comments(rows: list[SurveyResponse], asked: tuple, texts: dict[str, str]) -> list[CommentView]:
    return [CommentView(ref=f"{r.id}:{q.code}", question_code=q.code, question_text=texts.get(f"q.{q.code}", q.code),
                        text=r.answers[q.code])
            for q in asked if q.kind == "text" for r in rows if r.answers.get(q.code)]


def _languages(questions: QuestionSet, rows: list[SurveyResponse]) -> list[LanguageOption]:
    counts = Counter(r.language for r in rows)
    options = [LanguageOption(code=ALL_LANGUAGES, name="All languages", label=f"All languages ({len(rows)})")]
    for lang in questions.languages:
        if counts.get(lang.code):
            count = counts[lang.code]
            shown = "fewer than 5" if suppressed(count) else str(count)
            options.append(LanguageOption(code=lang.code, name=lang.name, label=f"{lang.name} ({shown})"))
    return options


def option_label(texts: dict[str, str], value: str) -> str:
    """An option's English words (``prefer not to say`` included)."""
    return texts.get(f"opt.{value}", value if value != PREFER_NOT_TO_SAY else "Prefer not to say")
