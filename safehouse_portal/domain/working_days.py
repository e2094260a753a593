"""Working days of the inspection programme.

A working day is Monday to Friday, excluding the bank holidays of England and Wales
(substitute days included) and any day the programme itself is closed. Every deadline
in the inspection timeline is counted in these days.

"N working days after D" means: step over D, count N working days forward and land on
the Nth. D itself never counts, whether or not it is a working day. "N working days
before D" counts backwards the same way.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType

import holidays
import numpy as np

DEFAULT_YEARS = range(2015, 2041)
"""Years covered unless told otherwise: wide enough for historic and future inspections."""

WEEKMASK = "1111100"
"""Monday to Friday, in the form numpy's business-day functions take."""

_ONE_DAY = timedelta(days=1)
_NP_ONE_DAY = np.timedelta64(1, "D")


class DateOutsideCalendar(ValueError):
    """A date falls in a year the calendar does not cover.

    Raised instead of silently treating an uncovered year as having no bank holidays.
    """


class SkipKind(StrEnum):
    """Why a day is not a working day."""

    WEEKEND = "weekend"
    BANK_HOLIDAY = "bank_holiday"
    CLOSURE = "closure"


@dataclass(frozen=True)
class SkippedRun:
    """Consecutive non-working days of one kind stepped over while counting.

    Attributes:
        kind: Weekend, bank holiday or programme closure.
        first: Earliest day of the run.
        last: Latest day of the run.
        names: Holiday names or closure reasons on those days (a weekend may carry
            the name of a bank holiday that falls on it).
    """

    kind: SkipKind
    first: date
    last: date
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeadlineExplanation:
    """How a due date was derived, for people who want to check it.

    Attributes:
        start: The date counted from (never counted itself).
        count: Working days counted; negative when counting backwards.
        due: Where the count lands.
        skipped: Non-working days stepped over, in the order they were stepped over.
        text: The derivation in plain words.
    """

    start: date
    count: int
    due: date
    skipped: tuple[SkippedRun, ...]
    text: str


