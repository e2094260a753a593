"""Inspectors' availability for planning: programme managers keep everyone's, each inspector their own.

The service decides whose rows a person sees and may change (``services/planning/availability``);
the page shows one card per inspector it gets back. A programme manager can also paste the
availability CSV or choose it as a file: every error is listed by row and column, and nothing is saved unless all
rows are right. Errors show in the card whose form was sent, and the summary takes the focus.
"""

import reflex as rx

from safehouse_portal.domain.ids import parse_id
from safehouse_portal.portals.planning import availability_parts as parts
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.edge import form_fields
from safehouse_portal.portals.shared.shell import page
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.planning import availability as av
from safehouse_portal.services.planning.availability import InspectorAvailabilityRow

NOT_A_CSV = f"The file must be a CSV file (UTF-8 text) of at most {av.PASTE_LENGTH:,} characters"


class AvailabilityState(AuthState):
    """The inspectors' rows this person may see, and the outcome of the last change."""

    rows: list[InspectorAvailabilityRow] = []
    can_manage: bool = False
    errors: dict[str, str] = {}
    error_user_id: int = 0
    message: str = ""
    message_user_id: int = 0
    import_errors: list[str] = []
    import_message: str = ""

    def _refresh(self, session, actor) -> None:
        self.rows = av.availability(session=session, actor=actor)
        self.can_manage = access.may(actor, Action.MANAGE_AVAILABILITY)

    @rx.event
    def load(self):
        self.reset()
        return self._load_page(self._refresh)

    @rx.event
    def save(self, form: dict):
        """Set one inspector's home region, 4-week limit and skills."""
        data = form_fields(form)
        user_id = parse_id(data.get("user_id"))
        skills = [key.removeprefix(parts.SKILL_PREFIX) for key, value in data.items()
                  if key.startswith(parts.SKILL_PREFIX) and value]
        return self._act(user_id, lambda s, a: av.save_availability(
            session=s, actor=a, user_id=user_id, home_region=data.get("home_region", ""),
            max_leads=data.get("max_leads_per_4_weeks", ""), skills=skills), "Availability saved.")

    @rx.event
    def add_days_off(self, form: dict):
        """Record leave or other days one inspector cannot inspect."""
        data = form_fields(form)
        user_id = parse_id(data.get("user_id"))
        return self._act(user_id, lambda s, a: av.add_days_off(
            session=s, actor=a, user_id=user_id, first_day=data.get("first_day", ""),
            last_day=data.get("last_day", ""), reason=data.get("reason", "")), "Days off added.")

    @rx.event
    def remove_days_off(self, user_id: int, days_off_id: int):
        """Remove a span of days off (the service checks whose it is, whatever ``user_id`` says)."""
        return self._act(parse_id(user_id), lambda s, a: av.remove_days_off(session=s, actor=a, days_off_id=days_off_id),
                         "Days off removed.")

    @rx.event
    def import_csv(self, form: dict):
        """Set many inspectors' availability from pasted CSV: all rows or none."""
        return self._import_text(form_fields(form).get("csv", ""))

    @rx.event
    async def upload_csv(self, files: list[rx.UploadFile]):
        """Set many inspectors' availability from a chosen CSV file: all rows or none."""
        if not isinstance(files, list) or len(files) != 1 or not hasattr(files[0], "read"):
            return self._import_refused(NOT_A_CSV)
        content = await files[0].read(av.PASTE_LENGTH * 4 + 1)
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            return self._import_refused(NOT_A_CSV)
        return self._import_text(text)

    @rx.event
    def upload_rejected(self, rejections: list):
        """The browser refused the file before sending it (too big, or not a CSV)."""
        return self._import_refused(NOT_A_CSV)

    def _import_refused(self, why: str):
        self.import_errors, self.import_message, self.message, self.errors = [why], "", "", {}
        return rx.set_focus("import-errors")

    def _import_text(self, text: str):
        self.import_errors, self.import_message, self.message, self.errors = [], "", "", {}
        if not isinstance(text, str) or len(text) > av.PASTE_LENGTH:
            self.import_errors = [f"Import at most {av.PASTE_LENGTH:,} characters at a time; split the file"]
            return rx.set_focus("import-errors")
        done, result = self._run(lambda s, a: av.import_availability(session=s, actor=a, text=text),
                                 errors_field=None, refresh=self._refresh)
        if not done:
            self.import_errors = [self._refusal_text(result)]
        elif result.errors:
            self.import_errors = result.errors
        else:
            self.import_message = f"Availability saved for {result.saved} inspector(s)."
            return rx.set_focus("import-done")
        return rx.set_focus("import-errors")

    def _act(self, user_id: int | None, action, success: str):
        self.message, self.import_message, self.import_errors = "", "", []
        self.error_user_id = self.message_user_id = user_id or 0
        done, _ = self._run(action, refresh=self._refresh)
        if done:
            self.message = success
            return rx.set_focus(f"av-message-{user_id}")
        return rx.set_focus("av-errors")


def availability_page() -> rx.Component:
    """The page at ``/availability``."""
    state = AvailabilityState
    return page(
        "Availability for planning",
        rx.el.p("The planner places inspections only when the team is free and near enough, and never lets an "
                "inspector lead more inspections in any 4 weeks than their limit.", class_name="caption"),
        parts.errors_box(state),
        parts.summary(state),
        rx.cond(state.can_manage, rx.el.p(rx.el.a("Import availability from a CSV", href="#av-import-section"))),
        rx.foreach(state.rows, lambda row: parts.inspector_card(state, row)),
        rx.cond(state.rows.length() == 0, rx.el.p("There are no active inspectors.")),
        rx.cond(state.can_manage, parts.import_box(state)),
    )
