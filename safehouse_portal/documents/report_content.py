"""The inspection report as content: plain rows in, a document-ready model out.

Pure: no database, no clock. The service reads the rows; the PDF, the factual accuracy
form and the report snapshots are all drawn from the one ``ReportContent`` built here,
so they never disagree about what the report says.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from safehouse_portal.domain.dates import format_date, format_date_range
from safehouse_portal.domain.enums import (
    KEY_QUESTION_LABELS, InspectionMode, InspectionType, KeyQuestion, Rating, Theme, Timescale,
)
from safehouse_portal.domain.judgements import judgement, suggest_rating
from safehouse_portal.domain.milestones import recommendation_due
from safehouse_portal.documents.labels import (
    MODE_LABELS, THEME_LABELS, TIMESCALE_LABELS, TYPE_LABELS, rating_label,
)

DRAFT_STATUS = "Draft for factual accuracy check"
FINAL_STATUS = "Final report"
DUE_WHEN_RECEIVED = "Set when the final report is received"
SURVIVORS_TOLD_US = "What survivors told us"


@dataclass(frozen=True)
class InspectionRow:
    """The inspection and its service, as the report's cover shows them."""

    id: int
    group_name: str
    location_names: tuple[str, ...]
    provider_name: str
    type: InspectionType
    mode: InspectionMode
    key_questions: tuple[str, ...]
    first_day: date | None
    last_day: date | None
    lead_inspector: str
    team: tuple[str, ...] = ()
    final_issued_on: date | None = None
    early_outcome_letter_on: date | None = None
    serious_concern: bool = False
    framework_title: str = ""


@dataclass(frozen=True)
class KloeRow:
    """One KLOE of the framework with the inspectors' judgement of it (if any)."""

    key_question: str
    code: str
    title: str
    question: str
    position: int
    rating: Rating | None = None
    findings: str = ""
    good_practice: str = ""
    evidence_sources: tuple[str, ...] = ()
    survivor_quotes: tuple[str, ...] = ()
    """Survivors' survey comments checked for identifying details and marked for the report."""


@dataclass(frozen=True)
class OverrideRow:
    """The lead inspector's override of a key question's judgement."""

    key_question: str
    rating: Rating
    reason: str


@dataclass(frozen=True)
class RecommendationRow:
    """A recommendation as recorded."""

    kloe_codes: tuple[str, ...]
    key_question: str
    text: str
    theme: Theme
    timescale: Timescale


@dataclass(frozen=True)
class ClauseRow:
    """A contract clause that in-scope KLOEs cross-reference."""

    reference: str
    title: str
    text: str
    illustrative: bool
    kloe_codes: tuple[str, ...]


@dataclass(frozen=True)
class ReportRows:
    """Everything the report is built from."""

    inspection: InspectionRow
    kloes: Sequence[KloeRow]
    overrides: Sequence[OverrideRow] = ()
    recommendations: Sequence[RecommendationRow] = ()
    clauses: Sequence[ClauseRow] = ()


@dataclass(frozen=True)
class KloeSection:
    key: str
    code: str
    title: str
    question: str
    rating: Rating | None
    rating_label: str
    findings: str
    good_practice: str
    evidence_note: str
    survivor_quotes: tuple[str, ...] = ()


@dataclass(frozen=True)
class KeyQuestionSection:
    key: str
    key_question: str
    title: str
    rating: Rating | None
    rating_label: str
    override_reason: str
    kloes: tuple[KloeSection, ...]


@dataclass(frozen=True)
class RecommendationLine:
    number: int
    kloes: str
    key_question: str
    text: str
    theme: str
    timescale: str
    due: str


@dataclass(frozen=True)
class ClauseLine:
    reference: str
    title: str
    text: str
    illustrative: bool
    kloes: str


@dataclass(frozen=True)
class Cover:
    service: str
    locations: tuple[str, ...]
    provider: str
    inspection_type: str
    mode: str
    dates: str
    lead_inspector: str
    team: str
    status: str
    framework: str


@dataclass(frozen=True)
class Section:
    """A part of the report a provider may comment on, with its text as shown."""

    key: str
    title: str
    text: str


@dataclass(frozen=True)
class ReportContent:
    """The whole report, ready to draw."""

    inspection_id: int
    final: bool
    title: str
    cover: Cover
    summary: tuple[str, ...]
    key_questions: tuple[KeyQuestionSection, ...]
    recommendations: tuple[RecommendationLine, ...]
    clauses: tuple[ClauseLine, ...]
    sections: tuple[Section, ...] = field(default=())


