"""The import page's handlers called as a browser would, forged arguments and the wrong people included."""


import pytest
from sqlmodel import func, select

from safehouse_portal.db import Location, Provider
from safehouse_portal.domain.enums import Role
from safehouse_portal.portals.programme.programme_import import ProgrammeImportState
from tests.integration.providers.programme_sheets import INSPECTOR_EMAIL, csv_bytes, row, two_providers
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call


class FakeUpload:
    def __init__(self, name: str, content: bytes) -> None:
        self.filename, self._content = name, content

    async def read(self, size: int = -1) -> bytes:
        return self._content if size < 0 else self._content[:size]


@pytest.fixture
def people(session):
    f.user(session, INSPECTOR_EMAIL, Role.INSPECTOR)
    harbour = f.provider(session, "Existing Trust")
    return {"pm": f.user(session, "pm@cqc.test", Role.PROGRAMME_MANAGER),
            "admin": f.user(session, "admin@cqc.test", Role.ADMIN),
            "lead": f.user(session, "lead@existing.test", Role.PROVIDER_LEAD, harbour),
            "inspector": session.exec(select(f.User).where(f.User.email == INSPECTOR_EMAIL)).one()}


def locations(session) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(Location)).one()


def upload(state, content: bytes) -> None:
    call(state, "upload", [FakeUpload("programme.csv", content)])


@pytest.mark.parametrize("who", ["pm", "admin"])
def test_a_manager_sees_the_dry_run_then_confirms_and_sees_the_passwords_once(session, browser_as, people, who):
    state = browser_as(people[who], ProgrammeImportState, "/programme/import")
    upload(state, csv_bytes(two_providers()))
    assert state.checked and state.problems == [] and len(state.preview.created) == 7
    assert locations(session) == 0
    call(state, "confirm")
    assert state.imported and locations(session) == 3
    assert {a.email for a in state.outcome.accounts} == {"eleanor@harbour.test", "kwame@north.test"}
    assert all(a.password for a in state.outcome.accounts) and state._content == b""
    call(state, "load")
    assert state.outcome.accounts == []


def test_a_bad_file_lists_every_problem_and_cannot_be_confirmed(session, browser_as, people):
    state = browser_as(people["pm"], ProgrammeImportState, "/programme/import")
    upload(state, csv_bytes([row(kind="hostel"), row(location="Ash", region="Mars")]))
    assert state.problems[0] == "row 2, column kind: Enter safehouse or outreach (not 'hostel')"
    assert state.problems[1].startswith("row 3, column region:") and len(state.problems) == 2
    call(state, "confirm")
    assert not state.imported and locations(session) == 0


@pytest.mark.parametrize("who", ["lead", "inspector"])
def test_a_provider_lead_or_inspector_cannot_import_even_by_forging_calls(session, browser_as, people, who):
    state = browser_as(people[who], ProgrammeImportState, "/programme/import")
    call(state, "load")
    assert state.not_permitted
    upload(state, csv_bytes(two_providers()))
    assert not state.checked and state.preview.created == []
    state.checked, state._content = True, csv_bytes(two_providers())
    call(state, "confirm")
    assert not state.imported and locations(session) == 0
    assert session.exec(select(func.count()).select_from(Provider)).one() == 1


@pytest.mark.parametrize("files", [None, "x", [], ["not a file"], [FakeUpload("a.csv", b""), FakeUpload("b", b"")]])
def test_forged_upload_arguments_are_refused_plainly(browser_as, people, files):
    state = browser_as(people["pm"], ProgrammeImportState, "/programme/import")
    call(state, "upload", files)
    assert state.problems and not state.checked
