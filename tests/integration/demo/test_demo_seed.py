"""The demo programme: its shape, its sign-ins, its dates, and that seeding is idempotent."""

import re
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlmodel import select

from safehouse_portal.db import Inspection, InspectionGroup, Location, Provider, QaReview, User
from safehouse_portal.domain.enums import InspectionType, Role, ServiceKind, Stage
from safehouse_portal.domain.milestones import Milestone
from safehouse_portal.demo.seed import DEMO_PASSWORD, demo_sign_ins, seed_demo
from safehouse_portal.services.accounts.passwords import verify_password
from safehouse_portal.services.accounts.sessions import actor_for
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.access_facts import inspection_facts
from safehouse_portal.services.core.calendar import working_calendar
from safehouse_portal.services.programme.deadlines import schedule_of

TODAY = date(2026, 3, 11)
"""A Wednesday."""

_STEP_COLUMNS = (
    "announcement_call_on", "announcement_letter_on", "pir_requested_on", "pir_received_on",
    "started_on", "ended_on", "early_outcome_letter_on", "draft_sent_on", "fa_closed_on",
    "final_issued_on", "closed_on",
)
_ORDER = {stage: position for position, stage in enumerate(Stage)}


@pytest.fixture
def seeded(seeded_demo):
    """The demo as ``seed_demo`` builds it (built once per session, copied here) and what it reported."""
    return seeded_demo(TODAY)


def _current_inspections(session) -> list[Inspection]:
    """Each group's latest inspection."""
    latest: dict[int, Inspection] = {}
    for inspection in session.exec(select(Inspection).order_by(Inspection.planned_start)).all():
        latest[inspection.group_id] = inspection
    return list(latest.values())


def test_seeding_creates_twelve_providers_143_locations_and_60_groups(session, seeded):
    assert (seeded.providers, seeded.locations, seeded.groups) == (12, 143, 60)
    assert seeded.safehouses + seeded.outreach == 143
    assert 90 <= seeded.safehouses <= 110
    assert len(session.exec(select(Provider)).all()) == 12
    assert len(session.exec(select(Location)).all()) == 143
    assert len(session.exec(select(InspectionGroup)).all()) == 60


def test_every_group_has_a_current_inspection_and_every_stage_is_covered(session, seeded):
    current = _current_inspections(session)
    assert len(current) == 60
    assert {inspection.stage for inspection in current} == set(Stage)
    assert seeded.stages_covered == len(Stage)


def test_every_location_belongs_to_a_group_of_its_own_provider(session, seeded):
    groups = {group.id: group for group in session.exec(select(InspectionGroup)).all()}
    for location in session.exec(select(Location)).all():
        assert location.group_id in groups
        assert groups[location.group_id].provider_id == location.provider_id


def test_locations_have_fictional_addresses_and_sensible_capacities(session, seeded):
    locations = session.exec(select(Location)).all()
    for location in locations:
        assert re.search(r", ZZ99 \d[A-Z]{2}$", location.address)
        if location.kind is ServiceKind.SAFEHOUSE:
            assert 4 <= location.capacity <= 20
        else:
            assert location.capacity == 0 and not location.accommodates_children
    assert any(location.accommodates_children for location in locations)
    assert len({location.region for location in locations}) == 10


def test_each_provider_has_one_lead_user_matching_its_lead_contact(session, seeded):
    for provider in session.exec(select(Provider)).all():
        leads = session.exec(
            select(User).where(User.role == Role.PROVIDER_LEAD, User.provider_id == provider.id)
        ).all()
        assert [(lead.name, lead.email) for lead in leads] == [(provider.lead_name, provider.lead_email)]
        assert provider.lead_email.endswith(".test")
        assert re.fullmatch(r"01632 960\d{3}", provider.lead_phone)
        assert provider.designated_inspector_id is not None


def test_every_demo_sign_in_verifies_with_the_demo_password_and_has_its_role(session, seeded):
    roles_by_path = {
        "/provider": Role.PROVIDER_LEAD, "/inspector": Role.INSPECTOR,
        "/programme": Role.PROGRAMME_MANAGER, "/reports": Role.STAKEHOLDER, "/admin": Role.ADMIN,
    }
    sign_ins = demo_sign_ins()
    assert {path for _, _, path in sign_ins} == set(roles_by_path)
    for _, email, path in sign_ins:
        user = session.exec(select(User).where(User.email == email)).one()
        assert user.role is roles_by_path[path]
        assert verify_password(user.password_hash, DEMO_PASSWORD)
        assert not verify_password(user.password_hash, "not-the-demo-password")


def test_stakeholders_belong_to_the_prime_contractor_and_the_home_office(session, seeded):
    stakeholders = session.exec(select(User).where(User.role == Role.STAKEHOLDER)).all()
    assert len(stakeholders) == 2
    assert len({user.stakeholder_organisation_id for user in stakeholders} - {None}) == 2


def test_seeding_twice_changes_nothing(session, seeded):
    counts = _row_counts(session)
    again = seed_demo(session=session, today=TODAY)
    assert again == seeded
    assert _row_counts(session) == counts


def _row_counts(session) -> tuple[int, ...]:
    tables = (Provider, Location, InspectionGroup, Inspection, User)
    return tuple(len(session.exec(select(table)).all()) for table in tables)


