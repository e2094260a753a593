"""The recommendations tables read counted rows (one per combination, with ``n``) as they read single rows."""

from datetime import date

import pandas as pd
import pytest

from safehouse_portal.documents import analytics as a

TODAY = date(2026, 3, 11)
REPORTS = a.frame([(1, 10, "Provider 10", "Group 1", "London", "safehouse", "closed", date(2025, 6, 2)),
                   (2, 20, "Provider 20", "Group 2", "Wales", "outreach", "closed", date(2026, 2, 2))],
                  a.REPORT_COLUMNS)
RECS = a.frame([(1, 1, "safe", "training", "immediately", "met", date(2025, 6, 3)),
                (2, 1, "safe", "training", "immediately", "met", date(2025, 6, 2)),
                (3, 1, "caring", "staffing", "within_3_months", "open", None),
                (4, 2, "well_led", "other", "within_6_months", "open", None),
                (5, 2, "well_led", "other", "within_6_months", "evidence_submitted", None),
                (6, 2, "safe", "training", "within_21_days", "in_progress", None)], a.RECOMMENDATION_COLUMNS)


def _counted(recs: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    return recs.groupby(by).size().rename("n").reset_index()


@pytest.mark.parametrize(("table", "by"), [(a.timescale_table, ["timescale", "service_kind"]),
                                           (a.themes_table, ["theme", "key_question"]),
                                           (a.delivery_table, ["provider_id", "provider_name", "delivery"])])
def test_a_table_of_counted_rows_equals_the_table_of_single_rows(table, by):
    recs = a.recommendation_frame(RECS, REPORTS, today=TODAY)
    pd.testing.assert_frame_equal(table(_counted(recs, by)), table(recs), check_names=False)


def test_counted_rows_give_the_providers_ids_and_an_empty_count_gives_zeros():
    recs = a.recommendation_frame(RECS, REPORTS, today=TODAY)
    assert a.provider_ids(_counted(recs, ["provider_id", "provider_name", "delivery"])) == {
        "Provider 10": 10, "Provider 20": 20}
    empty = pd.DataFrame({"timescale": [], "service_kind": [], "n": []})
    assert a.timescale_table(empty).loc["total", "total"] == 0
    assert "other" not in a.themes_table(pd.DataFrame({"theme": [], "key_question": [], "n": []})).index
