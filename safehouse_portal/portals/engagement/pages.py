"""Pages of the engagement area (concerns, recording a meeting), registered on the app.

The provider page's engagement section loads with that page (``portals/providers/pages.py``).
"""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.engagement.concern_new import NewConcernState, new_concern_page
from safehouse_portal.portals.engagement.concern_page import ConcernState, concern_page
from safehouse_portal.portals.engagement.concerns_list import ConcernsState, concerns_page
from safehouse_portal.portals.engagement.meeting_new import NewMeetingState, new_meeting_page


def register(app: rx.App) -> None:
    """Add the engagement pages to ``app``."""
    app.add_page(concerns_page, route=routes.CONCERNS, title="Concerns - Safehouse Portal", on_load=ConcernsState.load)
    app.add_page(new_concern_page, route=routes.NEW_CONCERN, title="Record a concern - Safehouse Portal",
                 on_load=NewConcernState.load)
    app.add_page(concern_page, route=routes.CONCERN, title="Concern - Safehouse Portal", on_load=ConcernState.load)
    app.add_page(new_meeting_page, route=routes.NEW_MEETING, title="Record a meeting - Safehouse Portal",
                 on_load=NewMeetingState.load)
