"""Errors the services raise; the edges turn them into messages."""


class ServiceError(Exception):
    """Base of every refusal a service makes on purpose."""


class NotSignedIn(ServiceError):
    """No valid session: the person must sign in."""


class PermissionDenied(ServiceError):
    """The actor may not do this, or may not see this entity."""

    def __init__(self, message: str = "You do not have permission to do that.") -> None:
        super().__init__(message)


class NotFound(ServiceError):
    """The entity does not exist (or is not visible to the actor)."""


class InvalidInput(ServiceError):
    """Arguments failed validation; ``errors`` maps each field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors
