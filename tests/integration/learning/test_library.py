"""The good-practice library: nominate from a KLOE, anonymise, publish, browse, and "we tried this"."""

import pytest
from sqlmodel import select

from safehouse_portal.db import GoodPracticeEntry
from safehouse_portal.domain.enums import Stage
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied
from safehouse_portal.services.learning import library, nominations
from tests.integration.worlds import factories as f
from tests.integration.worlds.report_world import TODAY, build

EXAMPLE = {
    "title": "A tablet for every survivor",
    "what_they_do": "Riverside House gives each survivor a tablet with data on arrival.",
    "why_it_works": "North Trust's staff say survivors keep in touch with family and solicitors.",
    "theme_digital_inclusion": "on",
}


def _nominate(session, world, data=None) -> int:
    entry_id = nominations.nominate(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id,
                                    kloe_code="C1", data=data or EXAMPLE, today=TODAY)
    session.commit()
    return entry_id


def test_a_programme_name_is_flagged_and_publishing_is_refused_until_each_flag_is_resolved(session):
    world = build(session, Stage.DRAFTING)
    entry_id = _nominate(session, world)
    manager = f.actor(world.manager)
    view = nominations.nomination(session=session, actor=manager, entry_id=entry_id)
    assert {(flag.found, flag.kind_label) for flag in view.flags} == {
        ("Riverside House", "a service's name"), ("North Trust's", "a provider's name")}
    with pytest.raises(InvalidInput) as refused:
        nominations.publish(session=session, actor=manager, entry_id=entry_id)
    assert "Riverside House" in refused.value.errors["publish"] and "North Trust" in refused.value.errors["publish"]

    edited = nominations.edit(session=session, actor=manager, entry_id=entry_id, data={
        **EXAMPLE, "what_they_do": "The safehouse gives each survivor a tablet with data on arrival."})
    assert [flag.found for flag in edited.flags] == ["North Trust's"]
    with pytest.raises(InvalidInput) as no_reason:
        nominations.clear(session=session, actor=manager, entry_id=entry_id, data={"term": "north trust"})
    assert "reason" in no_reason.value.errors
    cleared = nominations.clear(session=session, actor=manager, entry_id=entry_id, data={
        "term": "north trust", "reason": "Left in by mistake? No: we publish it as written to test the rule."})
    assert cleared.blockers == [] and cleared.flags[0].cleared

    published = nominations.publish(session=session, actor=manager, entry_id=entry_id)
    assert published.status == "published"
    session.commit()


def test_a_nomination_is_seen_only_by_its_team_and_managers_until_published(session):
    world = build(session, Stage.DRAFTING)
    entry_id = _nominate(session, world)
    for who in (world.outsider, world.south_lead, world.north_lead, world.stakeholder):
        with pytest.raises(PermissionDenied):
            nominations.nomination(session=session, actor=f.actor(who), entry_id=entry_id)
    assert not nominations.nomination(session=session, actor=f.actor(world.lead), entry_id=entry_id).may_review
    browse = library.browse(session=session, actor=f.actor(world.south_lead))
    assert browse.examples == []


def test_the_library_never_returns_the_provider_and_filters_by_key_question_kloe_and_theme(session):
    world = build(session, Stage.DRAFTING)
    clean = {**EXAMPLE, "what_they_do": "Each survivor gets a tablet.", "why_it_works": "Contact with family."}
    entry_id = _nominate(session, world, clean)
    nominations.publish(session=session, actor=f.actor(world.manager), entry_id=entry_id)
    session.commit()
    for who in (world.south_lead, world.outsider, world.stakeholder, world.manager):
        view = library.browse(session=session, actor=f.actor(who), query={"theme": "digital_inclusion"})
        assert [e.title for e in view.examples] == ["A tablet for every survivor"]
        entry = view.examples[0]
        assert (entry.year, entry.service_kind, entry.key_question_label, entry.kloe_code) == (
            "2025-26", "Safehouse", "Caring", "C1")
        assert "North Trust" not in repr(view) and "Riverside" not in repr(view)
    lead = f.actor(world.south_lead)
    assert library.browse(session=session, actor=lead, query={"theme": "language_and_interpretation"}).examples == []
    assert library.browse(session=session, actor=lead, query={"kq": "safe"}).examples == []
    assert len(library.browse(session=session, actor=lead, query={"kloe": "C1", "q": "TABLET"}).examples) == 1
    assert library.browse(session=session, actor=lead, query={"kq": ["safe"], "q": 5}).total == 1
    report = library.published_entries(session=session, actor=f.actor(world.manager), year_from="2025-26",
                                       year_to="2025-26")
    assert [e.title for e in report] == ["A tablet for every survivor"]
    assert library.published_entries(session=session, actor=f.actor(world.manager), year_to="2024-25") == []
    with pytest.raises(PermissionDenied):
        library.published_entries(session=session, actor=f.actor(world.south_lead))


