"""The inspection lifecycle: one stage at a time, through gates, back only with a reason."""

from dataclasses import replace

import pytest

from safehouse_portal.domain.enums import Stage
from safehouse_portal.domain.lifecycle import (
    BACKWARD_MOVES,
    STAGE_ORDER,
    InspectionFacts,
    allowed_targets,
    check_move,
    next_stage,
)

READY = InspectionFacts(
    has_lead_inspector=True,
    has_planned_dates=True,
    announcement_call_made=True,
    announcement_letter_sent=True,
    pir_submitted=True,
    inspection_started=True,
    inspection_ended=True,
    in_scope_kloes_total=12,
    in_scope_kloes_final=12,
    qa_signed_off=True,
    draft_sent=True,
    fa_window_closed=True,
    fa_comments_undecided=0,
    provider_declined_fa=False,
    final_report_issued=True,
    open_recommendations=0,
    recommendations_total=3,
)


def refusal(current: Stage, target: Stage, **missing) -> str:
    decision = check_move(current, target, replace(READY, **missing))
    assert not decision.allowed
    return " ".join(decision.reasons)


def test_an_inspection_with_everything_done_walks_from_planned_to_closed():
    stage = Stage.PLANNED
    while stage is not Stage.CLOSED:
        target = next_stage(stage)
        assert check_move(stage, target, READY).allowed, stage
        stage = target


@pytest.mark.parametrize(
    ("missing", "words"),
    [
        ({"has_lead_inspector": False}, "lead inspector"),
        ({"has_planned_dates": False}, "planned inspection dates"),
        ({"announcement_call_made": False}, "phone call"),
        ({"announcement_letter_sent": False}, "announcement letter"),
    ],
)
def test_announcing_is_refused_until_the_lead_dates_call_and_letter_are_in_place(missing, words):
    assert words in refusal(Stage.PLANNED, Stage.ANNOUNCED, **missing)


def test_every_missing_announcement_step_is_listed_at_once():
    decision = check_move(Stage.PLANNED, Stage.ANNOUNCED, InspectionFacts())
    assert len(decision.reasons) == 4


def test_the_pir_cannot_be_marked_received_before_the_provider_submits_it():
    assert "PIR" in refusal(Stage.ANNOUNCED, Stage.PIR_RECEIVED, pir_submitted=False)


def test_inspecting_cannot_begin_before_the_inspection_has_started():
    assert "not started" in refusal(Stage.PIR_RECEIVED, Stage.INSPECTING, inspection_started=False)


def test_evidence_review_cannot_begin_before_the_inspection_has_ended():
    assert "not ended" in refusal(Stage.INSPECTING, Stage.EVIDENCE_REVIEW, inspection_ended=False)


def test_drafting_needs_at_least_one_kloe_in_scope():
    words = refusal(Stage.EVIDENCE_REVIEW, Stage.DRAFTING, in_scope_kloes_total=0,
                    in_scope_kloes_final=0)
    assert "KLOEs" in words


def test_quality_assurance_waits_for_a_final_judgement_on_every_in_scope_kloe():
    words = refusal(Stage.DRAFTING, Stage.QUALITY_ASSURANCE, in_scope_kloes_final=3)
    assert "9 of 12 in-scope key lines of enquiry (KLOEs) still need a final judgement" in words


@pytest.mark.parametrize(
    ("missing", "words"),
    [
        ({"in_scope_kloes_final": 11}, "1 of 12 in-scope key lines of enquiry"),
        ({"qa_signed_off": False}, "Quality assurance has not signed off"),
        ({"draft_sent": False}, "draft report has not been sent"),
    ],
)
def test_factual_accuracy_waits_for_judgements_qa_sign_off_and_the_draft(missing, words):
    assert words in refusal(Stage.QUALITY_ASSURANCE, Stage.FACTUAL_ACCURACY, **missing)


def test_finalising_waits_while_the_fa_window_is_open_and_the_provider_has_not_declined():
    words = refusal(Stage.FACTUAL_ACCURACY, Stage.FINALISING, fa_window_closed=False)
    assert "factual accuracy window is still open" in words


def test_finalising_may_start_early_when_the_provider_declines_to_comment():
    facts = replace(READY, fa_window_closed=False, provider_declined_fa=True)
    assert check_move(Stage.FACTUAL_ACCURACY, Stage.FINALISING, facts).allowed


def test_finalising_waits_for_a_decision_on_every_factual_accuracy_comment():
    words = refusal(Stage.FACTUAL_ACCURACY, Stage.FINALISING, fa_comments_undecided=2)
    assert "2 factual accuracy comments still need a decision" in words


