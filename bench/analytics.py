"""How long the analytics page takes to load its data, at today's size and ten times it over ten years.

Builds a SQLite programme per scale: 1x is 600 issued reports and 6,400 recommendations;
10x is 6,000 reports and 64,000 recommendations (with every report's KLOE judgements and
a share of inspections still in progress), then times the service behind the page
(load what one view needs, then shape it; each view is timed, the median of seven). Target: <= 300 ms at 10x.
The last line printed is one JSON object of the figures.
"""

import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert
from sqlmodel import Session, SQLModel, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import safehouse_portal.db  # noqa: E402,F401
from safehouse_portal.db import (  # noqa: E402
    FrameworkKeyQuestion, Inspection, InspectionGroup, Kloe, KloeAssessment, Location, Provider, Recommendation,
)
from safehouse_portal.db.engine import make_engine  # noqa: E402
from safehouse_portal.domain.enums import KeyQuestion, Theme, Timescale  # noqa: E402
from safehouse_portal.services.analytics import service as analytics  # noqa: E402
from safehouse_portal.services.core.actor import CLI_OPERATOR  # noqa: E402
from safehouse_portal.services.analytics.query import VIEWS  # noqa: E402
from safehouse_portal.services.framework.versions import ensure_default_framework  # noqa: E402

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TARGET_MS = 300.0
REPORTS_PER_X = 600
RECOMMENDATIONS_PER_X = 6_400
IN_PROGRESS_SHARE = 0.1


def build(path: Path, scale: int) -> object:
    """A programme ``scale`` times today's size, ten years of it."""
    engine = make_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine)
    rng = random.Random(scale)
    with Session(engine) as session:
        version = ensure_default_framework(session=session)
        kloes = session.exec(select(Kloe.id, FrameworkKeyQuestion.key).join(FrameworkKeyQuestion)).all()
        session.commit()
        providers = [{"id": n, "name": f"Provider {n}", "lead_name": "L", "lead_email": f"l{n}@x.test",
                      "lead_phone": "0"} for n in range(1, 12 * scale + 1)]
        groups = [{"id": n, "provider_id": (n - 1) % len(providers) + 1, "name": f"Group {n}"}
                  for n in range(1, 60 * scale + 1)]
        locations = [{"provider_id": groups[(n - 1) % len(groups)]["provider_id"],
                      "group_id": (n - 1) % len(groups) + 1,
                      "name": f"L{n}", "kind": "safehouse" if rng.random() < 0.7 else "outreach",
                      "region": f"Region {n % 9}", "address": "x", "capacity": 5}
                     for n in range(1, 143 * scale + 1)]
        reports = REPORTS_PER_X * scale
        inspections = [_inspection(rng, n, groups, version, issued=n <= reports)
                       for n in range(1, int(reports * (1 + IN_PROGRESS_SHARE)) + 1)]
        assessments = [{"inspection_id": i, "kloe_id": kloe_id, "status": "final", "version": 1,
                        "rating": rng.choices(["meeting", "requires_improvement", "not_meeting"], [8, 3, 1])[0],
                        "findings": "", "good_practice": "", "justification": "", "conflict_resolution": "",
                        "updated_at": NOW} for i in range(1, reports + 1) for kloe_id, _ in kloes]
        recs = [{"inspection_id": rng.randint(1, reports), "kloe_codes": [],
                 "key_question": rng.choice(list(KeyQuestion)).value, "text": "x",
                 "theme": rng.choice(list(Theme)[:6]).value, "timescale": rng.choice(list(Timescale)).value,
                 "status": rng.choice(["open", "met", "met", "in_progress"]), "created_at": NOW,
                 "met_on": TODAY - timedelta(days=rng.randint(0, 3000))} for _ in range(RECOMMENDATIONS_PER_X * scale)]
        for table, rows in ((Provider, providers), (InspectionGroup, groups), (Location, locations),
                            (Inspection, inspections), (KloeAssessment, assessments), (Recommendation, recs)):
            session.execute(insert(table), rows)
        session.commit()
    return engine


def _inspection(rng: random.Random, n: int, groups: list[dict], version: int, *, issued: bool) -> dict:
    start = TODAY - timedelta(days=rng.randint(60 if issued else 0, 3650))
    end = start + timedelta(days=rng.randint(0, 2))
    row = {"group_id": rng.randint(1, len(groups)), "type": "comprehensive", "mode": "on_site",
           "key_questions": [kq.value for kq in KeyQuestion], "planned_start": start, "planned_end": end,
           "stage": "closed" if issued else "drafting", "framework_version_id": version,
           "serious_concern": rng.random() < 0.05, "announcement_call_on": start - timedelta(days=14),
           "announcement_letter_on": start - timedelta(days=14), "pir_requested_on": start - timedelta(days=14),
           "pir_received_on": start - timedelta(days=rng.randint(5, 9)), "started_on": start, "ended_on": end,
           "created_at": NOW}
    if issued:
        row.update(draft_sent_on=end + timedelta(days=rng.randint(20, 32)),
                   fa_closed_on=end + timedelta(days=rng.randint(40, 50)),
                   final_issued_on=end + timedelta(days=rng.randint(55, 75)), closed_on=end + timedelta(days=200))
    return row


def time_page(engine, repeats: int = 7) -> dict[str, float]:
    """Median time (ms) of ``repeats`` for the service behind the page to load and shape each view (the page
    shows one); the median, not the best, since the machine may be shared and busy."""
    def page_once(view: str) -> float:
        started = time.perf_counter()
        with Session(engine) as session:
            analytics.analytics_page(session=session, actor=CLI_OPERATOR, query={"view": view}, today=TODAY)
        return (time.perf_counter() - started) * 1000

    return {view: round(statistics.median(page_once(view) for _ in range(repeats)), 1) for view in VIEWS}


def main() -> None:
    figures: dict[str, object] = {"target_ms": TARGET_MS}
    with tempfile.TemporaryDirectory() as folder:
        for scale in (1, 10):
            started = time.perf_counter()
            engine = build(Path(folder) / f"x{scale}.db", scale)
            built_s = time.perf_counter() - started
            single = time_page(engine)
            slowest = max(single.values())
            verdict = "within" if slowest <= TARGET_MS else "OVER"
            print(f"{scale}x: {REPORTS_PER_X * scale:,} reports, {RECOMMENDATIONS_PER_X * scale:,} recommendations "
                  f"(built in {built_s:.0f} s): slowest view {slowest:.0f} ms ({verdict} {TARGET_MS:.0f} ms); "
                  f"per view {single}")
            figures[f"x{scale}_slowest_view_ms"] = slowest
            figures[f"x{scale}_view_ms"] = single
            engine.dispose()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
