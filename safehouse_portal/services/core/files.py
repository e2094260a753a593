"""Files providers upload: checked by content, kept outside the web root, given only to those allowed.

Each file is stored under a random name in ``Settings.upload_dir`` (``SAFEHOUSE_UPLOAD_DIR``,
``<project>/var/uploads`` by default), never under the name it came with, and belongs to one provider. Its bytes
reach that name only once the row naming them commits; until then they wait in a ``.part`` file
that a rollback removes, so a failed save leaves no file behind. Only people
allowed to see that provider's data may download it: the provider's own lead, programme
managers, and inspectors designated to the provider or inspecting it. Each download is
recorded in the audit trail.
"""

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from safehouse_portal.db import StoredFile
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.uploads import CONTENT_TYPES, FileKind, check_upload, display_name
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.access_facts import provider_facts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.services.core import uow
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied
from safehouse_portal.settings import get_settings

PURPOSES = frozenset({"pir", "info_request", "recommendation", "fa_comment"})


@dataclass(frozen=True)
class FileInfo:
    """A stored file as people see it: its name and size, and its id to download it by."""

    id: int = 0
    name: str = ""
    size_text: str = ""
    uploaded_on: str = ""


@dataclass(frozen=True)
class Download:
    """What the download route sends: the bytes' path, their real type and a safe name."""

    path: Path
    name: str
    content_type: str
    size: int


def upload_dir() -> Path:
    """Where files are kept: ``SAFEHOUSE_UPLOAD_DIR``, or ``var/uploads`` in the project."""
    return get_settings().upload_dir


def upload(*, session: Session, actor: Actor | None, name: object, content: object, purpose: str) -> FileInfo:
    """Keep a file the signed-in provider lead uploaded, for their own provider.

    Raises:
        PermissionDenied: The actor is not a provider lead.
        InvalidInput: ``file``: the file is empty, too big or not an allowed kind.
    """
    actor = access.admit(actor, Action.ACT_AS_PROVIDER)
    return file_info(store(session=session, actor=actor, name=name, content=content, purpose=purpose))


def store(*, session: Session, actor: Actor, name: object, content: object, purpose: str) -> StoredFile:
    """Check the file and add its row; the bytes are kept once the caller's unit of work commits."""
    access.require_own_provider(actor)
    if purpose not in PURPOSES:
        raise InvalidInput({"purpose": "Unknown purpose"})
    if not isinstance(content, bytes):
        raise InvalidInput({"file": "Select a file"})
    checked = check_upload(content)
    if not checked.accepted:
        raise InvalidInput({"file": checked.error})
    key = secrets.token_hex(32)
    row = StoredFile(provider_id=actor.provider_id, original_name=display_name(name if isinstance(name, str) else "",
                                                                                checked.kind),
                     content_type=CONTENT_TYPES[checked.kind], size=len(content),
                     sha256=hashlib.sha256(content).hexdigest(), storage_key=key, purpose=purpose,
                     uploaded_by_id=actor.user_id)
    session.add(row)
    session.flush()
    _keep_on_commit(session, upload_dir() / key, content)
    audit.record(session=session, actor=actor, action="file.uploaded", entity_type="stored_file", entity_id=row.id,
                 after={"name": row.original_name, "size": row.size, "purpose": purpose})
    return row


def _keep_on_commit(session: Session, path: Path, content: bytes) -> None:
    """Write the bytes beside ``path`` now, readable by the server's user only; move them there on commit.

    Writing before the commit means a full disk refuses the save instead of leaving a row
    without its file; the ``.part`` name is never served and is removed on rollback.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".part")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(content)
    uow.after_commit(session, lambda: os.replace(temporary, path))
    uow.on_rollback(session, lambda: temporary.unlink(missing_ok=True))


def file_info(row: StoredFile) -> FileInfo:
    return FileInfo(row.id, row.original_name, size_text(row.size), format_date(row.uploaded_at.date()))


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def infos(session: Session, provider_id: int, ids: list[int]) -> dict[int, FileInfo]:
    """The files among ``ids`` that belong to ``provider_id`` (others are left out)."""
    wanted = [i for i in ids if isinstance(i, int) and not isinstance(i, bool)]
    if not wanted:
        return {}
    rows = session.exec(select(StoredFile).where(StoredFile.id.in_(wanted),
                                                 StoredFile.provider_id == provider_id)).all()
    return {row.id: file_info(row) for row in rows}


def owned_ids(session: Session, provider_id: int, ids: object, *, field: str = "files") -> list[int]:
    """``ids`` checked to be files of ``provider_id``, or InvalidInput (forged or foreign ids)."""
    if ids is None:
        return []
    if not isinstance(ids, list) or len(ids) > 20 or \
            any(parse_id(i, text=False) is None for i in ids):
        raise InvalidInput({field: "The attached files could not be read. Upload them again."})
    unique = list(dict.fromkeys(ids))
    if len(infos(session, provider_id, unique)) != len(unique):
        raise InvalidInput({field: "The attached files could not be read. Upload them again."})
    return unique


def open_download(*, session: Session, actor: Actor | None, file_id: object) -> Download:
    """The file to send, if the actor may see its provider's data.

    Raises:
        NotFound: No such file, or the actor may not have it (the two are not told apart,
            so ids of other providers' files reveal nothing).
    """
    if actor is None:
        raise PermissionDenied()
    if parse_id(file_id, text=False) is None:
        raise NotFound("No such file")
    row = session.get(StoredFile, file_id)
    if row is None or not access.may(actor, Action.VIEW_PROVIDER_RECORDS, provider_facts(session, row.provider_id)):
        raise NotFound("No such file")
    path = upload_dir() / row.storage_key
    if not path.is_file():
        raise NotFound("No such file")
    kind = next((k for k, v in CONTENT_TYPES.items() if v == row.content_type), FileKind.PDF)
    audit.record(session=session, actor=actor, action="file.downloaded", entity_type="stored_file", entity_id=row.id,
                 after={"name": row.original_name})
    return Download(path, row.original_name, CONTENT_TYPES[kind], row.size)
