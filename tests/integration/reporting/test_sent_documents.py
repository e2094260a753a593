"""Documents where they belong: a provider lead's own letters and final reports, the early outcome
letters sent to the Home Office and the prime contractor, and every view or download audited."""

from datetime import date

import pytest
from sqlmodel import select

from safehouse_portal.db import AuditEvent, ReportIssue, SeriousConcern, StakeholderOrganisation
from safehouse_portal.domain.enums import Role, Stage
from safehouse_portal.services.core.errors import NotFound
from safehouse_portal.services.providers import profiles
from safehouse_portal.services.reporting import documents, library
from tests.integration.worlds import factories as f
from tests.integration.worlds.report_world import TODAY, build


def _stakeholders(session):
    home_office = StakeholderOrganisation(name="Home Office", kind="home_office")
    prime = StakeholderOrganisation(name="The Salvation Army", kind="prime_contractor")
    other = StakeholderOrganisation(name="Someone else", kind="auditor")
    session.add_all([home_office, prime, other])
    session.commit()
    people = {}
    for key, org in (("home_office", home_office), ("prime", prime), ("other", other)):
        user = f.user(session, f"{key}@stakeholder.test", Role.STAKEHOLDER)
        user.stakeholder_organisation_id = org.id
        session.add(user)
        people[key] = user
    session.commit()
    return people


def _concern(session, world, sent: bool):
    world.inspection.serious_concern = True
    world.inspection.early_outcome_letter_on = date(2026, 3, 13) if sent else None
    session.add(world.inspection)
    session.add(SeriousConcern(inspection_id=world.inspection.id, details="Fire doors were wedged open.",
                               raised_by_id=world.lead.id, letter_sent_on=date(2026, 3, 13) if sent else None,
                               letter_recipients=["provider", "home_office", "prime_contractor"] if sent else []))
    session.commit()


def _issue(session, world):
    world.inspection.final_issued_on = date(2026, 4, 17)
    world.inspection.stage = Stage.REPORT_ISSUED
    session.add(world.inspection)
    session.add(ReportIssue(inspection_id=world.inspection.id, recipient="provider", issued_on=date(2026, 4, 17),
                            issued_by_id=world.lead.id))
    session.commit()


def _may(session, world, user, name):
    try:
        documents.document(session=session, actor=f.actor(user), inspection_id=world.inspection.id, name=name,
                           today=TODAY)
    except NotFound:
        return False
    return True


def test_a_provider_lead_lists_their_own_letters_only_and_forged_ids_are_refused(session):
    world = build(session)
    _concern(session, world, sent=True)
    listed = library.provider_documents(session=session, actor=f.actor(world.north_lead))
    assert [(d.label, d.sent_on) for d in listed] == [("Early outcome letter", "13 March 2026"),
                                                      ("Announcement letter", "23 February 2026")]
    assert all(_may(session, world, world.north_lead, d.name) for d in listed)
    assert library.provider_documents(session=session, actor=f.actor(world.south_lead)) == []
    assert not _may(session, world, world.south_lead, "announcement-letter")
    assert not _may(session, world, world.south_lead, "early-outcome-letter")
    for forged in ("1", None, {"id": 1}, -1):
        with pytest.raises(NotFound):
            documents.document(session=session, actor=f.actor(world.north_lead), inspection_id=forged,
                               name="announcement-letter", today=TODAY)


def test_the_final_report_joins_the_leads_documents_once_issued(session):
    world = build(session, stage=Stage.FINALISING)
    world.inspection.draft_sent_on = date(2026, 4, 1)
    _issue(session, world)
    listed = library.provider_documents(session=session, actor=f.actor(world.north_lead))
    assert [d.name for d in listed] == ["report-final", "announcement-letter"]


def test_stakeholders_get_the_early_outcome_letter_sent_to_them_and_nothing_before(session):
    world = build(session)
    people = _stakeholders(session)
    _concern(session, world, sent=False)
    assert not any(_may(session, world, people[k], "early-outcome-letter") for k in people)
    assert library.addressed_letters(session=session, actor=f.actor(people["home_office"])) == []

    session.exec(select(SeriousConcern)).one().letter_sent_on = date(2026, 3, 13)
    concern = session.exec(select(SeriousConcern)).one()
    concern.letter_recipients = ["provider", "home_office", "prime_contractor"]
    world.inspection.early_outcome_letter_on = date(2026, 3, 13)
    session.add_all([concern, world.inspection])
    session.commit()
    assert _may(session, world, people["home_office"], "early-outcome-letter")
    assert _may(session, world, people["prime"], "early-outcome-letter")
    assert not _may(session, world, people["other"], "early-outcome-letter")
    assert not _may(session, world, world.stakeholder, "early-outcome-letter"), "a stakeholder of no organisation"
    assert not _may(session, world, people["home_office"], "announcement-letter")
    letters = library.addressed_letters(session=session, actor=f.actor(people["prime"]))
    assert [(d.group_name, d.provider_name, d.concerns) for d in letters] == [("Riverside safehouses", "North Trust", 1)]
    assert library.addressed_letters(session=session, actor=f.actor(people["other"])) == []


def test_every_document_download_and_address_view_is_audited(session):
    world = build(session)
    documents.document(session=session, actor=f.actor(world.north_lead), inspection_id=world.inspection.id,
                       name="announcement-letter", today=TODAY)
    profiles.provider_detail(session=session, actor=f.actor(world.manager), provider_id=world.north.id)
    profiles.provider_detail(session=session, actor=f.actor(world.admin), provider_id=world.north.id)
    session.commit()
    rows = session.exec(select(AuditEvent).where(AuditEvent.action.in_(["document.downloaded", "address.viewed"]))
                        .order_by(AuditEvent.id)).all()
    assert [(r.action, r.actor_id, r.provider_id) for r in rows] == [
        ("document.downloaded", world.north_lead.id, world.north.id),
        ("address.viewed", world.manager.id, world.north.id)], "the admin sees no address, so nothing is recorded"
    assert rows[0].inspection_id == world.inspection.id and rows[0].after == {"document": "announcement-letter"}
