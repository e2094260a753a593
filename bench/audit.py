"""How long the audit page takes to return a filtered page of a 1,000,000-row trail on PostgreSQL.

Builds a database of its own on the server of ``TEST_DATABASE_URL`` (or ``DATABASE_URL``):
120 providers, 6,000 inspections, 200 people and 1,000,000 audit rows over five years, hash-chained
as the app writes them, loaded with COPY. Then times the service behind the page
(``services/audit/trail.trail_page``: the keyset query and the names it shows) for each filter
alone, for filters combined, and deep in the trail (the 20th page by keyset): the median and the
95th percentile of 21 warm runs each, enough runs for the driver to prepare the statement and
PostgreSQL to consider a generic plan (which is what once made a page slow). Beside each, the
database's own time for the page query (EXPLAIN ANALYZE), so the rest is Python and the round
trip. Target: <= 100 ms for every filtered page. Also times the filters' choices the page loads
with it, and ``safehouse audit verify``'s walk of the whole chain. The last line printed is one
JSON object of the figures.
"""

import json
import os
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, make_url, text
from sqlmodel import Session, SQLModel

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import safehouse_portal.db  # noqa: E402,F401
from safehouse_portal.db import FrameworkVersion, Inspection, InspectionGroup, Provider, User  # noqa: E402
from safehouse_portal.db.engine import make_engine  # noqa: E402
from safehouse_portal.domain.audit_chain import GENESIS, ChainRow, content_hash  # noqa: E402
from safehouse_portal.domain.audit_words import ACTION_WORDS  # noqa: E402
from safehouse_portal.services.audit import trail  # noqa: E402
from safehouse_portal.services.audit.chain import verify  # noqa: E402
from safehouse_portal.services.core.actor import CLI_OPERATOR  # noqa: E402

ROWS = int(os.environ.get("AUDIT_BENCH_ROWS", "1000000"))
TARGET_MS = 100.0
START = datetime(2021, 4, 1, tzinfo=UTC)
SPAN = timedelta(days=5 * 365)
PROVIDERS, INSPECTIONS, PEOPLE = 120, 6000, 200


def _server_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL") or ""
    if not url.startswith("postgresql"):
        sys.exit("Set TEST_DATABASE_URL (or DATABASE_URL) to a PostgreSQL server: the target is PostgreSQL's")
    return url


def build(engine) -> dict[str, float]:
    """The programme and its trail; how long the load took."""
    SQLModel.metadata.create_all(engine)
    rng = random.Random(17)
    with Session(engine) as session:
        session.add(FrameworkVersion(id=1, version="bench", title="bench", source="bench"))
        session.flush()
        session.exec(insert(Provider), params=[{"id": n, "name": f"Provider {n}", "lead_name": "L",
                                                "lead_email": f"l{n}@x.test", "lead_phone": "0"}
                                               for n in range(1, PROVIDERS + 1)])
        session.add_all(User(id=n, email=f"u{n}@x.test", name=f"Person {n}", password_hash="x", role="inspector")
                        for n in range(1, PEOPLE + 1))
        session.exec(insert(InspectionGroup), params=[{"id": n, "provider_id": (n - 1) % PROVIDERS + 1,
                                                       "name": f"Group {n}"} for n in range(1, 601)])
        session.flush()
        session.add_all(Inspection(
            id=n, group_id=(n - 1) % 600 + 1, type="comprehensive", mode="on_site", key_questions=["safe"],
            planned_start=date(2021, 4, 1) + timedelta(days=n % 1800),
            planned_end=date(2021, 4, 2) + timedelta(days=n % 1800), stage="closed", framework_version_id=1)
            for n in range(1, INSPECTIONS + 1))
        session.commit()
    actions = list(ACTION_WORDS)
    weights = [30 if a.startswith(("auth.", "document.", "pir.answer")) else 1 for a in actions]
    began = time.perf_counter()
    previous = GENESIS
    columns = ("at", "actor_id", "action", "entity_type", "entity_id", "provider_id", "inspection_id", "before",
               "after", "previous_hash", "row_hash")
    raw = engine.raw_connection()
    try:
        with raw.cursor() as cursor, cursor.copy(f"COPY audit_event ({', '.join(columns)}) FROM STDIN") as copy:
            for n in range(ROWS):
                at = START + SPAN * (n / ROWS) + timedelta(microseconds=rng.randrange(1000))
                inspection = rng.randrange(1, INSPECTIONS + 1) if rng.random() < 0.7 else None
                group = (inspection - 1) % 600 + 1 if inspection else None
                provider = (group - 1) % PROVIDERS + 1 if group else (
                    rng.randrange(1, PROVIDERS + 1) if rng.random() < 0.5 else None)
                row = ChainRow(at=at, actor_id=rng.randrange(1, PEOPLE + 1), action=rng.choices(actions, weights)[0],
                               entity_type="inspection" if inspection else "provider",
                               entity_id=inspection or provider, provider_id=provider, inspection_id=inspection,
                               before={"stage": "announced"}, after={"stage": "pir_received", "n": n})
                digest = content_hash(row, previous)
                copy.write_row((row.at, row.actor_id, row.action, row.entity_type, row.entity_id, row.provider_id,
                                row.inspection_id, json.dumps(row.before), json.dumps(row.after), previous, digest))
                previous = digest
        raw.commit()
    finally:
        raw.close()
    loaded = time.perf_counter() - began
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    return {"load_s": round(loaded, 1)}


