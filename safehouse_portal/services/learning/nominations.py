"""An inspector nominates good practice from a KLOE; a programme manager anonymises, publishes or returns it.

Until it is published a nomination is seen only by the inspection's team and programme
managers (``Action.VIEW_INSPECTION``). The manager's review page flags every word that
matches a programme name (``domain.anonymise``); publishing is refused while any flag is
unresolved, so nothing identifying reaches the library by oversight.
"""

from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel, field_validator
from sqlmodel import Session, select

from safehouse_portal.db import FrameworkKeyQuestion, GoodPracticeClearance, GoodPracticeEntry, Kloe, Location, User
from safehouse_portal.db.types import utcnow
from safehouse_portal.domain.anonymise import find_flags, normalise_term, publish_blockers, unresolved
from safehouse_portal.domain.good_practice import (
    MAX_REASON, MAX_TEXT, MAX_TITLE, STATUS_LABELS, THEME_LABELS, EntryStatus, programme_year, service_kind_label,
)
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.options import Option
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.access_facts import inspection_facts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.core.membership import covered_by
from safehouse_portal.services.core.validation import bounded_text, parse
from safehouse_portal.services.learning.names import programme_names
from safehouse_portal.services.reporting.data import load

TEXT_FIELDS = ("title", "what_they_do", "why_it_works")
FIELD_LABELS = {"title": "Title", "what_they_do": "What they do", "why_it_works": "Why it works"}


@dataclass(frozen=True)
class FlagRow:
    """One flagged name as the review page lists it."""

    field_label: str = ""
    found: str = ""
    term: str = ""
    kind_label: str = ""
    cleared: bool = False
    cleared_reason: str = ""


@dataclass(frozen=True)
class NominationView:
    """A nomination as its reviewer (or its inspection's team) sees it."""

    entry_id: int = 0
    inspection_id: int = 0
    group_name: str = ""
    status: str = ""
    status_label: str = ""
    key_question: str = ""
    kloe: str = ""
    title: str = ""
    what_they_do: str = ""
    why_it_works: str = ""
    themes: list[str] = field(default_factory=list)
    theme_labels: list[str] = field(default_factory=list)
    year: str = ""
    service_kind: str = ""
    nominated_by: str = ""
    returned_reason: str = ""
    flags: list[FlagRow] = field(default_factory=list)
    blockers: list[str] = field(default_factory=list)
    may_review: bool = False


@dataclass(frozen=True)
class NominationRow:
    """A nomination in the managers' queue."""

    entry_id: int = 0
    title: str = ""
    kloe: str = ""
    status_label: str = ""
    flags: int = 0


@dataclass(frozen=True)
class NominateView:
    """The nomination form's context: which KLOE of which inspection."""

    inspection_id: int = 0
    group_name: str = ""
    key_question: str = ""
    kloe_code: str = ""
    kloe: str = ""
    themes: list[Option] = field(default_factory=list)


class Example(BaseModel):
    """The words of an example, as the inspector or the manager edits them."""

    title: str
    what_they_do: str
    why_it_works: str
    themes: list[str]

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, value: object) -> str:
        return bounded_text(value, most=MAX_TITLE, message=f"Enter a title of at most {MAX_TITLE} characters")

    @field_validator("what_they_do", "why_it_works", mode="before")
    @classmethod
    def _text(cls, value: object, info) -> str:
        what = "what they do" if info.field_name == "what_they_do" else "why it works"
        return bounded_text(value, most=MAX_TEXT, message=f"Describe {what} in at most {MAX_TEXT:,} characters")

    @field_validator("themes", mode="before")
    @classmethod
    def _themes(cls, value: object) -> list[str]:
        chosen = [theme for theme in value if theme in THEME_LABELS] if isinstance(value, list) else []
        if not chosen:
            raise ValueError("Choose at least one theme")
        return chosen


def _example(data: object) -> Example:
    fields = data if isinstance(data, dict) else {}
    themes = [theme.value for theme in THEME_LABELS if fields.get(f"theme_{theme.value}") not in (None, "", False, "false")]
    return parse(Example, {**{name: fields.get(name) for name in TEXT_FIELDS}, "themes": themes})


def _kloe(session: Session, version_id: int, code: object) -> tuple[Kloe, FrameworkKeyQuestion]:
    if not isinstance(code, str):
        raise NotFound("No such KLOE")
    row = session.exec(select(Kloe, FrameworkKeyQuestion).join(
        FrameworkKeyQuestion, FrameworkKeyQuestion.id == Kloe.key_question_id).where(
        Kloe.version_id == version_id, Kloe.code == code)).first()
    if row is None:
        raise NotFound("No such KLOE")
    return row


def nominate_form(*, session: Session, actor: Actor | None, inspection_id: object, kloe_code: object) -> NominateView:
    """What the nomination form shows for one KLOE of an inspection (its team only)."""
    actor = access.admit(actor, Action.NOMINATE_GOOD_PRACTICE)
    loaded = load(session, inspection_id)
    access.require(actor, Action.NOMINATE_GOOD_PRACTICE, inspection_facts(session, loaded.inspection))
    kloe, kq = _kloe(session, loaded.inspection.framework_version_id, kloe_code)
    return NominateView(loaded.inspection.id, loaded.group.name, kq.title, kloe.code, f"{kloe.code} {kloe.title}",
                        [Option(theme.value, label) for theme, label in THEME_LABELS.items()])


