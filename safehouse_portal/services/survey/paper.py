"""Paper questionnaires: printing one per language, and an inspector entering a filled-in one.

Survivors without a phone answer on paper; an inspector on the inspection types the form
in so it counts like any other response, marked as paper (``Channel.PAPER``) and kept
exactly as anonymously: the day it was entered, the language, the answers. Entering is
allowed after the link has closed (the paper came in on time) but never past the same
checks as online answers (options offered, text length). The printed form carries the
inspection's number only, to be entered against the right inspection.
"""

from dataclasses import dataclass, field
from datetime import date

from safehouse_portal.db import SurveyResponse
from safehouse_portal.documents.survey_paper import PaperQuestion, PrintLanguage
from safehouse_portal.domain.survey import PREFER_NOT_TO_SAY, Channel, QuestionSet, normalise_answers
from safehouse_portal.services.core import audit
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.survey.results import english, load_survey


@dataclass(frozen=True)
class PaperField:
    """One question of the paper entry form, in English, with its options (value, words)."""

    code: str = ""
    kind: str = "choice"
    text: str = ""
    options: list[list[str]] = field(default_factory=list)


@dataclass(frozen=True)
class PaperForm:
    """What the entry form needs: the questions asked and the languages a paper form can be in."""

    fields: list[PaperField] = field(default_factory=list)
    languages: list[list[str]] = field(default_factory=list)
    """[code, name in English script or itself] pairs."""


def paper_form(*, session, actor: Actor | None, inspection_id: object) -> PaperForm:
    """The paper entry form's questions (empty before the link is opened).

    Raises:
        PermissionDenied, NotFound: As ``results.load_survey`` with ``USE_SURVEY_EVIDENCE``.
    """
    survey = load_survey(session, actor, inspection_id, Action.USE_SURVEY_EVIDENCE)
    if survey.link is None:
        return PaperForm()
    texts = english(survey.questions)
    fields = [PaperField(code=q.code, kind=q.kind, text=texts.get(f"q.{q.code}", q.code),
                         options=[[o, texts.get(f"opt.{o}", o)] for o in [*q.options, PREFER_NOT_TO_SAY]]
                         if q.kind == "choice" else []) for q in survey.asked]
    return PaperForm(fields=fields, languages=[[lang.code, lang.name] for lang in survey.questions.languages])


def enter_paper_response(*, session, actor: Actor | None, inspection_id: object, language: object,
                         answers: object, today: date) -> None:
    """Keep a paper questionnaire's answers as a response marked paper, dated ``today``.

    Raises:
        InvalidInput: No link yet, a language not offered, an answer not offered or too long,
            or a form with no answer at all (each named by its question).
        PermissionDenied, NotFound: As ``paper_form``.
    """
    survey = load_survey(session, actor, inspection_id, Action.USE_SURVEY_EVIDENCE)
    if survey.link is None:
        raise InvalidInput({"form": "Open the survey link first: paper responses are counted with it"})
    if survey.questions.language(language) is None:
        raise InvalidInput({"language": "Choose the language the questionnaire was filled in"})
    submitted = {k: v for k, v in answers.items() if isinstance(k, str)} if isinstance(answers, dict) else None
    normalised = normalise_answers(survey.asked, submitted)
    if normalised.errors:
        raise InvalidInput({code: ("The answer is too long" if key == "too_long" else "Choose one of the answers")
                            for code, key in normalised.errors.items()})
    if not normalised.answers:
        raise InvalidInput({"form": "Enter at least one answer from the questionnaire"})
    session.add(SurveyResponse(link_id=survey.link.id, question_set_id=survey.link.question_set_id, language=language,
                               day=today, channel=Channel.PAPER, answers=normalised.answers))
    session.flush()
    audit.record(session=session, actor=actor, action="survey.paper_response_entered", entity_type="inspection",
                 entity_id=survey.inspection.id, after={"language": language})


def print_language(questions: QuestionSet, code: object) -> PrintLanguage:
    """A translation of ``questions`` as the printable documents take it.

    Raises:
        NotFound: The question set has no such language.
    """
    lang = questions.language(code)
    if lang is None:
        raise NotFound("No such language")
    return PrintLanguage(code=lang.code, name=lang.name, dir=lang.dir, texts=dict(lang.texts))


def paper_questions(questions: QuestionSet, asked: tuple, code: str) -> list[PaperQuestion]:
    """The questions asked, in language ``code``, as the paper questionnaire prints them."""
    texts = questions.language(code).texts
    return [PaperQuestion(code=q.code, kind=q.kind, text=texts[f"q.{q.code}"],
                          options=tuple((o, texts[f"opt.{o}"]) for o in [*q.options, PREFER_NOT_TO_SAY])
                          if q.kind == "choice" else ()) for q in asked]
