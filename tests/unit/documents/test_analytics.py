"""The analytics frames against hand-built rows: judgements, timescales, themes and delivery."""

from datetime import date

import pandas as pd
import pytest

from safehouse_portal.domain.enums import Timescale
from safehouse_portal.domain.recommendations import due_date
from safehouse_portal.documents import analytics as a

TODAY = date(2026, 3, 11)


def _reports(*rows) -> pd.DataFrame:
    """(inspection_id, provider_id, kind, region, stage, issued_on)."""
    return a.frame([(i, p, f"Provider {p}", f"Group {i}", region, kind, stage, issued)
                    for i, p, kind, region, stage, issued in rows], a.REPORT_COLUMNS)


REPORTS = _reports(
    (1, 10, "safehouse", "London", "closed", date(2025, 6, 2)),
    (2, 10, "outreach", "Wales", "recommendations_open", date(2025, 11, 3)),
    (3, 20, "safehouse", "Wales", "report_issued", date(2026, 2, 2)),
    (4, 20, "safehouse", "London", "drafting", None),
)


def _recs(*rows) -> pd.DataFrame:
    """(id, inspection_id, key_question, theme, timescale, status, met_on)."""
    return a.frame(list(rows), a.RECOMMENDATION_COLUMNS)


def test_a_group_with_any_safehouse_counts_as_safehouse_and_only_all_outreach_as_outreach():
    assert a.group_service_kind(["outreach", "safehouse"]) == "safehouse"
    assert a.group_service_kind(["outreach", "outreach"]) == "outreach"


def test_only_issued_reports_count_and_the_period_filters_on_the_issue_date():
    issued = a.issued(REPORTS)
    assert list(issued["inspection_id"]) == [1, 2, 3]
    narrowed = a.narrow(issued, a.Filters(date_from=date(2025, 7, 1), date_to=date(2026, 1, 31)))
    assert list(narrowed["inspection_id"]) == [2]


def test_provider_kind_and_region_filters_combine():
    issued = a.issued(REPORTS)
    assert list(a.narrow(issued, a.Filters(provider_id=20))["inspection_id"]) == [3]
    assert list(a.narrow(issued, a.Filters(service_kind="safehouse", region="London"))["inspection_id"]) == [1]


def test_a_key_question_follows_the_documented_rule_unless_the_lead_inspector_overrode_it():
    counts = a.frame([(1, "safe", 1, 2, 6), (1, "caring", 0, 1, 3), (2, "safe", 0, 0, 6), (3, "safe", 0, 1, 6),
                      (3, "well_led", 0, 0, 0)], a.KLOE_COUNT_COLUMNS)
    overrides = a.frame([(3, "safe", "meeting")], a.OVERRIDE_COLUMNS)
    judged = a.key_question_judgements(counts, overrides)
    rating = {(r.inspection_id, r.key_question): r.rating for r in judged.itertuples()}
    assert rating == {(1, "safe"): "not_meeting", (1, "caring"): "requires_improvement", (2, "safe"): "meeting",
                      (3, "safe"): "meeting"}


def test_the_judgements_table_counts_reports_per_key_question_and_rating_for_the_chosen_reports_only():
    counts = a.frame([(1, "safe", 1, 0, 6), (2, "safe", 0, 1, 6), (3, "safe", 0, 0, 6), (2, "caring", 0, 0, 3)],
                     a.KLOE_COUNT_COLUMNS)
    judged = a.key_question_judgements(counts, a.frame([], a.OVERRIDE_COLUMNS))
    table = a.judgements_table(judged, a.issued(REPORTS)[lambda df: df["inspection_id"] != 3])
    assert list(table.index) == a.KEY_QUESTIONS and list(table.columns) == a.RATINGS
    assert table.loc["safe"].to_dict() == {"meeting": 0, "requires_improvement": 1, "not_meeting": 1}
    assert table.loc["caring"].to_dict() == {"meeting": 1, "requires_improvement": 0, "not_meeting": 0}
    assert table.loc["effective"].sum() == 0


def test_recommendations_by_timescale_and_kind_have_row_and_column_totals():
    recs = _recs((1, 1, "safe", "training", "immediately", "met", date(2025, 6, 2)),
                 (2, 1, "safe", "staffing", "within_3_months", "open", None),
                 (3, 2, "well_led", "training", "within_3_months", "open", None),
                 (4, 4, "safe", "training", "within_6_months", "open", None))
    table = a.timescale_table(a.recommendation_frame(recs, a.issued(REPORTS), today=TODAY))
    assert table.loc["immediately"].to_dict() == {"safehouse": 1, "outreach": 0, "total": 1}
    assert table.loc["within_3_months"].to_dict() == {"safehouse": 1, "outreach": 1, "total": 2}
    assert table.loc["within_6_months", "total"] == 0
    assert table.loc["total"].to_dict() == {"safehouse": 2, "outreach": 1, "total": 3}


def test_themes_are_counted_by_key_question_and_other_appears_only_when_used():
    recs = _recs((1, 1, "safe", "training", "immediately", "open", None),
                 (2, 1, "well_led", "governance_and_oversight", "within_3_months", "open", None),
                 (3, 3, "safe", "training", "within_21_days", "open", None))
    table = a.themes_table(a.recommendation_frame(recs, a.issued(REPORTS), today=TODAY))
    assert "other" not in table.index
    assert table.loc["training", "safe"] == 2
    assert table.loc["governance_and_oversight", "well_led"] == 1
    assert table.loc["total", "total"] == 3


@pytest.mark.parametrize("timescale", list(Timescale))
@pytest.mark.parametrize("issued", [date(2025, 8, 31), date(2025, 11, 30), date(2024, 1, 31)])
def test_due_dates_agree_with_the_domain_rule(timescale, issued):
    reports = _reports((1, 10, "safehouse", "London", "closed", issued))
    recs = _recs((1, 1, "safe", "training", timescale.value, "open", None))
    due = a.recommendation_frame(recs, reports, today=TODAY)["due"].iloc[0]
    assert due.date() == due_date(timescale, issued)


def test_delivery_sorts_recommendations_into_on_time_late_overdue_and_open():
    reports = _reports((1, 10, "safehouse", "London", "closed", date(2026, 1, 5)))
    recs = _recs((1, 1, "safe", "training", "within_21_days", "met", date(2026, 1, 26)),
                 (2, 1, "safe", "training", "within_21_days", "met", date(2026, 1, 27)),
                 (3, 1, "safe", "training", "within_21_days", "in_progress", None),
                 (4, 1, "safe", "training", "within_21_days", "evidence_submitted", None),
                 (5, 1, "safe", "training", "within_6_months", "open", None),
                 (6, 1, "safe", "training", "immediately", "returned", None))
    frame = a.recommendation_frame(recs, reports, today=TODAY)
    assert list(frame.sort_values("recommendation_id")["delivery"]) == [
        "met_on_time", "met_late", "overdue", "open", "open", "overdue"]
    table = a.delivery_table(frame)
    assert table.loc["Provider 10"].to_dict() == {"open": 2, "met_on_time": 1, "met_late": 1, "overdue": 2,
                                                  "total": 6}
    assert a.provider_ids(frame) == {"Provider 10": 10}


def test_empty_rows_give_tables_of_zeros():
    recs = a.recommendation_frame(_recs(), a.issued(REPORTS), today=TODAY)
    assert a.timescale_table(recs).loc["total", "total"] == 0
    assert a.delivery_table(recs).loc["total", "total"] == 0
