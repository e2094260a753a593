"""Password hashing with argon2id."""

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()  # argon2id with the library's recommended parameters
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))

MIN_PASSWORD_LENGTH = 12


def hash_password(password: str) -> str:
    """The argon2id hash of ``password``."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches; takes as long for an unknown user (``None``)."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def generate_password() -> str:
    """A random password to show once (about 100 bits)."""
    return secrets.token_urlsafe(16)


_generated_hasher = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)


def hash_generated_password(password: str) -> str:
    """The argon2id hash of a password ``generate_password`` made, with light parameters.

    Key stretching protects passwords people choose; a generated one holds about 128 random
    bits, which no amount of guessing reaches, so creating many accounts at once (a programme
    import) need not spend 0.1 s of memory-hard hashing on each. ``verify_password`` reads the
    parameters from the hash, so both kinds verify alike.
    """
    return _generated_hasher.hash(password)