def test_planned_inspections_start_three_to_eight_weeks_after_today(session, seeded):
    planned = [i for i in _current_inspections(session) if i.stage is Stage.PLANNED]
    assert planned
    for inspection in planned:
        assert 21 <= (inspection.planned_start - TODAY).days <= 60
        assert all(getattr(inspection, column) is None for column in _STEP_COLUMNS)


@pytest.mark.parametrize("today", [TODAY, date(2026, 3, 14)], ids=["weekday", "saturday"])
def test_inspecting_inspections_span_today(session, today):
    seed_demo(session=session, today=today)
    inspecting = [i for i in _current_inspections(session) if i.stage is Stage.INSPECTING]
    assert inspecting
    for inspection in inspecting:
        assert inspection.planned_start <= today <= inspection.planned_end
        assert inspection.started_on == inspection.planned_start and inspection.ended_on is None


def test_announced_inspections_start_within_two_weeks(session, seeded):
    early = (Stage.ANNOUNCED, Stage.PIR_RECEIVED)
    for inspection in _current_inspections(session):
        if inspection.stage in early:
            assert TODAY < inspection.planned_start <= TODAY + timedelta(days=14)
            assert inspection.announcement_letter_on <= TODAY


def test_steps_already_done_are_dated_in_order_and_not_after_today(session, seeded):
    for inspection in session.exec(select(Inspection)).all():
        done = [getattr(inspection, column) for column in _STEP_COLUMNS]
        assert all(day is None or day <= TODAY for day in done)
        if _ORDER[inspection.stage] > _ORDER[Stage.INSPECTING]:
            assert inspection.ended_on == inspection.planned_end
        if _ORDER[inspection.stage] >= _ORDER[Stage.REPORT_ISSUED]:
            assert inspection.ended_on < inspection.draft_sent_on < inspection.fa_closed_on
            assert inspection.fa_closed_on < inspection.final_issued_on


def test_a_drafting_inspection_is_past_its_draft_date(session, seeded):
    drafting = [i for i in _current_inspections(session) if i.stage is Stage.DRAFTING]
    assert any((TODAY - inspection.ended_on).days > 28 for inspection in drafting)


def test_a_few_inspections_found_serious_concerns(session, seeded):
    serious = [i for i in session.exec(select(Inspection)).all() if i.serious_concern]
    assert 2 <= len(serious) <= 6
    assert any(inspection.early_outcome_letter_on is not None for inspection in serious)


def test_only_some_planned_inspections_have_no_lead_inspector(session, seeded):
    current = _current_inspections(session)
    without_lead = [i for i in current if i.lead_inspector_id is None]
    assert without_lead
    assert all(inspection.stage is Stage.PLANNED for inspection in without_lead)


def test_key_questions_follow_the_inspection_type(session, seeded):
    for inspection in session.exec(select(Inspection)).all():
        if inspection.type is InspectionType.COMPREHENSIVE:
            assert inspection.key_questions == ["safe", "effective", "caring", "responsive", "well_led"]
        elif inspection.type is InspectionType.ASSURANCE:
            assert inspection.key_questions == ["safe", "well_led"]
        else:
            assert 1 <= len(inspection.key_questions) <= 2


def test_some_groups_were_never_inspected_and_some_last_inspected_over_a_year_ago(session, seeded):
    by_group = Counter(i.group_id for i in session.exec(select(Inspection)).all())
    current = _current_inspections(session)
    only_planned = [i for i in current if i.stage is Stage.PLANNED and by_group[i.group_id] == 1]
    assert 2 <= len(only_planned) <= 3
    previous = [
        i for i in session.exec(select(Inspection)).all()
        if i.stage is Stage.CLOSED and (TODAY - i.ended_on).days > 365
    ]
    assert previous


def test_every_demo_draft_at_quality_assurance_has_a_named_reviewer_who_may_review_it(session, seeded):
    at_qa = session.exec(select(Inspection).where(Inspection.stage == Stage.QUALITY_ASSURANCE)).all()
    current = {i.id for i in _current_inspections(session)}
    assert [i for i in at_qa if i.id in current]
    for inspection in at_qa:
        if inspection.id not in current:
            continue
        facts = inspection_facts(session, inspection)
        assert facts.qa_reviewer_ids and inspection.lead_inspector_id not in facts.qa_reviewer_ids
        assert not facts.qa_reviewer_ids & facts.team_ids
        for review in session.exec(select(QaReview).where(QaReview.inspection_id == inspection.id)).all():
            reviewer = session.get(User, review.reviewer_id)
            assert access.may(actor_for(reviewer), Action.REVIEW_QUALITY, facts)


def test_factual_accuracy_in_the_demo_is_answered_by_the_provider_in_time_and_closed_as_the_gate_allows(
        session, seeded):
    calendar = working_calendar(session=session)
    answered = 0
    for inspection in session.exec(select(Inspection).where(Inspection.draft_sent_on.is_not(None))).all():
        fa = next(s for s in schedule_of(inspection, [], TODAY, calendar) if s.key is Milestone.FA_COMMENTS_DUE)
        if inspection.fa_responded_on is not None:
            answered += 1
            assert inspection.draft_sent_on <= inspection.fa_responded_on <= min(fa.due, TODAY)
        if inspection.fa_closed_on is not None:
            assert inspection.fa_closed_on > fa.due or inspection.fa_declined
            assert fa.done_on is not None and fa.done_on <= fa.due, "the provider's deadline reads as met on time"
    assert answered >= 5
