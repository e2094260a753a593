"""The published good-practice library: browse and search it, and say "we tried this".

Every provider lead, inspector, programme manager and stakeholder may read it. An entry
shows its programme year and the kind of service it comes from, never the provider: the
read models here have no field that could carry it. A provider's "we tried this" is seen
by that provider and by CQC staff, never by another provider.

``published_entries`` is the reading the annual programme report calls.
"""

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, select

from safehouse_portal.db import GoodPracticeEntry, GoodPracticeTrial, Provider
from safehouse_portal.db.types import utcnow
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.enums import KEY_QUESTION_LABELS, KeyQuestion, Role
from safehouse_portal.domain.good_practice import MAX_TEXT, THEME_LABELS, EntryStatus
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.options import Option
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action, ProviderFacts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.core.validation import bounded_text

MAX_QUERY = 200


@dataclass(frozen=True)
class TrialRow:
    """A provider's "we tried this" as CQC staff (or that provider) see it."""

    provider_name: str = ""
    how_it_went: str = ""
    on: str = ""


@dataclass(frozen=True)
class LibraryEntry:
    """One published example: what, why, where in the framework, the year and the kind of service."""

    entry_id: int = 0
    title: str = ""
    what_they_do: str = ""
    why_it_works: str = ""
    key_question: str = ""
    key_question_label: str = ""
    kloe_code: str = ""
    kloe: str = ""
    themes: list[str] = field(default_factory=list)
    theme_labels: list[str] = field(default_factory=list)
    year: str = ""
    service_kind: str = ""
    published_on: str = ""


@dataclass(frozen=True)
class EntryPage:
    """One entry, with the trials this person may see and whether they may say "we tried this"."""

    entry: LibraryEntry = field(default_factory=LibraryEntry)
    trials: list[TrialRow] = field(default_factory=list)
    may_try: bool = False
    own_trial: str = ""


@dataclass(frozen=True)
class LibraryView:
    """The library as searched: the entries and the filters' choices."""

    examples: list[LibraryEntry] = field(default_factory=list)
    key_questions: list[Option] = field(default_factory=list)
    kloes: list[Option] = field(default_factory=list)
    themes: list[Option] = field(default_factory=list)
    total: int = 0


def _entry(row: GoodPracticeEntry) -> LibraryEntry:
    kq = KEY_QUESTION_LABELS.get(KeyQuestion(row.key_question), row.key_question) \
        if row.key_question in KeyQuestion.__members__.values() else row.key_question
    return LibraryEntry(
        entry_id=row.id, title=row.title, what_they_do=row.what_they_do, why_it_works=row.why_it_works,
        key_question=row.key_question, key_question_label=kq, kloe_code=row.kloe_code,
        kloe=f"{row.kloe_code} {row.kloe_title}".strip(), themes=list(row.themes),
        theme_labels=[label for theme, label in THEME_LABELS.items() if theme.value in row.themes],
        year=row.year, service_kind=row.service_kind,
        published_on=format_date(row.published_at.date()) if row.published_at else "")


def _published(session: Session) -> list[GoodPracticeEntry]:
    return list(session.exec(select(GoodPracticeEntry).where(GoodPracticeEntry.status == EntryStatus.PUBLISHED.value)
                             .order_by(GoodPracticeEntry.published_at.desc(), GoodPracticeEntry.id.desc())).all())


def browse(*, session: Session, actor: Actor | None, query: object = None) -> LibraryView:
    """Published examples narrowed by ``query`` (untrusted: ``kq``, ``kloe``, ``theme``, ``q`` words; bad ones ignored)."""
    access.admit(actor, Action.VIEW_GOOD_PRACTICE)
    wanted = query if isinstance(query, dict) else {}
    rows = _published(session)
    chosen = {key: wanted.get(key) if isinstance(wanted.get(key), str) else "" for key in ("kq", "kloe", "theme", "q")}
    words = chosen["q"][:MAX_QUERY].casefold().split()
    shown = [row for row in rows
             if (not chosen["kq"] or row.key_question == chosen["kq"])
             and (not chosen["kloe"] or row.kloe_code == chosen["kloe"])
             and (not chosen["theme"] or chosen["theme"] in row.themes)
             and all(word in f"{row.title} {row.what_they_do} {row.why_it_works}".casefold() for word in words)]
    kqs = sorted({row.key_question for row in rows}, key=lambda k: list(KeyQuestion).index(k)
                 if k in KeyQuestion.__members__.values() else 99)
    return LibraryView(
        examples=[_entry(row) for row in shown],
        key_questions=[Option(k, KEY_QUESTION_LABELS.get(KeyQuestion(k), k)) for k in kqs],
        kloes=[Option(code, f"{code} {title}") for code, title in sorted({(r.kloe_code, r.kloe_title) for r in rows})],
        themes=[Option(theme.value, label) for theme, label in THEME_LABELS.items()],
        total=len(rows))


