"""The survivor survey's rules: which questions apply, what an answer may be, what may be shown.

Pure (stdlib only): the question set arrives as data (``services/survey/schema.py`` checks
its shape), and these rules decide what a survivor is asked and what is kept of their
answers. Keeping the rules here lets them be tested without a database and keeps the
anonymity promise in one readable place: an answer is a question code mapped to an option
or a piece of cleaned text, and nothing else.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

MAX_TEXT = 2000
"""Longest free-text answer kept (the ``too_long`` message names it)."""
PREFER_NOT_TO_SAY = "prefer_not_to_say"
"""Offered with every choice question; a real answer, counted apart from silence."""
SUPPRESSION_THRESHOLD = 5
"""Counts below this are never shown, so a small service's few survivors cannot be picked out."""
MAX_ANSWERS = 50
"""More answers than any question set has questions is not a survivor's submission."""
SERVICE_KINDS = frozenset({"safehouse", "outreach"})
QUESTION_KINDS = frozenset({"choice", "text"})
DIRECTIONS = frozenset({"ltr", "rtl"})
UI_KEYS = (
    "choose_language", "intro_title", "confidential", "intro_body", "anonymous", "start", "next", "back",
    "submit", "progress", "optional_hint", "text_hint", "thank_you_title", "thank_you_body", "closed_title",
    "closed_body", "unknown_title", "unknown_body", "too_long", "error_title", "busy",
)
"""Every language defines these texts (``SURVEY_FORMAT.md``)."""
PLACEHOLDERS = {"progress": ("{n}", "{total}"), "text_hint": ("{max}",), "too_long": ("{max}",)}
"""Placeholders a translation must keep, by text key."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
"""Control characters (NUL included) but tab (\\x09) and newline (\\x0a): never kept in an answer."""


class Channel(StrEnum):
    """How a response reached CQC."""

    ONLINE = "online"
    PAPER = "paper"


@dataclass(frozen=True)
class Question:
    """One question: a choice among ``options`` or free text, asked of the given service kinds."""

    code: str
    kind: str
    service_kinds: frozenset[str]
    options: tuple[str, ...] = ()
    max_chars: int = MAX_TEXT


@dataclass(frozen=True)
class Language:
    """One translation: the language named in itself, its direction and every text by key."""

    code: str
    name: str
    dir: str = "ltr"
    status: str = "draft"
    texts: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class QuestionSet:
    """One version of the survey: its questions and its translations."""

    version: str
    title: str
    source: str
    questions: tuple[Question, ...]
    languages: tuple[Language, ...]

    def language(self, code: object) -> Language | None:
        """The translation with ``code`` (anything a browser sent), or None."""
        return next((lang for lang in self.languages if lang.code == code), None)


@dataclass(frozen=True)
class Normalised:
    """Answers fit to keep, and per question the text key of what was wrong."""

    answers: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def text_keys(questions: Iterable[Question]) -> list[str]:
    """Every text key a translation of a set with ``questions`` must define."""
    keys = list(UI_KEYS) + [f"q.{q.code}" for q in questions]
    options = {PREFER_NOT_TO_SAY} | {o for q in questions for o in q.options}
    return keys + [f"opt.{o}" for o in sorted(options)]


def definition_problems(question_set: QuestionSet) -> list[str]:
    """What is wrong with a question set beyond its shape; empty when it may be imported."""
    problems: list[str] = []
    codes = [q.code for q in question_set.questions]
    problems += [f"question {c}: the code is used twice" for c in sorted({c for c in codes if codes.count(c) > 1})]
    for q in question_set.questions:
        problems += _question_problems(q)
    langs = [lang.code for lang in question_set.languages]
    problems += [f"language {c}: given twice" for c in sorted({c for c in langs if langs.count(c) > 1})]
    if "en" not in langs:
        problems.append("languages: English (en) is required")
    required = text_keys(question_set.questions)
    for lang in question_set.languages:
        problems += _language_problems(lang, required)
    return problems


def _question_problems(q: Question) -> list[str]:
    problems = []
    if q.kind not in QUESTION_KINDS:
        problems.append(f"question {q.code}: kind must be choice or text")
    if q.kind == "choice" and not q.options:
        problems.append(f"question {q.code}: a choice needs options")
    if PREFER_NOT_TO_SAY in q.options:
        problems.append(f"question {q.code}: {PREFER_NOT_TO_SAY} is offered anyway; do not list it")
    if not q.service_kinds or not q.service_kinds <= SERVICE_KINDS:
        problems.append(f"question {q.code}: service_kinds must be safehouse and/or outreach")
    if q.kind == "text" and not 0 < q.max_chars <= MAX_TEXT:
        problems.append(f"question {q.code}: max_chars must be 1 to {MAX_TEXT}")
    return problems


def _language_problems(lang: Language, required: list[str]) -> list[str]:
    problems = []
    if lang.dir not in DIRECTIONS:
        problems.append(f"language {lang.code}: dir must be ltr or rtl")
    missing = [k for k in required if not (lang.texts.get(k) or "").strip()]
    if missing:
        problems.append(f"language {lang.code}: missing texts {', '.join(missing)}")
    for key, marks in PLACEHOLDERS.items():
        lost = [m for m in marks if m not in (lang.texts.get(key) or m)]
        if lost:
            problems.append(f"language {lang.code}: {key} must keep {' '.join(lost)}")
    return problems


def applicable(questions: Iterable[Question], service_kinds: Iterable[str]) -> tuple[Question, ...]:
    """The questions asked of an inspection whose groups hold ``service_kinds``.

    An inspection of both kinds asks both; one whose group has no active location yet
    (nothing to go on) asks every question rather than leave a survivor's area unasked.
    """
    kinds = frozenset(service_kinds) & SERVICE_KINDS
    return tuple(q for q in questions if not kinds or q.service_kinds & kinds)


def clean_text(value: str) -> str:
    """``value`` without control characters (tab and newline kept), trimmed."""
    return _CONTROL.sub("", value).strip()


def normalise_answers(questions: Iterable[Question], submitted: object) -> Normalised:
    """The answers to keep from what a browser sent.

    Codes the survey does not ask are dropped (a forged or stale field); an option the
    question does not offer, or a value that is not text, is refused; unanswered questions
    are simply absent; text is cleaned and refused past its question's ``max_chars``.
    """
    if not isinstance(submitted, Mapping):
        return Normalised(errors={"answers": "error_title"})
    answers, errors = {}, {}
    for q in questions:
        value = submitted.get(q.code)
        if value is None:
            continue
        if not isinstance(value, str):
            errors[q.code] = "error_title"
            continue
        if q.kind == "choice":
            if value == "":
                continue
            if value in q.options or value == PREFER_NOT_TO_SAY:
                answers[q.code] = value
            else:
                errors[q.code] = "error_title"
        else:
            text = clean_text(value)
            if len(text) > q.max_chars:
                errors[q.code] = "too_long"
            elif text:
                answers[q.code] = text
    return Normalised(answers=answers, errors=errors)


def is_closed(closes_on: date, today: date) -> bool:
    """A link takes answers up to and including its closing day."""
    return today > closes_on


def closing_date_problem(closes_on: date | None, today: date) -> str | None:
    """Why ``closes_on`` cannot be a link's closing date, or None."""
    if closes_on is None:
        return "Enter the closing date as a date, for example 2027-01-31"
    if closes_on <= today:
        return "The closing date must be after today"
    return None


def rate_limited(responses_today: int, daily_limit: int) -> bool:
    """Whether a link has taken as many responses today as it may (a limit that names nobody)."""
    return responses_today >= daily_limit


def suppressed(count: int) -> bool:
    """Whether a count is too small to show (fewer than ``SUPPRESSION_THRESHOLD``)."""
    return count < SUPPRESSION_THRESHOLD


def shown_counts(counts: Mapping[str, int]) -> dict[str, int | None]:
    """``counts`` with each too-small count replaced by None (shown as "fewer than 5")."""
    return {key: None if suppressed(count) else count for key, count in counts.items()}
