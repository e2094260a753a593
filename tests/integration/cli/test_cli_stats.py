"""``safehouse stats``: the demo's Figure 1 and Figure 2 as JSON and as text."""

import json

import pytest

from safehouse_portal.cli import main as cli
from tests.integration.worlds.demo_world import use_database_copy


@pytest.fixture(scope="module")
def database(demo_template, tmp_path_factory):
    """The demo after ``safehouse db upgrade`` and ``seed --demo`` (once per session), copied for this module."""
    mp = pytest.MonkeyPatch()
    yield use_database_copy(demo_template, tmp_path_factory.mktemp("stats"), mp)
    mp.undo()


def test_stats_recommendations_json_is_the_2021_22_table(database, capsys):
    assert cli.main(["stats", "recommendations", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "immediately": {"safehouse": 2, "outreach": 0, "total": 2},
        "within_21_days": {"safehouse": 9, "outreach": 1, "total": 10},
        "within_3_months": {"safehouse": 29, "outreach": 7, "total": 36},
        "within_6_months": {"safehouse": 15, "outreach": 1, "total": 16},
        "total": {"safehouse": 55, "outreach": 9, "total": 64},
    }


def test_stats_judgements_json_has_every_key_question_and_rating(database, capsys):
    assert cli.main(["stats", "judgements", "--json"]) == 0
    table = json.loads(capsys.readouterr().out)
    assert list(table) == ["safe", "effective", "caring", "responsive", "well_led"]
    assert all(list(row) == ["meeting", "requires_improvement", "not_meeting"] for row in table.values())
    assert table["caring"]["requires_improvement"] + table["caring"]["not_meeting"] == 1


def test_a_period_with_no_reports_gives_zeros_and_the_text_table_reads_in_words(database, capsys):
    assert cli.main(["stats", "recommendations", "--from", "2001-01-01", "--to", "2001-12-31"]) == 0
    out = capsys.readouterr().out
    assert "Within 21 days" in out and "Safehouse" in out
    assert out.splitlines()[-1].split()[-1] == "0"


def test_a_period_ending_before_it_starts_is_refused(database, capsys):
    assert cli.main(["stats", "judgements", "--from", "2026-02-01", "--to", "2026-01-01"]) == 2
    assert "--to is before --from" in capsys.readouterr().err
