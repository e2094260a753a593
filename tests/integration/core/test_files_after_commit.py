"""An uploaded file reaches the disk only when the row naming it commits; a failed save leaves no file."""

import pytest
from sqlmodel import Session, select

from safehouse_portal.db import StoredFile
from safehouse_portal.domain.enums import Role
from safehouse_portal.services.core import files, uow
from tests.integration.worlds import factories as f

PDF = b"%PDF-1.4 North Trust's rota"


@pytest.fixture
def lead(session, tmp_path, monkeypatch):
    monkeypatch.setenv("SAFEHOUSE_UPLOAD_DIR", str(tmp_path / "uploads"))
    user = f.user(session, "lead@north.test", Role.PROVIDER_LEAD, f.provider(session, "North Trust"))
    session.commit()
    return f.actor(user)


def _unit(engine):
    return uow.unit_of_work(lambda: Session(engine, expire_on_commit=False))


def _on_disk(tmp_path) -> list[str]:
    folder = tmp_path / "uploads"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_saved_upload_is_on_disk_under_its_key_once_committed(engine, lead, tmp_path):
    with _unit(engine) as session:
        info = files.upload(session=session, actor=lead, name="rota.pdf", content=PDF, purpose="pir")
        assert not (tmp_path / "uploads" / session.get(StoredFile, info.id).storage_key).exists()
    with Session(engine) as reader:
        key = reader.exec(select(StoredFile.storage_key)).one()
    assert _on_disk(tmp_path) == [key] and (tmp_path / "uploads" / key).read_bytes() == PDF


def test_a_failed_save_leaves_no_file_on_disk(engine, lead, tmp_path):
    with pytest.raises(RuntimeError), _unit(engine) as session:
        files.upload(session=session, actor=lead, name="rota.pdf", content=PDF, purpose="pir")
        raise RuntimeError("the answer the file belongs to could not be saved")
    assert _on_disk(tmp_path) == []
    with Session(engine) as reader:
        assert reader.exec(select(StoredFile)).all() == []


def test_a_save_that_fails_at_commit_leaves_no_file_on_disk(engine, lead, tmp_path, monkeypatch):
    def refuse_commit(self):
        raise RuntimeError("the database refused the commit")

    with pytest.raises(RuntimeError), _unit(engine) as session:
        files.upload(session=session, actor=lead, name="rota.pdf", content=PDF, purpose="pir")
        monkeypatch.setattr(type(session), "commit", refuse_commit)
    assert _on_disk(tmp_path) == []
