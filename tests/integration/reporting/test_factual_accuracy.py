"""The provider's side of the factual accuracy check: the window, comments and declaring done."""

from datetime import timedelta

import pytest
from sqlmodel import select

from safehouse_portal.db import DeadlineExtension, FactualAccuracyComment
from safehouse_portal.services.reporting import factual_accuracy
from safehouse_portal.services.reporting import qa
from safehouse_portal.services.reporting import issue as report_issue
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied
from tests.integration.worlds import factories as f
from tests.integration.worlds.report_world import TODAY, build

COMMENT = {"section_key": "kloe-S1", "kind": "incomplete_evidence", "text_concerned": "reviewed late",
           "proposed_correction": "Our audit shows the review dates."}


@pytest.fixture
def world(session):
    world = build(session)
    qa.review(session=session, actor=f.actor(world.second), inspection_id=world.inspection.id,
              data={"outcome": "signed_off"}, today=TODAY)
    assert report_issue.send_draft(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id,
                                   today=TODAY).allowed
    return world


def _add(session, world, day=TODAY, who="north_lead", data=COMMENT):
    return factual_accuracy.add_comment(session=session, actor=f.actor(getattr(world, who)),
                                        inspection_id=world.inspection.id, data=data, today=day)


def test_the_provider_sees_the_draft_by_section_with_its_own_comments(session, world):
    _add(session, world)
    view = factual_accuracy.provider_view(session=session, actor=f.actor(world.north_lead),
                                          inspection_id=world.inspection.id, today=TODAY)
    s1 = next(s for s in view.sections if s.key == "kloe-S1")
    assert [c.kind_label for c in s1.comments] == ["Incomplete evidence"]
    assert s1.comments[0].decision_label == "Not decided yet"
    assert view.comment_count == 1 and view.draft_sent_on == "20 April 2026"


def test_comments_close_after_ten_working_days(session, world):
    _add(session, world, day=TODAY + timedelta(days=15))  # 5 May: the last day
    with pytest.raises(InvalidInput) as closed:
        _add(session, world, day=TODAY + timedelta(days=16))
    assert "closed" in closed.value.errors["form"]
    view = factual_accuracy.provider_view(session=session, actor=f.actor(world.north_lead),
                                          inspection_id=world.inspection.id, today=TODAY + timedelta(days=16))
    assert not view.window.open and view.window.countdown == "Closed: comments were due by 5 May 2026."


def test_an_extension_of_the_deadline_keeps_the_window_open(session, world):
    session.add(DeadlineExtension(inspection_id=world.inspection.id, milestone="fa_comments_due",
                                  original_due=TODAY + timedelta(days=15), new_due=TODAY + timedelta(days=17),
                                  reason="Staff away", extended_by_id=world.manager.id))
    session.commit()
    assert _add(session, world, day=TODAY + timedelta(days=16))


def test_declaring_done_ends_the_window_early(session, world):
    factual_accuracy.declare_done(session=session, actor=f.actor(world.north_lead),
                                  inspection_id=world.inspection.id, today=TODAY)
    session.refresh(world.inspection)
    assert world.inspection.fa_declined
    with pytest.raises(InvalidInput):
        _add(session, world)
    with pytest.raises(InvalidInput):
        factual_accuracy.declare_done(session=session, actor=f.actor(world.north_lead),
                                      inspection_id=world.inspection.id, today=TODAY)


@pytest.mark.parametrize("who", ["south_lead", "lead", "manager", "stakeholder"])
def test_only_the_inspected_providers_lead_comments_or_declares(session, world, who):
    with pytest.raises(PermissionDenied):
        _add(session, world, who=who)
    with pytest.raises(PermissionDenied):
        factual_accuracy.declare_done(session=session, actor=f.actor(getattr(world, who)),
                                      inspection_id=world.inspection.id, today=TODAY)
    with pytest.raises(PermissionDenied):
        factual_accuracy.provider_view(session=session, actor=f.actor(getattr(world, who)),
                                       inspection_id=world.inspection.id, today=TODAY)
    assert session.exec(select(FactualAccuracyComment)).first() is None


def test_a_provider_cannot_see_the_draft_before_it_is_sent(session):
    world = build(session)
    with pytest.raises(PermissionDenied):
        factual_accuracy.provider_view(session=session, actor=f.actor(world.north_lead),
                                       inspection_id=world.inspection.id, today=TODAY)


@pytest.mark.parametrize("change", [{"section_key": "recommendations"}, {"section_key": None},
                                    {"kind": "complaint"}, {"proposed_correction": " "},
                                    {"text_concerned": "x" * 4001}, {"file_ids": [10**12]}, {"file_ids": "1"},
                                    {"file_ids": [True]}])
def test_malformed_comments_are_refused(session, world, change):
    with pytest.raises(InvalidInput):
        _add(session, world, data={**COMMENT, **change})
    assert session.exec(select(FactualAccuracyComment)).first() is None


def test_evidence_files_go_with_a_comment_but_only_the_providers_own(session, world, tmp_path, monkeypatch):
    from safehouse_portal.services.core import files

    monkeypatch.setenv("SAFEHOUSE_UPLOAD_DIR", str(tmp_path))
    pdf = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    own = files.upload(session=session, actor=f.actor(world.north_lead), name="audit.pdf", content=pdf,
                       purpose="fa_comment")
    foreign = files.upload(session=session, actor=f.actor(world.south_lead), name="theirs.pdf", content=pdf,
                           purpose="fa_comment")
    with pytest.raises(InvalidInput):
        _add(session, world, data={**COMMENT, "file_ids": [foreign.id]})
    _add(session, world, data={**COMMENT, "file_ids": [own.id]})
    view = factual_accuracy.provider_view(session=session, actor=f.actor(world.north_lead),
                                          inspection_id=world.inspection.id, today=TODAY)
    attached = [file.name for s in view.sections for c in s.comments for file in c.files]
    assert attached == ["audit.pdf"]
