"""The programme board service: cards, columns, filters, who sees what, moves, and its query count."""

from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from safehouse_portal.db import AuditEvent, DeadlineExtension, InfoRequest, Inspection
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.enums import InspectionMode, InspectionType, ServiceKind, Stage
from safehouse_portal.services.programme import board
from safehouse_portal.services.programme import schedule
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied
from tests.integration.worlds import factories as f
from tests.integration.worlds.board_world import add_group
from tests.support.statements import counted

TODAY = date(2026, 11, 23)


def view_as(session, user, **kwargs):
    return board.board_view(session=session, actor=f.actor(user), today=TODAY, **kwargs)


def column(view, stage):
    return next(c for c in view.columns if c.stage == stage.value)


def test_each_group_has_one_card_in_its_stage_with_its_next_deadline_and_flags(session, board_world):
    view = view_as(session, board_world["manager"])
    assert [c.label for c in view.columns][:3] == ["Planned", "Announced", "PIR received"]
    (planned,) = column(view, Stage.PLANNED).cards
    assert (planned.group_name, planned.provider_name, planned.lead_inspector) == (
        "Alder services", "North Trust", "Insp")
    assert planned.next_label == "Announce the inspection"
    assert planned.flags == ["Children accommodated"] and planned.service_kinds == "Safehouse"
    (late,) = column(view, Stage.DRAFTING).cards
    assert (late.state, late.next_label, late.state_text) == (
        "overdue", "Draft report due", "Overdue by 17 working days")
    assert late.countdown_signed == "\u221217"
    assert column(view, Stage.DRAFTING).header_text == "1 inspection, 1 overdue"
    assert view.read_only is False and (view.total, view.matching) == (2, 2)


def ask(session, inspection, asker, *, status="open", answered_at=None):
    session.add(InfoRequest(inspection_id=inspection.id, question="Rota for November?", due_on=date(2026, 11, 25),
                            status=status, asked_by_id=asker.id, answered_at=answered_at,
                            answer="Attached" if answered_at else None))
    session.commit()


def visited(session, board_world, name):
    """An inspection that ended on Monday 16 November: its additional information is due on the 25th."""
    return add_group(session, board_world["north"], name, stage=Stage.EVIDENCE_REVIEW, lead=board_world["inspector"],
                     start=date(2026, 11, 16), announcement_call_on=date(2026, 11, 2),
                     announcement_letter_on=date(2026, 11, 2), pir_requested_on=date(2026, 11, 2),
                     pir_received_on=date(2026, 11, 6), started_on=date(2026, 11, 16), ended_on=date(2026, 11, 16))


def card_of(session, user, inspection):
    return next(card for c in view_as(session, user).columns for card in c.cards
                if card.inspection_id == inspection.id)


def own_next(session, user, inspection):
    """The next pending deadline as the inspection's own page shows it."""
    timeline = schedule.inspection_timeline(session=session, actor=f.actor(user), inspection_id=inspection.id,
                                            today=TODAY)
    pending = [m for m in timeline.milestones if m.state != "done"]
    mine = min(pending, key=lambda m: m.due_iso)
    return mine.label, format_date(date.fromisoformat(mine.due_iso)), mine.countdown


def test_an_open_information_request_puts_its_deadline_on_the_card_as_on_the_inspections_page(session, board_world):
    asked, withdrawn, answered, half = (visited(session, board_world, name) for name in (
        "Asked services", "Withdrawn services", "Answered services", "Half-answered services"))
    before = card_of(session, board_world["manager"], asked)
    assert before.next_label == "Draft report due"
    ask(session, asked, board_world["inspector"])
    ask(session, withdrawn, board_world["inspector"], status="withdrawn")
    ask(session, answered, board_world["inspector"], status="answered", answered_at=datetime(2026, 11, 20, 10, tzinfo=UTC))
    ask(session, half, board_world["inspector"], status="answered", answered_at=datetime(2026, 11, 20, 10, tzinfo=UTC))
    ask(session, half, board_world["inspector"])
    card = card_of(session, board_world["manager"], asked)
    assert (card.next_label, card.next_due, card.state_text) == (
        "Additional information due", "25 November 2026", "Due in 2 working days")
    assert card_of(session, board_world["manager"], half).next_label == "Additional information due"
    for inspection in (asked, withdrawn, answered, half):
        shown = card_of(session, board_world["manager"], inspection)
        assert (shown.next_label, shown.next_due, shown.countdown) == own_next(session, board_world["manager"], inspection)
    assert card_of(session, board_world["manager"], withdrawn).next_label == "Draft report due"
    assert card_of(session, board_world["manager"], answered).next_label == "Draft report due"


