"""The demo programme's inspections: one current inspection per group, at every stage.

Each inspection's dates follow the programme's timeline in working days, placed so
that its stage is true on ``today``: a planned inspection starts weeks ahead, an
inspecting one spans today, and every later one has the actual date of each step it
has already passed. A few are deliberately overdue, a few raised serious concerns,
and some groups were last inspected more than a year ago.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session

from safehouse_portal.db import Inspection, InspectionTeamMember
from safehouse_portal.domain.enums import InspectionMode, InspectionType, KeyQuestion, Stage
from safehouse_portal.domain.milestones import (
    ANNOUNCE_WORKING_DAYS_BEFORE,
    DRAFT_REPORT_WORKING_DAYS,
    FA_WORKING_DAYS,
    FINAL_REPORT_WORKING_DAYS,
    PIR_WORKING_DAYS,
)
from safehouse_portal.domain.working_days import WorkingCalendar

STAGE_COUNTS: dict[Stage, int] = {
    Stage.PLANNED: 6,
    Stage.ANNOUNCED: 5,
    Stage.PIR_RECEIVED: 5,
    Stage.INSPECTING: 4,
    Stage.EVIDENCE_REVIEW: 5,
    Stage.DRAFTING: 6,
    Stage.QUALITY_ASSURANCE: 4,
    Stage.FACTUAL_ACCURACY: 5,
    Stage.FINALISING: 4,
    Stage.REPORT_ISSUED: 4,
    Stage.RECOMMENDATIONS_OPEN: 6,
    Stage.CLOSED: 6,
}
"""How many of the 60 groups' current inspections are at each stage."""

NEVER_INSPECTED_GROUPS = 3
"""Planned groups with no earlier inspection, so they count as never inspected."""

REVISITED_STAGES = (Stage.PLANNED, Stage.ANNOUNCED, Stage.PIR_RECEIVED)
"""Stages whose groups (bar the never-inspected) also have a closed inspection over a year old."""

_STEPS_REACHED: dict[Stage, tuple[str, ...]] = {
    Stage.ANNOUNCED: ("announcement_call_on", "announcement_letter_on", "pir_requested_on"),
    Stage.PIR_RECEIVED: ("pir_received_on",),
    Stage.INSPECTING: ("started_on",),
    Stage.EVIDENCE_REVIEW: ("ended_on", "early_outcome_letter_on"),
    Stage.FACTUAL_ACCURACY: ("draft_sent_on",),
    Stage.FINALISING: ("fa_responded_on", "fa_closed_on"),
    Stage.REPORT_ISSUED: ("final_issued_on",),
    Stage.CLOSED: ("closed_on",),
}
"""The ``*_on`` columns each stage adds to those of the stages before it."""

SERIOUS_CONCERN_STAGES = (
    Stage.EVIDENCE_REVIEW, Stage.DRAFTING, Stage.FACTUAL_ACCURACY, Stage.RECOMMENDATIONS_OPEN,
)
"""At each of these stages, the second inspection found serious concerns."""

_ORDER = {stage: position for position, stage in enumerate(Stage)}


@dataclass(frozen=True)
class DemoGroup:
    """A group to inspect, with the inspector designated to its provider."""

    group_id: int
    designated_inspector_id: int


FA_RESPONSE_WORKING_DAYS = 1
"""The provider answers the draft (comments or none) this many working days after it is sent.

The inspector closes the check the working day after the comments' due date: the gate allows
closing earlier only when the provider said it will not comment.
"""


@dataclass(frozen=True)
class _Gaps:
    """Working days between the steps of one inspection, drawn once per inspection."""

    days: int
    pir: int
    letter: int
    draft: int
    final: int
    close: int

    @property
    def to_fa_closed(self) -> int:
        return self.draft + FA_WORKING_DAYS

    @property
    def to_final(self) -> int:
        return self.to_fa_closed + self.final

    @property
    def to_closed(self) -> int:
        return self.to_final + self.close


