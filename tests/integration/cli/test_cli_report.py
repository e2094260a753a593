"""``safehouse report pdf`` and ``safehouse report letter`` write the documents from the command line."""

import io

import pytest
from pypdf import PdfReader

import safehouse_portal.db.engine as engine_module
from safehouse_portal.cli import main as cli
from tests.integration.worlds.report_world import ORIGINAL_S1, build


@pytest.fixture
def world(session, engine, monkeypatch):
    monkeypatch.setattr(engine_module, "get_engine", lambda: engine)
    return build(session)


def _text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages).split())


def test_the_draft_report_is_written_to_the_file_given(world, tmp_path, capsys):
    out = tmp_path / "reports" / "draft.pdf"
    assert cli.main(["report", "pdf", "--inspection", str(world.inspection.id), "--out", str(out), "--draft"]) == 0
    text = _text(out)
    assert ORIGINAL_S1 in text and "DRAFT" in text and "Official - sensitive: not for publication" in text
    assert f"Wrote {out}" in capsys.readouterr().out


def test_without_draft_an_unissued_report_is_refused_with_the_way_out(world, tmp_path, capsys):
    out = tmp_path / "final.pdf"
    assert cli.main(["report", "pdf", "--inspection", str(world.inspection.id), "--out", str(out)]) == 1
    assert "pass --draft" in capsys.readouterr().err and not out.exists()


def test_an_unknown_inspection_is_an_error(world, tmp_path, capsys):
    assert cli.main(["report", "pdf", "--inspection", "99999", "--out", str(tmp_path / "x.pdf"), "--draft"]) == 1
    assert "no such document for inspection 99999" in capsys.readouterr().err


def test_the_announcement_letter_is_written_too(world, tmp_path):
    out = tmp_path / "letter.pdf"
    assert cli.main(["report", "letter", "--kind", "announcement", "--inspection", str(world.inspection.id),
                     "--out", str(out)]) == 0
    assert "Provider information return (PIR)" in _text(out)
