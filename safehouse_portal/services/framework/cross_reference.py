"""The MSVCC contract clauses cross-referenced to KLOEs, and a word search over the framework.

These readers take a framework version already chosen by an authorised caller (the
inspection's own version, so an old inspection keeps the clauses it began with);
the judgement builder's ``framework_search.search_for`` authorises a search, then calls
``search_framework``.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from sqlmodel import Session, select

from safehouse_portal.db import ContractClause, Kloe, KloeClauseLink, KloePrompt
from safehouse_portal.services.core.errors import InvalidInput

MAX_QUERY_LENGTH = 200
MAX_HITS = 20
SNIPPET_CHARS = 160


@dataclass(frozen=True)
class KloeLink:
    """A KLOE named in the panel, and the inspection whose page of it a link opens."""

    code: str = ""
    title: str = ""
    inspection_id: int = 0


@dataclass(frozen=True)
class ClauseView:
    """A clause beside a KLOE, and the other KLOEs that cite it."""

    reference: str = ""
    title: str = ""
    text: str = ""
    illustrative: bool = False
    citing: list[KloeLink] = field(default_factory=list)


@dataclass(frozen=True)
class SearchHit:
    """A clause or KLOE that matches every word searched for; a KLOE links to its page of the inspection."""

    kind: str = ""
    kind_label: str = ""
    reference: str = ""
    title: str = ""
    snippet: str = ""
    illustrative: bool = False
    inspection_id: int = 0


def clauses_for_kloe(session: Session, *, kloe: Kloe, inspection_id: int) -> list[ClauseView]:
    """The clauses cross-referenced to ``kloe``, each with the other KLOEs citing it."""
    clauses = session.exec(select(ContractClause).join(KloeClauseLink, KloeClauseLink.clause_id == ContractClause.id)
                           .where(KloeClauseLink.kloe_id == kloe.id).order_by(ContractClause.reference)).all()
    citing: dict[int, list[Kloe]] = defaultdict(list)
    if clauses:
        rows = session.exec(select(KloeClauseLink.clause_id, Kloe).join(Kloe, Kloe.id == KloeClauseLink.kloe_id)
                            .where(KloeClauseLink.clause_id.in_([c.id for c in clauses]))
                            .order_by(Kloe.position)).all()
        for clause_id, other in rows:
            if other.id != kloe.id:
                citing[clause_id].append(other)
    return [ClauseView(reference=c.reference, title=c.title, text=c.text, illustrative=c.illustrative,
                       citing=[KloeLink(k.code, k.title, inspection_id) for k in citing[c.id]])
            for c in clauses]


def query_words(query: object) -> list[str]:
    """The lower-case words of a search box's text.

    Raises:
        InvalidInput: The query is not text, or is too long.
    """
    if not isinstance(query, str) or len(query) > MAX_QUERY_LENGTH:
        raise InvalidInput({"query": f"Enter up to {MAX_QUERY_LENGTH} characters to search for"})
    return [word for word in query.lower().split() if word]


def search_framework(session: Session, *, version_id: int, inspection_id: int, words: list[str]) -> list[SearchHit]:
    """Clauses and KLOEs (with their prompts) of one framework version containing every searched word.

    KLOEs come first, in framework order, then clauses by reference; at most ``MAX_HITS``.
    """
    if not words:
        return []
    hits: list[SearchHit] = []
    prompts: dict[int, list[str]] = defaultdict(list)
    for kloe_id, text in session.exec(select(KloePrompt.kloe_id, KloePrompt.text).join(Kloe)
                                      .where(Kloe.version_id == version_id).order_by(KloePrompt.position)).all():
        prompts[kloe_id].append(text)
    for kloe in session.exec(select(Kloe).where(Kloe.version_id == version_id).order_by(Kloe.position)).all():
        if _matches(words, kloe.code, kloe.title, kloe.question, *prompts[kloe.id]):
            text = next((t for t in [kloe.question, *prompts[kloe.id]] if _matches(words, t)), kloe.question)
            hits.append(SearchHit("kloe", "KLOE", kloe.code, kloe.title, _snippet(text, words), False,
                                  inspection_id))
    clauses = session.exec(select(ContractClause).where(ContractClause.version_id == version_id)
                           .order_by(ContractClause.reference)).all()
    for clause in clauses:
        if _matches(words, clause.reference, clause.title, clause.text):
            hits.append(SearchHit("clause", "Contract clause", clause.reference, clause.title,
                                  _snippet(clause.text, words), clause.illustrative, inspection_id))
    return hits[:MAX_HITS]


def _matches(words: list[str], *fields: str) -> bool:
    haystack = " ".join(fields).lower()
    return all(word in haystack for word in words)


def _snippet(text: str, words: list[str]) -> str:
    """A short piece of ``text`` around the first searched word it contains."""
    lower = text.lower()
    first = min((i for i in (lower.find(w) for w in words) if i >= 0), default=0)
    start = max(0, first - SNIPPET_CHARS // 3)
    piece = text[start:start + SNIPPET_CHARS]
    return ("..." if start else "") + piece + ("..." if start + SNIPPET_CHARS < len(text) else "")

