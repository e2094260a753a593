"""Known devices: browsers that signed in as a user recently, so lockout never keeps the owner out.

Each successful sign-in gives the browser a new random token (an HttpOnly cookie) and keeps
only its SHA-256 against the user, for ``DEVICE_DAYS``. The token presented is spent (a
new one replaces it), expired rows go, and a user keeps at most ``MAX_DEVICES_PER_USER``,
so the table grows only with real sign-ins.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, delete, select

from safehouse_portal.db import KnownDevice

DEVICE_DAYS = 30
MAX_DEVICES_PER_USER = 10


def device_digest(token: str) -> str:
    """The stored form of a known-device token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def known_device(*, session: Session, user_id: int, token: str | None, now: datetime) -> str | None:
    """The digest of ``token`` when it is a live known device of this user, else None."""
    if not token or len(token) > 200:
        return None
    digest = device_digest(token)
    row = session.exec(select(KnownDevice).where(KnownDevice.token_sha256 == digest,
                                                 KnownDevice.user_id == user_id)).first()
    return digest if row is not None and row.expires_at > now else None


def remember_device(*, session: Session, user_id: int, replaces: str | None, now: datetime) -> str:
    """Record a new known device for the user and return its raw token (for the cookie only).

    Args:
        session: the sign-in's unit of work.
        user_id: who signed in.
        replaces: the digest of the known-device token the browser presented, now spent.
        now: the moment of sign-in.
    """
    session.exec(delete(KnownDevice).where(KnownDevice.user_id == user_id, KnownDevice.expires_at <= now))
    if replaces is not None:
        session.exec(delete(KnownDevice).where(KnownDevice.token_sha256 == replaces))
    kept = session.exec(select(KnownDevice.id).where(KnownDevice.user_id == user_id)
                        .order_by(KnownDevice.created_at.desc(), KnownDevice.id.desc())).all()
    for surplus in kept[MAX_DEVICES_PER_USER - 1:]:
        session.exec(delete(KnownDevice).where(KnownDevice.id == surplus))
    token = secrets.token_urlsafe(32)
    session.add(KnownDevice(user_id=user_id, token_sha256=device_digest(token), created_at=now,
                            expires_at=now + timedelta(days=DEVICE_DAYS)))
    return token
