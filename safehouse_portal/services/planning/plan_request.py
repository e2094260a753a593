"""What a programme manager asks the planner for, read from the "Plan the year" form and checked.

The form sends text: the first day as day, month and year boxes, the horizon in weeks, each
objective weight, a time limit, and a ``release-<id>`` box for each planned inspection the
next run may move. Every mistake is named by its field, and nothing is gathered or solved
until all are right.
"""

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session

from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.planning import Weights
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.services.planning.plan import MAX_WEEKS, PlanInputs, plan_inputs, released_choices

MAX_TIME_LIMIT = 120
"""The most seconds one run may take from the page."""
DEFAULT_TIME_LIMIT = 10
DEFAULT_WEEKS = 52
MAX_WEIGHT = 10_000
NUMBER_LENGTH = 6
"""The most digits a number on the form is typed with (weights go up to ``MAX_WEIGHT``)."""
YEAR_LENGTH = 4
"""The most digits of the day, month and year boxes."""
RELEASE_PREFIX = "release-"
ACCEPT_PREFIX = "accept-"
"""The form's box names: ``release-<inspection id>`` on the run form, ``accept-<group id>`` on the plan."""


@dataclass(frozen=True)
class WeightWords:
    """One objective weight as the page explains it."""

    name: str = ""
    label: str = ""
    hint: str = ""
    default: int = 0


_DEFAULT = Weights()
WEIGHT_WORDS: tuple[WeightWords, ...] = (
    WeightWords("priority", "Inspect high-priority groups sooner",
                "Cost of each working day a group waits, per point of revisit priority.", _DEFAULT.priority),
    WeightWords("travel", "Keep inspectors near home",
                "Cost of every 100 km between an inspector's home region and the group, per team member.",
                _DEFAULT.travel),
    WeightWords("balance", "Share the work evenly",
                "Cost of each on-site day the busiest inspector has beyond the least busy one.", _DEFAULT.balance),
    WeightWords("stability", "Move released inspections as little as possible",
                "Cost of each working day a released inspection moves, and of each team member changed.",
                _DEFAULT.stability),
    WeightWords("overdue", "Bring overdue groups forward",
                "Cost of each working day a group already past its 12-month deadline waits.", _DEFAULT.overdue),
)
"""Each field of ``Weights`` in plain words, with its default (0 switches an aim off)."""


@dataclass(frozen=True)
class PlanRequest:
    """A checked request: the plan's first day and length, the weights, the time limit, what is released."""

    first_day: date
    weeks: int = DEFAULT_WEEKS
    weights: Weights = Weights()
    time_limit: int = DEFAULT_TIME_LIMIT
    released: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class ReleaseChoice:
    """A planned inspection the next run may move, if the manager releases it."""

    id: int = 0
    label: str = ""


def release_choices(*, session: Session, actor: Actor | None) -> list[ReleaseChoice]:
    """The planned inspections a manager may release for the next run, as the form lists them."""
    return [ReleaseChoice(i, label) for i, label in released_choices(session=session, actor=actor)]


def prepare(*, session: Session, actor: Actor | None, today: date, form: dict[str, str]) -> tuple[PlanRequest,
                                                                                                  PlanInputs]:
    """Check the form and gather the programme for the solver.

    Raises:
        PermissionDenied: the person may not plan the programme.
        InvalidInput: a field is wrong (keyed by the field), or the plan cannot start then.
    """
    actor = access.require(actor, Action.PLAN_PROGRAMME)
    request = parse_request(form, releasable={i for i, _ in released_choices(session=session, actor=actor)})
    inputs = plan_inputs(session=session, actor=actor, today=today, first_day=request.first_day,
                         weeks=request.weeks, weights=request.weights, released=request.released)
    return request, inputs


def parse_request(form: dict[str, str], *, releasable: set[int]) -> PlanRequest:
    """The request the form describes; every wrong field at once as ``InvalidInput``."""
    errors: dict[str, str] = {}
    first = _first_day(form, errors)
    weeks = _whole(form.get("weeks"), 1, MAX_WEEKS, "weeks", f"Enter a number of weeks from 1 to {MAX_WEEKS}", errors)
    limit = _whole(form.get("time_limit"), 1, MAX_TIME_LIMIT, "time_limit",
                   f"Enter a time limit from 1 to {MAX_TIME_LIMIT} seconds", errors)
    weights = {w.name: _whole(form.get(f"weight_{w.name}"), 0, MAX_WEIGHT, f"weight_{w.name}",
                              f"Enter a whole number from 0 to {MAX_WEIGHT:,} for '{w.label}'", errors)
               for w in WEIGHT_WORDS}
    released = set()
    for key, value in form.items():
        if key.startswith(RELEASE_PREFIX) and value:
            found = parse_id(key.removeprefix(RELEASE_PREFIX))
            if found is None or found not in releasable:
                errors["release"] = "Choose planned inspections from the list to release"
            else:
                released.add(found)
    if errors or first is None:
        raise InvalidInput(errors)
    return PlanRequest(first_day=first, weeks=weeks, weights=Weights(**weights), time_limit=limit,
                       released=frozenset(released))


def _first_day(form: dict[str, str], errors: dict[str, str]) -> date | None:
    parts = [(form.get(f"first_day_{p}") or "").strip() for p in ("day", "month", "year")]
    if not all(parts):
        errors["first_day"] = "Enter the first day of the plan, with a day, month and year"
        return None
    if not all(p.isascii() and p.isdigit() for p in parts) or len(parts[2]) != 4:
        errors["first_day"] = "Enter the first day as numbers, for example 4 1 2027"
        return None
    try:
        return date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        errors["first_day"] = "The first day must be a real date"
        return None


def _whole(value: object, least: int, most: int, name: str, message: str, errors: dict[str, str]) -> int:
    text = value.strip() if isinstance(value, str) else ""
    if not (text.isascii() and text.isdigit() and len(text) <= NUMBER_LENGTH and least <= int(text) <= most):
        errors[name] = message
        return least
    return int(text)
