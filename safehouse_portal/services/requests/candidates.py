"""What a new information request is compared with: what the inspection already asked and was told.

``info_requests`` warns the inspector when a new request looks like one of these
(``domain/similarity.py`` decides how alike); this module only reads them.
"""

from sqlmodel import Session, select

from safehouse_portal.db import Inspection, InfoRequest, PirAnswer, PirReturn, PirTemplate
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.pir import template_from_definition, value_text
from safehouse_portal.domain.similarity import Candidate


def earlier_requests(session: Session, inspection: Inspection) -> list[Candidate]:
    """The inspection's requests so far (withdrawn ones aside), with their answers."""
    rows = session.exec(select(InfoRequest).where(InfoRequest.inspection_id == inspection.id,
                                                  InfoRequest.status != "withdrawn")).all()
    return [Candidate("Earlier request", f"asked on {format_date(r.asked_at.date())}", r.question, r.answer or "")
            for r in rows]


def pir_answers(session: Session, inspection: Inspection) -> list[Candidate]:
    """Every question of the inspection's PIR with its answer, if there is a return whose template still reads."""
    found = session.exec(select(PirReturn, PirTemplate).join(PirTemplate, PirTemplate.id == PirReturn.template_id)
                         .where(PirReturn.inspection_id == inspection.id)).first()
    if found is None:
        return []
    pir, template_row = found
    try:
        template = template_from_definition(template_row.definition)
    except (KeyError, TypeError, ValueError):
        return []
    answers = {a.question_code: a.value for a in session.exec(
        select(PirAnswer).where(PirAnswer.return_id == pir.id)).all()}
    candidates = []
    for section in template.sections:
        for question in section.questions:
            value = answers.get(question.code)
            answer = value_text(question, value) if value not in (None, "", []) else ""
            candidates.append(Candidate("In the PIR", section.title, question.text, answer))
    return candidates


def excerpt(text: str, limit: int = 300) -> str:
    """``text`` cut at a word to about ``limit`` characters, so a warning stays short."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "..."
