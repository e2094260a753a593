"""SQL statements and database time per event: a provider lead's PIR save, an inspector's KLOE text save
and the programme manager's board load.

Seeds the demo into a fresh SQLite file, opens a session for each person (as signing in
does), then replays each event's database work as the portal does it: the session guard
resolves the person on its own connection, then the handler's unit of work reuses that answer
and runs the service (and, for a page load, the header's unread count) and commits. Every
statement the driver executes is counted (SQLAlchemy's ``before_cursor_execute``). Then each
event is repeated ``--repeat`` times (a new value each time) and its database work timed: the
milliseconds per event, without Reflex. The last line printed is one JSON object.

Run: ``PYTHONPATH=$PWD .venv/bin/python bench/statements.py [--show] [--repeat 1000]``
"""

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(tempfile.mkdtemp(prefix="safehouse-statements-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'statements.db'}"
os.environ["SAFEHOUSE_UPLOAD_DIR"] = str(WORK / "uploads")
sys.path.insert(0, str(ROOT))

from sqlalchemy import event  # noqa: E402
from sqlmodel import select  # noqa: E402

from safehouse_portal.db import AuthSession, Inspection, InspectionGroup, Provider, User  # noqa: E402
from safehouse_portal.db.engine import get_engine, new_session, read_connection  # noqa: E402
from safehouse_portal.domain.enums import Role, Stage  # noqa: E402
from safehouse_portal.portals.shared import event_actor as event_actor_module  # noqa: E402
from safehouse_portal.portals.shared.event_actor import event_actor  # noqa: E402
from safehouse_portal.services.accounts.sessions import token_digest  # noqa: E402
from safehouse_portal.services.core.uow import unit_of_work  # noqa: E402
from safehouse_portal.services.notifications.inbox import unread_count  # noqa: E402
from safehouse_portal.services.pir import returns as pir  # noqa: E402
from safehouse_portal.services.programme import board  # noqa: E402
from safehouse_portal.services.judgements import kloe, kloe_text  # noqa: E402
from safehouse_portal.web.cookies import COOKIE_NAME  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from events import _open_kloes  # noqa: E402  (the KLOEs a text save may change, as the events bench finds them)


def _seed() -> None:
    for args in (("db", "upgrade"), ("seed", "--demo")):
        subprocess.run([sys.executable, "-m", "safehouse_portal.cli.main", *args], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL, env=os.environ)


def _cookie(user_id: int) -> str:
    token = secrets.token_urlsafe(32)
    with unit_of_work() as session:
        session.add(AuthSession(token_sha256=token_digest(token), user_id=user_id,
                                expires_at=datetime.now(UTC) + timedelta(hours=1)))
    return f"{COOKIE_NAME}={token}"


def _people() -> tuple[int, str, str, tuple[int, str, str]]:
    """The announced inspection and its lead's cookie, the manager's cookie, and a KLOE still being judged
    (inspection, code, its lead's cookie)."""
    with new_session() as session:
        inspection_id, lead = session.exec(
            select(Inspection.id, User.id).join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
            .join(Provider, Provider.id == InspectionGroup.provider_id).join(User, User.email == Provider.lead_email)
            .where(Inspection.stage == Stage.ANNOUNCED).order_by(Inspection.id)).first()
        manager = session.exec(select(User.id).where(User.role == Role.PROGRAMME_MANAGER)).first()
        judging = session.exec(select(Inspection.id, User.email, Inspection.key_questions)
                               .join(User, User.id == Inspection.lead_inspector_id)
                               .where(Inspection.stage.in_([Stage.INSPECTING, Stage.EVIDENCE_REVIEW]))
                               .order_by(Inspection.id)).all()
        kloe_inspection, email, code = _open_kloes(session, judging)[0]
        inspector = session.exec(select(User.id).where(User.email == email)).one()
    return inspection_id, _cookie(lead), _cookie(manager), (kloe_inspection, code, _cookie(inspector))


class Counter:
    """Counts (and keeps) the statements the engine executes."""

    def __init__(self) -> None:
        self.statements: list[str] = []
        event.listen(get_engine(), "before_cursor_execute", self._seen)

    def _seen(self, _conn, _cursor, statement, _params, _context, _many) -> None:
        self.statements.append(" ".join(statement.split())[:160])

    def measure(self, work) -> list[str]:
        self.statements = []
        work()
        return list(self.statements)

    def stop(self) -> None:
        event.remove(get_engine(), "before_cursor_execute", self._seen)


def _event(n: int, cookie: str, handler) -> None:
    """One event: the guard resolves the person on its own connection, then the handler's unit reuses it."""
    event_actor_module._event_id = lambda: f"event-{n}"  # one Reflex event transaction
    with read_connection() as connection:
        event_actor(connection, cookie)
    with unit_of_work() as session:
        handler(session, event_actor(session, cookie))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="print every statement")
    parser.add_argument("--repeat", type=int, default=1000, help="events timed per kind")
    args = parser.parse_args()
    _seed()
    inspection_id, lead_cookie, manager_cookie, (kloe_inspection, kloe_code, inspector_cookie) = _people()
    today = date.today()
    counter = Counter()
    versions = {"pir": 0, "kloe": 0}

    def pir_save(n: int):
        def save(session, actor):
            versions["pir"] = pir.save_answer(
                session=session, actor=actor, inspection_id=inspection_id, question_code="staffing_arrangements",
                value=f"An answer, {n}.", expected_version=versions["pir"], today=today).version
        return save

    def kloe_save(n: int):
        def save(session, actor):
            versions["kloe"] = kloe_text.save_text(
                session=session, actor=actor, inspection_id=kloe_inspection, kloe_code=kloe_code, box="findings",
                value=f"Findings, {n}.", expected_version=versions["kloe"]).version
        return save

    def board_load(_n: int):
        def load(session, actor):
            unread_count(session=session, actor=actor)
            board.board_view(session=session, actor=actor, query={}, limits={}, today=today)
            board.board_version(session=session, actor=actor, today=today)
        return load

    with unit_of_work() as session:  # the return exists before the bench's saves (opened by the page load)
        page = pir.section_page(session=session, actor=event_actor(session, lead_cookie),
                                inspection_id=inspection_id, section_key="staffing", today=today)
        versions["pir"] = next(q.version for q in page.questions if q.code == "staffing_arrangements")
        versions["kloe"] = kloe.kloe_page(session=session, actor=event_actor(session, inspector_cookie),
                                          inspection_id=kloe_inspection, kloe_code=kloe_code).text_versions["findings"]
    kinds = {"pir_save": (lead_cookie, pir_save), "kloe_save": (inspector_cookie, kloe_save),
             "board": (manager_cookie, board_load)}
    events = iter(range(10**9))
    results = {}
    for name, (cookie, handler) in kinds.items():
        results[f"{name} (first)"] = counter.measure(lambda: _event(next(events), cookie, handler(0)))
        results[name] = counter.measure(lambda: _event(next(events), cookie, handler(1)))
    for name, statements in results.items():
        print(f"{name}: {len(statements)} statements")
        if args.show:
            for statement in statements:
                print(f"    {statement}")
    counter.stop()  # timed without the counting
    timed = {}
    for name, (cookie, handler) in kinds.items():
        repeat = args.repeat if name != "board" else max(1, args.repeat // 10)
        started = time.perf_counter()
        for n in range(repeat):
            _event(next(events), cookie, handler(n + 2))
        timed[name] = round(1000 * (time.perf_counter() - started) / repeat, 3)
        print(f"{name}: {timed[name]} ms of database work per event ({repeat} events)")
    print(json.dumps({"statements": {name: len(s) for name, s in results.items()}, "ms_per_event": timed}))

if __name__ == "__main__":
    main()