def seed_inspections(
    *,
    session: Session,
    rng: random.Random,
    today: date,
    groups: list[DemoGroup],
    inspector_ids: list[int],
    framework_version_id: int,
) -> None:
    """Adds every group's earlier and current inspections (and flushes them)."""
    calendar = WorkingCalendar.for_years(range(today.year - 3, today.year + 2))
    stages = [stage for stage, count in STAGE_COUNTS.items() for _ in range(count)]
    if len(stages) != len(groups):
        raise ValueError(f"the demo needs {len(stages)} groups, not {len(groups)}")
    rng.shuffle(stages)
    seen: dict[Stage, int] = {}
    for group, stage in zip(groups, stages):
        nth = seen[stage] = seen.get(stage, -1) + 1
        never_inspected = stage is Stage.PLANNED and nth < NEVER_INSPECTED_GROUPS
        revisit = stage in REVISITED_STAGES and not never_inspected
        if revisit:
            session.add(_previous(calendar, rng, today, group, inspector_ids, framework_version_id))
        current = _current(calendar, rng, today, stage, nth, group, inspector_ids, revisit)
        current.framework_version_id = framework_version_id
        session.add(current)
        session.flush()
        if current.lead_inspector_id is not None and rng.random() < 0.4:
            others = [i for i in inspector_ids if i != current.lead_inspector_id]
            session.add(InspectionTeamMember(inspection_id=current.id, user_id=rng.choice(others)))
    session.flush()


def _current(
    calendar: WorkingCalendar,
    rng: random.Random,
    today: date,
    stage: Stage,
    nth: int,
    group: DemoGroup,
    inspector_ids: list[int],
    revisit: bool,
) -> Inspection:
    gaps = _draw_gaps(rng, at_least_two_days=stage is Stage.INSPECTING)
    start = _start_for(stage, nth, calendar, rng, today, gaps)
    dates = _timeline(calendar, start, gaps)
    serious = stage in SERIOUS_CONCERN_STAGES and nth == 1
    reached = {
        column for s in Stage if _ORDER[s] <= _ORDER[stage] for column in _STEPS_REACHED.get(s, ())
    }
    if not serious:
        reached.discard("early_outcome_letter_on")
    done = {column: day for column, day in dates.items() if column in reached and day <= today}
    lead = _lead(rng, group, inspector_ids)
    if stage is Stage.PLANNED and nth % 2 == 0:
        lead = None
    inspection_type = _draw_type(rng, revisit)
    return Inspection(
        group_id=group.group_id,
        type=inspection_type,
        mode=InspectionMode.REMOTE if rng.random() < 0.2 else InspectionMode.ON_SITE,
        key_questions=_key_questions(rng, inspection_type),
        planned_start=start,
        planned_end=dates["planned_end"],
        lead_inspector_id=lead,
        stage=stage,
        serious_concern=serious,
        **done,
    )


def _previous(
    calendar: WorkingCalendar,
    rng: random.Random,
    today: date,
    group: DemoGroup,
    inspector_ids: list[int],
    framework_version_id: int,
) -> Inspection:
    """A closed comprehensive inspection that ended 13 to 16 months before today."""
    gaps = _draw_gaps(rng, at_least_two_days=False)
    start = calendar.add_working_days(today - timedelta(days=rng.randint(400, 480)), 1)
    dates = _timeline(calendar, start, gaps)
    dates.pop("early_outcome_letter_on")
    return Inspection(
        group_id=group.group_id,
        type=InspectionType.COMPREHENSIVE,
        mode=InspectionMode.ON_SITE,
        key_questions=[kq.value for kq in KeyQuestion],
        planned_start=start,
        lead_inspector_id=_lead(rng, group, inspector_ids),
        stage=Stage.CLOSED,
        framework_version_id=framework_version_id,
        **dates,
    )


def _draw_gaps(rng: random.Random, *, at_least_two_days: bool) -> _Gaps:
    return _Gaps(
        days=rng.randint(2, 3) if at_least_two_days else rng.choice((1, 1, 2, 2, 3)),
        pir=rng.randint(2, PIR_WORKING_DAYS),
        letter=rng.randint(3, 5),
        draft=rng.randint(15, DRAFT_REPORT_WORKING_DAYS),
        final=rng.randint(3, 8),
        close=rng.randint(20, 100),
    )


