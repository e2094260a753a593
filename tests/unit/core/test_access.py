"""The access policy as one table: every role, in every relation, for every action (no database).

``ALLOWED`` is written out by hand, so changing any rule in ``services/core/access.py``
makes a row here fail.
"""

from dataclasses import replace
from itertools import product

import pytest

from safehouse_portal.domain.enums import Role
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action, InspectionFacts, ProviderFacts, Relation
from safehouse_portal.services.core.actor import CLI_OPERATOR, Actor
from safehouse_portal.services.core.errors import PermissionDenied

PL, INSPECTOR, PM, ADMIN, STAKEHOLDER = (
    Role.PROVIDER_LEAD, Role.INSPECTOR, Role.PROGRAMME_MANAGER, Role.ADMIN, Role.STAKEHOLDER)
NONE = None
"""No relation at all: someone else's provider, an inspection they have nothing to do with."""
RELATIONS = [NONE, *Relation]
PROVIDER_RELATIONS = [NONE, Relation.OWN_PROVIDER, Relation.DESIGNATED, Relation.INSPECTING]
ME, PROVIDER, OTHER_PROVIDER = 7, 3, 4
ORGANISATION, OTHER_ORGANISATION = 5, 6


def every(role: Role) -> set[tuple[Role, Relation | None]]:
    """The role may, whatever their relation."""
    return {(role, relation) for relation in RELATIONS}


def only(role: Role, *relations: Relation) -> set[tuple[Role, Relation | None]]:
    """The role may, in these relations only."""
    return {(role, relation) for relation in relations}


LEAD, TEAM, OWN = Relation.LEAD, Relation.TEAM, Relation.OWN_PROVIDER
DESIGNATED, INSPECTING, QA_REVIEWER = Relation.DESIGNATED, Relation.INSPECTING, Relation.QA_REVIEWER
ADDRESSEE, PANEL = Relation.ADDRESSEE, Relation.PANEL_MEMBER
REPORT_STAFF = every(PM) | only(INSPECTOR, LEAD, TEAM, DESIGNATED, QA_REVIEWER, PANEL)

