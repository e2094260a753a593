"""Errors the services raise; the edges turn them into messages."""


class ServiceError(Exception):
    """Base of every refusal a service makes on purpose."""


class NotSignedIn(ServiceError):
    """No valid session: the person must sign in."""


class PermissionDenied(ServiceError):
    """The actor may not do this, or may not see this entity."""

    def __init__(self, message: str = "You do not have permission to do that.") -> None:
        super().__init__(message)


class NotYours(PermissionDenied):
    """The actor's role may do this, but not to this thing: it is another provider's (or team's).

    A provider lead is shown this exactly as a thing that does not exist ("Page not found"),
    so an id tells a lead nothing about other providers.
    """


class NotFound(ServiceError):
    """The entity does not exist (or is not visible to the actor)."""


class InvalidInput(ServiceError):
    """Arguments failed validation; ``errors`` maps each field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors
