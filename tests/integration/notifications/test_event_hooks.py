"""Each event of the programme tells the people it concerns, in the same unit of work, and nobody else."""

from datetime import date

from sqlmodel import select

from safehouse_portal.db import Notification, StakeholderOrganisation
from safehouse_portal.services.programme import schedule
from safehouse_portal.services.reporting import factual_accuracy, qa
from safehouse_portal.services.reporting import issue as report_issue
from tests.integration.worlds import factories as f
from tests.integration.worlds.report_world import TODAY, build

SCHEDULE_TODAY = date(2026, 11, 23)


def _told(session) -> list[tuple[int, str, str]]:
    return [(n.user_id, n.kind, n.link_target) for n in session.exec(select(Notification).order_by(Notification.id))]


def test_the_report_journey_tells_the_provider_the_lead_inspector_and_both_stakeholders(session):
    world = build(session)
    _signed_off(session, world)
    home_office = StakeholderOrganisation(name="Home Office", kind="home_office")
    session.add(home_office)
    session.commit()
    world.stakeholder.stakeholder_organisation_id = home_office.id
    session.add(world.stakeholder)
    session.commit()
    lead = f.actor(world.lead)
    assert report_issue.send_draft(session=session, actor=lead, inspection_id=world.inspection.id, today=TODAY).allowed
    assert _told(session) == [(world.north_lead.id, "draft_sent", "provider_fa")]
    factual_accuracy.declare_done(session=session, actor=f.actor(world.north_lead), inspection_id=world.inspection.id,
                                  today=TODAY)
    report_issue.close_factual_accuracy(session=session, actor=lead, inspection_id=world.inspection.id, today=TODAY)
    assert report_issue.issue_final(session=session, actor=lead, inspection_id=world.inspection.id, today=TODAY).allowed
    issued = [(who, kind) for who, kind, _ in _told(session) if kind == "final_report_issued"]
    assert issued == [(world.north_lead.id, "final_report_issued"), (world.stakeholder.id, "final_report_issued")]
    assert world.south_lead.id not in {who for who, _, _ in _told(session)}


def test_a_factual_accuracy_comment_tells_the_lead_inspector(session):
    world = build(session)
    _signed_off(session, world)
    report_issue.send_draft(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id, today=TODAY)
    factual_accuracy.add_comment(session=session, actor=f.actor(world.north_lead), inspection_id=world.inspection.id,
                                 today=TODAY, data={"section_key": "summary", "kind": "factual_error",
                                                    "text_concerned": "The date", "proposed_correction": "Another"})
    assert _told(session)[1:] == [(world.lead.id, "fa_comments_received", "report")]


def _signed_off(session, world):
    qa.review(session=session, actor=f.actor(world.second), inspection_id=world.inspection.id,
              data={"outcome": "signed_off"}, today=TODAY)


def _as(schedule_world, who):
    return f.actor(schedule_world[who])


def test_announcing_tells_the_provider_lead_the_inspection_is_announced_and_the_pir_requested(session, schedule_world):
    inspection_id = schedule_world["inspection"].id
    for step, on in (("announcement_call_on", "2026-11-20"), ("announcement_letter_on", "2026-11-23")):
        schedule.record_step(session=session, actor=_as(schedule_world, "lead"), inspection_id=inspection_id,
                             step=step, on=on, today=SCHEDULE_TODAY)
    assert schedule.move_stage(session=session, actor=_as(schedule_world, "lead"), inspection_id=inspection_id,
                               target="announced", reason=None, today=SCHEDULE_TODAY).allowed
    lead = schedule_world["north_lead"].id
    assert sorted(_told(session)) == [(lead, "inspection_announced", "provider_home"),
                                      (lead, "pir_requested", "provider_pir")]


def test_an_extension_tells_the_lead_inspector_and_the_provider_only_when_the_deadline_is_theirs(
        session, schedule_world):
    inspection_id = schedule_world["inspection"].id
    schedule.extend_deadline(session=session, actor=_as(schedule_world, "manager"), inspection_id=inspection_id,
                             today=SCHEDULE_TODAY, data={"milestone": "draft_report_due", "new_due": "2027-01-15",
                                                         "reason": "Lead inspector off sick"})
    assert _told(session) == [(schedule_world["lead"].id, "extension_granted", "inspection")]
    schedule.extend_deadline(session=session, actor=_as(schedule_world, "manager"), inspection_id=inspection_id,
                             today=SCHEDULE_TODAY, data={"milestone": "pir_due", "new_due": "2026-12-02",
                                                         "reason": "The provider's lead is away"})
    assert {who for who, kind, _ in _told(session)[1:]} == {schedule_world["lead"].id, schedule_world["north_lead"].id}
