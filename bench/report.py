"""Times building a 30-page inspection report, and the annual programme report at ten times the demo.

Run from the project root: ``python bench/report.py``. The inspection report's content is built
from the sample rows (no database), then drawn as a PDF; the time counted is from rows to bytes,
the best of several runs after one warm-up (fonts and imports are loaded once per process
in the app too). The programme report is made by its service from a SQLite programme ten times
the demo (600 issued reports with every KLOE judged, 640 recommendations, 5,630 survey
responses, 120 providers, 1,430 locations): from the database to the PDF's bytes, target <= 3 s.
The last line printed is one JSON object.
"""

import io
import json
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pypdf import PdfReader  # noqa: E402
from sqlalchemy import insert  # noqa: E402
from sqlmodel import Session, SQLModel, select  # noqa: E402

import safehouse_portal.db  # noqa: E402,F401
from safehouse_portal.db import (  # noqa: E402
    FrameworkKeyQuestion, Inspection, InspectionGroup, Kloe, KloeAssessment, Location, Provider, Recommendation,
    SurveyLink, SurveyResponse,
)
from safehouse_portal.db.engine import make_engine  # noqa: E402
from safehouse_portal.domain.enums import KeyQuestion, Theme, Timescale  # noqa: E402
from safehouse_portal.services.analytics.programme_report import programme_report  # noqa: E402
from safehouse_portal.services.core.actor import CLI_OPERATOR  # noqa: E402
from safehouse_portal.services.framework.versions import ensure_default_framework  # noqa: E402
from safehouse_portal.services.survey.versions import ensure_default_question_set  # noqa: E402

from safehouse_portal.documents.inspection_report import render_report  # noqa: E402
from safehouse_portal.documents.report_content import ReportContent, build_report  # noqa: E402
from tests.support.sample_report import sample_rows  # noqa: E402

RUNS = 5
TARGET_SECONDS = 0.5
PARAGRAPHS_PER_KLOE = 6
PROGRAMME_TARGET_SECONDS = 3.0
PROGRAMME_RUNS = 3
SCALE = 10
"""Ten times the demo: 60 reports, 64 recommendations and 563 survey responses a year, 12 providers, 143 locations."""
TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def build_once() -> tuple[float, bytes, ReportContent]:
    """Seconds to turn the rows into PDF bytes, the bytes, and the content drawn."""
    rows = sample_rows(recommendations=20, paragraphs=PARAGRAPHS_PER_KLOE)
    started = time.perf_counter()
    content = build_report(rows, final=True)
    data = render_report(content)
    return time.perf_counter() - started, data, content


def build_programme(path: Path) -> object:
    """A SQLite programme ten times the demo, over one year of reports and survey responses."""
    engine = make_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine)
    rng = random.Random(SCALE)
    with Session(engine) as session:
        version = ensure_default_framework(session=session)
        question_set = ensure_default_question_set(session=session)
        kloes = session.exec(select(Kloe.id).join(FrameworkKeyQuestion)).all()
        session.commit()
        reports = 60 * SCALE
        rows = {
            Provider: [{"id": n, "name": f"Provider {n}", "lead_name": "L", "lead_email": f"l{n}@x.test",
                        "lead_phone": "0"} for n in range(1, 12 * SCALE + 1)],
            InspectionGroup: [{"id": n, "provider_id": (n - 1) % (12 * SCALE) + 1, "name": f"Group {n}"}
                              for n in range(1, reports + 1)],
            Location: [{"provider_id": (n - 1) % reports % (12 * SCALE) + 1, "group_id": (n - 1) % reports + 1,
                        "name": f"L{n}", "kind": "safehouse" if rng.random() < 0.7 else "outreach",
                        "region": f"Region {n % 9}", "address": "x", "capacity": 5}
                       for n in range(1, 143 * SCALE + 1)],
            Inspection: [_programme_inspection(rng, n, reports, version) for n in range(1, reports + 61)],
            KloeAssessment: [{"inspection_id": i, "kloe_id": kloe_id, "status": "final", "version": 1,
                              "rating": rng.choices(["meeting", "requires_improvement", "not_meeting"], [8, 3, 1])[0],
                              "findings": "", "good_practice": "", "justification": "", "conflict_resolution": "",
                              "updated_at": NOW} for i in range(1, reports + 1) for kloe_id in kloes],
            Recommendation: [{"inspection_id": rng.randint(1, reports), "kloe_codes": [],
                              "key_question": rng.choice(list(KeyQuestion)).value, "text": "x",
                              "theme": rng.choice(list(Theme)[:6]).value,
                              "timescale": rng.choice(list(Timescale)).value, "status": "open", "created_at": NOW}
                             for _ in range(64 * SCALE)],
            SurveyLink: [{"id": i, "inspection_id": i, "token": f"t{i}", "question_set_id": question_set,
                          "closes_on": TODAY, "created_at": NOW} for i in range(1, reports + 1)],
            SurveyResponse: [{"id": f"r{n}", "link_id": rng.randint(1, reports), "question_set_id": question_set,
                              "language": rng.choice(["en", "sq", "vi", "ar", "ti", "pl"]),
                              "day": TODAY - timedelta(days=rng.randint(0, 360)), "channel": "online",
                              "answers": {"support": rng.choices(["yes", "partly", "no"], [97, 2, 1])[0]}}
                             for n in range(563 * SCALE)],
        }
        for table, values in rows.items():
            session.execute(insert(table), values)
        session.commit()
    return engine


