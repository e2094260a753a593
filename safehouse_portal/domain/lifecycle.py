"""Which stage an inspection may move to next, and why not when it may not.

Forward moves go one stage at a time, so no gate is ever skipped. The single exception
is ``report_issued -> closed`` for a report with no recommendations, where the
``recommendations_open`` stage would have nothing in it.

A stage records something that has happened, so its fact must be recorded before the
move: the announcement call and letter before ``announced``, the draft sent before
``factual_accuracy``, the final report sent before ``report_issued``.

Moving back is allowed only along ``BACKWARD_MOVES`` and always needs a reason, which
the caller keeps in the inspection's history. ``factual_accuracy -> drafting`` is
deliberately not one of them: once the provider has the draft, corrections are made
in ``finalising`` where each factual accuracy comment is decided, and judgement
changes go to the independent quality panel; ``finalising -> factual_accuracy``
reopens the check when it was closed too early.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from safehouse_portal.domain.enums import STAGE_LABELS, Stage

STAGE_ORDER: tuple[Stage, ...] = tuple(Stage)
"""Every stage in lifecycle order."""

BACKWARD_MOVES: Mapping[tuple[Stage, Stage], str] = {
    (Stage.ANNOUNCED, Stage.PLANNED): "the inspection is postponed",
    (Stage.EVIDENCE_REVIEW, Stage.INSPECTING): "more evidence must be gathered",
    (Stage.DRAFTING, Stage.EVIDENCE_REVIEW): "the evidence needs another look",
    (Stage.QUALITY_ASSURANCE, Stage.DRAFTING): "quality assurance returns the draft",
    (Stage.FINALISING, Stage.FACTUAL_ACCURACY): "the factual accuracy check is reopened",
}
"""Each allowed backward move and the situation it is for."""


@dataclass(frozen=True)
class InspectionFacts:
    """What the stage gates look at, gathered by the caller for one inspection.

    Attributes:
        has_lead_inspector: A lead inspector is allocated.
        has_planned_dates: Planned first and last days are set.
        announcement_call_made: The provider was phoned to announce the inspection.
        announcement_letter_sent: The announcement letter with the PIR request was sent.
        pir_submitted: The provider submitted its information return.
        inspection_started: The inspection's first day has begun.
        inspection_ended: The inspection's last day is over.
        in_scope_kloes_total: Key lines of enquiry in the inspection's scope.
        in_scope_kloes_final: Of those, how many have a final judgement.
        qa_signed_off: Quality assurance has signed off the draft.
        draft_sent: The draft report was sent to the provider for factual accuracy.
        fa_window_closed: Today is past the factual accuracy due date.
        fa_comments_undecided: Factual accuracy comments not yet accepted or rejected.
        provider_declined_fa: The provider said it will not comment.
        final_report_issued: The final report was sent to the provider, the prime
            contractor and the Home Office.
        open_recommendations: Recommendations not yet met.
        recommendations_total: Recommendations made in the report.
        quality_panel_open: The independent quality panel is reviewing a judgement
            change made after factual accuracy and has not recorded its outcome.
    """

    has_lead_inspector: bool = False
    has_planned_dates: bool = False
    announcement_call_made: bool = False
    announcement_letter_sent: bool = False
    pir_submitted: bool = False
    inspection_started: bool = False
    inspection_ended: bool = False
    in_scope_kloes_total: int = 0
    in_scope_kloes_final: int = 0
    qa_signed_off: bool = False
    draft_sent: bool = False
    fa_window_closed: bool = False
    fa_comments_undecided: int = 0
    provider_declined_fa: bool = False
    final_report_issued: bool = False
    open_recommendations: int = 0
    recommendations_total: int = 0
    quality_panel_open: bool = False


@dataclass(frozen=True)
class MoveDecision:
    """Whether a move may happen.

    Attributes:
        allowed: True if the move may happen now.
        reasons: Why not, in plain words; empty when allowed.
        needs_reason: The move must be recorded with a reason (moves back do).
    """

    allowed: bool
    reasons: tuple[str, ...] = ()
    needs_reason: bool = False


def next_stage(current: Stage) -> Stage | None:
    """The stage after ``current`` in lifecycle order, or None after the last."""
    index = STAGE_ORDER.index(current)
    return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


def allowed_targets(current: Stage) -> tuple[Stage, ...]:
    """Stages reachable from ``current`` in principle, before any gate is checked.

    Forward targets come first, in lifecycle order, then backward ones.
    """
    forward = [target for source, target in _GATES if source is current]
    backward = [target for source, target in BACKWARD_MOVES if source is current]
    return (*forward, *backward)


def check_move(
    current: Stage, target: Stage, facts: InspectionFacts, reason: str | None = None
) -> MoveDecision:
    """Decides whether an inspection at ``current`` may move to ``target``.

    Args:
        current: The inspection's stage now.
        target: The stage asked for.
        facts: What has happened so far.
        reason: Why, for a move back; ignored for forward moves.
    """
    if (current, target) in BACKWARD_MOVES:
        if reason is None or not reason.strip():
            situation = BACKWARD_MOVES[(current, target)]
            refusal = (
                f"Moving back from {_label(current)} to {_label(target)} needs a reason "
                f"(for example, {situation})."
            )
            return MoveDecision(False, (refusal,), needs_reason=True)
        return MoveDecision(True, needs_reason=True)
    if target not in allowed_targets(current):
        return MoveDecision(False, (_illegal_move(current, target),))
    missing = tuple(_GATES[(current, target)](facts))
    return MoveDecision(not missing, missing)


def _label(stage: Stage) -> str:
    """The stage's label as it reads mid-sentence: "drafting", but "PIR received"."""
    label = STAGE_LABELS[stage]
    return label if label[:2].isupper() else label[0].lower() + label[1:]


_REFUSED_ON_PURPOSE: Mapping[tuple[Stage, Stage], str] = {
    (Stage.FACTUAL_ACCURACY, Stage.DRAFTING): (
        "The provider already has the draft report: correct it in finalising, "
        "once each factual accuracy comment has a decision."
    ),
}
"""Moves people may expect to make, refused with the way to do what they want."""


def _illegal_move(current: Stage, target: Stage) -> str:
    if (current, target) in _REFUSED_ON_PURPOSE:
        return _REFUSED_ON_PURPOSE[(current, target)]
    if current is target:
        return f"The inspection is already at {_label(current)}."
    options = ", ".join(_label(stage) for stage in allowed_targets(current))
    if not options:
        return f"The inspection is {_label(current)}; it cannot move any further."
    return (
        f"An inspection cannot go from {_label(current)} to {_label(target)}; "
        f"from {_label(current)} it can only go to: {options}."
    )


def _announce_gate(facts: InspectionFacts) -> list[str]:
    missing = []
    if not facts.has_lead_inspector:
        missing.append("No lead inspector has been allocated.")
    if not facts.has_planned_dates:
        missing.append("The planned inspection dates are not set.")
    if not facts.announcement_call_made:
        missing.append("The phone call announcing the inspection has not been recorded.")
    if not facts.announcement_letter_sent:
        missing.append("The announcement letter with the PIR request has not been sent.")
    return missing


def _pir_gate(facts: InspectionFacts) -> list[str]:
    if facts.pir_submitted:
        return []
    return ["The provider has not submitted the provider information return (PIR) yet."]


def _inspecting_gate(facts: InspectionFacts) -> list[str]:
    if facts.inspection_started:
        return []
    return ["The inspection has not started: its first day has not been recorded."]


def _evidence_review_gate(facts: InspectionFacts) -> list[str]:
    if facts.inspection_ended:
        return []
    return ["The inspection has not ended: its last day has not been recorded."]


def _drafting_gate(facts: InspectionFacts) -> list[str]:
    if facts.in_scope_kloes_total > 0:
        return []
    return ["No key lines of enquiry (KLOEs) are in the inspection's scope."]


def _judgements_gate(facts: InspectionFacts) -> list[str]:
    total, final = facts.in_scope_kloes_total, facts.in_scope_kloes_final
    if total == 0:
        return _drafting_gate(facts)
    if final >= total:
        return []
    pending = total - final
    return [
        f"{pending} of {total} in-scope key lines of enquiry (KLOEs) still "
        f"{'needs' if pending == 1 else 'need'} a final judgement."
    ]


def _factual_accuracy_gate(facts: InspectionFacts) -> list[str]:
    missing = _judgements_gate(facts)
    if not facts.qa_signed_off:
        missing.append("Quality assurance has not signed off the draft report.")
    if not facts.draft_sent:
        missing.append("The draft report has not been sent to the provider.")
    return missing


def _fa_closed_gate(facts: InspectionFacts) -> list[str]:
    missing = []
    if not (facts.fa_window_closed or facts.provider_declined_fa):
        missing.append(
            "The factual accuracy window is still open and the provider has not "
            "said it will not comment."
        )
    if facts.fa_comments_undecided:
        count = facts.fa_comments_undecided
        missing.append(
            f"{count} factual accuracy comment{'s' if count != 1 else ''} still "
            f"{'need' if count != 1 else 'needs'} a decision (accept or reject)."
        )
    return missing


def _report_issued_gate(facts: InspectionFacts) -> list[str]:
    missing = _fa_closed_gate(facts)
    if facts.quality_panel_open:
        missing.append(QUALITY_PANEL_OPEN)
    if not facts.final_report_issued:
        missing.append("The final report has not been sent.")
    return missing


QUALITY_PANEL_OPEN = ("The independent quality panel is reviewing a judgement change: the final report cannot be "
                      "issued until the panel records its outcome.")
"""Why the final report waits for the quality panel (the board card and the report page say it too)."""


def _recommendations_open_gate(facts: InspectionFacts) -> list[str]:
    if facts.recommendations_total > 0:
        return []
    return ["The report made no recommendations, so close the inspection instead."]


def _closed_gate(facts: InspectionFacts) -> list[str]:
    count = facts.open_recommendations
    if count == 0:
        return []
    return [f"{count} recommendation{'s are' if count != 1 else ' is'} still open."]


def _closed_without_recommendations_gate(facts: InspectionFacts) -> list[str]:
    count = facts.recommendations_total
    if count == 0:
        return []
    return [
        f"The report made {count} recommendation{'s' if count != 1 else ''}: "
        "follow them up under recommendations open before closing."
    ]


_GATES: Mapping[tuple[Stage, Stage], Callable[[InspectionFacts], list[str]]] = {
    (Stage.PLANNED, Stage.ANNOUNCED): _announce_gate,
    (Stage.ANNOUNCED, Stage.PIR_RECEIVED): _pir_gate,
    (Stage.PIR_RECEIVED, Stage.INSPECTING): _inspecting_gate,
    (Stage.INSPECTING, Stage.EVIDENCE_REVIEW): _evidence_review_gate,
    (Stage.EVIDENCE_REVIEW, Stage.DRAFTING): _drafting_gate,
    (Stage.DRAFTING, Stage.QUALITY_ASSURANCE): _judgements_gate,
    (Stage.QUALITY_ASSURANCE, Stage.FACTUAL_ACCURACY): _factual_accuracy_gate,
    (Stage.FACTUAL_ACCURACY, Stage.FINALISING): _fa_closed_gate,
    (Stage.FINALISING, Stage.REPORT_ISSUED): _report_issued_gate,
    (Stage.REPORT_ISSUED, Stage.RECOMMENDATIONS_OPEN): _recommendations_open_gate,
    (Stage.REPORT_ISSUED, Stage.CLOSED): _closed_without_recommendations_gate,
    (Stage.RECOMMENDATIONS_OPEN, Stage.CLOSED): _closed_gate,
}
"""What must be true for each forward move; the keys are every forward move there is."""