CASES = {
    "no_filter": {},
    "inspection": {"inspection": "1234"},
    "provider": {"provider": "17"},
    "person": {"person": "42"},
    "kind_common": {"kind": "auth.signed_in"},
    "kind_rare": {"kind": "report.final_issued"},
    "one_month": {"from": "2024-02-01", "to": "2024-02-29"},
    "provider_kind_month": {"provider": "17", "kind": "document.downloaded", "from": "2023-01-01",
                            "to": "2023-06-30"},
    "person_kind": {"person": "42", "kind": "auth.signed_in"},
    "kind_month": {"kind": "auth.signed_in", "from": "2024-02-01", "to": "2024-02-29"},
    "person_month": {"person": "42", "from": "2024-02-01", "to": "2024-02-29"},
    "provider_person": {"provider": "17", "person": "42"},
    "person_inspection": {"person": "42", "inspection": "1234"},
}


def _timings_ms(run, repeats: int = 21) -> tuple[float, float]:
    """The median and the 95th percentile of ``repeats`` warm runs."""
    run()
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        run()
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return round(statistics.median(times), 1), round(times[round(0.95 * (repeats - 1))], 1)


def _database_ms(session: Session, query: dict, cursor: str = "") -> float:
    """PostgreSQL's own time (planning and execution) for the page's query: the median of 5 EXPLAIN ANALYZE."""
    statement = trail._page_statement(trail.parse_filter(query), trail._cursor(cursor), trail.PAGE_SIZE + 1)
    sql = str(statement.compile(dialect=session.get_bind().dialect, compile_kwargs={"literal_binds": True}))
    times = []
    for _ in range(5):
        plan = session.connection().exec_driver_sql(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}").scalar()[0]
        times.append(plan["Planning Time"] + plan["Execution Time"])
    return round(statistics.median(times), 2)


def time_pages(engine) -> dict[str, dict[str, float]]:
    """Each filtered page through the service the page calls: median, 95th percentile, and the database's part."""
    figures = {}
    with Session(engine) as session:
        for name, query in CASES.items():
            median, p95 = _timings_ms(lambda q=query: trail.trail_page(session=session, actor=CLI_OPERATOR,
                                                                         query=q))
            figures[name] = {"median": median, "p95": p95, "db": _database_ms(session, query)}
            session.rollback()
        cursor = ""
        for _ in range(19):
            cursor = trail.trail_page(session=session, actor=CLI_OPERATOR, query={"provider": "17"},
                                      cursor=cursor).next_cursor
        median, p95 = _timings_ms(lambda: trail.trail_page(
            session=session, actor=CLI_OPERATOR, query={"provider": "17"}, cursor=cursor))
        figures["provider_page_20"] = {"median": median, "p95": p95,
                                       "db": _database_ms(session, {"provider": "17"}, cursor)}
        median, p95 = _timings_ms(lambda: trail.trail_options(session=session, actor=CLI_OPERATOR), repeats=7)
        figures["filter_choices"] = {"median": median, "p95": p95, "db": 0.0}
    return figures


def main() -> None:
    base = _server_url()
    name = f"safehouse_bench_audit_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(make_url(base).set(database=name).render_as_string(hide_password=False))
    try:
        figures = build(engine)
        began_load = os.getloadavg()[0]
        timed = time_pages(engine)
        for case, ms in timed.items():
            print(f"{case:<22} median {ms['median']:>6.1f} ms  p95 {ms['p95']:>6.1f} ms  database {ms['db']:>6.2f} ms")
        choices = timed.pop("filter_choices")
        pages = {case: ms["median"] for case, ms in timed.items()}
        began = time.perf_counter()
        with Session(engine) as session:
            verified = verify(session=session, actor=CLI_OPERATOR)
        verify_s = round(time.perf_counter() - began, 1)
        print(f"verify: {verified.rows} rows in {verify_s} s, broken: {verified.broken}")
        worst = max(ms["p95"] for ms in timed.values())
        result = {"bench": "audit", "rows": ROWS, "database": "postgresql", **figures, "pages_ms": pages,
                  "pages_p95_ms": {case: ms["p95"] for case, ms in timed.items()},
                  "pages_db_ms": {case: ms["db"] for case, ms in timed.items()},
                  "filter_choices_ms": choices["median"], "load_average": [round(began_load, 1),
                                                                           round(os.getloadavg()[0], 1)],
                  "worst_page_p95_ms": worst, "target_ms": TARGET_MS, "ok": worst <= TARGET_MS,
                  "verify_rows": verified.rows, "verify_s": verify_s, "chain_holds": verified.broken is None}
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