ALLOWED: dict[Action, set[tuple[Role, Relation | None]]] = {
    Action.VIEW_PROVIDER: only(PL, OWN) | every(INSPECTOR) | every(PM) | every(ADMIN),
    Action.VIEW_PROVIDER_RECORDS: only(PL, OWN) | only(INSPECTOR, DESIGNATED, INSPECTING) | every(PM),
    Action.ACT_AS_PROVIDER: only(PL, OWN),
    Action.VIEW_INSPECTION: only(INSPECTOR, LEAD, TEAM) | every(PM),
    Action.WORK_ON_INSPECTION: only(INSPECTOR, LEAD, TEAM),
    Action.LEAD_INSPECTION: only(INSPECTOR, LEAD),
    Action.FOLLOW_UP_WITH_PROVIDER: only(INSPECTOR, LEAD, TEAM) | every(PM),
    Action.READ_PIR: only(INSPECTOR, LEAD, TEAM, DESIGNATED) | every(PM),
    Action.MANAGE_INSPECTION: only(INSPECTOR, LEAD) | every(PM),
    Action.MOVE_STAGE: only(INSPECTOR, LEAD) | every(PM) | every(ADMIN),
    Action.EXTEND_DEADLINE: every(PM),
    Action.REVIEW_QUALITY: only(INSPECTOR, TEAM, QA_REVIEWER) | every(PM),
    Action.NAME_QA_REVIEWERS: every(PM),
    Action.VIEW_REPORT_WORK: REPORT_STAFF,
    Action.DOWNLOAD_WORKING_REPORT: REPORT_STAFF | only(ADMIN, Relation.OPERATOR),
    Action.VIEW_SENT_DOCUMENT: REPORT_STAFF | only(ADMIN, Relation.OPERATOR) | only(PL, OWN),
    Action.VIEW_FINAL_REPORT: REPORT_STAFF | only(ADMIN, Relation.OPERATOR) | only(PL, OWN) | every(STAKEHOLDER),
    Action.VIEW_BOARD: only(INSPECTOR, LEAD, TEAM) | every(PM) | every(ADMIN),
    Action.MANAGE_PROGRAMME: every(PM) | every(ADMIN),
    Action.MANAGE_SURVEY: only(INSPECTOR, LEAD, TEAM) | every(PM),
    Action.IMPORT_PROGRAMME: every(PM) | every(ADMIN),
    Action.EXPORT_PROGRAMME: every(PM) | every(ADMIN),
    Action.EXPORT_PROGRAMME_ADDRESSES: every(PM) | only(ADMIN, Relation.OPERATOR),
    Action.EDIT_PROGRAMME: every(PM) | every(ADMIN),
    Action.PROPOSE_SERVICE_CHANGE: only(PL, OWN),
    Action.DECIDE_SERVICE_CHANGE: every(PM),
    Action.VIEW_ENGAGEMENT: only(PL, OWN) | every(INSPECTOR) | every(PM),
    Action.VIEW_INTERNAL_ENGAGEMENT_NOTES: every(INSPECTOR) | every(PM),
    Action.RECORD_ENGAGEMENT_MEETING: only(INSPECTOR, DESIGNATED) | every(PM),
    Action.VIEW_CONCERNS: only(INSPECTOR, DESIGNATED, INSPECTING) | every(PM),
    Action.RECORD_CONCERN: only(INSPECTOR, DESIGNATED, INSPECTING) | every(PM),
    Action.RECORD_ANNOUNCEMENT_CALL: only(INSPECTOR, LEAD) | every(PM),
    Action.VIEW_SURVEY_RESULTS: only(INSPECTOR, LEAD, TEAM) | every(PM),
    Action.USE_SURVEY_EVIDENCE: only(INSPECTOR, LEAD, TEAM),
    Action.VIEW_ADDRESSED_LETTER: REPORT_STAFF | only(ADMIN, Relation.OPERATOR) | only(PL, OWN)
    | only(STAKEHOLDER, ADDRESSEE),
    Action.VIEW_AUDIT_TRAIL: every(PM) | every(ADMIN),
    Action.READ_OWN_NOTIFICATIONS: every(PL) | every(INSPECTOR) | every(PM) | every(ADMIN) | every(STAKEHOLDER),
    Action.VIEW_OUTBOX: every(ADMIN),
    Action.VIEW_PROGRAMME_REPORT: every(PM) | every(ADMIN) | every(STAKEHOLDER),
    Action.PLAN_PROGRAMME: every(PM) | only(ADMIN, Relation.OPERATOR),
    Action.MANAGE_AVAILABILITY: every(PM) | only(ADMIN, Relation.OPERATOR),
    Action.EDIT_OWN_AVAILABILITY: every(INSPECTOR) | every(PM),
    Action.NOMINATE_GOOD_PRACTICE: only(INSPECTOR, LEAD, TEAM),
    Action.REVIEW_GOOD_PRACTICE: every(PM),
    Action.VIEW_GOOD_PRACTICE: every(PL) | every(INSPECTOR) | every(PM) | every(STAKEHOLDER),
    Action.TRY_GOOD_PRACTICE: only(PL, OWN),
    Action.VIEW_GOOD_PRACTICE_TRIALS: every(INSPECTOR) | every(PM),
    Action.VIEW_QUALITY_PANEL: only(INSPECTOR, LEAD, TEAM, PANEL) | every(PM),
    Action.NAME_PANEL_MEMBERS: every(PM),
    Action.RECORD_PANEL_VIEW: only(INSPECTOR, PANEL) | only(PM, PANEL),
    Action.RECORD_PANEL_OUTCOME: every(PM),
    Action.MARK_ENGAGEMENT_ACTION_DONE: only(INSPECTOR, DESIGNATED) | every(PM),
}


def person(role: Role, relation: Relation | None) -> Actor:
    """Someone of ``role``; acting for another provider unless their relation is their own provider's."""
    if relation is Relation.OPERATOR:
        assert role is ADMIN, "only the command line is the server's operator, and it is an admin"
        return CLI_OPERATOR
    return Actor(user_id=ME, name="Someone", email="someone@example.test", role=role,
                 provider_id=PROVIDER if relation is OWN else OTHER_PROVIDER,
                 stakeholder_organisation_id=ORGANISATION if relation is ADDRESSEE else OTHER_ORGANISATION)