def build_report(rows: ReportRows, *, final: bool) -> ReportContent:
    """The report described by ``rows``: the draft, or the final once ``final`` is True."""
    inspection = rows.inspection
    overrides = {row.key_question: row for row in rows.overrides}
    key_questions = tuple(
        _key_question(key, [k for k in rows.kloes if k.key_question == key.value], overrides.get(key.value))
        for key in KeyQuestion if key.value in inspection.key_questions
    )
    recommendations = _recommendations(rows.recommendations, inspection.final_issued_on if final else None)
    cover = _cover(inspection, final)
    content = ReportContent(
        inspection_id=inspection.id,
        final=final,
        title=f"Inspection report: {inspection.group_name}",
        cover=cover,
        summary=_summary(inspection, key_questions, recommendations, rows.recommendations),
        key_questions=key_questions,
        recommendations=recommendations,
        clauses=tuple(ClauseLine(c.reference, c.title, c.text, c.illustrative, ", ".join(c.kloe_codes))
                      for c in sorted(rows.clauses, key=lambda c: c.reference)),
    )
    return ReportContent(**{**content.__dict__, "sections": commentable_sections(content)})


def commentable_sections(content: ReportContent) -> tuple[Section, ...]:
    """The sections a provider may comment on in the factual accuracy check.

    Recommendations and the contract clauses are left out: the check is for facts, not
    for disputing recommendations.
    """
    cover = content.cover
    sections = [
        Section("cover", "Service details", "\n".join([
            f"Service: {cover.service}", f"Locations: {', '.join(cover.locations) or '-'}",
            f"Provider: {cover.provider}", f"Inspection type: {cover.inspection_type}", f"Mode: {cover.mode}",
            f"Dates: {cover.dates}", f"Lead inspector: {cover.lead_inspector}",
        ])),
        Section("summary", "Summary of findings", "\n".join(content.summary)),
    ]
    for kq in content.key_questions:
        text = f"Judgement: {kq.rating_label}"
        if kq.override_reason:
            text += f"\nReason for the judgement: {kq.override_reason}"
        sections.append(Section(kq.key, f"{kq.title}: judgement", text))
        for kloe in kq.kloes:
            sections.append(Section(kloe.key, f"{kloe.code} {kloe.title}", kloe_text(kloe)))
    return tuple(sections)


def kloe_text(kloe: KloeSection) -> str:
    """A KLOE's part of the report as plain text (rating, findings, good practice)."""
    parts = [f"Rating: {kloe.rating_label}", f"Findings: {kloe.findings or 'No findings recorded.'}"]
    if kloe.good_practice:
        parts.append(f"Good practice: {kloe.good_practice}")
    if kloe.survivor_quotes:
        parts.append(f"{SURVIVORS_TOLD_US}: " + " ".join(f'"{quote}"' for quote in kloe.survivor_quotes))
    return "\n".join(parts)


def snapshot(content: ReportContent) -> dict[str, Any]:
    """The report as JSON-ready data, kept when the draft is sent and the final issued."""
    return {
        "status": content.cover.status,
        "sections": [{"key": s.key, "title": s.title, "text": s.text} for s in content.sections],
        "recommendations": [
            {"number": r.number, "kloes": r.kloes, "text": r.text, "theme": r.theme, "timescale": r.timescale}
            for r in content.recommendations
        ],
        "judgements": {kq.key_question: kq.rating.value if kq.rating else None for kq in content.key_questions},
    }


def kloe_section_key(code: str) -> str:
    """The section key of a KLOE, e.g. ``kloe-S1``."""
    return f"kloe-{code}"


def _key_question(key: KeyQuestion, kloes: list[KloeRow], override: OverrideRow | None) -> KeyQuestionSection:
    sections = tuple(_kloe(row) for row in sorted(kloes, key=lambda k: (k.position, k.code)))
    rating = judgement(suggest_rating(k.rating for k in sections), override.rating if override else None)
    return KeyQuestionSection(
        key=f"kq-{key.value}",
        key_question=key.value,
        title=KEY_QUESTION_LABELS[key],
        rating=rating,
        rating_label=rating_label(rating),
        override_reason=override.reason if override else "",
        kloes=sections,
    )


def _kloe(row: KloeRow) -> KloeSection:
    return KloeSection(
        key=kloe_section_key(row.code),
        code=row.code,
        title=row.title,
        question=row.question,
        rating=row.rating,
        rating_label=rating_label(row.rating),
        findings=row.findings.strip(),
        good_practice=row.good_practice.strip(),
        evidence_note=_evidence_note(row.evidence_sources),
        survivor_quotes=tuple(quote.strip() for quote in row.survivor_quotes if quote.strip()),
    )


