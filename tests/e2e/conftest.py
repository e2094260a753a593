"""Browser tests: the app built in production mode, driven by Debian's Chromium.

One server per test session, on its own SQLite database with the demo
programme. When TEST_REDIS_URL is set (always in CI) the server runs on
Reflex's Redis state manager with several workers, as a scaled-out deployment does.
"""

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_no_violations, ensure_axe, watch_context

ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("E2E_PORT", "3111"))

# On two cores shared with the build and the database, a page's first load can take
# longer than Playwright's 5 s default; a person would wait too.
expect.set_options(timeout=20_000)
BASE_URL = f"http://127.0.0.1:{PORT}"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]


def _wait_for(url: str, seconds: float, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"app exited early:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status < 500:
                    return
        except Exception:
            time.sleep(0.5)
    raise RuntimeError(f"app did not answer {url} in {seconds}s:\n{log.read_text()[-4000:]}")


def _migrated_demo_database(folder: Path) -> str:
    """A migrated SQLite database holding the demo programme, made by the ``safehouse`` command."""
    url = f"sqlite:///{folder / 'e2e.db'}"
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "safehouse_portal.cli.main", "db", "upgrade"], env=env, check=True, cwd=ROOT)
    subprocess.run([sys.executable, "-m", "safehouse_portal.cli.main", "seed", "--demo"], env=env, check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    return url


def _build_copy(target: Path) -> Path:
    """A copy of the project to build in, so its ``.web`` never clashes with another run."""
    ignore = shutil.ignore_patterns(".venv", ".web", ".tools", ".git", "var", "*.db", "*.db-*", "__pycache__",
                                    ".hypothesis", ".states", "*.egg-info")
    app_dir = target / "app"
    shutil.copytree(ROOT, app_dir, ignore=ignore)
    (app_dir / ".tools").symlink_to(ROOT / ".tools")
    return app_dir


class _AppPreparation:
    """The demo database, then the app built and served by ``reflex run --env prod``, made in a thread.

    It starts as soon as pytest knows browser tests will run (``pytest_collection_finish``),
    so the production build (a minute or more of work for both cores) overlaps the unit and
    integration tests that run before the browser tests, instead of coming after them.
    """

    def __init__(self, work: Path):
        self.work, self.log = work, work / "reflex.log"
        self.db_url: str | None = None
        self.error: BaseException | None = None
        self.cancelled = False
        self.database_ready = threading.Event()
        self.thread = threading.Thread(target=self._prepare, name="e2e-app", daemon=True)
        self.thread.start()

    def _prepare(self) -> None:
        try:
            self.db_url = _migrated_demo_database(self.work)
            self.database_ready.set()
            app_dir = _build_copy(self.work)
            env = {**os.environ, "DATABASE_URL": self.db_url, "SAFEHOUSE_PORT": str(PORT),
                   "SAFEHOUSE_UPLOAD_DIR": str(self.work / "uploads"),
                   "REFLEX_TELEMETRY_ENABLED": "false", "REFLEX_CHECK_LATEST_VERSION": "false",
                   "REFLEX_HTTP_CLIENT_BIND_ADDRESS": "0.0.0.0"}
            if os.environ.get("TEST_REDIS_URL"):
                env["REDIS_URL"] = os.environ["TEST_REDIS_URL"]
            if self.cancelled:
                return
            reflex = str(Path(sys.executable).parent / "reflex")
            with self.log.open("w") as out:
                proc = subprocess.Popen(
                    [reflex, "run", "--env", "prod", "--frontend-port", str(PORT), "--backend-port", str(PORT)],
                    cwd=app_dir, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                )
            _SERVER.update(proc=proc, app_dir=app_dir, env=env, log=self.log)
        except BaseException as error:  # reported to the first test that needs the app
            self.error = error
            self.database_ready.set()

    def database_url(self) -> str:
        self.database_ready.wait()
        if self.error is not None:
            raise RuntimeError("the browser tests' database could not be made") from self.error
        return self.db_url

    def server(self) -> subprocess.Popen:
        self.thread.join()
        if self.error is not None:
            raise RuntimeError("the app could not be started") from self.error
        return _SERVER["proc"]

    def finish(self) -> None:
        """Stop the server, whether or not any browser test ran (e.g. an earlier test failed with ``-x``)."""
        self.cancelled = True
        self.thread.join()
        if _SERVER.get("proc") is not None and _SERVER["proc"].poll() is None:
            _stop(_SERVER["proc"])


_PREPARATION: list[_AppPreparation] = []


def _preparation(config: pytest.Config) -> _AppPreparation:
    if not _PREPARATION:
        # The session's own temporary folders (kept for the last few runs, like tmp_path_factory's).
        _PREPARATION.append(_AppPreparation(config._tmp_path_factory.mktemp("e2e")))
    return _PREPARATION[0]


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start making the app now if any browser test is to run (see ``_AppPreparation``)."""
    here = Path(__file__).parent
    if not session.config.option.collectonly and any(item.path.is_relative_to(here) for item in session.items):
        _preparation(session.config)


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _PREPARATION:
        _PREPARATION[0].finish()


@pytest.fixture(scope="session")
def e2e_db_url(pytestconfig) -> str:
    """A migrated SQLite database holding the demo programme."""
    return _preparation(pytestconfig).database_url()


@pytest.fixture(scope="session")
def app_log(pytestconfig) -> Path:
    """Where the app's server writes everything it prints (its stdout and stderr)."""
    return _preparation(pytestconfig).log


@pytest.fixture(scope="session")
def app_url(pytestconfig) -> str:
    """The app served by ``reflex run --env prod`` in its own process group."""
    if not os.environ.get("TEST_REDIS_URL") and os.environ.get("CI") == "true":
        pytest.fail("TEST_REDIS_URL must be set in CI: the browser tests run on Redis with several workers")
    preparation = _preparation(pytestconfig)
    proc = preparation.server()
    try:
        _wait_for(f"{BASE_URL}/ping", 300, proc, preparation.log)
        _wait_for(f"{BASE_URL}/sign-in/", 60, proc, preparation.log)
        yield BASE_URL
    finally:
        _stop(_SERVER["proc"])


_SERVER: dict = {}
"""The running app server's process, build folder, environment and log (for ``restart_server``)."""


def _stop(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@pytest.fixture
def restart_server(app_url):
    """Stop the app's server and, when the test says so, start it again from the same build.

    Returns ``(stop, start)``: ``stop()`` ends the server (pages already open lose their
    connection and the server's in-memory state is gone, as in a real restart); ``start()``
    serves the same build on the same port without rebuilding (tests/e2e/serve_built.py).
    The server is running again when the test ends, whatever happened.
    """
    def stop() -> None:
        _stop(_SERVER["proc"])

    def start() -> None:
        with _SERVER["log"].open("a") as out:
            _SERVER["proc"] = subprocess.Popen(
                [sys.executable, str(Path(__file__).with_name("serve_built.py")), str(PORT)],
                cwd=_SERVER["app_dir"], env=_SERVER["env"], stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)
        _wait_for(f"{BASE_URL}/ping", 120, _SERVER["proc"], _SERVER["log"])
        _wait_for(f"{BASE_URL}/sign-in/", 60, _SERVER["proc"], _SERVER["log"])

    yield stop, start
    if _SERVER["proc"].poll() is not None:
        start()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    ensure_axe()
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("chromium is not installed: `make test` installs Debian's chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def new_page(browser, app_url):
    """Open a fresh browser context (a fresh Reflex token and no cookies) per call.

    axe-core checks every page the context shows (see tests/e2e/axe.py); a violation fails the test.
    """
    contexts = []

    def _open():
        context = browser.new_context(base_url=app_url)
        watch_context(context)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20000)
        return page

    yield _open
    for context in contexts:
        context.close()
    for context in contexts:
        assert_no_violations(context)


@pytest.fixture
def page(new_page):
    """A fresh page in a fresh context."""
    return new_page()


@pytest.fixture
def today() -> date:
    return date.today()