def nominate(*, session: Session, actor: Actor | None, inspection_id: object, kloe_code: object, data: object,
             today: date) -> int:
    """Nominate an example of good practice from a KLOE; returns the new entry's id.

    Raises:
        PermissionDenied: Not on the inspection's team.
        NotFound: No such inspection or KLOE.
        InvalidInput: A field is missing or too long, or no theme is chosen.
    """
    actor = access.admit(actor, Action.NOMINATE_GOOD_PRACTICE)
    loaded = load(session, inspection_id)
    access.require(actor, Action.NOMINATE_GOOD_PRACTICE, inspection_facts(session, loaded.inspection))
    kloe, kq = _kloe(session, loaded.inspection.framework_version_id, kloe_code)
    example = _example(data)
    inspection = loaded.inspection
    kinds = session.exec(select(Location.kind).where(covered_by(session, inspection.id, inspection.group_id))).all()
    entry = GoodPracticeEntry(
        inspection_id=inspection.id, key_question=kq.key, kloe_code=kloe.code, kloe_title=kloe.title,
        title=example.title, what_they_do=example.what_they_do, why_it_works=example.why_it_works,
        themes=example.themes, year=programme_year(inspection.ended_on or inspection.planned_end or today),
        service_kind=service_kind_label(kinds), nominated_by_id=actor.user_id)
    session.add(entry)
    session.flush()
    audit.record(session=session, actor=actor, action="learning.good_practice_nominated", entity_type="inspection",
                 entity_id=inspection.id, after={"entry_id": entry.id, "kloe": kloe.code, "title": entry.title})
    return entry.id


def queue(*, session: Session, actor: Actor | None) -> list[NominationRow]:
    """Nominations waiting for review (and those returned), newest first, for programme managers."""
    access.admit(actor, Action.REVIEW_GOOD_PRACTICE)
    names = programme_names(session)
    rows = session.exec(select(GoodPracticeEntry).where(GoodPracticeEntry.status != EntryStatus.PUBLISHED.value)
                        .order_by(GoodPracticeEntry.nominated_at.desc(), GoodPracticeEntry.id.desc())).all()
    return [NominationRow(e.id, e.title, f"{e.kloe_code} {e.kloe_title}", STATUS_LABELS[EntryStatus(e.status)],
                          len(unresolved(find_flags(_texts(e), names), _cleared(session, e.id))))
            for e in rows]


def nomination(*, session: Session, actor: Actor | None, entry_id: object) -> NominationView:
    """A nomination with its flags (managers; and the inspection's team, without the review controls)."""
    entry, may_review = _entry_for(session, actor, entry_id)
    return _view(session, entry, may_review)


def edit(*, session: Session, actor: Actor | None, entry_id: object, data: object) -> NominationView:
    """Change the words (to take out what identifies); the flags are worked out again from the new text."""
    entry = _reviewable(session, actor, entry_id)
    example = _example(data)
    before = {name: getattr(entry, name) for name in (*TEXT_FIELDS, "themes")}
    entry.title, entry.what_they_do, entry.why_it_works = example.title, example.what_they_do, example.why_it_works
    entry.themes = example.themes
    session.add(entry)
    audit.record(session=session, actor=actor, action="learning.good_practice_edited", entity_type="inspection",
                 entity_id=entry.inspection_id, before={"entry_id": entry.id, **before},
                 after={"entry_id": entry.id, **example.model_dump()})
    session.flush()
    return _view(session, entry, True)


def clear(*, session: Session, actor: Actor | None, entry_id: object, data: object) -> NominationView:
    """Mark a flagged name as not identifying, with the reason (``data``: ``term``, ``reason``)."""
    entry = _reviewable(session, actor, entry_id)
    fields = data if isinstance(data, dict) else {}
    term = normalise_term(fields.get("term")) if isinstance(fields.get("term"), str) else ""
    flagged = {flag.term for flag in find_flags(_texts(entry), programme_names(session))}
    if term not in flagged:
        raise InvalidInput({"term": "Choose a flagged name from the list"})
    try:
        reason = bounded_text(fields.get("reason"), most=MAX_REASON,
                              message=f"Say why it does not identify anyone, in at most {MAX_REASON} characters")
    except ValueError as exc:
        raise InvalidInput({"reason": str(exc)}) from None
    if term in _cleared(session, entry.id):
        raise InvalidInput({"term": "That name is already marked as not identifying"})
    session.add(GoodPracticeClearance(entry_id=entry.id, term=term, reason=reason, cleared_by_id=actor.user_id))
    audit.record(session=session, actor=actor, action="learning.good_practice_name_cleared", entity_type="inspection",
                 entity_id=entry.inspection_id, after={"entry_id": entry.id, "term": term, "reason": reason})
    session.flush()
    return _view(session, entry, True)


