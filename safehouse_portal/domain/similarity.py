"""Whether an information request asks for something already asked or already answered.

Inspectors are warned before a request goes out when it looks like an earlier request
of the same inspection or like something the provider already gave in its return (PIR),
so a provider is never asked twice. The comparison works on sets of meaningful words:

- Text is lower-cased and split into words; words that carry no meaning in a request
  ("please", "provide", "the", "your"...) are dropped, and each word is cut to a crude
  stem (plural "s", "ing", "ed" endings), so "policies" meets "policy" and "reviewed"
  meets "review" (see ``stem``).
- Against another question (an earlier request, or a PIR question) the measure is the
  **Jaccard similarity** of the two word sets: shared words / all words.
  ``QUESTION_THRESHOLD`` = 0.4: in the requests the project wrote to tune it, rewordings
  of the same request scored 0.45-0.8 and different requests on the same theme
  (fire safety checks vs fire safety training) 0.2-0.35.
- Against an answer (a PIR answer or an earlier request's answer), which is longer and
  written differently, the measure is **containment**: the share of the request's words
  found in the answer. ``ANSWER_THRESHOLD`` = 0.75, and only for requests of at least
  ``MIN_WORDS_FOR_CONTAINMENT`` meaningful words, so that a two-word request is not
  "found" in every long answer.

A warning never blocks: the inspector may send the request anyway.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

QUESTION_THRESHOLD = 0.4
ANSWER_THRESHOLD = 0.75
MIN_WORDS_FOR_CONTAINMENT = 3

STOP_WORDS = frozenset("""
a an and any are as at be been by can could do does for from give has have how i if in is it its
kindly me of on or our please provide send share should so tell that the their them there these this
those to us was were we what when where which who will with would you your yours all also about copy copies
details detail information evidence current latest recent most last
""".split())
"""Words that say how to ask, not what is asked for."""

_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Candidate:
    """Something the request might repeat.

    Attributes:
        kind: What it is, for people ("Earlier request", "PIR answer").
        reference: Which one (a request id, a PIR question code).
        question: The earlier question, or the PIR question.
        answer: What the provider answered (may be empty).
    """

    kind: str
    reference: str
    question: str
    answer: str = ""


@dataclass(frozen=True)
class Match:
    """A candidate the request looks like, with how alike (0 to 1) and why."""

    candidate: Candidate
    score: float
    reason: str


def stem(word: str) -> str:
    """A crude stem: enough to meet plurals and simple verb endings, nothing more.

    "policies" and "policy" meet at "policy", "reviewed" and "reviews" at "review",
    "fires" and "fire" at "fire", "boxes" and "box" at "box"; words ending in "ss"
    ("access", "process") keep their ending.
    """
    if len(word) <= 3 or word.endswith("ss"):
        return word
    if word.endswith("ies") and len(word) >= 5:
        return word[:-3] + "y"
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    if word.endswith(("ches", "shes", "xes", "zes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("us", "is")):
        return word[:-1]
    return word


def words(text: str) -> frozenset[str]:
    """The meaningful word stems of ``text``."""
    return frozenset(stem(w) for w in _WORD.findall(text.lower()) if w not in STOP_WORDS)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared words over all words; 0 when both are empty."""
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def containment(request: frozenset[str], answer: frozenset[str]) -> float:
    """Share of the request's words that the answer contains; 0 for an empty request."""
    return len(request & answer) / len(request) if request else 0.0


def find_similar(request: str, candidates: Sequence[Candidate]) -> list[Match]:
    """Candidates the request looks like, most alike first."""
    asked = words(request)
    matches = []
    for candidate in candidates:
        by_question = jaccard(asked, words(candidate.question))
        by_answer = containment(asked, words(candidate.answer)) if len(asked) >= MIN_WORDS_FOR_CONTAINMENT else 0.0
        if by_question >= QUESTION_THRESHOLD:
            matches.append(Match(candidate, by_question, "asks much the same question"))
        elif by_answer >= ANSWER_THRESHOLD:
            matches.append(Match(candidate, by_answer, "is already answered there"))
    return sorted(matches, key=lambda m: -m.score)
