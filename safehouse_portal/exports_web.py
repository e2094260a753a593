"""Downloading analytics exports (CSV, XLSX), for those allowed to see them.

Each route resolves the person from the HttpOnly session cookie; the services decide.
"""

from starlette.routing import Route

ROUTES: list[Route] = []
