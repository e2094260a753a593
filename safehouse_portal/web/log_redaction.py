"""Nothing secret reaches the server's log, and no client can make one record large.

When Reflex fails to process an event (an unknown handler, an argument it cannot coerce,
an exception in a handler) it logs the whole ``Event``, whose router data holds the
request headers: the ``Cookie`` header is a live session, and the client token lets
anyone who reads it hydrate that browser tab's state. Reflex 0.10.1 logs through the
standard ``logging`` module only, but the records reach several sinks (Reflex's rich
console and JSON handlers, its optional log file, Granian's and python-socketio's
handlers), each added at its own time and some of them again in every worker process.

So the redaction sits where every record starts instead: ``install()`` wraps the log
record factory, and each record leaves it with its message formatted, its secrets
replaced and its length capped. A traceback is moved into the message (Reflex's
handlers format ``exc_info`` themselves, past any formatter), redacted the same way.
"""

import logging
import re
import traceback

from safehouse_portal.web.cookies import COOKIE_NAME

REDACTED = "<redacted>"
TOKEN = "<token>"  # noqa: S105  (the placeholder written over a token, not a secret)
"""Angle brackets, not square ones: a record that opted into rich markup must not read them as a style."""
LINE_LIMIT = 500
"""Characters kept of any one line: an argument echo is cut here, not a traceback's frame lines."""
RECORD_LIMIT = 20_000
"""Characters kept of one record (the start and the end of a long traceback)."""
_SCAN_LIMIT = 64 * 1024
"""Characters of a record looked at at all, so a megabyte payload costs nothing to redact."""

_SECRET_NAMES = (r"cookie|set-cookie|authorization|proxy-authorization|x-api-key"  # noqa: S105  (names to redact)
                 r"|reflex-client-token|client_token|token|sid")
_QUOTED = re.compile(
    rf"(?P<key>b?(?P<kq>['\"])(?:{_SECRET_NAMES})(?P=kq)\s*[:,]\s*b?)"
    r"(?P<q>['\"])(?:\\.|(?!(?P=q))[^\\\n])*(?:(?P=q)|$)",
    re.IGNORECASE | re.MULTILINE,
)
"""A secret header or token in a dict's or a tuple's repr, or in JSON: ``'cookie': '...'``."""
_VALUE = r"(?P<q>['\"])(?:\\.|(?!(?P=q))[^\\\n])*(?:(?P=q)|$)"
_ASSIGNED = re.compile(
    rf"(?P<key>(?<![\w-])(?:{_SECRET_NAMES})\s*=\s*)(?:{_VALUE}|(?!<)[^\s,;&'\")}}\]]+)",
    re.IGNORECASE | re.MULTILINE,
)
"""A keyword or a query parameter: ``cookie='...'``, ``?token=...&``."""
_HEADER_LINE = re.compile(
    rf"(?P<key>(?<![\w-])(?:{_SECRET_NAMES})\s*:[ \t]*)(?!['\"<]|$).+$",
    re.IGNORECASE | re.MULTILINE,
)
"""A header written out as a line: ``Cookie: a=1; b=2``, ``Authorization: Bearer ...``."""
_SESSION_COOKIE = re.compile(rf"({re.escape(COOKIE_NAME)}\s*=\s*)[^\s;,'\"&\\]+", re.IGNORECASE)
_UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.IGNORECASE)
"""Client tokens are UUIDs, wherever they appear (a message, a state key, a task name)."""


def redact(text: str) -> str:
    """``text`` with cookies, authorisation headers, session cookies and client tokens replaced."""
    text = _QUOTED.sub(lambda m: f"{m['key']}{m['q']}{REDACTED}{m['q']}", text)
    text = _ASSIGNED.sub(lambda m: f"{m['key']}{REDACTED}", text)
    text = _HEADER_LINE.sub(lambda m: f"{m['key']}{REDACTED}", text)
    text = _SESSION_COOKIE.sub(rf"\g<1>{REDACTED}", text)
    return _UUID.sub(TOKEN, text)


def cap(text: str) -> str:
    """``text`` with each line cut at ``LINE_LIMIT`` characters and the whole at ``RECORD_LIMIT``."""
    lines = [_cut(line) for line in text.split("\n")]
    text = "\n".join(lines)
    if len(text) <= RECORD_LIMIT:
        return text
    head, tail = RECORD_LIMIT * 3 // 5, RECORD_LIMIT * 2 // 5
    return f"{text[:head]}\n[... {len(text) - head - tail} characters cut ...]\n{text[-tail:]}"


def clean(text: str) -> str:
    """What may be logged of ``text``: looked at up to ``_SCAN_LIMIT``, redacted, then capped."""
    if len(text) > _SCAN_LIMIT:
        text = text[:_SCAN_LIMIT] + f" [... {len(text) - _SCAN_LIMIT} characters cut]"
    return cap(redact(text))


def clean_record(record: logging.LogRecord) -> logging.LogRecord:
    """Make ``record`` safe to hand to any handler: message formatted, traceback folded in, both cleaned."""
    try:
        message = record.getMessage()
    except Exception:  # a bad format string: keep what there is, as logging itself would report it
        message = f"{record.msg!r} % {record.args!r}"
    if record.exc_info and record.exc_info[0] is not None:
        message = f"{message}\n{''.join(traceback.format_exception(*record.exc_info)).rstrip()}"
        record.exc_info, record.exc_text = None, None
    record.msg, record.args = clean(message), ()
    return record


def install() -> None:
    """Clean every log record of this process as it is made (idempotent).

    Called when the app module is imported, which happens in each worker process
    (forked or spawned) before it serves a request.
    """
    previous = logging.getLogRecordFactory()
    if getattr(previous, "cleans_records", False):
        return

    def factory(*args, **kwargs) -> logging.LogRecord:
        return clean_record(previous(*args, **kwargs))

    factory.cleans_records = True
    logging.setLogRecordFactory(factory)


def _cut(line: str) -> str:
    if len(line) <= LINE_LIMIT:
        return line
    return f"{line[:LINE_LIMIT]} [... {len(line) - LINE_LIMIT} characters cut]"
