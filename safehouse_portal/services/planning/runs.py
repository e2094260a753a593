"""Solver runs started from the "Plan the year" page: each in its own thread, each kept for its owner.

The solver takes seconds to a minute, so a page must not wait for it inside an event: it
starts a run here, then asks how it is going. A run is found by its owner's user id *and*
its id (a random token): asking with another person's id, or a made-up one, reads as no
such run, so one manager can neither watch nor cancel another's. Runs live in this server
process's memory only; a page keeps the finished plan in its own server-side state.

At most ``MAX_RUNNING`` runs solve at once on a server (each uses ``WORKERS`` threads), and
a person has one run at a time: a second start cancels their first.

The solver (OR-Tools, with pandas behind it: about 100 MB) is imported by the first run,
not when the app starts: most workers never plan.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from safehouse_portal.domain.planning import Plan, PlanProblem, relative_gap
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from safehouse_portal.services.planning.model import Progress

MAX_RUNNING = 2
"""Solver runs at once on one server: more would starve the pages of the machine's cores."""
WORKERS = 2
"""Solver threads per run."""
KEEP_SECONDS = 600
"""How long a finished run nobody collected is kept before it is forgotten."""
BUSY = "The planner is busy with other runs. Try again in a minute."

Solver = Callable[..., Plan]


@dataclass(frozen=True)
class RunStatus:
    """How a run is going, as the page shows it while it works."""

    run_id: str = ""
    finished: bool = False
    seconds: float = 0.0
    time_limit: float = 0.0
    plans_found: int = 0
    gap: float | None = None
    """The gap of the best plan so far (None before the first one)."""
    failed: str = ""


@dataclass
class _Run:
    owner: int
    time_limit: float
    cancel: threading.Event = field(default_factory=threading.Event)
    began: float = field(default_factory=time.monotonic)
    progress: Progress | None = None
    plan: Plan | None = None
    failed: str = ""
    ended: float | None = None


_RUNS: dict[str, _Run] = {}
_LOCK = threading.Lock()


def planner(actor: Actor | None) -> int:
    """The user id runs are kept under for ``actor``, once the access policy lets them plan the programme."""
    return access.admit(actor, Action.PLAN_PROGRAMME).user_id


def start(*, owner: int, problem: PlanProblem, time_limit: float, solver: Solver | None = None) -> str:
    """Start solving ``problem`` in a thread for ``owner``; returns the run's id.

    Raises:
        InvalidInput: the server is already running ``MAX_RUNNING`` runs of other people.
    """
    with _LOCK:
        _forget_stale()
        for run in _RUNS.values():
            if run.owner == owner and run.ended is None:
                run.cancel.set()
        running = sum(1 for r in _RUNS.values() if r.ended is None and r.owner != owner)
        if running >= MAX_RUNNING:
            raise InvalidInput({"form": BUSY})
        run_id = secrets.token_urlsafe(16)
        run = _Run(owner=owner, time_limit=time_limit)
        _RUNS[run_id] = run
    threading.Thread(target=_solve, args=(run, problem, solver), name=f"plan-{run_id[:6]}", daemon=True).start()
    return run_id


def status(*, owner: int, run_id: object) -> RunStatus:
    """How ``owner``'s run ``run_id`` is going (refused as not found when it is not theirs)."""
    with _LOCK:
        run = _find(owner, run_id)
        seconds = (run.ended or time.monotonic()) - run.began
        progress = run.progress
        return RunStatus(run_id=str(run_id), finished=run.ended is not None, seconds=round(seconds, 1),
                         time_limit=run.time_limit, plans_found=progress.solutions if progress else 0,
                         gap=relative_gap(progress.objective, progress.bound) if progress else None,
                         failed=run.failed)


def cancel(*, owner: int, run_id: object) -> None:
    """Stop ``owner``'s run: the solver keeps the best plan it found so far."""
    with _LOCK:
        _find(owner, run_id).cancel.set()


def collect(*, owner: int, run_id: object) -> Plan:
    """The finished run's plan, and the run forgotten (refused as not found before it ends)."""
    with _LOCK:
        run = _find(owner, run_id)
        if run.ended is None or run.plan is None:
            raise NotFound()
        del _RUNS[str(run_id)]
        return run.plan


def _find(owner: int, run_id: object) -> _Run:
    run = _RUNS.get(run_id) if isinstance(run_id, str) else None
    if run is None or run.owner != owner:
        raise NotFound()
    return run


def _solve(run: _Run, problem: PlanProblem, solver: Solver | None) -> None:
    def progress(p: Progress) -> None:
        with _LOCK:
            run.progress = p

    try:
        if solver is None:  # imported here, in the run's own thread, never on the event loop
            from safehouse_portal.services.planning.model import solve as solver
        plan = solver(problem, time_limit=run.time_limit, workers=WORKERS, cancel=run.cancel, on_progress=progress)
    except Exception as exc:  # noqa: BLE001  (the page says the run failed; the thread must end either way)
        plan, failure = Plan(status="infeasible"), f"The planner stopped with an error: {type(exc).__name__}"
    else:
        failure = ""
    with _LOCK:
        run.plan, run.failed, run.ended = plan, failure, time.monotonic()


def _forget_stale() -> None:
    now = time.monotonic()
    for run_id in [i for i, r in _RUNS.items() if r.ended is not None and now - r.ended > KEEP_SECONDS]:
        del _RUNS[run_id]
