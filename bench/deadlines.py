"""Times every milestone of 10,000 planned inspections, vectorised and one date at a time.

Run from the project root: ``python bench/deadlines.py``. The last line printed is one
JSON object, for tools that track the figures over time.
"""

import json
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from safehouse_portal.domain import milestones as rules  # noqa: E402
from safehouse_portal.domain.milestones import compute_due_dates_many  # noqa: E402
from safehouse_portal.domain.working_days import WorkingCalendar  # noqa: E402

INSPECTIONS = 10_000
SEED = 20_260_403
FIRST_START = np.datetime64("2024-01-01")
START_SPREAD_DAYS = 5 * 365
TARGET_MS = 50.0


def random_plans(count: int) -> tuple[np.ndarray, np.ndarray]:
    """Planned first and last days: any day over five years, lasting up to four days."""
    rng = np.random.default_rng(SEED)
    starts = FIRST_START + rng.integers(0, START_SPREAD_DAYS, count).astype("timedelta64[D]")
    ends = starts + rng.integers(0, 4, count).astype("timedelta64[D]")
    return starts, ends


def due_dates_one_by_one(start: date, end: date, calendar: WorkingCalendar) -> dict[str, date]:
    """The same plan-only rules as ``compute_due_dates_many``, with the scalar functions."""
    add = calendar.add_working_days
    announce = add(start, -rules.ANNOUNCE_WORKING_DAYS_BEFORE)
    draft = add(end, rules.DRAFT_REPORT_WORKING_DAYS)
    return {
        "announce": announce,
        "pir_due": add(announce, rules.PIR_WORKING_DAYS),
        "inspection_start": start,
        "inspection_end": end,
        "additional_info_due": add(end, rules.ADDITIONAL_INFO_WORKING_DAYS),
        "early_outcome_letter_due": add(end, rules.EARLY_OUTCOME_LETTER_WORKING_DAYS),
        "draft_report_due": draft,
        "fa_comments_due": add(draft, rules.FA_WORKING_DAYS),
        "final_report_due": add(end, rules.FINAL_REPORT_WORKING_DAYS),
    }


def best_of(runs: int, action) -> tuple[float, object]:
    """Fastest of ``runs`` timings in milliseconds, with the last result."""
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        best = min(best, (time.perf_counter() - started) * 1000)
    return best, result


def main() -> None:
    calendar = WorkingCalendar.for_years()
    starts, ends = random_plans(INSPECTIONS)
    vectorised_ms, many = best_of(3, lambda: compute_due_dates_many(starts, ends, calendar))
    plain = list(zip(starts.tolist(), ends.tolist()))
    loop_ms, looped = best_of(3, lambda: [due_dates_one_by_one(s, e, calendar) for s, e in plain])
    for key, values in many.items():
        if values.tolist() != [row[key] for row in looped]:
            raise SystemExit(f"vectorised and scalar {key} disagree")
    verdict = "within" if vectorised_ms <= TARGET_MS else "OVER"
    print(
        f"{INSPECTIONS:,} inspections x {len(many)} milestones: vectorised {vectorised_ms:.1f} ms "
        f"({verdict} the {TARGET_MS:.0f} ms target), scalar loop {loop_ms:.1f} ms, "
        f"{loop_ms / vectorised_ms:.0f}x faster; results identical."
    )
    figures = {
        "inspections": INSPECTIONS,
        "vectorised_ms": round(vectorised_ms, 1),
        "loop_ms": round(loop_ms, 1),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
