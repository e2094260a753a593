"""Survivors' words reach the inspection report only when checked for identifying details and marked for it."""

from datetime import timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlmodel import select

from safehouse_portal.db import SurveyEvidence
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.services.framework.versions import ensure_default_framework
from safehouse_portal.services.reporting import documents
from safehouse_portal.services.survey import evidence, results
from safehouse_portal.services.survey.evidence import UNCHECKED_QUOTE
from tests.integration.worlds import factories as f
from tests.integration.worlds.survey_world import SURVEY_TODAY, add_link, add_response

CHECKED = "Staff helped me find a college course in Leeds"
UNCHECKED = "My keyworker Maria drove me to the clinic"
NOT_MARKED = "The house was always warm and clean"


@pytest.fixture
def world(session, request):
    """The survey world on the default framework (KLOE S1 in scope) with five comments."""
    ensure_default_framework(session=session)
    session.commit()
    w = request.getfixturevalue("survey_world")
    link = add_link(session, w["inspection"], SURVEY_TODAY + timedelta(days=14))
    for text in (CHECKED, UNCHECKED, NOT_MARKED, "", ""):
        add_response(session, link, {"support": "yes", **({"good": text} if text else {})})
    return w


def _add(session, world, text: str) -> int:
    lead, iid = f.actor(world["lead"]), world["inspection"].id
    comments = results.inspection_results(session=session, actor=lead, inspection_id=iid, today=SURVEY_TODAY).comments
    ref = next(c.ref for c in comments if c.text == text)
    return evidence.add_as_evidence(session=session, actor=lead, inspection_id=iid, today=SURVEY_TODAY, data={
        "kind": "comment", "ref": ref, "kloe": "S1", "supports": "supports", "robustness": "moderate"})


def _report_text(session, world) -> str:
    pdf = documents.report_pdf(session=session, actor=f.actor(world["lead"]), inspection_id=world["inspection"].id,
                               draft=True, today=SURVEY_TODAY)
    return " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages).split())


def test_a_checked_quote_marked_for_the_report_is_printed_under_its_kloe_and_no_other_comment_is(session, world):
    lead, iid = f.actor(world["lead"]), world["inspection"].id
    quoted, _, kept_back = _add(session, world, CHECKED), _add(session, world, UNCHECKED), _add(session, world, NOT_MARKED)
    evidence.mark_checked(session=session, actor=lead, inspection_id=iid, evidence_id=quoted,
                          quote="Staff helped me find a college course")
    evidence.mark_checked(session=session, actor=lead, inspection_id=iid, evidence_id=kept_back, quote=NOT_MARKED)
    evidence.use_in_report(session=session, actor=lead, inspection_id=iid, evidence_id=quoted, use=True)
    session.commit()
    text = _report_text(session, world)
    survivors = text.index("What survivors told us")
    assert "Staff helped me find a college course" in text[survivors:]
    assert text.rindex("S1 ", 0, survivors) < survivors < text.index("S2 ", survivors)  # in S1's own section
    assert "Leeds" not in text and "Maria" not in text and "always warm" not in text


def test_with_no_quote_marked_the_report_has_no_survivors_section(session, world):
    lead, iid = f.actor(world["lead"]), world["inspection"].id
    quoted = _add(session, world, CHECKED)
    evidence.mark_checked(session=session, actor=lead, inspection_id=iid, evidence_id=quoted, quote=CHECKED)
    session.commit()
    assert "What survivors told us" not in _report_text(session, world)


def test_an_unchecked_comment_marked_for_the_report_by_any_other_way_stops_the_report_rather_than_print(session,
                                                                                                       world):
    _add(session, world, UNCHECKED)
    row = session.exec(select(SurveyEvidence)).one()
    row.in_report = True
    session.add(row)
    session.commit()
    with pytest.raises(InvalidInput) as refused:
        _report_text(session, world)
    assert refused.value.errors == {"form": UNCHECKED_QUOTE}
