"""What the tests of tab states share: Reflex's disk state manager, in a folder of the test's own."""

import pytest
from reflex.istate.manager import disk
from reflex.istate.manager.disk import StateManagerDisk


@pytest.fixture
def manager(tmp_path, monkeypatch):
    """Reflex's disk state manager, writing into a folder of the test's own, with writes debounced."""
    monkeypatch.setattr(disk.prerequisites, "get_states_dir", lambda: tmp_path)
    created = StateManagerDisk()
    created._write_debounce_seconds = 60
    return created