def test_an_extended_additional_information_deadline_moves_on_the_card(session, board_world):
    asked = visited(session, board_world, "Extended services")
    ask(session, asked, board_world["inspector"])
    session.add(DeadlineExtension(inspection_id=asked.id, milestone="additional_info_due",
                                  original_due=date(2026, 11, 25), new_due=date(2026, 11, 30), reason="Holiday",
                                  extended_by_id=board_world["manager"].id))
    session.commit()
    card = card_of(session, board_world["manager"], asked)
    assert (card.next_label, card.state_text) == ("Additional information due", "Due in 5 working days")
    assert (card.next_label, card.next_due, card.countdown) == own_next(session, board_world["manager"], asked)


def test_only_a_groups_latest_inspection_is_on_the_board(session, board_world):
    old = board_world["planned"]
    newer = Inspection(group_id=old.group_id, type=InspectionType.ASSURANCE, mode=InspectionMode.ON_SITE,
                       key_questions=["safe", "well_led"], planned_start=date(2027, 3, 1),
                       planned_end=date(2027, 3, 1), stage=Stage.PLANNED, framework_version_id=old.framework_version_id)
    session.add(newer)
    session.commit()
    ids = [card.inspection_id for c in view_as(session, board_world["manager"]).columns for card in c.cards]
    assert newer.id in ids and old.id not in ids


@pytest.mark.parametrize(("query", "groups"), [
    ({"provider": "SOUTH"}, ["Birch services"]),
    ({"kind": "outreach"}, ["Birch services"]),
    ({"region": "London"}, ["Alder services"]),
    ({"state": "overdue"}, ["Birch services"]),
    ({"q": "ALDER SERVICES HOUSE"}, ["Alder services"]),
    ({"lead": "none"}, []),
    ({"kind": "castle", "q": {"$where": "1"}}, ["Alder services", "Birch services"]),
])
def test_filters_narrow_the_board(session, board_world, query, groups):
    if query.get("provider") == "SOUTH":
        query = {"provider": str(board_world["south"].id)}
    view = view_as(session, board_world["manager"], query=query)
    assert sorted(card.group_name for c in view.columns for card in c.cards) == groups
    assert view.total == 2 and view.matching == len(groups)


def test_an_inspector_sees_only_inspections_they_lead_or_are_on_read_only(session, board_world):
    view = view_as(session, board_world["other_inspector"])
    assert [card.group_name for c in view.columns for card in c.cards] == ["Birch services"]
    assert view.read_only is True
    assert [o.label for o in view.providers] == ["South Trust"]
    team_member = view_as(session, board_world["inspector"])
    assert team_member.total == 2


@pytest.mark.parametrize("who", ["lead", "stakeholder"])
def test_provider_leads_and_stakeholders_get_no_board(session, board_world, who):
    with pytest.raises(PermissionDenied):
        view_as(session, board_world[who])
    with pytest.raises(PermissionDenied):
        board.board_version(session=session, actor=f.actor(board_world[who]), today=TODAY)
    with pytest.raises(PermissionDenied):
        board.board_view(session=session, actor=None, today=TODAY)


def test_a_column_shows_fifty_cards_until_asked_for_more(session, board_world):
    for n in range(55):
        add_group(session, board_world["north"], f"Group {n:02d}")
    planned = column(view_as(session, board_world["manager"]), Stage.PLANNED)
    assert (planned.count, len(planned.cards), planned.hidden) == (56, 50, 6)
    more = column(view_as(session, board_world["manager"], limits={"planned": 100}), Stage.PLANNED)
    assert (len(more.cards), more.hidden) == (56, 0)
    forged = column(view_as(session, board_world["manager"], limits={"planned": 10**9, "x": "y"}), Stage.PLANNED)
    assert len(forged.cards) == 50


