"""The availability page's handlers, called as a browser would, forged calls included.

A programme manager sees and edits every inspector and imports the CSV (all rows or none);
an inspector sees and edits only their own; a provider lead sees nothing.
"""


from sqlmodel import select

from safehouse_portal import routes
from safehouse_portal.db import InspectorAvailability, InspectorUnavailability
from safehouse_portal.portals.planning.availability_page import NOT_A_CSV, AvailabilityState
from tests.integration.worlds.forged import call

HEADER = "email,home_region,max_leads_per_4_weeks,skills,unavailable\n"


def _page(browser_as, user):
    state = browser_as(user, AvailabilityState, routes.AVAILABILITY)
    call(state, "load")
    return state


def _days_off(session):
    session.expire_all()
    return session.exec(select(InspectorUnavailability)).all()


def test_a_manager_sees_every_inspector_and_an_inspector_only_themselves(session, board_world, browser_as):
    manager = _page(browser_as, board_world["manager"])
    assert [r.email for r in manager.rows] == ["insp@cqc.test", "other@cqc.test"] and manager.can_manage
    inspector = _page(browser_as, board_world["inspector"])
    assert [r.email for r in inspector.rows] == ["insp@cqc.test"] and not inspector.can_manage


def test_a_provider_lead_is_not_permitted(session, board_world, browser_as):
    state = _page(browser_as, board_world["lead"])
    assert state.not_permitted and state.rows == []
    call(state, "add_days_off", {"user_id": str(board_world["inspector"].id), "first_day": "2027-03-01",
                                 "last_day": "", "reason": "Leave"})
    assert _days_off(session) == []


def test_an_inspector_adds_and_removes_their_own_days_off(session, board_world, browser_as):
    me = board_world["inspector"]
    state = _page(browser_as, me)
    call(state, "add_days_off", {"user_id": str(me.id), "first_day": "2027-03-01", "last_day": "2027-03-05",
                                 "reason": "Leave"})
    assert state.errors == {} and state.message == "Days off added."
    assert [d.label for d in state.rows[0].days_off] == ["1 March 2027 to 5 March 2027"]
    call(state, "remove_days_off", me.id, state.rows[0].days_off[0].id)
    assert state.rows[0].days_off == [] and _days_off(session) == []


def test_an_inspector_cannot_edit_another_inspectors_availability(session, board_world, browser_as):
    other = board_world["other_inspector"]
    manager = _page(browser_as, board_world["manager"])
    call(manager, "add_days_off", {"user_id": str(other.id), "first_day": "2027-03-01", "last_day": "",
                                   "reason": "Training"})
    (theirs,) = _days_off(session)
    state = _page(browser_as, board_world["inspector"])
    call(state, "save", {"user_id": str(other.id), "home_region": "Wales", "max_leads_per_4_weeks": "9"})
    assert state.errors == {"form": state._refused_text}
    call(state, "add_days_off", {"user_id": str(other.id), "first_day": "2027-04-01", "last_day": "",
                                 "reason": "Leave"})
    call(state, "remove_days_off", board_world["inspector"].id, theirs.id)
    call(state, "import_csv", {"csv": HEADER + "other@cqc.test,Wales,9,,\n"})
    assert state.import_errors == [state._refused_text]
    assert [d.id for d in _days_off(session)] == [theirs.id]
    assert session.get(InspectorAvailability, other.id) is None


def test_a_wrong_field_is_shown_on_the_inspectors_card_and_nothing_is_saved(session, board_world, browser_as):
    state = _page(browser_as, board_world["manager"])
    target = board_world["other_inspector"].id
    call(state, "save", {"user_id": str(target), "home_region": "Mars", "max_leads_per_4_weeks": "many",
                         "skill-flying": "on"})
    assert set(state.errors) == {"home_region", "max_leads_per_4_weeks", "skills"}
    assert state.error_user_id == target
    session.expire_all()
    assert session.get(InspectorAvailability, target) is None
    call(state, "save", {"user_id": str(target), "home_region": "Wales", "max_leads_per_4_weeks": "2",
                         "skill-children_safeguarding": "on"})
    assert state.errors == {} and state.message == "Availability saved."
    (row,) = [r for r in state.rows if r.user_id == target]
    assert (row.home_region, row.max_leads, row.skills) == ("Wales", 2, ["children_safeguarding"])


def test_a_pasted_csv_with_errors_lists_them_by_row_and_column_and_saves_nothing(session, board_world, browser_as):
    state = _page(browser_as, board_world["manager"])
    call(state, "import_csv", {"csv": HEADER + "insp@cqc.test,London,2,,2027-01-04\nnobody@cqc.test,Mars,2,,\n"})
    assert state.import_errors == ["Row 3, column home_region: Choose a region: " + ", ".join(
        ["North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands",
         "East of England", "London", "South East", "South West", "Wales"]),
        "Row 3, column email: No inspector has this email address"]
    assert session.exec(select(InspectorAvailability)).all() == [] and _days_off(session) == []
    call(state, "import_csv", {"csv": HEADER + "insp@cqc.test,London,2,,2027-01-04\n"})
    assert state.import_errors == [] and state.import_message == "Availability saved for 1 inspector(s)."
    assert [r.home_region for r in state.rows if r.email == "insp@cqc.test"] == ["London"]


class _File:
    """What Reflex hands an upload handler: a name and bytes to read."""

    def __init__(self, content: bytes) -> None:
        self.filename, self._content = "availability.csv", content

    async def read(self, size: int = -1) -> bytes:
        return self._content if size < 0 else self._content[:size]


def test_a_chosen_csv_file_is_imported_like_a_pasted_one(session, board_world, browser_as):
    state = _page(browser_as, board_world["manager"])
    call(state, "upload_csv", [_File(b"\xef\xbb\xbf" + (HEADER + "insp@cqc.test,Wales,2,,\n").encode())])
    assert state.import_errors == [] and state.import_message == "Availability saved for 1 inspector(s)."
    assert [r.home_region for r in state.rows if r.email == "insp@cqc.test"] == ["Wales"]


def test_a_file_that_is_not_csv_text_or_a_forged_upload_is_refused_plainly(session, board_world, browser_as):
    state = _page(browser_as, board_world["manager"])
    for files in ([_File(b"\xff\xfe\x00binary")], "not files", [_File(b"a"), _File(b"b")]):
        call(state, "upload_csv", files)
        assert state.import_errors == [NOT_A_CSV]
    assert session.exec(select(InspectorAvailability)).all() == []


def test_an_inspector_cannot_import_a_file(session, board_world, browser_as):
    state = _page(browser_as, board_world["inspector"])
    call(state, "upload_csv", [_File((HEADER + "other@cqc.test,Wales,9,,\n").encode())])
    assert state.import_errors == [state._refused_text]
    assert session.get(InspectorAvailability, board_world["other_inspector"].id) is None