def _start_for(
    stage: Stage, nth: int, calendar: WorkingCalendar, rng: random.Random, today: date, gaps: _Gaps
) -> date:
    """The planned first day that makes ``stage`` true on ``today``."""
    ahead = calendar.add_working_days
    if stage is Stage.PLANNED:
        return ahead(today + timedelta(days=rng.randint(21, 56) - 1), 1)
    if stage is Stage.ANNOUNCED:
        return ahead(today, 2 if nth == 0 else rng.randint(6, 9))
    if stage is Stage.PIR_RECEIVED:
        return ahead(today, rng.randint(1, 4))
    if stage is Stage.INSPECTING:
        anchor = today if calendar.is_working_day(today) else ahead(today, -1)
        return ahead(anchor, -rng.randint(0, gaps.days - 2))
    end = ahead(today, -_working_days_since_end(stage, nth, rng, gaps))
    return ahead(end, -(gaps.days - 1))


def _working_days_since_end(stage: Stage, nth: int, rng: random.Random, gaps: _Gaps) -> int:
    """How long ago the inspection ended, in working days, for a post-visit stage.

    The first drafting and the first finalising inspection are overdue: past the
    20-working-day draft date and the 50-working-day final report date.
    """
    if stage is Stage.EVIDENCE_REVIEW:
        return rng.randint(1, 6)
    if stage is Stage.DRAFTING:
        return rng.randint(22, 26) if nth == 0 else rng.randint(5, 15)
    if stage is Stage.QUALITY_ASSURANCE:
        return rng.randint(14, 19)
    if stage is Stage.FACTUAL_ACCURACY:
        return gaps.draft + rng.randint(1, 8)
    if stage is Stage.FINALISING:
        if nth == 0:
            return FINAL_REPORT_WORKING_DAYS + rng.randint(3, 5)
        return gaps.to_fa_closed + rng.randint(1, 5)
    if stage is Stage.REPORT_ISSUED:
        return gaps.to_final + rng.randint(2, 15)
    if stage is Stage.RECOMMENDATIONS_OPEN:
        return gaps.to_final + rng.randint(20, 90)
    return gaps.to_closed + rng.randint(10, 60)


def _timeline(calendar: WorkingCalendar, start: date, gaps: _Gaps) -> dict[str, date]:
    """Every step's date for an inspection starting on ``start``, keyed by column."""
    ahead = calendar.add_working_days
    announced = ahead(start, -ANNOUNCE_WORKING_DAYS_BEFORE)
    end = ahead(start, gaps.days - 1)
    return {
        "planned_end": end,
        "announcement_call_on": announced,
        "announcement_letter_on": announced,
        "pir_requested_on": announced,
        "pir_received_on": ahead(announced, gaps.pir),
        "started_on": start,
        "ended_on": end,
        "early_outcome_letter_on": ahead(end, gaps.letter),
        "draft_sent_on": ahead(end, gaps.draft),
        "fa_responded_on": ahead(end, gaps.draft + FA_RESPONSE_WORKING_DAYS),
        "fa_closed_on": ahead(end, gaps.to_fa_closed + 1),
        "final_issued_on": ahead(end, gaps.to_final),
        "closed_on": ahead(end, gaps.to_closed),
    }


def _lead(rng: random.Random, group: DemoGroup, inspector_ids: list[int]) -> int:
    """Usually the provider's designated inspector; sometimes a colleague."""
    return group.designated_inspector_id if rng.random() < 0.7 else rng.choice(inspector_ids)


def _draw_type(rng: random.Random, revisit: bool) -> InspectionType:
    """New services get comprehensive inspections; revisits are focused or assurance."""
    if revisit:
        return rng.choice((InspectionType.FOCUSED, InspectionType.ASSURANCE))
    return rng.choice(
        (InspectionType.COMPREHENSIVE, InspectionType.COMPREHENSIVE, InspectionType.FOCUSED,
         InspectionType.ASSURANCE)
    )


def _key_questions(rng: random.Random, inspection_type: InspectionType) -> list[str]:
    if inspection_type is InspectionType.COMPREHENSIVE:
        return [kq.value for kq in KeyQuestion]
    if inspection_type is InspectionType.ASSURANCE:
        return [KeyQuestion.SAFE.value, KeyQuestion.WELL_LED.value]
    chosen = set(rng.sample(list(KeyQuestion), rng.randint(1, 2)))
    return [kq.value for kq in KeyQuestion if kq in chosen]
