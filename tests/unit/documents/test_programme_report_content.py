"""The programme report's tables and sentences, from figures in the shapes ``safehouse stats`` prints."""

import io
from datetime import date

from pypdf import PdfReader

from safehouse_portal.documents.programme_report import render_programme_report
from safehouse_portal.documents.programme_report_content import (
    GoodPracticeEntry, ProgrammeFigures, SurveyGroup, breakdown_table, build_content, judgements_table, period_text,
    survey_sentences, survey_table, themes_table, timeliness_table, timescales_table,
)

TIMESCALES = {
    "immediately": {"safehouse": 2, "outreach": 0, "total": 2},
    "within_21_days": {"safehouse": 9, "outreach": 1, "total": 10},
    "within_3_months": {"safehouse": 29, "outreach": 7, "total": 36},
    "within_6_months": {"safehouse": 15, "outreach": 1, "total": 16},
    "total": {"safehouse": 55, "outreach": 9, "total": 64},
}
JUDGEMENTS = {"safe": {"meeting": 8, "requires_improvement": 17, "not_meeting": 2},
              "caring": {"meeting": 19, "requires_improvement": 0, "not_meeting": 1}}
THEMES = {"training": {"safe": 5, "well_led": 7, "total": 12}, "staffing": {"safe": 6, "well_led": 6, "total": 12},
          "health_and_safety": {"safe": 20, "total": 20}, "other": {"total": 0},
          "total": {"total": 44}}
SURVEY = {"responses": 563, "got_support_needed": {"yes": 546, "partly": 10, "no": 2, "not_answered": 5},
          "share_yes": 97.0}


def test_figure_2_is_the_2021_22_table_row_for_row():
    table = timescales_table(TIMESCALES)
    assert table.headings == ("Timescale", "Safehouse", "Outreach", "Total")
    assert table.rows == (
        ("Immediately", "2", "0", "2"),
        ("Within 21 days of receiving our report", "9", "1", "10"),
        ("Within 3 months of receiving our report", "29", "7", "36"),
        ("Within 6 months of receiving our report", "15", "1", "16"),
        ("Total recommendations", "55", "9", "64"),
    )


def test_figure_1_has_every_key_question_with_its_reports_judged_and_zeros_for_none():
    rows = judgements_table(JUDGEMENTS).rows
    assert [r[0] for r in rows] == ["Safe", "Effective", "Caring", "Responsive", "Well-led"]
    assert rows[0] == ("Safe", "8", "17", "2", "27")
    assert rows[1] == ("Effective", "0", "0", "0", "0")


def test_themes_come_most_first_ties_in_the_frameworks_order_without_an_empty_other():
    rows = themes_table(THEMES).rows
    assert rows == (("Health and safety", "20", "Safe"), ("Training", "12", "Well-led"),
                    ("Staffing", "12", "Safe, Well-led"), ("Total", "44", ""))


def test_survey_counts_under_five_are_hidden_and_five_is_shown():
    rows = dict(survey_table(SURVEY).rows)
    assert rows == {"Yes": "546", "Partly": "10", "No": "fewer than 5", "Not answered": "5", "All responses": "563"}


def test_too_few_responses_give_no_share_and_no_table_at_all():
    few = build_content(ProgrammeFigures(survey={"responses": 4, "got_support_needed": {"yes": 4}, "share_yes": 100.0},
                                         survey_breakdowns=[("By language", [SurveyGroup("en", "English", "4")])]))
    assert few.survey_table.rows == () and few.survey_breakdowns == ()


def test_too_few_responses_give_no_share_at_all():
    sentences = survey_sentences({"responses": 3, "got_support_needed": {"yes": 3}, "share_yes": 100.0})
    assert sentences == ("Fewer than 5 survivors answered the survey in the period, so no figures are shown, to "
                         "protect their anonymity.",)
    assert "97.0% of respondents" in survey_sentences(SURVEY)[-1]


def test_a_hidden_group_shows_no_number_and_languages_are_named_in_english():
    table = breakdown_table("By language", [SurveyGroup("ti", "ትግርኛ", "40", "95.0%"),
                                            SurveyGroup("pl", "Polski", "", "", hidden=True)])
    assert table.headings[0] == "Language"
    assert table.rows == (("Tigrinya", "40", "95.0%"), ("Polish", "fewer than 5", "hidden"))


def test_timeliness_shows_a_missing_median_as_a_dash_and_the_share_as_a_percentage():
    table = timeliness_table({"pir_due": {"fallen_due": 63, "met_on_time": 62, "met_late": 0, "share_on_time": 98.0,
                                          "median_days_late": None, "overdue": 1}})
    assert table.rows == (("Provider information return due", "63", "62", "0", "98%", "-", "1"),)


def test_the_period_reads_in_words_and_an_open_end_says_so():
    assert period_text(date(2025, 4, 1), date(2026, 3, 31)) == "1 April 2025 to 31 March 2026"
    assert period_text(None, None) == "the start of the programme to today"


def _text(figures: ProgrammeFigures) -> str:
    pdf = render_programme_report(build_content(figures))
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def test_an_empty_programme_still_makes_a_report_that_says_there_was_nothing():
    text = _text(ProgrammeFigures(date_from=date(2001, 1, 1), date_to=date(2001, 12, 31), made_on=date(2026, 1, 5)))
    assert "we issued 0 inspection reports" in text and "Total recommendations 0 0 0" in text
    assert "No survivor survey responses were received in the period." in text and "Partly" not in text
    assert "No deadline fell due in the period." in text
    assert "No examples of good practice had been published" in text


def test_good_practice_entries_print_without_naming_a_provider():
    entry = GoodPracticeEntry(title="A tablet for each survivor", what="Every survivor gets a tablet.",
                              why="They keep in touch with family.", key_question="Caring",
                              themes=("Communication",), year="2025-26", service_kind="Safehouse")
    text = _text(ProgrammeFigures(good_practice=[entry], timescales=TIMESCALES, judgements=JUDGEMENTS))
    assert "A tablet for each survivor" in text and "They keep in touch with family." in text
    assert "Year 2025-26" in text and "Service kind Safehouse" in text
