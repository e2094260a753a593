"""``safehouse stats survey`` and the programme's survey view agree with the demo: 563 responses, 97.0% yes."""

import json
from datetime import timedelta

import pytest
from sqlmodel import Session

import safehouse_portal.db.engine as engine_module
from safehouse_portal.cli import main as cli
from safehouse_portal.domain.enums import Role
from safehouse_portal.services.analytics.survey import survey_figures
from safehouse_portal.services.core.actor import CLI_OPERATOR, Actor
from safehouse_portal.services.core.clock import programme_today
from safehouse_portal.services.core.errors import PermissionDenied


@pytest.fixture
def database(engine, seeded_demo, monkeypatch):
    """The demo programme, which the ``safehouse`` command reads through the app's engine."""
    monkeypatch.setattr(engine_module, "get_engine", lambda: engine)
    seeded_demo(programme_today())
    return engine


def test_stats_survey_json_is_exactly_the_demo_figures_and_a_later_period_counts_nothing(database, capsys):
    assert cli.main(["stats", "survey", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["responses", "got_support_needed", "share_yes"]
    assert list(out["got_support_needed"]) == ["yes", "partly", "no", "not_answered"]
    assert out["responses"] == 563 and sum(out["got_support_needed"].values()) == 563
    assert out["got_support_needed"]["yes"] == 546 and out["share_yes"] == 97.0
    assert cli.main(["stats", "survey"]) == 0
    assert "Share answering yes: 97.0%" in capsys.readouterr().out
    assert cli.main(["stats", "survey", "--from", "2026-05-02", "--to", "2026-05-01"]) == 2
    capsys.readouterr()
    later = (programme_today() + timedelta(days=30)).isoformat()
    assert cli.main(["stats", "survey", "--from", later, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "responses": 0, "got_support_needed": {"yes": 0, "partly": 0, "no": 0, "not_answered": 0}, "share_yes": 0.0}


def test_the_programme_view_hides_every_group_of_fewer_than_five(database):
    with Session(database) as session:
        figures = survey_figures(session=session, actor=CLI_OPERATOR)
        stakeholder = Actor(user_id=99, name="s", email="s@x.test", role=Role.STAKEHOLDER)
        with pytest.raises(PermissionDenied):
            survey_figures(session=session, actor=stakeholder)
    titles = [b.title for b in figures.breakdowns]
    assert titles == ["By month of response", "By kind of service", "By language"]
    for breakdown in figures.breakdowns:
        for row in breakdown.rows:
            assert row.hidden or int(row.responses) >= 5
            assert not row.hidden or (row.responses, row.share_yes) == ("", "")
    languages = {row.key for row in figures.breakdowns[2].rows}
    assert {"en", "sq", "ar"} <= languages
