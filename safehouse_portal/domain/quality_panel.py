"""The independent quality panel: when a judgement change goes to it, and what it may conclude.

After factual accuracy the lead inspector may change a judgement. A change to a key
question's rating is significant by definition; a change to one KLOE is significant when
the inspector says so. A significant change goes to a panel of people who were not on
the inspection team; the final report waits for the panel's outcome (the lifecycle gate
``QUALITY_PANEL_OPEN``). Asking for more evidence keeps the review open.
"""

from collections.abc import Iterable, Mapping
from enum import StrEnum


class PanelView(StrEnum):
    """One member's view of the change."""

    AGREE = "agree"
    DISAGREE = "disagree"


VIEW_LABELS: Mapping[PanelView, str] = {PanelView.AGREE: "Agrees with the change",
                                        PanelView.DISAGREE: "Disagrees with the change"}


class PanelOutcome(StrEnum):
    """What the panel concluded."""

    UPHOLD = "uphold"
    REVERT = "revert"
    MORE_EVIDENCE = "more_evidence"


OUTCOME_LABELS: Mapping[PanelOutcome, str] = {
    PanelOutcome.UPHOLD: "Uphold the change",
    PanelOutcome.REVERT: "Revert the change",
    PanelOutcome.MORE_EVIDENCE: "Ask for more evidence",
}
CLOSING_OUTCOMES = frozenset({PanelOutcome.UPHOLD, PanelOutcome.REVERT})
"""Outcomes that end the review; asking for more evidence keeps it open."""

PROVIDER_WORDS: Mapping[PanelOutcome, str] = {
    PanelOutcome.UPHOLD: "An independent quality panel reviewed the change to the judgement and upheld it.",
    PanelOutcome.REVERT: "An independent quality panel reviewed the change to the judgement and decided it "
                         "should be reverted; the final report reflects the panel's decision.",
    PanelOutcome.MORE_EVIDENCE: "An independent quality panel is reviewing the change to the judgement and has "
                                "asked for more evidence.",
}
"""How the provider is told the outcome, with the final report."""


def goes_to_panel(changed_sections: Iterable[str], *, marked_significant: bool) -> bool:
    """Whether a judgement change goes to the panel: a key question's rating changed (``kq-...``), or it is marked."""
    changed = list(changed_sections)
    return bool(changed) and (marked_significant or any(key.startswith("kq-") for key in changed))


def closes(outcome: PanelOutcome) -> bool:
    """Whether recording ``outcome`` ends the review (and so lets the final report go)."""
    return outcome in CLOSING_OUTCOMES


def outcome_refusal(*, members: int, views: int) -> str | None:
    """Why the panel cannot record an outcome yet, or None: it needs members and every member's view."""
    if members == 0:
        return "Name the panel's members first."
    if views < members:
        waiting = members - views
        return f"{waiting} panel member{'s have' if waiting != 1 else ' has'} not recorded a view yet."
    return None
