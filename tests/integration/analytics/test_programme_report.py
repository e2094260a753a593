"""The annual programme report of the demo programme says what ``safehouse stats`` says, for the same period.

The report is written by ``safehouse report programme`` and read back with pypdf; its Figure 1,
Figure 2 and survey figures are compared with the JSON of ``stats judgements``, ``stats
recommendations`` and ``stats survey`` for the same dates. Stakeholders receive the same report;
provider leads and inspectors are refused it.
"""

import io
import json
import re

import pytest
from pypdf import PdfReader
from sqlmodel import Session, select

from safehouse_portal.cli import main as cli
from safehouse_portal.db import User
from safehouse_portal.domain.enums import Role
from safehouse_portal.services.accounts.sessions import actor_for
from safehouse_portal.services.analytics.programme_report import programme_report
from safehouse_portal.services.core.clock import programme_today
from safehouse_portal.services.core.errors import PermissionDenied
from tests.integration.worlds.demo_world import use_database_copy

PERIODS = [("2025-01-01", "2026-12-31"), ("2026-11-01", "2026-11-30")]
FIGURE_2_ROWS = {"immediately": "Immediately", "within_21_days": "Within 21 days of receiving our report",
                 "within_3_months": "Within 3 months of receiving our report",
                 "within_6_months": "Within 6 months of receiving our report", "total": "Total recommendations"}
KEY_QUESTIONS = {"safe": "Safe", "effective": "Effective", "caring": "Caring", "responsive": "Responsive",
                 "well_led": "Well-led"}


@pytest.fixture(scope="module")
def demo(demo_template, tmp_path_factory):
    """The demo after ``safehouse db upgrade`` and ``seed --demo`` (once per session), copied for this module."""
    mp = pytest.MonkeyPatch()
    yield use_database_copy(demo_template, tmp_path_factory.mktemp("programme-report"), mp)
    mp.undo()


def _stats(capsys, name: str, start: str, end: str) -> dict:
    assert cli.main(["stats", name, "--from", start, "--to", end, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _lines(pdf: bytes) -> list[str]:
    return [line.strip() for page in PdfReader(io.BytesIO(pdf)).pages for line in page.extract_text().splitlines()]


def _row(lines: list[str], label: str, cells: int) -> list[str]:
    """The cells of the table row that starts with ``label`` and has ``cells`` numbers (a chart's bar may match too:
    every match must agree)."""
    pattern = re.compile(rf"^{re.escape(label)}" + r" (\d+)" * cells + "$")
    found = {tuple(m.groups()) for line in lines if (m := pattern.match(line))}
    assert len(found) == 1, (label, found)
    return list(found.pop())


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_the_report_written_by_the_command_has_the_stats_commands_figures(demo, tmp_path, capsys, start, end):
    out = tmp_path / "reports" / "programme.pdf"
    assert cli.main(["report", "programme", "--from", start, "--to", end, "--out", str(out)]) == 0
    assert f"Wrote {out}" in capsys.readouterr().out
    lines = _lines(out.read_bytes())
    timescales = _stats(capsys, "recommendations", start, end)
    judgements = _stats(capsys, "judgements", start, end)
    survey = _stats(capsys, "survey", start, end)

    for key, label in FIGURE_2_ROWS.items():
        row = timescales[key]
        assert _row(lines, label, 3) == [str(row["safehouse"]), str(row["outreach"]), str(row["total"])]
    for key, label in KEY_QUESTIONS.items():
        row = judgements[key]
        expected = [row["meeting"], row["requires_improvement"], row["not_meeting"]]
        assert _row(lines, label, 4) == [str(n) for n in [*expected, sum(expected)]]
    assert _row(lines, "Survivor survey responses", 1) == [str(survey["responses"])]
    assert _row(lines, "Time-bound recommendations made", 1) == [str(timescales["total"]["total"])]
    assert survey["responses"] >= 5, "the demo's periods have enough responses to show"
    assert _row(lines, "All responses", 1) == [str(survey["responses"])]
    for key, label in (("yes", "Yes"), ("partly", "Partly"), ("no", "No"), ("not_answered", "Not answered")):
        count = survey["got_support_needed"][key]
        assert (f"{label} {count}" if count >= 5 else f"{label} fewer than 5") in lines
    assert any(f"{survey['share_yes']:.1f}% of respondents" in line for line in lines)


def test_the_demo_report_shows_the_2021_22_figure_2_and_hides_the_two_who_said_no(demo, tmp_path):
    out = tmp_path / "programme.pdf"
    assert cli.main(["report", "programme", "--from", "2025-01-01", "--to", "2026-12-31", "--out", str(out)]) == 0
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    lines = _lines(out.read_bytes())
    assert _row(lines, "Total recommendations", 3) == ["55", "9", "64"]
    assert "No fewer than 5" in lines and "No 2" not in lines
    assert reader.metadata.title.startswith("Safehouse and outreach programme report")
    assert [o.title for o in reader.outline if not isinstance(o, list)][:3] == [
        "Summary", "The programme in numbers", "How services were rated"]
    assert b"/Lang (en-GB)" in out.read_bytes() or reader.trailer["/Root"].get("/Lang") == "en-GB"
    assert lines[0] == "Official - sensitive: not for publication" and "Contents" in lines


def test_a_period_ending_before_it_starts_is_refused_and_nothing_written(demo, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert cli.main(["report", "programme", "--from", "2026-02-01", "--to", "2026-01-01", "--out", str(out)]) == 2
    assert "--to is before --from" in capsys.readouterr().err and not out.exists()


def test_a_stakeholder_gets_the_same_report_as_the_programme_manager(demo):
    with Session(demo) as session:
        manager, stakeholder = (session.exec(select(User).where(User.role == role)).first()
                                for role in (Role.PROGRAMME_MANAGER, Role.STAKEHOLDER))
        texts = [_lines(programme_report(session=session, actor=actor_for(u),
                                         date_from=None, date_to=None, today=programme_today()).content)
                 for u in (manager, stakeholder)]
    assert texts[0] == texts[1]


@pytest.mark.parametrize("role", [Role.PROVIDER_LEAD, Role.INSPECTOR])
def test_provider_leads_and_inspectors_are_refused_the_report(demo, role):
    with Session(demo) as session:
        user = session.exec(select(User).where(User.role == role)).first()
        with pytest.raises(PermissionDenied):
            programme_report(session=session, actor=actor_for(user), date_from=None,
                             date_to=None, today=programme_today())
