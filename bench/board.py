"""How long the programme board takes, and how many SQL queries, at 60, 1,000 and 10,000 groups.

Builds a SQLite database per size with generated groups (two locations each, one current
inspection at a random stage with dates that fit it, some extensions, and information
requests, open, answered or withdrawn, on a third of the visited inspections), then times
``services.programme.board.board_view`` for a programme manager (best of five runs) and counts the
SQL statements it sends. Target: 10,000 groups in 200 ms or less, the same query count
at every size (``EXPECTED_QUERIES``: the inspections, extensions, information requests,
closure days, regions, and the locations of the cards shown; the fingerprint a page reads first is not
counted). Then, as when a card moves with ``VIEWERS`` programme managers watching and every page
reloads its board: how long those reloads take one worker, each reading the board itself and
sharing one read (``board.SHARE_SECONDS``). The last line printed is one JSON object.

``DATABASE_URL`` chooses the server: a PostgreSQL URL makes the bench create a database of its
own per size on that server (dropped afterwards; the URL's own database is never touched);
unset or SQLite, a SQLite file per size in a temporary folder.

Run: ``.venv/bin/python bench/board.py`` or
``DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/board.py``
"""

import json
import os
import random
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, event, insert, make_url, text
from sqlmodel import Session, SQLModel

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from safehouse_portal.db import (  # noqa: E402
    DeadlineExtension, FrameworkVersion, InfoRequest, Inspection, InspectionGroup, Location, Provider, User,
)
from safehouse_portal.db.engine import make_engine  # noqa: E402
from safehouse_portal.domain.enums import InspectionMode, InspectionType, Role, ServiceKind, Stage  # noqa: E402
from safehouse_portal.services.core.actor import Actor  # noqa: E402
from safehouse_portal.services.programme import board  # noqa: E402
from safehouse_portal.services.programme.board import board_version, board_view  # noqa: E402

SIZES = (60, 1_000, 10_000)
TODAY = date(2026, 11, 23)
TARGET_MS = 200
EXPECTED_QUERIES = 6
VIEWERS = 200
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
REGIONS = ("London", "North East", "North West", "South West", "West Midlands", "Yorkshire and the Humber")


def _populate(session: Session, groups: int, rng: random.Random) -> None:
    session.add(FrameworkVersion(id=1, version="bench", title="bench", source="bench", is_current=True))
    session.add_all(Provider(id=i, name=f"Provider {i}", lead_name="Lead", lead_email=f"l{i}@x.test",
                             lead_phone="0") for i in range(1, 13))
    session.add_all(User(id=i, email=f"i{i}@cqc.test", name=f"Inspector {i}", password_hash="x",
                         role=Role.INSPECTOR) for i in range(1, 21))
    session.commit()
    group_rows, location_rows, inspection_rows, extension_rows, request_rows = [], [], [], [], []
    stages = list(Stage)
    for gid in range(1, groups + 1):
        provider = rng.randint(1, 12)
        group_rows.append({"id": gid, "provider_id": provider, "name": f"Group {gid}"})
        for n in range(2):
            location_rows.append({"provider_id": provider, "group_id": gid, "name": f"House {gid}-{n}",
                                  "kind": rng.choice(list(ServiceKind)).value, "region": rng.choice(REGIONS),
                                  "address": "Confidential", "accommodates_children": rng.random() < 0.2,
                                  "capacity": 6, "active": True})
        stage = rng.choice(stages)
        start = TODAY + timedelta(days=rng.randint(-120, 60))
        past = stages.index(stage)
        row = {"id": gid, "group_id": gid, "type": rng.choice(list(InspectionType)).value,
               "mode": rng.choice(list(InspectionMode)).value, "key_questions": ["safe"], "planned_start": start,
               "planned_end": start + timedelta(days=rng.randint(0, 2)), "lead_inspector_id": rng.randint(1, 20),
               "stage": stage.value, "framework_version_id": 1, "serious_concern": rng.random() < 0.05,
               "fa_declined": False, "quality_panel_flag": False, "created_at": NOW}
        steps = ("announcement_call_on", "announcement_letter_on", "pir_received_on", "started_on", "ended_on",
                 "ended_on", "ended_on", "draft_sent_on", "fa_closed_on", "final_issued_on")
        for position, column in enumerate(steps):
            reached = position < past
            row[column] = None if not reached else start if column in ("started_on", "ended_on") \
                else start - timedelta(days=10)
        inspection_rows.append(row)
        if row["ended_on"] is not None and rng.random() < 0.33:
            for _ in range(rng.randint(1, 3)):
                status = rng.choice(("open", "answered", "answered", "withdrawn"))
                answered = datetime.combine(start + timedelta(days=rng.randint(1, 12)), datetime.min.time(), UTC)
                request_rows.append({"inspection_id": gid, "question": "More?", "due_on": start, "status": status,
                                     "asked_by_id": 1, "asked_at": NOW, "file_ids": [],
                                     "answered_at": answered if status == "answered" else None})
        if rng.random() < 0.05:
            extension_rows.append({"inspection_id": gid, "milestone": "draft_report_due", "original_due": start,
                                   "new_due": start + timedelta(days=40), "reason": "bench", "extended_by_id": 1,
                                   "extended_at": NOW})
    for table, rows in ((InspectionGroup, group_rows), (Location, location_rows), (Inspection, inspection_rows),
                        (DeadlineExtension, extension_rows), (InfoRequest, request_rows)):
        if rows:
            session.execute(insert(table), rows)
    session.commit()


