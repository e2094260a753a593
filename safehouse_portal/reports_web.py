"""Downloading generated documents (reports, letters, forms), for those allowed to see them.

Each route resolves the person from the HttpOnly session cookie; the services decide.
"""

from starlette.routing import Route

ROUTES: list[Route] = []