def test_the_final_report_cannot_be_issued_while_fa_comments_are_undecided():
    words = refusal(Stage.FINALISING, Stage.REPORT_ISSUED, fa_comments_undecided=1)
    assert "1 factual accuracy comment still needs a decision" in words


def test_the_final_report_stage_needs_the_report_to_have_been_sent():
    words = refusal(Stage.FINALISING, Stage.REPORT_ISSUED, final_report_issued=False)
    assert "final report has not been sent" in words


def test_a_report_without_recommendations_closes_straight_away():
    facts = replace(READY, recommendations_total=0)
    assert check_move(Stage.REPORT_ISSUED, Stage.CLOSED, facts).allowed
    assert not check_move(Stage.REPORT_ISSUED, Stage.RECOMMENDATIONS_OPEN, facts).allowed


def test_a_report_with_recommendations_cannot_skip_following_them_up():
    assert "3 recommendations" in refusal(Stage.REPORT_ISSUED, Stage.CLOSED)


def test_an_inspection_cannot_close_while_a_recommendation_is_open():
    words = refusal(Stage.RECOMMENDATIONS_OPEN, Stage.CLOSED, open_recommendations=1)
    assert "1 recommendation is still open" in words


@pytest.mark.parametrize(("current", "target"), list(BACKWARD_MOVES))
@pytest.mark.parametrize("reason", [None, "", "   "])
def test_moving_back_without_a_reason_is_refused(current, target, reason):
    decision = check_move(current, target, READY, reason)
    assert (decision.allowed, decision.needs_reason) == (False, True)
    assert "needs a reason" in decision.reasons[0]


@pytest.mark.parametrize(("current", "target"), list(BACKWARD_MOVES))
def test_moving_back_with_a_reason_is_allowed(current, target):
    decision = check_move(current, target, InspectionFacts(), "Provider asked to postpone")
    assert (decision.allowed, decision.needs_reason) == (True, True)


def test_quality_assurance_can_return_the_draft_to_drafting():
    assert (Stage.QUALITY_ASSURANCE, Stage.DRAFTING) in BACKWARD_MOVES


def test_a_draft_already_with_the_provider_is_not_sent_back_to_drafting():
    decision = check_move(Stage.FACTUAL_ACCURACY, Stage.DRAFTING, READY, "rewrite")
    assert not decision.allowed
    assert "correct it in finalising" in decision.reasons[0]


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (Stage.PLANNED, Stage.INSPECTING),
        (Stage.DRAFTING, Stage.FACTUAL_ACCURACY),
        (Stage.QUALITY_ASSURANCE, Stage.REPORT_ISSUED),
        (Stage.REPORT_ISSUED, Stage.PLANNED),
        (Stage.CLOSED, Stage.RECOMMENDATIONS_OPEN),
    ],
)
def test_jumps_and_unlisted_moves_back_are_refused_with_the_way_forward(current, target):
    words = refusal(current, target)
    assert f"cannot go from {current.value.replace('_', ' ')}" in words or "cannot move" in words


def test_a_closed_inspection_cannot_move_anywhere():
    assert "cannot move any further" in refusal(Stage.CLOSED, Stage.PLANNED)


def test_a_move_to_the_current_stage_is_refused():
    assert "already at drafting" in refusal(Stage.DRAFTING, Stage.DRAFTING)


def test_forward_moves_do_not_ask_for_a_reason():
    assert not check_move(Stage.PLANNED, Stage.ANNOUNCED, READY).needs_reason


@pytest.mark.parametrize(
    ("current", "targets"),
    [
        (Stage.PLANNED, (Stage.ANNOUNCED,)),
        (Stage.ANNOUNCED, (Stage.PIR_RECEIVED, Stage.PLANNED)),
        (Stage.QUALITY_ASSURANCE, (Stage.FACTUAL_ACCURACY, Stage.DRAFTING)),
        (Stage.FACTUAL_ACCURACY, (Stage.FINALISING,)),
        (Stage.REPORT_ISSUED, (Stage.RECOMMENDATIONS_OPEN, Stage.CLOSED)),
        (Stage.CLOSED, ()),
    ],
)
def test_allowed_targets_list_forward_stages_first_then_backward(current, targets):
    assert allowed_targets(current) == targets


@pytest.mark.parametrize("current", STAGE_ORDER)
@pytest.mark.parametrize("target", STAGE_ORDER)
def test_no_move_outside_the_allowed_targets_is_ever_allowed(current, target):
    decision = check_move(current, target, READY, "a reason")
    if target not in allowed_targets(current):
        assert not decision.allowed
    assert decision.allowed or decision.reasons


def test_refusals_keep_the_capitals_of_pir_in_stage_names():
    assert "from PIR received it can only go to: inspecting" in refusal(
        Stage.PIR_RECEIVED, Stage.CLOSED
    )