def publish(*, session: Session, actor: Actor | None, entry_id: object) -> NominationView:
    """Publish the example to the library, once no flag is unresolved.

    Raises:
        InvalidInput: Already published, or a flagged name is neither edited out nor marked not identifying.
    """
    entry = _reviewable(session, actor, entry_id)
    if entry.status == EntryStatus.PUBLISHED.value:
        raise InvalidInput({"publish": "This example is already published"})
    blockers = publish_blockers(find_flags(_texts(entry), programme_names(session)), _cleared(session, entry.id))
    if blockers:
        raise InvalidInput({"publish": " ".join(blockers)})
    entry.status, entry.published_at, entry.reviewed_by_id = EntryStatus.PUBLISHED.value, utcnow(), actor.user_id
    entry.returned_reason = ""
    session.add(entry)
    audit.record(session=session, actor=actor, action="learning.good_practice_published", entity_type="inspection",
                 entity_id=entry.inspection_id, after={"entry_id": entry.id, "title": entry.title})
    session.flush()
    return _view(session, entry, True)


def return_to_inspector(*, session: Session, actor: Actor | None, entry_id: object, reason: object) -> NominationView:
    """Return a nomination to its inspector with the reason (not published)."""
    entry = _reviewable(session, actor, entry_id)
    if entry.status == EntryStatus.PUBLISHED.value:
        raise InvalidInput({"returned_reason": "A published example cannot be returned"})
    try:
        text = bounded_text(reason, most=MAX_REASON, message=f"Enter the reason, in 1 to {MAX_REASON} characters")
    except ValueError as exc:
        raise InvalidInput({"returned_reason": str(exc)}) from None
    entry.status, entry.returned_reason, entry.reviewed_by_id = EntryStatus.RETURNED.value, text, actor.user_id
    session.add(entry)
    audit.record(session=session, actor=actor, action="learning.good_practice_returned", entity_type="inspection",
                 entity_id=entry.inspection_id, after={"entry_id": entry.id, "reason": text})
    session.flush()
    return _view(session, entry, True)


def _texts(entry: GoodPracticeEntry) -> dict[str, str]:
    return {name: getattr(entry, name) for name in TEXT_FIELDS}


def _cleared(session: Session, entry_id: int) -> dict[str, str]:
    rows = session.exec(select(GoodPracticeClearance).where(GoodPracticeClearance.entry_id == entry_id)).all()
    return {row.term: row.reason for row in rows}


def _get(session: Session, entry_id: object) -> GoodPracticeEntry:
    parsed = parse_id(entry_id)
    entry = session.get(GoodPracticeEntry, parsed) if parsed is not None else None
    if entry is None:
        raise NotFound("No such nomination")
    return entry


def _entry_for(session: Session, actor: Actor | None, entry_id: object) -> tuple[GoodPracticeEntry, bool]:
    actor = access.admit(actor, Action.VIEW_INSPECTION)
    entry = _get(session, entry_id)
    facts = inspection_facts(session, load(session, entry.inspection_id).inspection)
    access.require(actor, Action.VIEW_INSPECTION, facts)
    return entry, access.may(actor, Action.REVIEW_GOOD_PRACTICE, facts)


def _reviewable(session: Session, actor: Actor | None, entry_id: object) -> GoodPracticeEntry:
    access.admit(actor, Action.REVIEW_GOOD_PRACTICE)
    entry = _get(session, entry_id)
    access.require(actor, Action.REVIEW_GOOD_PRACTICE, inspection_facts(session, load(session, entry.inspection_id)
                                                                        .inspection))
    return entry


def _view(session: Session, entry: GoodPracticeEntry, may_review: bool) -> NominationView:
    loaded = load(session, entry.inspection_id)
    flags = find_flags(_texts(entry), programme_names(session))
    cleared = _cleared(session, entry.id)
    seen: dict[str, FlagRow] = {}
    for flag in flags:
        seen.setdefault(flag.term, FlagRow(FIELD_LABELS[flag.field], flag.found, flag.term, flag.kind_label,
                                           flag.term in cleared, cleared.get(flag.term, "")))
    nominator = session.get(User, entry.nominated_by_id)
    status = EntryStatus(entry.status)
    return NominationView(
        entry_id=entry.id, inspection_id=entry.inspection_id, group_name=loaded.group.name, status=status.value,
        status_label=STATUS_LABELS[status], key_question=entry.key_question,
        kloe=f"{entry.kloe_code} {entry.kloe_title}", title=entry.title, what_they_do=entry.what_they_do,
        why_it_works=entry.why_it_works, themes=list(entry.themes),
        theme_labels=[label for theme, label in THEME_LABELS.items() if theme.value in entry.themes],
        year=entry.year, service_kind=entry.service_kind, nominated_by=nominator.name if nominator else "",
        returned_reason=entry.returned_reason, flags=list(seen.values()),
        blockers=publish_blockers(flags, cleared), may_review=may_review)