def _programme_inspection(rng: random.Random, n: int, reports: int, version: int) -> dict:
    start = TODAY - timedelta(days=rng.randint(60, 420))
    end = start + timedelta(days=rng.randint(0, 2))
    issued = n <= reports
    row = {"group_id": (n - 1) % reports + 1, "type": "comprehensive", "mode": "on_site",
           "key_questions": [kq.value for kq in KeyQuestion], "planned_start": start, "planned_end": end,
           "stage": "closed" if issued else "drafting", "framework_version_id": version, "serious_concern": False,
           "announcement_call_on": start - timedelta(days=14), "announcement_letter_on": start - timedelta(days=14),
           "pir_requested_on": start - timedelta(days=14), "pir_received_on": start - timedelta(days=7),
           "started_on": start, "ended_on": end, "created_at": NOW}
    if issued:
        row.update(draft_sent_on=end + timedelta(days=rng.randint(20, 32)),
                   fa_closed_on=end + timedelta(days=rng.randint(40, 50)),
                   final_issued_on=min(TODAY, end + timedelta(days=rng.randint(55, 75))))
    return row


def time_programme_report(engine) -> tuple[list[float], bytes]:
    """Seconds for each run of the programme report's service over the whole year, and the last PDF."""
    timings, data = [], b""
    for _ in range(PROGRAMME_RUNS + 1):
        started = time.perf_counter()
        with Session(engine) as session:
            data = programme_report(session=session, actor=CLI_OPERATOR, date_from=TODAY - timedelta(days=365),
                                    date_to=TODAY, today=TODAY).content
        timings.append(time.perf_counter() - started)
    return timings, data


def programme_figures() -> dict[str, object]:
    """Build the programme, time its report, print a line and return the figures."""
    with tempfile.TemporaryDirectory() as folder:
        engine = build_programme(Path(folder) / "programme.db")
        timings, data = time_programme_report(engine)
        engine.dispose()
    first, runs = timings[0], timings[1:]
    pages = len(PdfReader(io.BytesIO(data)).pages)
    print(f"Programme report at {SCALE}x the demo ({60 * SCALE} reports, {64 * SCALE} recommendations, "
          f"{563 * SCALE} survey responses): {pages} pages, best {min(runs):.3f} s, worst {max(runs):.3f} s, "
          f"first {first:.3f} s (target <= {PROGRAMME_TARGET_SECONDS} s)")
    return {"programme_reports": 60 * SCALE, "programme_pages": pages, "programme_best_s": round(min(runs), 4),
            "programme_worst_s": round(max(runs), 4), "programme_first_s": round(first, 4),
            "programme_target_s": PROGRAMME_TARGET_SECONDS, "programme_met": max(runs) <= PROGRAMME_TARGET_SECONDS}


def main() -> None:
    first, _, _ = build_once()
    timings = []
    for _ in range(RUNS):
        seconds, data, content = build_once()
        timings.append(seconds)
    reader = PdfReader(io.BytesIO(data))
    kloes = sum(len(kq.kloes) for kq in content.key_questions)
    best, worst = min(timings), max(timings)
    print(f"Report of {len(reader.pages)} pages, {len(data) / 1024:.0f} KiB: best {best:.3f} s, "
          f"worst {worst:.3f} s over {RUNS} runs, first {first:.3f} s (target <= {TARGET_SECONDS} s)")
    print(f"{len(content.key_questions)} key questions, {kloes} KLOEs, {len(content.recommendations)} recommendations")
    programme = programme_figures()
    print(json.dumps({"pages": len(reader.pages), "bytes": len(data), "key_questions": len(content.key_questions),
                      "kloes": kloes, "recommendations": len(content.recommendations), "best_s": round(best, 4),
                      "worst_s": round(worst, 4), "first_s": round(first, 4), "target_s": TARGET_SECONDS, "runs": RUNS,
                      "met": worst <= TARGET_SECONDS, **programme}))


if __name__ == "__main__":
    main()
