"""The Reflex app: each area registers its pages; the plain HTTP routes sit in front."""

import reflex as rx

from safehouse_portal.portals.accounts import pages as accounts
from safehouse_portal.portals.analytics import pages as analytics
from safehouse_portal.portals.audit import pages as audit
from safehouse_portal.portals.engagement import pages as engagement
from safehouse_portal.portals.judgements import pages as judgements
from safehouse_portal.portals.learning import pages as learning
from safehouse_portal.portals.pir import pages as pir
from safehouse_portal.portals.planning import pages as planning
from safehouse_portal.portals.programme import pages as programme
from safehouse_portal.portals.providers import pages as providers
from safehouse_portal.portals.recommendations import pages as recommendations
from safehouse_portal.portals.reporting import pages as reporting
from safehouse_portal.portals.requests import pages as requests
from safehouse_portal.portals.survey import pages as survey
from safehouse_portal.portals.notifications import pages as notifications
from safehouse_portal.db.engine import checkpoint_in_background
from safehouse_portal.portals.shared.session_guard import SessionGuard
from safehouse_portal.portals.shared import connection, state_memory
from safehouse_portal.web import log_redaction, notify_task
from safehouse_portal.web.allowlist import EventAllowlist
from safehouse_portal.web.routes import http_routes

log_redaction.install()

STYLESHEETS = ["/styles.css", "/provider.css", "/provider_work.css", "/inspector.css", "/kloe.css", "/programme.css",
               "/reports.css", "/analytics.css", "/survey.css", "/notifications.css", "/planning.css"]

SCRIPTS = [rx.el.script(src="/text_limits.js", defer=True), rx.el.script(src="/focus.js", defer=True),
           rx.el.script(src="/board.js", defer=True)]
"""Refuses, with a message, a paste longer than a box's maxlength (which would cut it short silently);
moves the focus to error summaries, keeps it inside dialogs and gives it back (focus.js)."""

app = rx.App(stylesheets=STYLESHEETS, head_components=SCRIPTS, api_transformer=http_routes(), theme=None)
app.add_middleware(EventAllowlist())
app.add_middleware(SessionGuard())
connection.install(app)

for area in (accounts, providers, pir, programme, judgements, requests, recommendations, reporting, analytics,
             survey, engagement, audit, notifications, learning, planning):
    area.register(app)

app.register_lifespan_task(notify_task.run_in_background)
app.register_lifespan_task(state_memory.release_left_tabs, rx_app=app)
app.register_lifespan_task(checkpoint_in_background)
