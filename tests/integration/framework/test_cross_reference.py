"""Clauses beside a KLOE, the other KLOEs citing them, and the framework search."""

import pytest
from sqlmodel import select

from safehouse_portal import routes
from safehouse_portal.db import ContractClause, Kloe, KloeClauseLink
from safehouse_portal.services.framework import cross_reference
from safehouse_portal.services.judgements import framework_search
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied
from tests.integration.worlds import factories as f


def _kloe(session, world, code):
    return session.exec(select(Kloe).where(Kloe.code == code,
                                           Kloe.version_id == world["inspection"].framework_version_id)).one()


def test_each_clause_lists_every_other_kloe_citing_it_but_not_this_one(session, kloe_world):
    s1 = _kloe(session, kloe_world, "S1")
    clauses = cross_reference.clauses_for_kloe(session, kloe=s1, inspection_id=kloe_world["inspection"].id)
    assert clauses
    for clause in clauses:
        row = session.exec(select(ContractClause).where(ContractClause.reference == clause.reference)).one()
        citing = session.exec(select(Kloe.code).join(KloeClauseLink, KloeClauseLink.kloe_id == Kloe.id)
                              .where(KloeClauseLink.clause_id == row.id)).all()
        assert sorted(k.code for k in clause.citing) == sorted(c for c in citing if c != "S1")
        assert all(routes.kloe(k.inspection_id, k.code) == f"/inspections/{kloe_world['inspection'].id}/kloes/{k.code}"
                   for k in clause.citing)


def test_the_search_needs_every_word_and_finds_kloes_and_clauses(session, kloe_world):
    hits = framework_search.search_for(session=session, actor=f.actor(kloe_world["lead"]),
                                      inspection_id=kloe_world["inspection"].id, query="  Safeguarding  ")
    kinds = {h.kind for h in hits}
    assert "kloe" in kinds and any(h.reference == "S1" for h in hits)
    narrower = framework_search.search_for(session=session, actor=f.actor(kloe_world["lead"]),
                                          inspection_id=kloe_world["inspection"].id,
                                          query="safeguarding zzzunlikelyword")
    assert narrower == []
    assert framework_search.search_for(session=session, actor=f.actor(kloe_world["lead"]),
                                      inspection_id=kloe_world["inspection"].id, query="") == []


def test_the_search_reads_the_prompts_of_each_kloe_too(session, kloe_world):
    hits = framework_search.search_for(session=session, actor=f.actor(kloe_world["lead"]),
                                      inspection_id=kloe_world["inspection"].id, query="night")
    s3 = next(h for h in hits if h.reference == "S3")
    assert "night" in s3.snippet.lower()


@pytest.mark.parametrize("query", [None, 5, {"q": "x"}, "x" * 201])
def test_a_forged_query_is_refused(session, kloe_world, query):
    with pytest.raises(InvalidInput):
        framework_search.search_for(session=session, actor=f.actor(kloe_world["lead"]),
                                   inspection_id=kloe_world["inspection"].id, query=query)


@pytest.mark.parametrize("who", ["outsider", "north_lead", "stakeholder", "admin"])
def test_only_people_who_may_see_the_inspection_search_its_framework(session, kloe_world, who):
    with pytest.raises(PermissionDenied):
        framework_search.search_for(session=session, actor=f.actor(kloe_world[who]),
                                   inspection_id=kloe_world["inspection"].id, query="safe")
