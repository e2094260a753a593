"""How long the reminder job takes to work out a day's reminders for a programme ten times today's size.

Builds a SQLite programme at 10x: 120 providers (each with its lead), 60 inspectors, 7,300
inspections (6,000 with issued reports, 1,300 in progress at every stage around today),
64,000 recommendations (15% still open) and 3,000 information requests (10% open). Then
times ``run_reminders(dry_run=True)`` (read every open deadline, apply the working-day rule,
check which keys are stored) over five days either side of a bank holiday, median of five
runs a day. Target: <= 1 s. The last line printed is one JSON object of the figures
(``audit_page_ms`` is left for the audit trail's own bench to fill).
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
from sqlmodel import Session, SQLModel

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import safehouse_portal.db  # noqa: E402,F401
from safehouse_portal.db import InfoRequest, Inspection, InspectionGroup, Provider, Recommendation, User  # noqa: E402
from safehouse_portal.db.engine import make_engine  # noqa: E402
from safehouse_portal.domain.enums import Stage, Theme, Timescale  # noqa: E402
from safehouse_portal.services.core.actor import CLI_OPERATOR  # noqa: E402
from safehouse_portal.services.framework.versions import ensure_default_framework  # noqa: E402
from safehouse_portal.services.notifications.reminders import run_reminders  # noqa: E402

DAYS = [date(2026, 5, 21), date(2026, 5, 22), date(2026, 5, 26), date(2026, 5, 27), date(2026, 5, 28)]
"""Either side of the Spring bank holiday (Monday 25 May 2026)."""
TARGET_MS = 1000.0
SCALE = 10
_IN_PROGRESS = [Stage.ANNOUNCED, Stage.PIR_RECEIVED, Stage.INSPECTING, Stage.EVIDENCE_REVIEW, Stage.DRAFTING,
                Stage.QUALITY_ASSURANCE, Stage.FACTUAL_ACCURACY, Stage.FINALISING]


def build(path: Path) -> object:
    engine = make_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine)
    rng = random.Random(17)
    centre = DAYS[2]
    with Session(engine) as session:
        version = ensure_default_framework(session=session)
        session.commit()
        providers = 12 * SCALE
        session.execute(insert(Provider), [{"id": n, "name": f"P{n}", "lead_name": "L", "lead_email": f"l{n}@x.test",
                                            "lead_phone": "0"} for n in range(1, providers + 1)])
        users = [{"id": n, "email": f"lead{n}@x.test", "name": f"Lead {n}", "password_hash": "x",
                  "role": "provider_lead", "provider_id": n} for n in range(1, providers + 1)]
        users += [{"id": 1000 + n, "email": f"insp{n}@x.test", "name": f"Inspector {n}", "password_hash": "x",
                   "role": "inspector"} for n in range(1, 6 * SCALE + 1)]
        users += [{"id": 2000 + n, "email": f"pm{n}@x.test", "name": f"PM {n}", "password_hash": "x",
                   "role": "programme_manager"} for n in range(1, 6)]
        session.execute(insert(User), [{**u, "created_at": datetime.now(UTC)} for u in users])
        groups = 60 * SCALE
        session.execute(insert(InspectionGroup), [{"id": n, "provider_id": (n - 1) % providers + 1, "name": f"G{n}"}
                                                  for n in range(1, groups + 1)])
        inspections, recommendations, requests = [], [], []
        for n in range(1, 730 * SCALE + 1):
            issued = n <= 600 * SCALE
            start = centre + timedelta(days=rng.randint(-3000, -60) if issued else rng.randint(-120, 60))
            end = start + timedelta(days=1)
            stage = rng.choice([Stage.RECOMMENDATIONS_OPEN, Stage.CLOSED]) if issued else rng.choice(_IN_PROGRESS)
            index = _IN_PROGRESS.index(stage) if stage in _IN_PROGRESS else 99
            row = {"id": n, "group_id": (n - 1) % groups + 1, "type": "comprehensive", "mode": "on_site",
                   "key_questions": ["safe"], "planned_start": start, "planned_end": end,
                   "lead_inspector_id": 1000 + rng.randint(1, 6 * SCALE), "stage": stage.value,
                   "framework_version_id": version, "serious_concern": False, "fa_declined": False,
                   "quality_panel_flag": False, "created_at": datetime.now(UTC),
                   "pir_requested_on": start - timedelta(days=14),
                   "pir_received_on": start - timedelta(days=7) if index >= 1 else None,
                   "started_on": start if index >= 2 else None, "ended_on": end if index >= 3 else None,
                   "draft_sent_on": end + timedelta(days=25) if index >= 6 else None,
                   "fa_closed_on": end + timedelta(days=40) if index >= 7 else None,
                   "final_issued_on": end + timedelta(days=60) if issued else None}
            inspections.append(row)
            if issued:
                status = lambda: "open" if rng.random() < 0.15 else "met"  # noqa: E731
                recommendations += [{"inspection_id": n, "kloe_codes": ["S1"], "key_question": "safe", "text": "R",
                                     "theme": Theme.TRAINING.value, "timescale": rng.choice(list(Timescale)).value,
                                     "status": status(), "created_at": datetime.now(UTC)}
                                    for _ in range(rng.choice((10, 11)))]
            if index >= 3 and len(requests) < 300 * SCALE:
                requests.append({"inspection_id": n, "question": "Q", "due_on": end + timedelta(days=9),
                                 "status": "open" if rng.random() < 0.1 else "answered", "asked_by_id": 1001,
                                 "asked_at": datetime.now(UTC), "file_ids": []})
        session.execute(insert(Inspection), inspections)
        session.execute(insert(Recommendation), recommendations)
        session.execute(insert(InfoRequest), requests)
        session.commit()
    return engine


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = build(Path(tmp) / "notify.db")
        per_day, counts = {}, {}
        for day in DAYS:
            times = []
            for _ in range(5):
                with Session(engine) as session:
                    started = time.perf_counter()
                    planned = run_reminders(session=session, actor=CLI_OPERATOR, today=day, dry_run=True)
                    times.append((time.perf_counter() - started) * 1000)
            per_day[day.isoformat()], counts[day.isoformat()] = round(statistics.median(times), 1), len(planned)
            print(f"{day.isoformat()}: {len(planned):5d} reminders in {per_day[day.isoformat()]:7.1f} ms (median of 5)")
    worst = max(per_day.values())
    print(json.dumps({"bench": "notify", "scale": SCALE, "inspections": 730 * SCALE, "reminders_ms_worst": worst,
                      "reminders_ms_median": statistics.median(per_day.values()),
                      "reminders_ms_by_day": per_day, "reminders_by_day": counts, "reminders_target_ms": TARGET_MS,
                      "reminders_within_target": worst <= TARGET_MS, "audit_page_ms": None}))


if __name__ == "__main__":
    main()
