"""Plain HTTP routes for signing in and out, so the session cookie can be HttpOnly.

Reflex event handlers can only set cookies from JavaScript; these Starlette
routes set an HttpOnly, SameSite=Lax cookie instead, and refuse cross-site posts.
Cookies are ``Secure`` whenever the browser came over TLS, also through a trusted proxy
(``proxy``). A successful sign-in also sets the known-device cookie, sent back only here.
"""

from datetime import UTC, datetime
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from safehouse_portal import routes
from safehouse_portal.web.cookies import COOKIE_NAME, DEVICE_COOKIE_NAME, cookie_from_header, token_from_cookie_header
from safehouse_portal.web.proxy import client_address, is_https
from safehouse_portal.services.accounts import devices, own_password
from safehouse_portal.services.accounts import sessions as auth_service
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied
from safehouse_portal.services.core.uow import unit_of_work


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin:
        return False
    return urlsplit(origin).netloc == request.headers.get("host")


async def sign_in(request: Request) -> Response:
    """Check the posted credentials; set the cookies and go home, or back with an error."""
    if not _same_origin(request):
        return PlainTextResponse("Cross-site sign-in refused", status_code=403)
    form = await request.form()
    email, password = str(form.get("email", ""))[:254], str(form.get("password", ""))[:1000]
    device_token = cookie_from_header(request.headers.get("cookie"), DEVICE_COOKIE_NAME)
    error = ""
    with unit_of_work() as session:
        try:
            signed_in = auth_service.sign_in(session=session, email=email, password=password, now=datetime.now(UTC),
                                             client_address=client_address(request), device_token=device_token)
        except auth_service.SignInThrottled:
            signed_in, error = None, "wait"
        except auth_service.SignInRefused:
            # Refused, yet the failed attempt it counted (and any lockout) must commit.
            signed_in, error = None, "refused"
    if signed_in is None:
        return RedirectResponse(routes.sign_in(error=error), status_code=303)
    home = routes.CHANGE_PASSWORD if signed_in.must_change_password else routes.home(signed_in.actor.role)
    response = RedirectResponse(home, status_code=303)
    secure = is_https(request)
    response.set_cookie(COOKIE_NAME, signed_in.token, max_age=auth_service.SESSION_HOURS * 3600, httponly=True,
                        samesite="lax", secure=secure, path="/")
    response.set_cookie(DEVICE_COOKIE_NAME, signed_in.device_token, max_age=devices.DEVICE_DAYS * 86400,
                        httponly=True, samesite="lax", secure=secure, path=routes.SIGN_IN_POST)
    return response


async def sign_out(request: Request) -> Response:
    """Revoke the session and clear the cookie (the browser stays a known device)."""
    if not _same_origin(request):
        return PlainTextResponse("Cross-site sign-out refused", status_code=403)
    token = token_from_cookie_header(request.headers.get("cookie"))
    with unit_of_work() as session:
        auth_service.sign_out(session=session, token=token, now=datetime.now(UTC))
    response = RedirectResponse(routes.sign_in(signed_out="1"), status_code=303)
    response.delete_cookie(COOKIE_NAME, path="/", secure=is_https(request), httponly=True, samesite="lax")
    return response


async def change_password(request: Request) -> Response:
    """Set the password a person chose in place of their one-time one, then go home (or back with why not)."""
    if not _same_origin(request):
        return PlainTextResponse("Cross-site password change refused", status_code=403)
    form = await request.form()
    password, confirm = str(form.get("password", ""))[:1000], str(form.get("confirm", ""))[:1000]
    token = token_from_cookie_header(request.headers.get("cookie"))
    now = datetime.now(UTC)
    try:
        with unit_of_work() as session:
            actor = auth_service.password_change_actor(session=session, token=token, now=now)
            chosen = own_password.choose_own_password(session=session, actor=actor, password=password,
                                                      confirm=confirm, now=now)
    except PermissionDenied:
        return RedirectResponse(routes.SIGN_IN, status_code=303)
    except InvalidInput as refused:
        return RedirectResponse(routes.change_password(error=refused.errors.get("password", "short")),
                                status_code=303)
    return RedirectResponse(routes.home(chosen.actor.role), status_code=303)


ROUTES = [
    Route(routes.SIGN_IN_POST, sign_in, methods=["POST"]),
    Route(routes.SIGN_OUT_POST, sign_out, methods=["POST"]),
    Route(routes.CHANGE_PASSWORD_POST, change_password, methods=["POST"]),
]