def _evidence_note(sources: Sequence[str]) -> str:
    """How much evidence stands behind a judgement, without quoting any of it."""
    if not sources:
        return ""
    counts = Counter(source.replace("_", " ") for source in sources)
    kinds = ", ".join(f"{name} ({count})" for name, count in sorted(counts.items()))
    items = "item" if len(sources) == 1 else "items"
    return f"Evidence considered: {len(sources)} {items} from {len(counts)} source type(s): {kinds}."


def _recommendations(rows: Sequence[RecommendationRow], received_on: date | None) -> tuple[RecommendationLine, ...]:
    order = {kq.value: i for i, kq in enumerate(KeyQuestion)}
    ordered = sorted(rows, key=lambda r: (order.get(r.key_question, 99), list(Timescale).index(r.timescale)))
    return tuple(
        RecommendationLine(
            number=number,
            kloes=", ".join(row.kloe_codes) or "-",
            key_question=_kq_label(row.key_question),
            text=row.text,
            theme=THEME_LABELS[row.theme],
            timescale=TIMESCALE_LABELS[row.timescale],
            due=format_date(recommendation_due(row.timescale, received_on)) if received_on else DUE_WHEN_RECEIVED,
        )
        for number, row in enumerate(ordered, start=1)
    )


def _kq_label(key: str) -> str:
    return KEY_QUESTION_LABELS[KeyQuestion(key)] if key in KeyQuestion else key


def _cover(inspection: InspectionRow, final: bool) -> Cover:
    return Cover(
        service=inspection.group_name,
        locations=inspection.location_names,
        provider=inspection.provider_name,
        inspection_type=TYPE_LABELS[inspection.type],
        mode=MODE_LABELS[inspection.mode],
        dates=format_date_range(inspection.first_day, inspection.last_day),
        lead_inspector=inspection.lead_inspector or "Not allocated",
        team=", ".join(inspection.team) or "None",
        status=FINAL_STATUS if final else DRAFT_STATUS,
        framework=inspection.framework_title,
    )


def _summary(inspection: InspectionRow, key_questions: Sequence[KeyQuestionSection],
             lines: Sequence[RecommendationLine], rows: Sequence[RecommendationRow]) -> tuple[str, ...]:
    scope = ", ".join(kq.title for kq in key_questions) or "no key questions"
    type_label = TYPE_LABELS[inspection.type].lower()
    mode = "on site" if inspection.mode is InspectionMode.ON_SITE else "remotely"
    paragraphs = [
        f"This {type_label} inspection of {inspection.group_name} ({inspection.provider_name}) was carried out "
        f"{mode} on {format_date_range(inspection.first_day, inspection.last_day)}. It looked at: {scope}.",
    ]
    paragraphs += [f"{kq.title}: {kq.rating_label}." for kq in key_questions]
    good = [k.code for kq in key_questions for k in kq.kloes if k.good_practice]
    if good:
        paragraphs.append(f"Good practice was found under {', '.join(good)}.")
    paragraphs.append(_recommendation_summary(lines, rows))
    if inspection.serious_concern:
        letter_on = inspection.early_outcome_letter_on
        sent = f" sent on {format_date(letter_on)}" if letter_on else ""
        paragraphs.append(f"The inspection found serious concerns, set out in an early outcome letter{sent} "
                          "to the provider, copied to the Home Office and the prime contractor.")
    return tuple(paragraphs)


def _recommendation_summary(lines: Sequence[RecommendationLine], rows: Sequence[RecommendationRow]) -> str:
    if not lines:
        return "The inspection made no recommendations."
    counts = Counter(row.timescale for row in rows)
    parts = [f"{counts[t]} {TIMESCALE_LABELS[t].lower()}" for t in Timescale if counts[t]]
    noun = "recommendation" if len(lines) == 1 else "recommendations"
    return f"The inspection made {len(lines)} {noun}, to be met: {'; '.join(parts)}."


def judgements_of(content: ReportContent) -> Mapping[str, Rating | None]:
    """Each KLOE's and key question's rating, keyed by section key."""
    ratings: dict[str, Rating | None] = {}
    for kq in content.key_questions:
        ratings[kq.key] = kq.rating
        ratings.update({kloe.key: kloe.rating for kloe in kq.kloes})
    return ratings
