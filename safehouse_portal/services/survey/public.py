"""The survivor's side: the survey behind a link, and sending answers, with no sign-in and no trace.

Nothing here asks who is acting: the link's token is the only key, and a response keeps the
day, the language, the channel and the answers (``db/survey.py``), nothing that could lead
back to the person. The guards name nobody either: a honeypot field a person never sees
(a filled one is thanked and dropped), a cap on what one submission may hold, and a limit
on responses per link per day counted in the database, so a flood against one link cannot
bury the others or fill the disk.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, func, select

from safehouse_portal.db import Inspection, Location, SurveyLink, SurveyResponse
from safehouse_portal.domain.survey import (
    MAX_ANSWERS, MAX_TEXT, PREFER_NOT_TO_SAY, Channel, Language, Question, QuestionSet, applicable, is_closed,
    normalise_answers, rate_limited,
)
from safehouse_portal.services.survey.versions import ensure_default_question_set, question_set
from safehouse_portal.settings import get_settings
from safehouse_portal.services.core.membership import covered_by

TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MAX_SUBMISSION_CHARS = 40_000
"""Everything one submission may hold, measured as JSON: the longest honest one is well under it."""
OPEN, CLOSED, UNKNOWN = "open", "closed", "unknown"
SENT, BUSY, INVALID = "sent", "busy", "invalid"


@dataclass(frozen=True)
class LanguageChoice:
    """A language offered, named in itself."""

    code: str = ""
    name: str = ""
    dir: str = "ltr"


@dataclass(frozen=True)
class OptionView:
    """One answer a choice question offers, in the chosen language."""

    value: str = ""
    label: str = ""


@dataclass(frozen=True)
class QuestionView:
    """One question as shown: its words, its place in the survey and its options or length."""

    code: str = ""
    kind: str = "choice"
    text: str = ""
    progress: str = ""
    hint: str = ""
    max_chars: int = 0
    options: list[OptionView] = field(default_factory=list)


@dataclass(frozen=True)
class SurveyView:
    """What a link shows: open, closed or unknown; the languages; in the chosen one, the texts and questions."""

    status: str = UNKNOWN
    languages: list[LanguageChoice] = field(default_factory=list)
    language: str = ""
    dir: str = "ltr"
    texts: dict[str, str] = field(default_factory=dict)
    questions: list[QuestionView] = field(default_factory=list)


@dataclass(frozen=True)
class SubmitOutcome:
    """What became of a submission: sent, closed, unknown, busy or invalid (with per-question text keys)."""

    status: str = INVALID
    errors: dict[str, str] = field(default_factory=dict)


def survey_for_token(*, session: Session, token: object, today: date, language: object = None) -> SurveyView:
    """The survey behind ``token``; in ``language`` (when it is one offered), its texts and its questions.

    An unknown or malformed token and a closed link still offer the languages (of the
    current question set, or the link's), so the message can be read in one's own.
    """
    link = _link(session, token)
    if link is None:
        return _view(question_set(session, ensure_default_question_set(session=session)), UNKNOWN, language, ())
    questions = question_set(session, link.question_set_id)
    status = CLOSED if is_closed(link.closes_on, today) else OPEN
    asked = _asked(session, questions, link) if status == OPEN else ()
    return _view(questions, status, language, asked)


def submit(*, session: Session, token: object, language: object, answers: object, honeypot: object,
           today: date, daily_limit: int | None = None) -> SubmitOutcome:
    """Keep one survivor's answers (the day only), or say why not; never who sent them.

    Args:
        token: The link's token, from the page's address.
        language: The language the survey was answered in (one the question set offers).
        answers: Question code -> option value or text, as the browser sent them.
        honeypot: A field people never see; anything in it means a robot: thanked, nothing kept.
        today: The day, in England (the only time kept).
        daily_limit: Responses a link may take per day; ``Settings.survey_daily_limit`` by default.
    """
    link = _link(session, token)
    if link is None:
        return SubmitOutcome(status=UNKNOWN)
    if is_closed(link.closes_on, today):
        return SubmitOutcome(status=CLOSED)
    if honeypot not in (None, ""):
        return SubmitOutcome(status=SENT)
    questions = question_set(session, link.question_set_id)
    if questions.language(language) is None or not _within_size(answers):
        return SubmitOutcome(status=INVALID, errors={"answers": "error_title"})
    normalised = normalise_answers(_asked(session, questions, link), answers)
    if normalised.errors:
        return SubmitOutcome(status=INVALID, errors=normalised.errors)
    limit = get_settings().survey_daily_limit if daily_limit is None else daily_limit
    if rate_limited(_responses_on(session, link.id, today), limit):
        return SubmitOutcome(status=BUSY)
    session.add(SurveyResponse(link_id=link.id, question_set_id=link.question_set_id, language=language,
                               day=today, channel=Channel.ONLINE, answers=normalised.answers))
    session.flush()
    return SubmitOutcome(status=SENT)


def service_kinds(session: Session, inspection: Inspection) -> frozenset[str]:
    """The kinds of service (safehouse, outreach) of the inspection's group's active locations."""
    kinds = session.exec(select(Location.kind).where(
        covered_by(session, inspection.id, inspection.group_id)).distinct()).all()
    return frozenset(str(kind) for kind in kinds)


def _link(session: Session, token: object) -> SurveyLink | None:
    if not isinstance(token, str) or not TOKEN.match(token):
        return None
    return session.exec(select(SurveyLink).where(SurveyLink.token == token)).first()


def _asked(session: Session, questions: QuestionSet, link: SurveyLink) -> tuple[Question, ...]:
    inspection = session.get(Inspection, link.inspection_id)
    return applicable(questions.questions, service_kinds(session, inspection))


def _within_size(answers: object) -> bool:
    if not isinstance(answers, dict) or len(answers) > MAX_ANSWERS:
        return False
    try:
        return len(json.dumps(answers, ensure_ascii=False)) <= MAX_SUBMISSION_CHARS
    except (TypeError, ValueError):
        return False


def _responses_on(session: Session, link_id: int, day: date) -> int:
    return session.exec(select(func.count()).select_from(SurveyResponse)
                        .where(SurveyResponse.link_id == link_id, SurveyResponse.day == day)).one()


def _view(questions: QuestionSet, status: str, language: object, asked: tuple[Question, ...]) -> SurveyView:
    choices = [LanguageChoice(code=lang.code, name=lang.name, dir=lang.dir) for lang in questions.languages]
    chosen = questions.language(language)
    if chosen is None:
        return SurveyView(status=status, languages=choices)
    return SurveyView(status=status, languages=choices, language=chosen.code, dir=chosen.dir,
                      texts={k: v.replace("{max}", str(MAX_TEXT)) for k, v in chosen.texts.items()
                             if not k.startswith(("q.", "opt."))},
                      questions=[_question(chosen, q, n, len(asked)) for n, q in enumerate(asked, start=1)])


def _question(lang: Language, q: Question, n: int, total: int) -> QuestionView:
    texts = lang.texts
    options = [*q.options, PREFER_NOT_TO_SAY] if q.kind == "choice" else []
    hint = texts["text_hint"].replace("{max}", str(q.max_chars)) if q.kind == "text" else texts["optional_hint"]
    return QuestionView(code=q.code, kind=q.kind, text=texts[f"q.{q.code}"], hint=hint, max_chars=q.max_chars,
                        progress=texts["progress"].replace("{n}", str(n)).replace("{total}", str(total)),
                        options=[OptionView(value=o, label=texts[f"opt.{o}"]) for o in options])