@dataclass(frozen=True)
class WorkingCalendar:
    """Bank holidays of England and Wales plus programme closures, for a span of years.

    The calendar knows only the years it was built for and raises
    ``DateOutsideCalendar`` for any other date, so a deadline is never counted as if
    an unknown year had no bank holidays. Build it with ``for_years``.

    Attributes:
        first_year: First year covered.
        last_year: Last year covered.
        bank_holidays: Each bank holiday (substitute days included) and its name.
        closures: Each programme closure day and its reason.
        holiday_array: Sorted ``datetime64[D]`` array of every holiday and closure,
            read-only, for numpy's business-day functions.
    """

    first_year: int
    last_year: int
    bank_holidays: Mapping[date, str] = field(hash=False)
    closures: Mapping[date, str] = field(default_factory=dict, hash=False)
    holiday_array: np.ndarray = field(init=False, compare=False, repr=False)
    _busdaycal: np.busdaycalendar = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        for day in self.closures:
            self._require(day)
        days = sorted(set(self.bank_holidays) | set(self.closures))
        array = np.array(days, dtype="datetime64[D]")
        array.flags.writeable = False
        object.__setattr__(self, "holiday_array", array)
        object.__setattr__(self, "_busdaycal", np.busdaycalendar(WEEKMASK, array))

    @classmethod
    def for_years(
        cls, years: range = DEFAULT_YEARS, closures: Mapping[date, str] | None = None
    ) -> "WorkingCalendar":
        """Builds the calendar from the ``holidays`` package.

        Args:
            years: Contiguous years to cover; 2015 to 2040 by default.
            closures: Programme closure days and their reasons.

        Raises:
            ValueError: If ``years`` is empty or has gaps, or a closure is outside it.
        """
        if len(years) == 0 or years.step != 1:
            raise ValueError("years must be a non-empty range of consecutive years")
        found = holidays.country_holidays("GB", subdiv="ENG", years=years)
        return cls(
            first_year=years[0],
            last_year=years[-1],
            bank_holidays=MappingProxyType(dict(found)),
            closures=MappingProxyType(dict(closures or {})),
        )

    def covers(self, day: date) -> bool:
        """Whether the calendar knows the holidays of ``day``'s year."""
        return self.first_year <= day.year <= self.last_year

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a weekday that is neither a bank holiday nor a closure."""
        self._require(day)
        return day.weekday() < 5 and day not in self.bank_holidays and day not in self.closures

    def why_not_working(self, day: date) -> tuple[SkipKind, tuple[str, ...]] | None:
        """Why ``day`` is not a working day, with any names; None if it is one."""
        if self.is_working_day(day):
            return None
        names = tuple(filter(None, (self.bank_holidays.get(day), self.closures.get(day))))
        if day.weekday() >= 5:
            return SkipKind.WEEKEND, names
        if day in self.bank_holidays:
            return SkipKind.BANK_HOLIDAY, names
        return SkipKind.CLOSURE, names

    def add_working_days(self, start: date, count: int) -> date:
        """The day ``count`` working days after ``start`` (before it, if negative).

        ``start`` never counts; ``count == 0`` returns ``start`` unchanged.
        """
        self._require(start)
        step = _ONE_DAY if count > 0 else -_ONE_DAY
        day, remaining = start, abs(count)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days stepped onto going from ``start`` to ``end``; negative if back.

        Counting forward includes ``end`` and excludes ``start``; counting back includes
        ``end`` and excludes ``start`` too, so ``add_working_days(start, result) == end``
        whenever ``end`` is a working day.
        """
        self._require(start)
        sign = 1 if end >= start else -1
        days = range(1, abs((end - start).days) + 1)
        return sign * sum(self.is_working_day(start + sign * offset * _ONE_DAY) for offset in days)

    def add_working_days_many(self, dates: np.ndarray, count: int | np.ndarray) -> np.ndarray:
        """Vectorised ``add_working_days``; ``NaT`` passes through as ``NaT``.

        Args:
            dates: ``datetime64[D]`` array (anything numpy can convert to one).
            count: One count for all dates, or an array broadcastable against them.
        """
        dates = np.asarray(dates, dtype="datetime64[D]")
        counts = np.asarray(count, dtype=np.int64)
        self._require_array(dates)
        if counts.ndim == 0:
            result = self._offset(dates, counts, int(counts))
        else:
            forward, backward = self._offset(dates, counts, 1), self._offset(dates, counts, -1)
            result = np.where(counts > 0, forward, np.where(counts < 0, backward, dates))
        self._require_array(result)
        return result

    def working_days_between_many(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Vectorised ``working_days_between``; ``NaT`` is refused by numpy."""
        starts = np.asarray(starts, dtype="datetime64[D]")
        ends = np.asarray(ends, dtype="datetime64[D]")
        self._require_array(starts)
        self._require_array(ends)
        forward = self._count(starts + _NP_ONE_DAY, ends + _NP_ONE_DAY)
        backward = self._count(starts - _NP_ONE_DAY, ends - _NP_ONE_DAY)
        return np.where(ends >= starts, forward, backward)

    def explain_add(self, start: date, count: int) -> DeadlineExplanation:
        """``add_working_days`` with every weekend, bank holiday and closure it skipped."""
        due = self.add_working_days(start, count)
        skipped = self._skipped_runs(start, due)
        text = _explanation_text(start, count, due, skipped, self.why_not_working(start))
        return DeadlineExplanation(start, count, due, skipped, text)

    def _count(self, begins: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """numpy counts ``[begin, end)``, or ``-(end, begin]`` when ``end < begin``.

        So both ends shifted a day forward give ``(start, end]`` and both shifted back
        give ``-[end, start)``: the days stepped onto in either direction.
        """
        return np.busday_count(begins, ends, busdaycal=self._busdaycal)

    def _offset(self, dates: np.ndarray, counts: np.ndarray, direction: int) -> np.ndarray:
        """numpy's offset with the roll that makes a non-working start never count.

        Counting forward from a non-working day equals counting from the working day
        before it ("preceding"); counting back equals counting from the next one.
        """
        if direction == 0:
            return dates.copy()
        roll = "preceding" if direction > 0 else "following"
        return np.busday_offset(dates, counts, roll=roll, busdaycal=self._busdaycal)

    def _skipped_runs(self, start: date, due: date) -> tuple[SkippedRun, ...]:
        """Groups the non-working days strictly between ``start`` and ``due``."""
        step = _ONE_DAY if due >= start else -_ONE_DAY
        runs: list[SkippedRun] = []
        previous_key = None
        for offset in range(1, abs((due - start).days)):
            day = start + step * offset
            reason = self.why_not_working(day)
            key = None if reason is None else _grouping_key(*reason)
            if key is not None and key == previous_key:
                runs[-1] = _extend(runs[-1], day, reason[1])
            elif reason is not None:
                runs.append(SkippedRun(reason[0], day, day, reason[1]))
            previous_key = key
        return tuple(runs)

    def _require(self, day: date) -> None:
        if not self.covers(day):
            raise DateOutsideCalendar(
                f"{day.isoformat()} is outside the working calendar "
                f"({self.first_year}-{self.last_year}); build it for more years"
            )

    def _require_array(self, dates: np.ndarray) -> None:
        known = dates[~np.isnat(dates)]
        if known.size:
            self._require(known.min().item())
            self._require(known.max().item())


def _grouping_key(kind: SkipKind, names: tuple[str, ...]) -> tuple:
    """Weekend days group together; holidays and closures group by name."""
    return (kind,) if kind is SkipKind.WEEKEND else (kind, names)


def _extend(run: SkippedRun, day: date, names: tuple[str, ...]) -> SkippedRun:
    new_names = run.names + tuple(name for name in names if name not in run.names)
    return SkippedRun(run.kind, min(run.first, day), max(run.last, day), new_names)


_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_OBSERVED = " (observed)"


def format_long_date(day: date) -> str:
    """``Friday 3 April 2026``, independent of the process locale."""
    return f"{_DAY_NAMES[day.weekday()]} {day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


def _explanation_text(
    start: date, count: int, due: date, skipped: tuple[SkippedRun, ...], start_reason
) -> str:
    """The derivation of a due date as one plain-words sentence."""
    if count == 0:
        return f"0 working days from {format_long_date(start)}: due that day itself."
    days = "working day" if abs(count) == 1 else "working days"
    direction, first = ("after", "the next day") if count > 0 else ("before", "the day before")
    note = f" ({_describe_day(start_reason)}; it would not count anyway)" if start_reason else ""
    skips = ", ".join(_describe_run(run, start.year) for run in skipped)
    skips = f"skipped {skips}" if skips else "no weekends, bank holidays or closures to skip"
    return (
        f"{abs(count)} {days} {direction} {format_long_date(start)}{note}: "
        f"counting starts on {first}; {skips}; lands on {format_long_date(due)}."
    )


def _describe_day(reason: tuple[SkipKind, tuple[str, ...]]) -> str:
    kind, names = reason
    if kind is SkipKind.WEEKEND:
        return ", ".join(("a weekend day", *names))
    what = "a bank holiday" if kind is SkipKind.BANK_HOLIDAY else "a programme closure"
    return f"{'; '.join(names)}, {what}"


def _describe_run(run: SkippedRun, year: int) -> str:
    span = _format_span(run.first, run.last, year)
    if run.kind is SkipKind.WEEKEND:
        named = f" ({', '.join(run.names)})" if run.names else ""
        what = "the weekend" if run.first != run.last else _DAY_NAMES[run.first.weekday()]
        return f"{what} {span}{named}"
    if run.kind is SkipKind.CLOSURE:
        return f"{'; '.join(run.names)} (programme closure) {span}"
    name, *also = run.names
    also_text = f"; also {'; '.join(also)} (programme closure)" if also else ""
    if name.endswith(_OBSERVED):
        return f"the substitute bank holiday for {name.removesuffix(_OBSERVED)} {span}{also_text}"
    return f"{name} (bank holiday) {span}{also_text}"


def _format_span(first: date, last: date, year: int) -> str:
    """``4-5 April``, ``30 May-1 June``; the year only when it differs from ``year``."""

    def day_month(day: date, with_year: bool) -> str:
        suffix = f" {day.year}" if with_year else ""
        return f"{day.day} {_MONTH_NAMES[day.month - 1]}{suffix}"

    show_year = first.year != year or last.year != year
    if first == last:
        return day_month(first, show_year)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}-{day_month(last, show_year)}"
    return f"{day_month(first, show_year and first.year != last.year)}-{day_month(last, show_year)}"
