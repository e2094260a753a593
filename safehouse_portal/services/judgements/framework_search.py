"""Searching the framework from a KLOE page: the inspection's own framework version, for its readers."""

from sqlmodel import Session

from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.framework.cross_reference import SearchHit, query_words, search_framework
from safehouse_portal.services.judgements.kloe_access import readable_inspection


def search_for(*, session: Session, actor: Actor | None, inspection_id: object, query: object) -> list[SearchHit]:
    """Search the inspection's framework version, as someone who may see the inspection."""
    inspection = readable_inspection(session, actor, inspection_id)
    return search_framework(session, version_id=inspection.framework_version_id, inspection_id=inspection.id,
                            words=query_words(query))
