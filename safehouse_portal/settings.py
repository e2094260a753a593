"""The one place the application reads its environment: database, Redis, port, file paths, secret key.

Every reader (rxconfig, the engine, file storage, the CLI, the PDF fonts) asks
``get_settings()`` at the moment it needs a value, so a process reads the environment
once and tests that change a variable clear the cache (``get_settings.cache_clear()``)
to be seen. Paths inside the project are derived from where this package lives, never
from the working directory.
"""

import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, IPvAnyNetwork, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "sqlite:///safehouse.db"
DEFAULT_PORT = 3000


class Settings(BaseSettings):
    """The deployment's choices, each from one environment variable.

    An empty variable counts as unset (as the readers this replaced treated it),
    so ``DATABASE_URL=`` still means the SQLite file.

    Attributes:
        database_url: ``DATABASE_URL``; a SQLite file ``safehouse.db`` in the working
            directory (the project root under ``make``) by default.
        redis_url: ``REDIS_URL``; when set, Reflex keeps state in Redis and runs several workers.
        port: ``SAFEHOUSE_PORT`` (``make run PORT=8080`` sets it); Reflex serves on this one port.
        upload_dir: ``SAFEHOUSE_UPLOAD_DIR``; where uploaded files are kept, outside the web root.
        allowed_origins: ``SAFEHOUSE_ALLOWED_ORIGINS``, comma-separated (``https://portal.example.org``);
            the only origins whose pages may call the app with credentials (CORS) or open its
            websocket. Unset means the app's own origins on ``port`` (``cors_allowed_origins``).
            A wildcard is refused: every answer carries a person's session.
        trusted_proxies: ``SAFEHOUSE_TRUSTED_PROXIES``, comma-separated addresses or networks of the
            reverse proxies in front of the app. Only a request from one of them has its
            ``X-Forwarded-For`` (the client's address) and ``X-Forwarded-Proto`` believed.
        secure_cookies: ``SAFEHOUSE_SECURE_COOKIES``; when true every cookie is ``Secure`` whatever
            the request's scheme (for a proxy that ends TLS but is not in ``trusted_proxies``).
        survey_daily_limit: ``SAFEHOUSE_SURVEY_DAILY_LIMIT``; responses one survivor survey link takes
            per day, a flood guard that identifies nobody.
        secret_key: ``SAFEHOUSE_SECRET_KEY``; keys the digests the server keeps to itself (live-update
            channel keys, whose session filled a browser tab's state). Never logged or shown. When
            unset, one is generated into ``secret_key_file`` and read from there ever after.
        secret_key_file: ``SAFEHOUSE_SECRET_KEY_FILE``; ``var/secret_key`` of the project by default,
            so the generated key survives restarts and every worker reads the same one.
        smtp_url: ``SAFEHOUSE_SMTP_URL`` (``smtp://user:pass@host:587?starttls=1``, or ``smtps://`` for TLS
            from the start); where notification emails are sent. Unset, they stay in the outbox and
            admins see them on the Outbox page. A secret (it holds the password): never logged or shown.
        mail_from: ``SAFEHOUSE_MAIL_FROM``; the sender address of notification emails.
        public_url: ``SAFEHOUSE_PUBLIC_URL`` (``https://portal.example.org``); where the links in emails
            point. Unset means the app's own address on ``port``.
        notify_in_background: ``SAFEHOUSE_NOTIFY_IN_BACKGROUND``; whether the app itself runs the
            reminder job and the sender (on by default; off when cron runs ``safehouse notify``).
        workers: ``SAFEHOUSE_WORKERS``; how many backend processes serve the app with ``REDIS_URL``
            (one per core by default; Reflex's own default is two per core plus one, which on a
            small machine only adds lock waits and Redis connections). Without Redis it is always
            one: each tab's state then lives in the one process's memory and disk.
        redis_connections: ``SAFEHOUSE_REDIS_CONNECTIONS``; the most connections each of a worker's
            Redis clients opens (Reflex's state manager and its socket registry each have one; the
            live updates keep 4 more), so a worker never holds more than about twice this many
            however many people are connected (Reflex's own default has no limit). Idle viewers
            hold none: connections follow the events in flight, about two per event. Set below
            that, events wait for a connection, and under overload some fail after 8 s (measured:
            16 or 64 per client lost events at 200 clients on one worker), hence 256.
    """

    model_config = SettingsConfigDict(env_ignore_empty=True, populate_by_name=True, extra="ignore",
                                      frozen=True)

    database_url: str = Field(DEFAULT_DATABASE_URL, validation_alias="DATABASE_URL")
    redis_url: str | None = Field(None, validation_alias="REDIS_URL")
    port: int = Field(DEFAULT_PORT, validation_alias="SAFEHOUSE_PORT", gt=0, lt=65536)
    upload_dir: Path = Field(PROJECT_ROOT / "var" / "uploads", validation_alias="SAFEHOUSE_UPLOAD_DIR")
    survey_daily_limit: int = Field(200, validation_alias="SAFEHOUSE_SURVEY_DAILY_LIMIT", gt=0)
    secret_key: SecretStr | None = Field(None, validation_alias="SAFEHOUSE_SECRET_KEY", min_length=32)
    secret_key_file: Path = Field(PROJECT_ROOT / "var" / "secret_key", validation_alias="SAFEHOUSE_SECRET_KEY_FILE")
    smtp_url: SecretStr | None = Field(None, validation_alias="SAFEHOUSE_SMTP_URL")
    mail_from: str = Field("Safehouse Portal <no-reply@safehouse-portal.invalid>", validation_alias="SAFEHOUSE_MAIL_FROM")
    public_url: str | None = Field(None, validation_alias="SAFEHOUSE_PUBLIC_URL")
    notify_in_background: bool = Field(True, validation_alias="SAFEHOUSE_NOTIFY_IN_BACKGROUND")
    workers_wanted: int | None = Field(None, validation_alias="SAFEHOUSE_WORKERS", gt=0, le=64)
    redis_connections: int = Field(256, validation_alias="SAFEHOUSE_REDIS_CONNECTIONS", ge=3, le=5000)

    @property
    def workers(self) -> int:
        """The backend processes to run: ``workers_wanted`` or one per core with Redis, else one."""
        if not self.redis_url:
            return 1
        return self.workers_wanted or os.cpu_count() or 1

    @property
    def project_root(self) -> Path:
        """The folder holding ``alembic.ini``, ``alembic/`` and ``assets/``."""
        return PROJECT_ROOT

    @property
    def fonts_dir(self) -> Path:
        """The fonts embedded in every PDF (never a system font)."""
        return PROJECT_ROOT / "assets" / "fonts"

    allowed_origins: Annotated[tuple[str, ...], NoDecode] = Field((), validation_alias="SAFEHOUSE_ALLOWED_ORIGINS")
    trusted_proxies: Annotated[tuple[IPvAnyNetwork, ...], NoDecode] = Field(
        (), validation_alias="SAFEHOUSE_TRUSTED_PROXIES")
    secure_cookies: bool = Field(False, validation_alias="SAFEHOUSE_SECURE_COOKIES")

    @field_validator("allowed_origins", "trusted_proxies", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        """A variable lists its items separated by commas; blanks between them are ignored."""
        if isinstance(value, str):
            return tuple(item.strip() for item in value.split(",") if item.strip())
        return value

    @field_validator("allowed_origins")
    @classmethod
    def _plain_origins(cls, origins: tuple[str, ...]) -> tuple[str, ...]:
        """Each origin is ``scheme://host[:port]`` exactly as a browser sends it, never a wildcard."""
        cleaned = tuple(origin.rstrip("/") for origin in origins)
        for origin in cleaned:
            parts = urlsplit(origin)
            if parts.scheme not in ("http", "https") or not parts.hostname or "*" in origin or parts.path:
                raise ValueError(f"{origin!r} is not an origin such as https://portal.example.org")
        return cleaned

    @property
    def cors_allowed_origins(self) -> list[str]:
        """The origins the app answers: ``allowed_origins``, or its own on ``port`` when none are set."""
        if self.allowed_origins:
            return list(self.allowed_origins)
        return [f"http://localhost:{self.port}", f"http://127.0.0.1:{self.port}"]

    @property
    def link_base(self) -> str:
        """The start of every link in an email: ``public_url``, or the app's own address on ``port``."""
        return (self.public_url or f"http://localhost:{self.port}").rstrip("/")

    def signing_key(self) -> bytes:
        """The secret key's bytes: ``SAFEHOUSE_SECRET_KEY``, or the one kept in ``secret_key_file``."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value().encode()
        return kept_secret(self.secret_key_file)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read from the environment on first use."""
    return Settings()


@lru_cache(maxsize=4)
def kept_secret(path: Path) -> bytes:
    """The key kept in ``path``, generated there first if there is none (readable by its owner only).

    Several workers may start at once: each writes a candidate to a file of its own and
    hard-links it into place, which only the first can do, so all of them read the same key.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        candidate = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        descriptor = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as out:
            out.write(secrets.token_urlsafe(48))
        try:
            os.link(candidate, path)
        except FileExistsError:
            pass
        finally:
            candidate.unlink()
    key = path.read_text().strip()
    if len(key) < 32:
        raise RuntimeError(f"The secret key file {path} is damaged: remove it and a new key is made")
    return key.encode()
