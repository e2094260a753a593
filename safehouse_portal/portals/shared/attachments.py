"""Keeping the files a provider attaches to a form, before the form itself is sent.

The files chosen in one go are kept in one unit of work through the page's run helper
(``AuthState._run``), so they are checked as the signed-in person and their bytes reach
the disk only when their rows commit.
"""

from safehouse_portal.domain.uploads import MAX_BYTES

from safehouse_portal.domain.uploads import MAX_FILES_PER_UPLOAD
from safehouse_portal.services.core import files
from safehouse_portal.services.core.errors import InvalidInput


async def store_uploads(state, uploads: object, purpose: str, limit: int = MAX_FILES_PER_UPLOAD) -> None:
    """Check and keep each uploaded file for the provider, adding it to the form's attachments.

    ``state`` is an ``AuthState`` with ``pending`` (what the page lists), ``_pending_ids``
    (what the form sends, kept on the server) and ``upload_error``. A refused file is
    named in the error; the others are kept.
    """
    state.upload_error = ""
    if not isinstance(uploads, list):
        state.upload_error = "Select a file"
        return
    chosen = [await _read(upload) for upload in uploads[:limit]]
    already = len(state._pending_ids)
    ok, outcome = state._run(lambda session, actor: _keep(session, actor, chosen, purpose, limit, already),
                             errors_field=None)
    if not ok:
        state.upload_error = state._refusal_text(outcome)
        return
    kept, problems = outcome
    state._pending_ids = [*state._pending_ids, *(info.id for info in kept)]
    state.pending = [*state.pending, *kept]
    if len(uploads) > limit:
        problems.append(f"You can attach at most {limit} files")
    state.upload_error = ". ".join(problems)


async def _read(upload: object) -> tuple[str, bytes | None]:
    """The upload's name and bytes (None when it is not a file at all)."""
    read = getattr(upload, "read", None)
    if read is None:
        return "", None
    return getattr(upload, "filename", None) or "file", await read(MAX_BYTES + 1)


def _keep(session, actor, chosen: list[tuple[str, bytes | None]], purpose: str, limit: int,
          already: int) -> tuple[list[files.FileInfo], list[str]]:
    """Keep each acceptable file while the form holds fewer than ``limit``; what was kept, and what was wrong."""
    kept: list[files.FileInfo] = []
    problems: list[str] = []
    for name, content in chosen:
        if content is None:
            problems.append("Select a file")
            continue
        if already + len(kept) >= limit:
            problems.append(f"You can attach at most {limit} files")
            break
        try:
            kept.append(files.upload(session=session, actor=actor, name=name, content=content, purpose=purpose))
        except InvalidInput as exc:
            problems.append(f"{name}: {exc.errors.get('file', 'this file cannot be accepted')}")
    return kept, problems
