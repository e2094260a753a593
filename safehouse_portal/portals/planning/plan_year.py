"""Plan the year: a programme manager runs the solver, watches it work, and accepts what they keep.

The run is a background event: its first step checks the form and gathers the programme
(one unit of work), then a solver thread (``services/planning/runs``) works while the event
asks every half second how it goes. The finished plan's inputs and answer stay on the server
(``_inputs``, ``_plan``); the browser gets the rows it shows. Accepting creates planned
inspections through ``plan.accept``; the next run keeps them fixed unless released.
"""

import asyncio
from dataclasses import replace

import reflex as rx

from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.planning import Plan
from safehouse_portal.portals.planning import plan_form, plan_results
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.edge import form_fields, programme_today
from safehouse_portal.portals.shared.shell import page
from safehouse_portal.services.core.errors import PermissionDenied
from safehouse_portal.services.planning import plan as planning
from safehouse_portal.services.planning import plan_show, runs
from safehouse_portal.services.planning.plan import PlanInputs, PlanRow, UnplacedRow
from safehouse_portal.services.planning.plan_request import (
    ACCEPT_PREFIX, DEFAULT_TIME_LIMIT, ReleaseChoice, prepare, release_choices,
)
from safehouse_portal.services.planning.plan_show import PlanOutcome, PlanTables

POLL_SECONDS = 0.5
LOST = "The planner's run was lost (the server may have restarted). Run it again."


