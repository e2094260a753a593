"""The survey's printable PDFs: poster and pocket cards for the provider to hand out, the paper form for CQC.

The provider's lead (of the inspection's own provider, while the link is open) and the
inspection's staff may print the poster and the cards: they carry the link and its QR code,
never an answer. The paper questionnaire is printed by the inspection's staff only, since
its filled-in copies come back to CQC. The link's address is made by the edge (``address_for``)
because services never build URLs.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from safehouse_portal.db import InspectionGroup
from safehouse_portal.domain.enums import Role
from safehouse_portal.domain.survey import is_closed
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import NotFound, PermissionDenied
from safehouse_portal.services.survey.paper import paper_questions, print_language
from safehouse_portal.services.survey.results import load_survey

POSTER, CARDS, PAPER = "poster", "cards", "paper"
HANDOUTS = (POSTER, CARDS)


@dataclass(frozen=True)
class Printable:
    """A finished PDF and the name to save it under."""

    filename: str = ""
    content: bytes = b""


def printable(*, session: Session, actor: Actor | None, inspection_id: object, name: object,
              address_for: Callable[[str], str], today: date) -> Printable:
    """The PDF ``name`` (``poster-<lang>``, ``cards-<lang>`` or ``paper-<lang>``) of the inspection's survey.

    Raises:
        PermissionDenied: The person may not print it (a provider lead, the paper form; a stranger, any).
        NotFound: No such inspection, link, document or language; for a provider lead, a closed link.
    """
    kind, _, code = name.partition("-") if isinstance(name, str) else ("", "", "")
    if kind not in (*HANDOUTS, PAPER):
        raise NotFound("No such document")
    survey = _survey(session, actor, inspection_id, kind, today)
    if survey.link is None:
        raise NotFound("This inspection has no survey link")
    language = print_language(survey.questions, code)
    from safehouse_portal.documents import survey_print  # fpdf2 is loaded by the first print (lazy_modules.py)

    filename = f"survivor-survey-{kind}-{language.code}.pdf"
    if kind == PAPER:
        return Printable(filename, survey_print.paper_questionnaire(
            language=language, questions=paper_questions(survey.questions, survey.asked, language.code),
            reference=f"Inspection {survey.inspection.id}"))
    url = address_for(survey.link.token)
    if kind == POSTER:
        group = session.get(InspectionGroup, survey.inspection.group_id)
        return Printable(filename, survey_print.poster(language=language, url=url, service=group.name))
    return Printable(filename, survey_print.pocket_cards(language=language, url=url))


def _survey(session: Session, actor: Actor | None, inspection_id: object, kind: str, today: date):
    if actor is not None and actor.role == Role.PROVIDER_LEAD:
        if kind not in HANDOUTS:
            raise PermissionDenied()
        actor = access.require_own_provider(actor)
        survey = load_survey(session, actor, inspection_id, Action.ACT_AS_PROVIDER)
        if survey.link is None or is_closed(survey.link.closes_on, today):
            raise NotFound("This inspection has no open survey link")
        return survey
    return load_survey(session, actor, inspection_id, Action.MANAGE_SURVEY if kind in HANDOUTS
                       else Action.VIEW_SURVEY_RESULTS)

