"""The access facts, read in one statement, are exactly who each table names: checked for every
inspection and provider of the demo programme (team, QA reviewers, panel members, letters sent,
designated inspectors and the leads and teams of a provider's other inspections)."""

import pytest
from sqlmodel import Session, select

from safehouse_portal.db import (
    Inspection, InspectionGroup, InspectionQaReviewer, InspectionTeamMember, Provider, QualityPanelMember,
    SeriousConcern, StakeholderOrganisation,
)
from safehouse_portal.services.core.access_facts import inspection_facts, provider_facts
from safehouse_portal.services.core.errors import NotFound
from safehouse_portal.services.core.uow import unit_of_work


def _of(session, column, where) -> frozenset[int]:
    return frozenset(v for v in session.exec(select(column).where(where)).all() if v is not None)


def _inspectors_of(session, provider_id: int) -> frozenset[int]:
    inspections = session.exec(select(Inspection).join(InspectionGroup)
                               .where(InspectionGroup.provider_id == provider_id)).all()
    ids = [i.id for i in inspections]
    return (frozenset(i.lead_inspector_id for i in inspections if i.lead_inspector_id is not None)
            | _of(session, InspectionTeamMember.user_id, InspectionTeamMember.inspection_id.in_(ids)))


def _addressees(session, inspection_id: int) -> frozenset[int]:
    kinds = {k for c in session.exec(select(SeriousConcern).where(SeriousConcern.inspection_id == inspection_id)).all()
             if c.letter_sent_on is not None for k in c.letter_recipients}
    return _of(session, StakeholderOrganisation.id, StakeholderOrganisation.kind.in_(kinds)) if kinds else frozenset()


def test_every_inspections_facts_name_exactly_who_the_tables_name(demo_database):
    with Session(demo_database) as plain:
        inspections = plain.exec(select(Inspection)).all()
        expected = {}
        for inspection in inspections:
            provider = plain.get(Provider, plain.get(InspectionGroup, inspection.group_id).provider_id)
            expected[inspection.id] = (
                provider.id, provider.designated_inspector_id, _inspectors_of(plain, provider.id),
                inspection.lead_inspector_id,
                _of(plain, InspectionTeamMember.user_id, InspectionTeamMember.inspection_id == inspection.id),
                _of(plain, InspectionQaReviewer.user_id, InspectionQaReviewer.inspection_id == inspection.id),
                _of(plain, QualityPanelMember.user_id, QualityPanelMember.inspection_id == inspection.id),
                _addressees(plain, inspection.id))
    kinds_seen = [0] * 5
    with unit_of_work() as session:
        for inspection in session.exec(select(Inspection)).all():
            facts = inspection_facts(session, inspection)
            got = (facts.provider.provider_id, facts.provider.designated_inspector_id, facts.provider.inspector_ids,
                   facts.lead_id, facts.team_ids, facts.qa_reviewer_ids, facts.panel_member_ids,
                   facts.addressee_organisation_ids)
            assert got == expected[inspection.id], f"inspection {inspection.id}"
            assert provider_facts(session, facts.provider.provider_id) == facts.provider
            for n, found in enumerate((facts.provider.designated_inspector_id, facts.team_ids,
                                       facts.qa_reviewer_ids, facts.panel_member_ids,
                                       facts.addressee_organisation_ids)):
                kinds_seen[n] += bool(found)
    assert all(kinds_seen), f"the demo names someone of every kind somewhere: {kinds_seen}"


def test_a_provider_that_is_not_there_has_no_facts(demo_database):
    with unit_of_work() as session, pytest.raises(NotFound):
        provider_facts(session, 10**6)