class PlanYearState(AuthState):
    """The form's defaults, the run's progress, and the finished plan's rows."""

    errors: dict[str, str] = {}
    default_day: str = ""
    default_month: str = ""
    default_year: str = ""
    releasable: list[ReleaseChoice] = []
    running: bool = False
    run_id: str = ""
    progress_seconds: str = ""
    progress_value: float = 0.0
    progress_max: int = DEFAULT_TIME_LIMIT
    plans_found: int = 0
    gap_text: str = ""
    cancelling: bool = False
    outcome: PlanOutcome = PlanOutcome()
    rows: list[PlanRow] = []
    unplaced: list[UnplacedRow] = []
    tables: PlanTables = PlanTables()
    notes: list[str] = []
    accepted: list[PlanRow] = []
    _inputs: PlanInputs | None = None
    _plan: Plan | None = None
    _owner_id: int = 0
    _time_limit: int = DEFAULT_TIME_LIMIT

    @rx.event
    def load(self):
        self.reset()
        today = programme_today()
        self.default_day, self.default_month, self.default_year = str(today.day), str(today.month), str(today.year)
        return self._load_page(self._fill_choices)

    def _fill_choices(self, session, actor) -> None:
        self.releasable = release_choices(session=session, actor=actor)

    @rx.event(background=True)
    async def run(self, form: dict):
        """Check the form, start the solver, then report its progress until it ends."""
        async with self:
            going = self._start(form_fields(form))
        while going:
            await asyncio.sleep(POLL_SECONDS)
            async with self:
                going = self._poll()

    def _start(self, form: dict[str, str]) -> bool:
        if self.running:
            return False
        self._clear_plan()
        done, result = self._run(lambda session, actor: self._begin(session, actor, form))
        if done:
            self.running, self.run_id = True, result
        return done

    def _begin(self, session, actor, form: dict[str, str]) -> str:
        request, inputs = prepare(session=session, actor=actor, today=programme_today(), form=form)
        self._inputs, self._owner_id, self._time_limit = inputs, actor.user_id, request.time_limit
        self.progress_max = request.time_limit
        return runs.start(owner=actor.user_id, problem=inputs.problem, time_limit=request.time_limit)

    def _poll(self) -> bool:
        """Show the run's progress; when it has ended, its plan. False once there is nothing more to ask."""
        done, status = self._run(lambda session, actor: runs.status(owner=self._owner_of(actor), run_id=self.run_id),
                                 errors_field=None)
        if not done:
            self.running, self.errors = False, {"form": LOST}
            return False
        self.progress_seconds = f"{status.seconds:.0f}"
        self.progress_value = min(status.seconds, status.time_limit)
        self.plans_found, self.gap_text = status.plans_found, plan_show.gap_words(status.gap)
        if not status.finished:
            return True
        done, plan = self._run(lambda session, actor: runs.collect(owner=self._owner_of(actor), run_id=self.run_id),
                               errors_field=None)
        self.running, self.cancelling = False, False
        if not done:
            self.errors = {"form": LOST}
            return False
        self._plan = plan
        self._show(failed=status.failed)
        return False

    def _owner_of(self, actor) -> int:
        """The acting person, when they are who started this page's run; anyone else is refused."""
        owner = runs.planner(actor)
        if owner != self._owner_id:
            raise PermissionDenied()
        return owner

    @rx.event
    def cancel(self, run_id: str):
        """Stop the run: the best plan found so far is shown."""
        done, _ = self._run(lambda session, actor: runs.cancel(owner=runs.planner(actor), run_id=run_id))
        if done:
            self.cancelling = True

    @rx.event
    def accept(self, form: dict):
        """Plan the inspections whose boxes are ticked."""
        ids = [key.removeprefix(ACCEPT_PREFIX) for key, value in form_fields(form).items()
               if key.startswith(ACCEPT_PREFIX) and value]
        return self._accept([parse_id(i) or -1 for i in ids])

    @rx.event
    def accept_all(self):
        """Plan every inspection of the plan."""
        return self._accept(None)

    def _accept(self, group_ids: list[int] | None):
        inputs, plan = self._inputs, self._plan
        if inputs is None or plan is None or self.running:
            self.errors = {"accept": "Run the planner first, then choose inspections to accept"}
            return rx.set_focus("plan-errors")

        def work(session, actor):
            self._owner_of(actor)
            made = planning.accept(session=session, actor=actor, today=programme_today(), inputs=inputs, plan=plan,
                                   group_ids=group_ids)
            self._fill_choices(session, actor)
            return made

        done, _ = self._run(work)
        if not done:
            return rx.set_focus("plan-errors")
        taken = {p.group_id for p in plan.inspections} if group_ids is None else set(group_ids)
        self.accepted = [*self.accepted, *[r for r in self.rows if r.group_id in taken]]
        self._plan = replace(plan, inspections=tuple(p for p in plan.inspections if p.group_id not in taken))
        self._show(keep_outcome=True)
        return rx.set_focus("plan-accepted")

    def _show(self, *, failed: str = "", keep_outcome: bool = False) -> None:
        view = planning.plan_view(self._inputs, self._plan)
        if not keep_outcome:
            self.outcome = plan_show.outcome(self._plan, view, time_limit=self._time_limit, failed=failed)
        self.rows, self.unplaced, self.notes = view.inspections, view.unplaced, list(self._plan.notes)
        self.tables = plan_show.tables(view)

    def _clear_plan(self) -> None:
        self._inputs, self._plan = None, None
        self.outcome, self.rows, self.unplaced, self.tables, self.notes = PlanOutcome(), [], [], PlanTables(), []
        self.accepted, self.run_id, self.cancelling = [], "", False
        self.progress_seconds, self.progress_value, self.plans_found, self.gap_text = "0", 0.0, 0, "no plan yet"


def plan_year_page() -> rx.Component:
    """The page at ``/programme/plan``."""
    state = PlanYearState
    return page(
        "Plan the year",
        rx.el.p("The planner places one inspection for every active group that has none planned, keeping every "
                "rule of the programme, and explains each placement. Nothing is planned until you accept it.",
                class_name="caption"),
        plan_form.errors_box(state),
        plan_results.accepted(state),
        plan_form.run_form(state),
        plan_form.progress(state),
        plan_results.outcome(state),
        plan_results.unplaced(state),
        plan_results.accept_form(state),
        plan_results.timeline(state),
    )
