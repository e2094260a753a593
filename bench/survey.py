"""200 survivors sending the survey at once, against the running app, beside a provider's PIR saves.

Builds and serves the app in production mode (``reflex run --env prod``) on its own port
(``BENCH_PORT``, default 3291) and its own SQLite database holding the demo programme,
then over Socket.IO (as the browser does: ``/_event``, one token per tab):

1. a provider lead signs in and saves one PIR answer ``PIR_SAVES`` times, one after another, on a
   quiet app (the PIR save as a provider knows it);
2. ``SUBMISSIONS`` survivors open their survey links (spread over the demo's open links),
   choose English, start, and all press Send at the same moment, while the lead saves
   ``PIR_SAVES_UNDER_LOAD`` more answers (the PIR save in the same run, under the same burst);
3. the database is checked to hold exactly ``SUBMISSIONS`` new online responses.

Targets: 0 errors and the submissions' p95 under twice the p95 of the PIR saves made during the
burst (``p95_ratio``); the ratio to the quiet PIR save is printed too. With one worker the app
handles events one at a time, so a burst of 200 queues: every event's wait grows alike. The load
generator shares the machine's two cores with the app. The last line printed is one JSON
object. Run: ``.venv/bin/python bench/survey.py`` (set ``BENCH_REUSE_URL`` to a running app
on the same database to skip the build).
"""

import json
import os
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import socketio
from sqlalchemy import create_engine, func
from sqlmodel import Session, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from safehouse_portal.db import PirReturn, SurveyLink, SurveyResponse, User  # noqa: E402
from safehouse_portal.domain.enums import Role  # noqa: E402
from safehouse_portal.portals.pir.section import PirSectionState  # noqa: E402
from safehouse_portal.portals.survey.public_page import SurveyState  # noqa: E402
from tests.e2e.raw_client import session_cookie  # noqa: E402

PORT = int(os.environ.get("BENCH_PORT", "3291"))
BASE = f"http://127.0.0.1:{PORT}"
SUBMISSIONS = 200
PIR_SAVES = 40
PIR_SAVES_UNDER_LOAD = 10
NAMESPACE = "/_event"
TIMEOUT = 60.0
PIR_SECTION, PIR_QUESTION = "services", "services_description"


class Tab:
    """One browser tab's websocket: emit an event, wait for the app's final update to it."""

    def __init__(self, cookie: str = "") -> None:
        self.client = socketio.Client(reconnection=False, websocket_extra_options={"origin": BASE})
        self.updates: queue.Queue = queue.Queue()
        self.client.on("event", self.updates.put, namespace=NAMESPACE)
        self.cookie, self.token = cookie, str(uuid.uuid4())

    def connect(self) -> None:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        self.client.connect(f"{BASE}?token={self.token}", socketio_path=NAMESPACE, namespaces=[NAMESPACE],
                            transports=["websocket"], headers=headers, wait_timeout=TIMEOUT)

    def event(self, name: str, path: str, query: dict | None = None, **payload) -> tuple[float, str]:
        """Send ``name``; the seconds until the final update, and everything the app sent back."""
        while not self.updates.empty():
            self.updates.get_nowait()
        started = time.perf_counter()
        self.client.emit("event", {"name": name, "payload": payload, "router_data": {
            "pathname": path.split("?")[0], "asPath": path, "query": query or {}}}, namespace=NAMESPACE)
        received = []
        while True:
            update = self.updates.get(timeout=TIMEOUT)
            update = json.loads(update) if isinstance(update, str) else update
            received.append(update)
            if update.get("final", True):
                return time.perf_counter() - started, json.dumps(received)

    def close(self) -> None:
        self.client.disconnect()


def _handler(state, name: str) -> str:
    return f"{state.get_full_name()}.{name}"


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else 0.0


def _pir_saves(email: str, inspection_id: int, go: threading.Barrier | None = None) -> tuple[list[float], int]:
    """``PIR_SAVES`` saves of one answer, one after another (after ``go``, when given)."""
    tab = Tab(session_cookie(BASE, email))
    tab.connect()
    path = f"/provider/pir/{PIR_SECTION}?inspection={inspection_id}"
    query = {"inspection": str(inspection_id)}
    tab.event(_handler(PirSectionState, "load"), path, query)
    if go is not None:
        go.wait(timeout=600)
    times, errors = [], 0
    for n in range(PIR_SAVES if go is None else PIR_SAVES_UNDER_LOAD):
        seconds, received = tab.event(_handler(PirSectionState, "save"), path, query, code=PIR_QUESTION,
                                      value=f"We support survivors with key workers, draft {n}.")
        times.append(seconds)
        errors += f"draft {n}" not in received
    tab.close()
    return times, errors


def _survivor(token: str, go: threading.Barrier) -> tuple[float | None, str]:
    tab = Tab()
    try:
        tab.connect()
        path = f"/survey/{token}"
        tab.event(_handler(SurveyState, "load"), path)
        tab.event(_handler(SurveyState, "choose_language"), path, code="en")
        tab.event(_handler(SurveyState, "start"), path)
        go.wait(timeout=600)
        seconds, received = tab.event(_handler(SurveyState, "send"), path, form={
            "support": "yes", "respect": "yes", "good": "Staff listen to me.", "website": ""})
        return (seconds, "") if '"thanks"' in received else (None, "no thank-you page")
    except Exception as exc:  # noqa: BLE001  (a bench counts every failure as an error)
        go.abort()
        return None, f"{type(exc).__name__}: {exc}"
    finally:
        tab.close()


