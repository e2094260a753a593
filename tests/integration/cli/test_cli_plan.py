"""``safehouse plan`` on the demo programme: the issue's JSON shape, and honest exit statuses."""

import json
from datetime import timedelta

import pytest
from sqlmodel import Session, select

import safehouse_portal.cli.plan as plan_cli
import safehouse_portal.db.engine as engine_module
from safehouse_portal.cli import main as cli
from safehouse_portal.db import Inspection
from safehouse_portal.db.engine import make_engine
from safehouse_portal.domain.planning import Plan
from safehouse_portal.services.core.clock import programme_today


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = make_engine(url)
    monkeypatch.setattr(engine_module, "get_engine", lambda: engine)
    assert cli.main(["db", "upgrade"]) == 0
    assert cli.main(["seed", "--demo"]) == 0
    return engine


def _first_day() -> str:
    return (programme_today() + timedelta(days=14)).isoformat()


def test_the_json_plan_has_the_documented_shape_and_stores_nothing(database, capsys):
    with Session(database) as session:
        before = len(session.exec(select(Inspection)).all())
    assert cli.main(["plan", "--from", _first_day(), "--weeks", "52", "--json", "--time-limit", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["status"] in ("optimal", "feasible") and isinstance(out["gap"], float)
    assert out["inspections"], "the demo programme has groups to plan"
    one = out["inspections"][0]
    assert set(one) >= {"group_id", "group", "start", "end", "announce", "latest_start", "late",
                        "lead_inspector", "team", "reason"}
    assert one["lead_inspector"] in one["team"] and one["announce"] < one["start"] <= one["end"]
    with Session(database) as session:
        assert len(session.exec(select(Inspection)).all()) == before, "nothing is stored without --accept"


def test_a_time_out_with_no_plan_says_unknown_and_exits_3(database, capsys, monkeypatch):
    monkeypatch.setattr(plan_cli, "solve", lambda problem, time_limit: Plan(status="unknown", gap=1.0))
    assert cli.main(["plan", "--from", _first_day(), "--json", "--time-limit", "1"]) == 3
    out = json.loads(capsys.readouterr().out)
    assert (out["status"], out["inspections"], out["unplaced"]) == ("unknown", [], [])
