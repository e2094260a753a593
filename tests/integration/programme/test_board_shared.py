"""Viewers of the same board share one read of it for a moment; nobody is given a board read for anyone else."""

import time
from datetime import date

import pytest
from sqlalchemy import text

from safehouse_portal.services.programme import board
from tests.integration.worlds import factories as f
from tests.support.statements import counted
from tests.integration.worlds.board_world import add_group

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _shared(monkeypatch):
    monkeypatch.setattr(board, "SHARE_SECONDS", 60.0)


def view_as(session, user, **kwargs):
    return board.board_view(session=session, actor=f.actor(user), today=TODAY, **kwargs)


def groups_on(view) -> set[str]:
    return {card.group_name for column in view.columns for card in column.cards}


def test_a_second_viewer_of_the_same_board_reads_only_its_fingerprint(session, board_world, engine):
    first = view_as(session, board_world["manager"])
    with counted(engine) as statements:
        shared = view_as(session, board_world["admin"])
    assert len(statements) == 1 and shared == first and groups_on(first)


def test_an_inspector_is_never_given_a_board_read_for_someone_else(session, board_world):
    add_group(session, board_world["south"], "Cedar services")
    everything = groups_on(view_as(session, board_world["manager"]))
    theirs = groups_on(view_as(session, board_world["inspector"]))
    others = groups_on(view_as(session, board_world["other_inspector"]))
    assert theirs == {"Alder services", "Birch services"} and others == {"Birch services"}
    assert everything == {"Alder services", "Birch services", "Cedar services"}
    assert view_as(session, board_world["inspector"]).read_only
    assert not view_as(session, board_world["manager"]).read_only


def test_filters_and_show_more_are_boards_of_their_own(session, board_world):
    view_as(session, board_world["manager"])
    narrowed = view_as(session, board_world["manager"], query={"q": "Alder"})
    assert groups_on(narrowed) == {"Alder services"}


def test_a_change_made_in_the_app_shows_to_the_next_viewer_at_once(session, board_world):
    manager = f.actor(board_world["manager"])
    before = view_as(session, board_world["manager"])
    assert any(c.group_name == "Birch services" for c in next(col for col in before.columns
                                                               if col.stage == "drafting").cards)
    board.move_card(session=session, actor=manager, inspection_id=board_world["overdue"].id,
                    target="evidence_review", reason="More evidence", today=TODAY)
    after = view_as(session, board_world["admin"])
    assert any(c.group_name == "Birch services" for c in next(col for col in after.columns
                                                              if col.stage == "evidence_review").cards)


def test_a_change_made_outside_the_app_shows_once_the_moment_passes(session, board_world, monkeypatch):
    monkeypatch.setattr(board, "SHARE_SECONDS", 0.2)
    view_as(session, board_world["manager"])
    session.exec(text("UPDATE inspection_group SET name = 'Alder house' WHERE name = 'Alder services'"))
    session.flush()
    time.sleep(0.3)
    assert "Alder house" in groups_on(view_as(session, board_world["manager"]))
