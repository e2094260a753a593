"""When a judgement change goes to the quality panel, and the gate that holds the final report."""

from safehouse_portal.domain.enums import Stage
from safehouse_portal.domain.good_practice import programme_year, service_kind_label
from safehouse_portal.domain.lifecycle import QUALITY_PANEL_OPEN, InspectionFacts, check_move
from safehouse_portal.domain.quality_panel import PanelOutcome, closes, goes_to_panel, outcome_refusal
from datetime import date

READY = InspectionFacts(fa_window_closed=True, final_report_issued=True)


def test_a_key_question_change_goes_to_the_panel_a_kloe_change_only_when_marked_significant():
    assert goes_to_panel(["kloe-S1", "kq-safe"], marked_significant=False)
    assert not goes_to_panel(["kloe-S1"], marked_significant=False)
    assert goes_to_panel(["kloe-S1"], marked_significant=True)
    assert not goes_to_panel([], marked_significant=True)


def test_the_final_report_is_refused_while_the_panel_is_open_with_the_reason():
    refused = check_move(Stage.FINALISING, Stage.REPORT_ISSUED, InspectionFacts(
        fa_window_closed=True, final_report_issued=True, quality_panel_open=True))
    assert not refused.allowed and refused.reasons == (QUALITY_PANEL_OPEN,)
    assert check_move(Stage.FINALISING, Stage.REPORT_ISSUED, READY).allowed


def test_asking_for_more_evidence_keeps_the_review_open():
    assert closes(PanelOutcome.UPHOLD) and closes(PanelOutcome.REVERT)
    assert not closes(PanelOutcome.MORE_EVIDENCE)


def test_the_outcome_waits_for_members_and_every_members_view():
    assert outcome_refusal(members=0, views=0) == "Name the panel's members first."
    assert outcome_refusal(members=3, views=1) == "2 panel members have not recorded a view yet."
    assert outcome_refusal(members=2, views=1) == "1 panel member has not recorded a view yet."
    assert outcome_refusal(members=2, views=2) is None


def test_the_library_shows_the_programme_year_and_a_service_kind_never_the_provider():
    assert programme_year(date(2022, 3, 31)) == "2021-22"
    assert programme_year(date(2022, 4, 1)) == "2022-23"
    assert programme_year(date(1999, 6, 1)) == "1999-00"
    assert service_kind_label(["safehouse", "safehouse"]) == "Safehouse"
    assert service_kind_label(["outreach", "safehouse"]) == "Safehouse and outreach"
    assert service_kind_label([]) == "Not recorded"
