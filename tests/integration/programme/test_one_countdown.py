"""One due date reads the same for the provider, the inspector, the board and the CLI (issue 14).

The factual accuracy deadline is the provider's: met when it answers, whatever the inspector does after.
"""

import argparse
import contextlib
import io
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safehouse_portal.cli.schedule import run_schedule
from safehouse_portal.db import InfoRequest
from safehouse_portal.domain.countdown import deadline_words
from safehouse_portal.domain.enums import Role, Stage
from safehouse_portal.domain.milestones import FA_WORKING_DAYS
from safehouse_portal.domain.working_days import WorkingCalendar
from safehouse_portal.services.programme import board, inspector_home
from safehouse_portal.services.providers import home
from safehouse_portal.services.reporting import factual_accuracy
from tests.integration.worlds import factories as f
from tests.integration.worlds.board_world import add_group

CALENDAR = WorkingCalendar.for_years()


def _world(session):
    north = f.provider(session, "North Trust")
    lead = f.user(session, "lead@north.test", Role.PROVIDER_LEAD, north)
    inspector = f.user(session, "insp@cqc.test", Role.INSPECTOR)
    manager = f.user(session, "pm@cqc.test", Role.PROGRAMME_MANAGER)
    fa = f.inspection(session, north, inspector, Stage.FACTUAL_ACCURACY)
    asked = add_group(session, north, "Birch services", stage=Stage.EVIDENCE_REVIEW, lead=inspector)
    request = InfoRequest(inspection_id=asked.id, question="Send the fire log", due_on=date(2026, 1, 5),
                          asked_by_id=inspector.id)
    session.add(request)
    session.commit()
    return {"lead": lead, "inspector": inspector, "manager": manager, "fa": fa, "request": request}


def _set_dates(session, world, end: date, due: date) -> None:
    """The FA inspection's every step done up to the draft, sent on ``end``'s next working day."""
    inspection = world["fa"]
    start = end - timedelta(days=1)
    for column, day in (("planned_start", start), ("planned_end", end), ("announcement_call_on", start - timedelta(21)),
                        ("announcement_letter_on", start - timedelta(21)), ("pir_requested_on", start - timedelta(21)),
                        ("pir_received_on", start - timedelta(14)), ("started_on", start), ("ended_on", end),
                        ("draft_sent_on", CALENDAR.add_working_days(end, 1))):
        setattr(inspection, column, day)
    world["request"].due_on = due
    session.add_all([inspection, world["request"]])
    session.commit()


def _cli_line(end: date, draft: date, today: date) -> str:
    args = argparse.Namespace(start=end - timedelta(days=1), end=end, draft_sent=draft, serious_concern=False,
                              today=today, json=False)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert run_schedule(args) == 0
    lines = out.getvalue().splitlines()
    return lines[lines.index(next(line for line in lines if "[fa_comments_due]" in line)) + 1].strip()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(end=st.dates(min_value=date(2026, 1, 5), max_value=date(2027, 12, 1)),
       offset=st.integers(min_value=-25, max_value=25))
def test_the_provider_the_inspector_the_board_and_the_cli_say_the_same_for_one_due_date(session, end, offset):
    if "countdown_world" not in session.info:
        session.info["countdown_world"] = _world(session)
    world = session.info["countdown_world"]
    draft = CALENDAR.add_working_days(end, 1)
    due = CALENDAR.add_working_days(draft, FA_WORKING_DAYS)
    today = due + timedelta(days=offset)
    _set_dates(session, world, end, due)
    expected = deadline_words(CALENDAR, today=today, due=due)

    provider = home.provider_home(session=session, actor=f.actor(world["lead"]), today=today)
    fa_task = next(t for t in provider.tasks if t.kind == "factual_accuracy")
    request_task = next(t for t in provider.tasks if t.kind == "request")
    inspector = inspector_home.inspector_home(session=session, actor=f.actor(world["inspector"]), today=today)
    row = next(r for r in inspector.inspections if r.id == world["fa"].id)
    view = board.board_view(session=session, actor=f.actor(world["manager"]), today=today)
    card = next(c for column in view.columns for c in column.cards if c.inspection_id == world["fa"].id)

    assert row.next_milestone == card.next_label == "Factual accuracy comments due"
    assert fa_task.due_text == row.countdown_text == card.state_text == _cli_line(end, draft, today) == expected
    assert request_task.due_text == expected
    assert fa_task.overdue == row.overdue == (card.state == "overdue") == (today > due)


def test_the_fa_deadline_is_met_when_the_provider_comments_not_when_the_inspector_closes(session):
    world = _world(session)
    end = date(2026, 6, 1)
    _set_dates(session, world, end, date(2026, 6, 30))
    draft = world["fa"].draft_sent_on
    due = CALENDAR.add_working_days(draft, FA_WORKING_DAYS)
    commented = CALENDAR.add_working_days(draft, 2)
    factual_accuracy.declare_done(session=session, actor=f.actor(world["lead"]), inspection_id=world["fa"].id,
                                  today=commented)
    session.commit()
    assert world["fa"].fa_responded_on == commented

    after = CALENDAR.add_working_days(due, 3)
    card = next(c for column in board.board_view(session=session, actor=f.actor(world["manager"]), today=after).columns
                for c in column.cards if c.inspection_id == world["fa"].id)
    assert card.next_label == "Final report due" and card.state != "overdue"
    row = next(r for r in inspector_home.inspector_home(session=session, actor=f.actor(world["inspector"]),
                                                        today=after).inspections if r.id == world["fa"].id)
    assert row.next_milestone == "Final report due"
