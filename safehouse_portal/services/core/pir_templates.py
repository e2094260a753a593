"""A PIR template version, read once per process: its stored document is parsed on first use only.

Template rows are never changed once stored (a new version is a new row), so the parsed
``Template`` of a row is kept, keyed by the database, the row's id and its version and
import time (a cheap query without the document): another database, or a row replaced
under the same id (tests), is never confused with the one kept.
"""

from threading import Lock

from sqlalchemy import bindparam
from sqlmodel import Session, select

from safehouse_portal.db import PirTemplate
from safehouse_portal.db.engine import read_rows
from safehouse_portal.domain.pir import Template, template_from_definition

_PARSED: dict[tuple, Template] = {}
_LOCK = Lock()
_MAX = 64
_STAMP = select(PirTemplate.version, PirTemplate.imported_at).where(PirTemplate.id == bindparam("template_id"))
"""A row's stamp, the key of its parsed template (built once: read whenever a caller has not read it)."""


def template_by_id(session: Session, template_id: int, stamp: tuple | None = None) -> Template | None:
    """The parsed template of row ``template_id``, or None when there is no such row.

    ``stamp`` is the row's (version, imported_at) when the caller read it in its own query
    (a PIR return joined to its template): no statement is needed then to find a kept template.
    """
    if stamp is None:
        stamp = read_rows(session, _STAMP, {"template_id": template_id}).first()
    if stamp is None:
        return None
    key = (str(session.get_bind().url), template_id, stamp[0], stamp[1])
    found = _PARSED.get(key)
    if found is not None:
        return found
    row = session.get(PirTemplate, template_id)
    parsed = template_from_definition(row.definition)
    with _LOCK:
        if len(_PARSED) >= _MAX:
            _PARSED.clear()
        _PARSED[key] = parsed
    return parsed