def entry_page(*, session: Session, actor: Actor | None, entry_id: object) -> EntryPage:
    """One published example; staff see every provider's trial, a provider lead only their own."""
    actor = access.admit(actor, Action.VIEW_GOOD_PRACTICE)
    row = _published_entry(session, entry_id)
    may_try = actor.provider_id is not None and access.may(actor, Action.TRY_GOOD_PRACTICE,
                                                           ProviderFacts(provider_id=actor.provider_id))
    trials = []
    if access.may(actor, Action.VIEW_GOOD_PRACTICE_TRIALS):
        trials = _trials(session, row.id, None)
    elif may_try:
        trials = _trials(session, row.id, actor.provider_id)
    own = next((t.how_it_went for t in trials), "") if may_try else ""
    return EntryPage(_entry(row), trials, may_try, own)


def record_trial(*, session: Session, actor: Actor | None, entry_id: object, how_it_went: object,
                 today: date) -> EntryPage:
    """Say "we tried this" for the provider lead's own provider, and how it went (said again, it replaces the last).

    Raises:
        PermissionDenied: Not a provider lead acting for a provider.
        NotFound: No such published example.
        InvalidInput: How it went is missing or too long.
    """
    actor = access.require_own_provider(actor)
    access.require(actor, Action.TRY_GOOD_PRACTICE, ProviderFacts(provider_id=actor.provider_id))
    row = _published_entry(session, entry_id)
    try:
        text = bounded_text(how_it_went, most=MAX_TEXT, message=f"Say how it went, in 1 to {MAX_TEXT:,} characters")
    except ValueError as exc:
        raise InvalidInput({"how_it_went": str(exc)}) from None
    trial = session.exec(select(GoodPracticeTrial).where(GoodPracticeTrial.entry_id == row.id,
                                                         GoodPracticeTrial.provider_id == actor.provider_id)).first()
    trial = trial or GoodPracticeTrial(entry_id=row.id, provider_id=actor.provider_id, how_it_went=text,
                                       recorded_by_id=actor.user_id)
    trial.how_it_went, trial.recorded_by_id, trial.recorded_at = text, actor.user_id, utcnow()
    session.add(trial)
    audit.record(session=session, actor=actor, action="learning.good_practice_tried", entity_type="provider",
                 entity_id=actor.provider_id, after={"entry_id": row.id, "how_it_went": text,
                                                     "on": today.isoformat()})
    session.flush()
    return entry_page(session=session, actor=actor, entry_id=row.id)


def published_entries(*, session: Session, actor: Actor | None, year_from: str | None = None,
                      year_to: str | None = None) -> list[LibraryEntry]:
    """Every published example whose programme year ("2021-22") lies in ``year_from``..``year_to`` (inclusive).

    For the annual programme report (programme managers and stakeholders; and the
    command line as an admin). Ordered by key question, then KLOE, then title.
    """
    access.require_role(actor, Role.PROGRAMME_MANAGER, Role.STAKEHOLDER, Role.ADMIN)
    order = {k.value: i for i, k in enumerate(KeyQuestion)}
    rows = [row for row in _published(session)
            if (year_from is None or row.year >= year_from) and (year_to is None or row.year <= year_to)]
    rows.sort(key=lambda r: (order.get(r.key_question, 99), r.kloe_code, r.title.casefold()))
    return [_entry(row) for row in rows]


def _published_entry(session: Session, entry_id: object) -> GoodPracticeEntry:
    parsed = parse_id(entry_id)
    row = session.get(GoodPracticeEntry, parsed) if parsed is not None else None
    if row is None or row.status != EntryStatus.PUBLISHED.value:
        raise NotFound("No such example")
    return row


def _trials(session: Session, entry_id: int, provider_id: int | None) -> list[TrialRow]:
    query = select(GoodPracticeTrial, Provider.name).join(Provider, Provider.id == GoodPracticeTrial.provider_id) \
        .where(GoodPracticeTrial.entry_id == entry_id)
    if provider_id is not None:
        query = query.where(GoodPracticeTrial.provider_id == provider_id)
    rows = session.exec(query.order_by(GoodPracticeTrial.recorded_at.desc(), GoodPracticeTrial.id)).all()
    return [TrialRow(name, trial.how_it_went, format_date(trial.recorded_at.date())) for trial, name in rows]