def test_cards_and_the_region_filter_read_the_same_whether_or_not_every_card_is_shown(session, board_world):
    add_group(session, board_world["south"], "Cedar services", stage=Stage.DRAFTING, region="North West",
              kind=ServiceKind.OUTREACH)
    small = view_as(session, board_world["manager"])
    cedar = next(c for c in column(small, Stage.DRAFTING).cards if c.group_name == "Cedar services")
    for n in range(55):
        add_group(session, board_world["north"], f"Group {n:02d}", region="Wales")
    large = view_as(session, board_world["manager"])
    assert column(large, Stage.PLANNED).hidden > 0, "a column no longer shows all its cards"
    assert [r.label for r in large.regions] == sorted({r.label for r in small.regions} | {"Wales"})
    assert "North West" in [r.label for r in small.regions]
    assert next(c for c in column(large, Stage.DRAFTING).cards if c.group_name == "Cedar services") == cedar
    assert cedar.service_kinds == "Outreach"


def test_the_board_costs_the_same_number_of_queries_at_any_size(session, board_world, engine):
    def queries_for_board() -> int:
        with counted(engine) as statements:
            view_as(session, board_world["manager"])
        return len(statements)

    small = queries_for_board()
    for n in range(30):
        extra = add_group(session, board_world["south"], f"Extra {n}", stage=Stage.DRAFTING, lead=board_world["inspector"],
                          start=date(2026, 10, 1), started_on=date(2026, 10, 1), ended_on=date(2026, 10, 2))
        ask(session, extra, board_world["inspector"], status=("open", "answered", "withdrawn")[n % 3],
            answered_at=datetime(2026, 10, 5, tzinfo=UTC) if n % 3 == 1 else None)
    assert queries_for_board() == small <= 6


def test_a_manager_moves_a_card_through_the_gates_and_the_move_is_audited(session, board_world):
    manager = f.actor(board_world["manager"])
    refused = board.move_card(session=session, actor=manager, inspection_id=board_world["planned"].id,
                              target="announced", reason=None, today=TODAY)
    assert not refused.allowed and "The phone call announcing the inspection has not been recorded." in refused.reasons
    back = board.move_card(session=session, actor=manager, inspection_id=board_world["overdue"].id,
                           target="evidence_review", reason="", today=TODAY)
    assert not back.allowed and "needs a reason" in back.reasons[0]
    done = board.move_card(session=session, actor=manager, inspection_id=board_world["overdue"].id,
                           target="evidence_review", reason="Staffing evidence is thin", today=TODAY)
    assert done.allowed
    session.expire_all()
    assert session.get(Inspection, board_world["overdue"].id).stage is Stage.EVIDENCE_REVIEW
    audit = session.exec(select(AuditEvent).where(AuditEvent.action == "inspection.stage_moved")).one()
    assert audit.after["reason"] == "Staffing evidence is thin"


@pytest.mark.parametrize("who", ["other_inspector", "lead", "stakeholder"])
def test_nobody_but_managers_and_admins_moves_cards_from_the_board(session, board_world, who):
    with pytest.raises(PermissionDenied):
        board.move_card(session=session, actor=f.actor(board_world[who]), inspection_id=board_world["overdue"].id,
                        target="evidence_review", reason="forged", today=TODAY)
    session.expire_all()
    assert session.get(Inspection, board_world["overdue"].id).stage is Stage.DRAFTING


@pytest.mark.parametrize("forged", ["1", None, {"id": 1}, -1, True])
def test_forged_ids_and_targets_are_refused(session, board_world, forged):
    manager = f.actor(board_world["admin"])
    with pytest.raises(InvalidInput):
        board.move_card(session=session, actor=manager, inspection_id=forged, target="announced", reason=None,
                        today=TODAY)
    with pytest.raises(InvalidInput):
        board.move_card(session=session, actor=manager, inspection_id=board_world["planned"].id, target=forged or "x",
                        reason=None, today=TODAY)


def test_the_board_version_changes_when_a_card_changes(session, board_world):
    manager = f.actor(board_world["manager"])
    before = board.board_version(session=session, actor=manager, today=TODAY)
    board.move_card(session=session, actor=manager, inspection_id=board_world["overdue"].id, target="evidence_review",
                    reason="More evidence", today=TODAY)
    assert board.board_version(session=session, actor=manager, today=TODAY) != before


def test_move_options_go_forward_first_and_mark_moves_back():
    options = board.move_options("drafting")
    assert [o.label for o in options] == ["Quality assurance", "Back to Evidence review (give a reason)"]
    assert board.move_options({"x": 1}) == [] and board.is_backward("drafting", "evidence_review")
    assert not board.is_backward("drafting", ["evidence_review"])
