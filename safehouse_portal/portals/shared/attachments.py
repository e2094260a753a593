"""How this area's handlers run a service call and keep files a provider attaches to a form.

Handlers stay thin: resolve the actor from the session cookie, run one service call in
one session, and turn refusals into field errors the page shows.
"""

from typing import Any, Callable

from safehouse_portal.domain.uploads import MAX_BYTES, MAX_FILES_PER_UPLOAD
from safehouse_portal.services.core import files
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied

REFUSED = "That could not be done: you may not have permission, or it no longer exists."


def act(state, action: Callable[[Any, Any], Any], errors_field: str = "errors") -> tuple[bool, Any]:
    """Run ``action(session, actor)`` as the signed-in person; refusals land in ``errors_field``.

    Returns:
        Whether the call went through, and what it returned.
    """
    setattr(state, errors_field, {})
    actor = state._actor()
    try:
        with state._session() as session:
            return True, action(session, actor)
    except InvalidInput as exc:
        setattr(state, errors_field, dict(exc.errors))
    except (PermissionDenied, NotFound):
        setattr(state, errors_field, {"form": REFUSED})
    return False, None


async def store_uploads(state, uploads: object, purpose: str, limit: int = MAX_FILES_PER_UPLOAD) -> None:
    """Check and keep each uploaded file for the provider, adding it to the form's attachments.

    ``state`` has ``pending`` (what the page lists), ``_pending_ids`` (what the form
    sends, kept on the server) and ``upload_error``. A refused file is named in the
    error; the others are kept.
    """
    state.upload_error = ""
    if not isinstance(uploads, list):
        state.upload_error = "Select a file"
        return
    actor = state._actor()
    problems = []
    for upload in uploads[:limit]:
        read = getattr(upload, "read", None)
        if read is None:
            problems.append("Select a file")
            continue
        content = await read(MAX_BYTES + 1)
        name = getattr(upload, "filename", None) or "file"
        if len(state._pending_ids) >= limit:
            problems.append(f"You can attach at most {limit} files")
            break
        try:
            with state._session() as session:
                info = files.upload(session=session, actor=actor, name=name, content=content, purpose=purpose)
        except InvalidInput as exc:
            problems.append(f"{name}: {exc.errors.get('file', 'this file cannot be accepted')}")
            continue
        except (PermissionDenied, NotFound):
            state.upload_error = REFUSED
            return
        state._pending_ids = [*state._pending_ids, info.id]
        state.pending = [*state.pending, info]
    if len(uploads) > limit:
        problems.append(f"You can attach at most {limit} files")
    state.upload_error = ". ".join(problems)