def provider_facts(relation: Relation | None) -> ProviderFacts:
    """A provider the person is tied to by ``relation`` and nothing else."""
    return ProviderFacts(provider_id=PROVIDER, designated_inspector_id=ME if relation is DESIGNATED else 98,
                         inspector_ids=frozenset({ME, 97} if relation is INSPECTING else {97}))


def inspection_facts(relation: Relation | None) -> InspectionFacts:
    """An inspection the person is tied to by ``relation`` and nothing else."""
    return InspectionFacts(inspection_id=11, provider=provider_facts(relation),
                           lead_id=ME if relation is LEAD else 99,
                           team_ids=frozenset({ME, 96} if relation is TEAM else {96}),
                           qa_reviewer_ids=frozenset({ME, 95} if relation is QA_REVIEWER else {95}),
                           addressee_organisation_ids=frozenset({ORGANISATION} if relation is ADDRESSEE else {8}),
                           panel_member_ids=frozenset({ME, 94} if relation is PANEL else {94}))


def _cases(relations: list[Relation | None]):
    for action, role, relation in product(Action, Role, relations):
        if relation is Relation.OPERATOR and role is not ADMIN:
            continue
        yield pytest.param(action, role, relation, (role, relation) in ALLOWED[action],
                           id=f"{action.value}-{role.value}-{relation.value if relation else 'none'}")


def test_every_action_has_a_row_in_the_table():
    assert set(ALLOWED) == set(Action) == set(access.RULES)


@pytest.mark.parametrize(("action", "role", "relation", "allowed"), list(_cases(RELATIONS)))
def test_a_person_may_act_on_an_inspection_only_as_the_table_says(action, role, relation, allowed):
    assert access.may(person(role, relation), action, inspection_facts(relation)) is allowed


@pytest.mark.parametrize(("action", "role", "relation", "allowed"), list(_cases(PROVIDER_RELATIONS)))
def test_a_person_may_act_on_a_provider_only_as_the_table_says(action, role, relation, allowed):
    assert access.may(person(role, relation), action, provider_facts(relation)) is allowed


@pytest.mark.parametrize(("action", "role"), list(product(Action, Role)))
def test_the_role_gate_admits_exactly_the_roles_the_table_allows_in_some_relation(action, role):
    actor = person(role, NONE)
    expected = any(r == role for r, _ in ALLOWED[action])
    assert access.role_may(actor, action) is expected
    if expected:
        assert access.admit(actor, action) is actor
    else:
        with pytest.raises(PermissionDenied):
            access.admit(actor, action)


@pytest.mark.parametrize("action", list(Action))
def test_without_facts_a_person_has_no_relation_to_anything(action):
    for role in Role:
        assert access.may(person(role, NONE), action) is ((role, NONE) in ALLOWED[action])


@pytest.mark.parametrize("action", list(Action))
def test_nobody_signed_in_may_do_anything(action):
    assert not access.may(None, action, inspection_facts(LEAD))
    assert not access.role_may(None, action)
    with pytest.raises(PermissionDenied):
        access.require(None, action, inspection_facts(LEAD))


@pytest.mark.parametrize(("action", "role"), list(product(Action, Role)))
def test_provider_facts_left_at_their_defaults_only_ever_refuse(action, role):
    bare = ProviderFacts(provider_id=PROVIDER)
    for relation in PROVIDER_RELATIONS:
        actor = person(role, relation)
        assert access.may(actor, action, provider_facts(relation)) or not access.may(actor, action, bare)


def test_a_provider_lead_may_not_see_another_providers_records():
    lead = person(PL, NONE)
    assert not access.may(lead, Action.VIEW_PROVIDER_RECORDS, ProviderFacts(provider_id=PROVIDER))
    assert access.may(replace(lead, provider_id=PROVIDER), Action.VIEW_PROVIDER_RECORDS, ProviderFacts(PROVIDER))


def test_an_inspector_with_a_provider_on_their_account_is_not_that_providers_lead():
    inspector = person(INSPECTOR, OWN)
    assert not access.may(inspector, Action.ACT_AS_PROVIDER, ProviderFacts(provider_id=PROVIDER))