def _server_url() -> str:
    """``DATABASE_URL`` when it names a server (PostgreSQL); empty for SQLite files."""
    url = os.environ.get("DATABASE_URL", "")
    return "" if not url or url.startswith("sqlite") else url


@contextmanager
def _database(groups: int, folder: Path):
    """A fresh, empty database URL for one size: a SQLite file, or a database of its own on the server."""
    server = _server_url()
    if not server:
        yield f"sqlite:///{folder / f'board-{groups}.db'}"
        return
    name = f"safehouse_bench_board_{groups}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def measure(groups: int, folder: Path) -> dict:
    with _database(groups, folder) as url:
        return _measure(groups, url)


def _measure(groups: int, url: str) -> dict:
    engine = make_engine(url)
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        _populate(session, groups, random.Random(groups))
        if engine.dialect.name == "postgresql":
            session.execute(text("ANALYZE"))
            session.commit()
    manager = Actor(user_id=1, name="Manager", email="pm@cqc.test", role=Role.PROGRAMME_MANAGER)
    queries = 0

    def count(*_args) -> None:
        nonlocal queries
        queries += 1

    timings = []
    board.SHARE_SECONDS = 0.0  # every run reads the board itself
    for _ in range(5):
        with Session(engine) as session:
            fingerprint = board_version(session=session, actor=manager, today=TODAY)
            queries = 0
            event.listen(engine, "before_cursor_execute", count)
            started = time.perf_counter()
            view = board_view(session=session, actor=manager, today=TODAY, fingerprint=fingerprint)
            timings.append((time.perf_counter() - started) * 1000)
            event.remove(engine, "before_cursor_execute", count)
    reloads = {"each_reads_ms": _reloads(engine, manager, 0.0), "shared_ms": _reloads(engine, manager, 2.0)}
    engine.dispose()
    assert view.total == groups
    return {"groups": groups, "best_ms": round(min(timings), 1), "median_ms": round(sorted(timings)[2], 1),
            "queries": queries, "cards_sent": sum(len(c.cards) for c in view.columns),
            f"reload_{VIEWERS}_viewers": reloads}


def _reloads(engine, manager: Actor, share_seconds: float) -> float:
    """Milliseconds for ``VIEWERS`` pages to reload the board after a change, as the board page does."""
    board.SHARE_SECONDS = share_seconds
    board.forget_shared_reads()
    started = time.perf_counter()
    for _ in range(VIEWERS):
        with Session(engine) as session:
            fingerprint = board_version(session=session, actor=manager, today=TODAY)
            board_view(session=session, actor=manager, today=TODAY, fingerprint=fingerprint)
    return round((time.perf_counter() - started) * 1000, 1)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        results = [measure(size, Path(folder)) for size in SIZES]
    for r in results:
        print(f"{r['groups']:>6} groups: best {r['best_ms']:>7} ms, median {r['median_ms']:>7} ms, "
              f"{r['queries']} SQL queries, {r['cards_sent']} cards sent; {VIEWERS} viewers reload in "
              f"{r[f'reload_{VIEWERS}_viewers']['each_reads_ms']} ms reading it each, "
              f"{r[f'reload_{VIEWERS}_viewers']['shared_ms']} ms sharing one read")
    largest = results[-1]
    summary = {
        "database": "postgresql" if _server_url() else "sqlite",
        "sizes": results,
        "same_query_count": {r["queries"] for r in results} == {EXPECTED_QUERIES},
        "target_ms": TARGET_MS,
        "meets_target": largest["best_ms"] <= TARGET_MS,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
