"""Sending one email over SMTP, from ``SAFEHOUSE_SMTP_URL``; the password never leaves this module.

``smtp://user:pass@host:587?starttls=1`` (STARTTLS after connecting), ``smtps://host:465``
(TLS from the start) or ``smtp://host:25`` (no login). ``describe`` gives the URL without
its password for anything that is shown or logged.
"""

import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

from safehouse_portal.services.notifications.delivery import MaybeDelivered

TIMEOUT_SECONDS = 20


class SmtpUrlError(ValueError):
    """``SAFEHOUSE_SMTP_URL`` is not an smtp:// or smtps:// URL with a host."""


@dataclass(frozen=True)
class SmtpTransport:
    """Where and how to send; ``password`` is kept out of ``repr``."""

    host: str = "localhost"
    port: int = 25
    username: str = ""
    password: str = field(default="", repr=False)
    use_ssl: bool = False
    starttls: bool = False
    sender: str = "no-reply@safehouse-portal.invalid"
    timeout: float = TIMEOUT_SECONDS

    @classmethod
    def from_url(cls, url: str, sender: str) -> "SmtpTransport":
        """The transport ``url`` names (see the module's docstring).

        Raises:
            SmtpUrlError: Not an SMTP URL, or it has no host (the message never repeats the password).
        """
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise SmtpUrlError("SAFEHOUSE_SMTP_URL must look like smtp://user:password@host:587?starttls=1")
        query = parse_qs(parts.query)
        use_ssl = parts.scheme == "smtps"
        try:
            port = parts.port or (465 if use_ssl else 25)
        except ValueError:
            raise SmtpUrlError("SAFEHOUSE_SMTP_URL has a port that is not a number") from None
        return cls(host=parts.hostname, port=port, username=unquote(parts.username or ""),
                   password=unquote(parts.password or ""), use_ssl=use_ssl,
                   starttls=query.get("starttls", ["0"])[0].lower() in ("1", "true", "yes"), sender=sender)

    def describe(self) -> str:
        """``smtp://user@host:587 (STARTTLS)``: the transport without its password."""
        who = f"{self.username}@" if self.username else ""
        how = " (TLS)" if self.use_ssl else " (STARTTLS)" if self.starttls else ""
        return f"{'smtps' if self.use_ssl else 'smtp'}://{who}{self.host}:{self.port}{how}"

    def send(self, *, to: str, subject: str, body: str, message_key: str) -> None:
        """Send one plain-text email; raises ``smtplib.SMTPException`` or ``OSError`` when it was not accepted.

        Its Message-ID is ``<message_key@the sender's domain>``, the same on every try of one notification.
        Once the server has the whole email only its reply says whether it took it: a connection
        lost or timed out then raises ``MaybeDelivered``, and one lost after the reply (at QUIT)
        changes nothing.
        """
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, to, subject
        message["Message-ID"] = f"<{message_key}@{self.sender.rpartition('@')[2] or 'safehouse-portal.invalid'}>"
        message.set_content(body)
        context = ssl.create_default_context()
        if self.use_ssl:
            client = _TlsClient(self.host, self.port, timeout=self.timeout, context=context)
        else:
            client = _PlainClient(self.host, self.port, timeout=self.timeout)
        try:
            with client:
                if self.starttls:
                    client.starttls(context=context)
                if self.username:
                    client.login(self.username, self.password)
                client.send_message(message)
        except OSError as exc:  # every smtplib error, lost connection and timeout is an OSError
            if client.accepted:
                return
            if client.handed_over and not isinstance(exc, smtplib.SMTPResponseException):
                raise MaybeDelivered(f"{type(exc).__name__}: {exc}") from exc
            raise


class _Watched:
    """An SMTP client that notes when the whole email has been handed over, and when the server accepted it."""

    handed_over = False
    accepted = False

    def send(self, s) -> None:
        super().send(s)
        if isinstance(s, bytes) and s.endswith(b"\r\n.\r\n"):
            self.handed_over = True

    def data(self, msg):
        reply = super().data(msg)
        self.accepted = reply[0] == 250
        return reply


class _PlainClient(_Watched, smtplib.SMTP):
    pass


class _TlsClient(_Watched, smtplib.SMTP_SSL):
    pass
