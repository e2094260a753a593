"""Download routes for stored files and generated documents.

Every route resolves the signed-in person from the HttpOnly session cookie and
asks a service whether they may have the bytes; the services decide.
"""

from starlette.routing import Route

ROUTES: list[Route] = []
