"""Counting survivor survey answers, and hiding every count too small to show.

Pure (stdlib only). The anonymity rule is one rule applied everywhere a number leaves the
database: a breakdown of fewer than ``SUPPRESSION_THRESHOLD`` responses is not shown, and
free text is not shown at all while the whole inspection has fewer than that many
responses. A breakdown is suppressed as a whole (not cell by cell), so a hidden cell
cannot be worked out by subtracting the shown ones from a shown total.
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from safehouse_portal.domain.survey import PREFER_NOT_TO_SAY, Question, suppressed

SUPPORT_QUESTION = "support"
"""Did you get the support you needed from staff: the programme's headline question."""
SUPPORT_ANSWERS = ("yes", "partly", "no")
NOT_ANSWERED = "not_answered"
HIDDEN_TEXT = "fewer than 5: hidden to protect anonymity"


@dataclass(frozen=True)
class OptionCount:
    """One answer to a choice question: how many gave it and their share of those who answered."""

    value: str = ""
    count: int = 0
    percent: float = 0.0


@dataclass(frozen=True)
class QuestionTally:
    """A choice question's answers among ``answered`` responses; ``hidden`` when too few to show."""

    code: str = ""
    answered: int = 0
    hidden: bool = False
    options: tuple[OptionCount, ...] = ()


@dataclass(frozen=True)
class SupportSummary:
    """The headline question: counts of yes, partly and no, the rest not answered, and the share of yes."""

    responses: int = 0
    counts: Mapping[str, int] = field(default_factory=dict)
    share_yes: float = 0.0


def percent(part: int, whole: int) -> float:
    """``part`` as a percentage of ``whole``, to one decimal place (0.0 for nothing)."""
    return round(100.0 * part / whole, 1) if whole else 0.0


def tally(question: Question, answers: Iterable[Mapping[str, str]]) -> QuestionTally:
    """How the responses answered ``question`` (a choice), hidden when fewer than five answered it."""
    given = Counter(a[question.code] for a in answers if question.code in a)
    answered = sum(given.values())
    if suppressed(answered):
        return QuestionTally(code=question.code, answered=answered, hidden=True)
    values = [*question.options, PREFER_NOT_TO_SAY]
    return QuestionTally(code=question.code, answered=answered, options=tuple(
        OptionCount(value=v, count=given.get(v, 0), percent=percent(given.get(v, 0), answered)) for v in values))


def tallies(questions: Sequence[Question], answers: Sequence[Mapping[str, str]]) -> list[QuestionTally]:
    """Every choice question's tally, in the question set's order."""
    return [tally(q, answers) for q in questions if q.kind == "choice"]


def comments(questions: Sequence[Question], answers: Sequence[Mapping[str, str]], *,
             inspection_total: int) -> dict[str, list[str]] | None:
    """Free-text answers by question, or None while the inspection has fewer than five responses.

    A filter (one language, say) that leaves fewer than five responses hides them too: a
    comment read beside its language could point at the one person who wrote it.
    """
    if suppressed(inspection_total) or suppressed(len(answers)):
        return None
    return {q.code: [a[q.code] for a in answers if a.get(q.code)] for q in questions if q.kind == "text"}


def support_summary(answers: Sequence[Mapping[str, str]]) -> SupportSummary:
    """The support question across ``answers``: anything but yes, partly or no counts as not answered."""
    given = Counter(a.get(SUPPORT_QUESTION) for a in answers)
    counts = {v: given.get(v, 0) for v in SUPPORT_ANSWERS}
    counts[NOT_ANSWERED] = len(answers) - sum(counts.values())
    return SupportSummary(responses=len(answers), counts=counts, share_yes=percent(counts["yes"], len(answers)))


@dataclass(frozen=True)
class GroupRow:
    """One group of a breakdown (a period, a kind of service, a language): hidden when too small."""

    key: str = ""
    responses: int = 0
    hidden: bool = False
    share_yes: float = 0.0
    """Share answering yes to the support question, of all the group's responses."""


def breakdown(groups: Mapping[str, Sequence[Mapping[str, str]]]) -> list[GroupRow]:
    """Each group's responses and share of yes, a group of fewer than five responses hidden entirely."""
    rows = []
    for key, answers in groups.items():
        if suppressed(len(answers)):
            rows.append(GroupRow(key=key, responses=0, hidden=True))
        else:
            rows.append(GroupRow(key=key, responses=len(answers), share_yes=support_summary(answers).share_yes))
    return rows