def test_we_tried_this_is_seen_by_inspectors_and_its_provider_never_by_another_provider(session):
    world = build(session, Stage.DRAFTING)
    entry_id = _nominate(session, world, {**EXAMPLE, "what_they_do": "Tablets.", "why_it_works": "Contact."})
    nominations.publish(session=session, actor=f.actor(world.manager), entry_id=entry_id)
    library.record_trial(session=session, actor=f.actor(world.south_lead), entry_id=entry_id,
                         how_it_went="Survivors used them for English classes.", today=TODAY)
    session.commit()
    inspector = library.entry_page(session=session, actor=f.actor(world.outsider), entry_id=entry_id)
    assert [(t.provider_name, t.how_it_went) for t in inspector.trials] == [
        ("South Trust", "Survivors used them for English classes.")]
    own = library.entry_page(session=session, actor=f.actor(world.south_lead), entry_id=entry_id)
    assert own.may_try and own.own_trial == "Survivors used them for English classes."
    other = library.entry_page(session=session, actor=f.actor(world.north_lead), entry_id=entry_id)
    assert other.trials == [] and "South Trust" not in repr(other)
    assert library.entry_page(session=session, actor=f.actor(world.stakeholder), entry_id=entry_id).trials == []
    for who in (world.outsider, world.stakeholder, world.manager):
        with pytest.raises(PermissionDenied):
            library.record_trial(session=session, actor=f.actor(who), entry_id=entry_id, how_it_went="x", today=TODAY)
    with pytest.raises(InvalidInput):
        library.record_trial(session=session, actor=f.actor(world.north_lead), entry_id=entry_id, how_it_went=" ",
                             today=TODAY)


def test_forged_calls_are_refused(session):
    world = build(session, Stage.DRAFTING)
    entry_id = _nominate(session, world)
    with pytest.raises(PermissionDenied):
        nominations.nominate(session=session, actor=f.actor(world.outsider), inspection_id=world.inspection.id,
                             kloe_code="C1", data=EXAMPLE, today=TODAY)
    for who in (world.lead, world.outsider, world.north_lead, world.stakeholder, None):
        actor = f.actor(who) if who else None
        with pytest.raises(PermissionDenied):
            nominations.publish(session=session, actor=actor, entry_id=entry_id)
        with pytest.raises(PermissionDenied):
            nominations.clear(session=session, actor=actor, entry_id=entry_id, data={"term": "north trust",
                                                                                     "reason": "x"})
    manager = f.actor(world.manager)
    for forged in ("1; drop", -1, None, {"id": 1}, 10 ** 20):
        with pytest.raises((NotFound, InvalidInput)):
            nominations.publish(session=session, actor=manager, entry_id=forged)
    with pytest.raises(NotFound):
        nominations.nominate(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id,
                             kloe_code=["C1"], data=EXAMPLE, today=TODAY)
    with pytest.raises(NotFound):
        library.entry_page(session=session, actor=f.actor(world.south_lead), entry_id=entry_id)
    with pytest.raises(InvalidInput) as bad:
        nominations.nominate(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id,
                             kloe_code="C1", data={"title": "", "what_they_do": "x" * 5000}, today=TODAY)
    assert set(bad.value.errors) == {"title", "what_they_do", "why_it_works", "themes"}
    returned = nominations.return_to_inspector(session=session, actor=manager, entry_id=entry_id,
                                               reason="Say more about why it works.")
    assert returned.status_label == "Returned to the inspector"
    assert session.exec(select(GoodPracticeEntry.status)).all() == ["returned"]
