"""Key lines of enquiry as people read them: "Enough suitable staff (key line of enquiry S3)", never a bare code."""

from sqlmodel import Session, select

from safehouse_portal.db import Kloe


def kloe_label(code: str, title: str) -> str:
    """One KLOE in words; the code alone when its title is unknown."""
    return f"{title} (key line of enquiry {code})" if title else f"Key line of enquiry {code}"


def kloe_labels(session: Session | None, version_id: int | None, codes: list[str] | tuple[str, ...]) -> list[str]:
    """Each code as ``kloe_label`` in the framework version's words.

    The version's titles are read once per unit of work (kept in ``session.info``), so a list
    of many rows costs one query.
    """
    if not codes:
        return []
    titles: dict[str, str] = {}
    if session is not None and version_id is not None:
        cache = session.info.setdefault("kloe_titles", {})
        if version_id not in cache:
            rows = session.execute(select(Kloe.code, Kloe.title).where(Kloe.version_id == version_id)).all()
            cache[version_id] = {code: title for code, title in rows}
        titles = cache[version_id]
    return [kloe_label(code, titles.get(code, "")) for code in codes]