def test_the_lead_inspector_is_refused_quality_assurance_with_the_reason():
    with pytest.raises(PermissionDenied, match="their own report"):
        access.require(person(INSPECTOR, LEAD), Action.REVIEW_QUALITY, inspection_facts(LEAD),
                       message="The lead inspector cannot quality assure their own report.")


def test_a_lead_inspector_named_as_a_reviewer_still_may_not_quality_assure_their_own_report():
    facts = replace(inspection_facts(LEAD), qa_reviewer_ids=frozenset({ME}))
    assert access.relations(person(INSPECTOR, LEAD), facts) == {LEAD, QA_REVIEWER}
    assert not access.may(person(INSPECTOR, LEAD), Action.REVIEW_QUALITY, facts)


def test_an_inspector_tied_to_nothing_may_neither_see_nor_review_a_draft_at_quality_assurance():
    stranger, facts = person(INSPECTOR, NONE), inspection_facts(NONE)
    for action in (Action.VIEW_REPORT_WORK, Action.DOWNLOAD_WORKING_REPORT, Action.REVIEW_QUALITY):
        assert not access.may(stranger, action, facts)
    assert access.may(stranger, Action.REVIEW_QUALITY, replace(facts, qa_reviewer_ids=frozenset({ME})))


def test_an_admin_who_is_not_the_command_line_may_not_download_the_working_report():
    assert not access.may(person(ADMIN, NONE), Action.DOWNLOAD_WORKING_REPORT, inspection_facts(NONE))
    assert access.may(CLI_OPERATOR, Action.DOWNLOAD_WORKING_REPORT, inspection_facts(NONE))
    assert not access.may(CLI_OPERATOR, Action.VIEW_REPORT_WORK, inspection_facts(NONE))


def test_a_lead_inspector_is_neither_on_the_team_nor_designated_unless_the_facts_say_so():
    assert access.relations(person(INSPECTOR, LEAD), inspection_facts(LEAD)) == {LEAD}


def test_require_returns_the_actor_it_allows():
    actor = person(PM, NONE)
    assert access.require(actor, Action.READ_PIR, inspection_facts(NONE)) is actor


def test_a_provider_lead_without_a_provider_is_refused_before_anything_is_looked_up():
    with pytest.raises(PermissionDenied):
        access.require_own_provider(replace(person(PL, OWN), provider_id=None))
    with pytest.raises(PermissionDenied):
        access.require_own_provider(person(PM, NONE))
    lead = person(PL, OWN)
    assert access.require_own_provider(lead) is lead


def test_the_plain_role_gate_refuses_other_roles_and_nobody():
    assert access.require_role(person(ADMIN, NONE), ADMIN, PM).role is ADMIN
    with pytest.raises(PermissionDenied):
        access.require_role(person(INSPECTOR, NONE), ADMIN, PM)
    with pytest.raises(PermissionDenied):
        access.require_role(None, ADMIN)


def test_a_stakeholder_may_have_the_early_outcome_letter_only_once_it_was_sent_to_their_organisation():
    home_office = Actor(user_id=ME, name="Home Office", email="ho@example.test", role=STAKEHOLDER,
                        stakeholder_organisation_id=ORGANISATION)
    sent = replace(inspection_facts(NONE), addressee_organisation_ids=frozenset({ORGANISATION}))
    assert access.may(home_office, Action.VIEW_ADDRESSED_LETTER, sent)
    assert not access.may(home_office, Action.VIEW_ADDRESSED_LETTER, inspection_facts(NONE))
    assert not access.may(replace(home_office, stakeholder_organisation_id=None), Action.VIEW_ADDRESSED_LETTER, sent)
    assert not access.may(home_office, Action.VIEW_SENT_DOCUMENT, sent)


def test_someone_on_the_team_named_to_the_quality_panel_still_may_not_record_a_view():
    for relation in (LEAD, TEAM):
        facts = replace(inspection_facts(relation), panel_member_ids=frozenset({ME}))
        assert Relation.PANEL_MEMBER in access.relations(person(INSPECTOR, relation), facts)
        assert not access.may(person(INSPECTOR, relation), Action.RECORD_PANEL_VIEW, facts)
    assert access.may(person(INSPECTOR, PANEL), Action.RECORD_PANEL_VIEW, inspection_facts(PANEL))