def _submissions(tokens: list[str], email: str, inspection_id: int) -> tuple[list[float], list[str], list[float]]:
    """Every survivor opens the survey first (one thread each); then all press Send together while the
    provider lead keeps saving PIR answers (the same run's PIR saves, under the same load)."""
    go = threading.Barrier(SUBMISSIONS + 1)
    with ThreadPoolExecutor(max_workers=SUBMISSIONS + 1) as pool:
        pir = pool.submit(_pir_saves, email, inspection_id, go)
        results = list(pool.map(lambda n: _survivor(tokens[n % len(tokens)], go), range(SUBMISSIONS)))
    return [s for s, _ in results if s is not None], [e for _, e in results if e], pir.result()[0]


def _serve(work: Path, db_url: str) -> subprocess.Popen:
    app = work / "app"
    shutil.copytree(ROOT, app, ignore=shutil.ignore_patterns(".venv", ".web", ".tools", ".git", "var", "*.db",
                                                             "__pycache__", ".states", "*.egg-info"))
    (app / ".tools").symlink_to((ROOT / ".tools").resolve())
    env = {**os.environ, "DATABASE_URL": db_url, "SAFEHOUSE_PORT": str(PORT), "SAFEHOUSE_SURVEY_DAILY_LIMIT": "100000",
           "SAFEHOUSE_UPLOAD_DIR": str(work / "uploads"), "REFLEX_TELEMETRY_ENABLED": "false",
           "REFLEX_CHECK_LATEST_VERSION": "false", "REFLEX_HTTP_CLIENT_BIND_ADDRESS": "0.0.0.0"}  # noqa: S104  (Reflex's outgoing client, not a server)
    log = (work / "reflex.log").open("w")
    reflex = str(Path(sys.executable).parent / "reflex")
    command = [reflex, "run", "--env", "prod", "--frontend-port", str(PORT), "--backend-port", str(PORT)]
    proc = subprocess.Popen(command, cwd=app, env=env, stdout=log,  # noqa: S603  (the project's own reflex)
                            stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError((work / "reflex.log").read_text()[-3000:])
        try:
            with urllib.request.urlopen(f"{BASE}/ping", timeout=2):  # noqa: S310  (the loopback app just started)
                return proc
        except OSError:
            time.sleep(1)
    raise RuntimeError("the app did not start")


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-survey-"))
    db_url = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{work / 'bench.db'}")
    proc = None
    if not os.environ.get("BENCH_REUSE_URL"):
        env = {**os.environ, "DATABASE_URL": db_url}
        for args in (["db", "upgrade"], ["seed", "--demo"]):
            command = [sys.executable, "-m", "safehouse_portal.cli.main", *args]
            subprocess.run(command, env=env, cwd=ROOT, check=True,  # noqa: S603  (the project's own CLI)
                           stdout=subprocess.DEVNULL)
        print("building and starting the app...", file=sys.stderr)
        proc = _serve(work, db_url)
    engine = create_engine(db_url)
    try:
        with Session(engine) as session:
            tokens = [link.token for link in session.exec(select(SurveyLink).order_by(SurveyLink.id))]
            pir = session.exec(select(PirReturn).where(PirReturn.status != "submitted")).first()
            email = session.exec(select(User.email).where(User.provider_id == pir.provider_id,
                                                          User.role == Role.PROVIDER_LEAD)).first()
            before = session.exec(select(func.count()).select_from(SurveyResponse)).one()
        pir_times, pir_errors = _pir_saves(email, pir.inspection_id)
        started = time.perf_counter()
        survey_times, errors, loaded_pir = _submissions(tokens, email, pir.inspection_id)
        wall = time.perf_counter() - started
        with Session(engine) as session:
            stored = session.exec(select(func.count()).select_from(SurveyResponse)).one() - before
    finally:
        engine.dispose()
        if proc is not None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
    survey_p95, pir_p95 = _percentile(survey_times, 0.95) * 1000, _percentile(pir_times, 0.95) * 1000
    loaded_p95 = _percentile(loaded_pir, 0.95) * 1000
    for error in sorted(set(errors))[:5]:
        print(f"error: {error}", file=sys.stderr)
    result = {
        "submissions": SUBMISSIONS, "errors": len(errors) + pir_errors + abs(stored - SUBMISSIONS) * (not errors),
        "stored": stored, "survey_send_p50_ms": round(statistics.median(survey_times) * 1000, 1) if survey_times else None,
        "survey_send_p95_ms": round(survey_p95, 1), "pir_saves": PIR_SAVES,
        "pir_save_p50_ms": round(statistics.median(pir_times) * 1000, 1), "pir_save_p95_ms": round(pir_p95, 1),
        "pir_save_under_burst_p95_ms": round(loaded_p95, 1),
        "p95_ratio_to_quiet_pir": round(survey_p95 / pir_p95, 2) if pir_p95 else None,
        "p95_ratio": round(survey_p95 / loaded_p95, 2) if loaded_p95 else None, "target_ratio": 2.0,
        "burst_wall_s": round(wall, 1),
    }
    result["ok"] = result["errors"] == 0 and result["p95_ratio"] is not None and result["p95_ratio"] < 2.0
    print(json.dumps(result))


if __name__ == "__main__":
    main()
