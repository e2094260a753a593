"""Pages of the judgements area (the inspection workspace and one KLOE), registered on the app."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.judgements.checklist import ChecklistState, checklist_page
from safehouse_portal.portals.judgements.concerns import ConcernsState, concerns_page
from safehouse_portal.portals.judgements.draft_recommendations import RecommendationsState, recommendations_page
from safehouse_portal.portals.judgements.key_questions import JudgementsState, judgements_page
from safehouse_portal.portals.judgements.kloe_page import KloeState, kloe_page
from safehouse_portal.portals.judgements.overview import WorkspaceState, workspace_page
from safehouse_portal.portals.survey.link_panels import SurveyLinkState


def register(app: rx.App) -> None:
    """Add the workspace's pages and the KLOE page to ``app``."""
    pages = (
        (workspace_page, "", "Inspection workspace", WorkspaceState),
        (checklist_page, "checklist", "Announcement checklist", ChecklistState),
        (judgements_page, "judgements", "Key-question judgements", JudgementsState),
        (recommendations_page, "recommendations", "Recommendations", RecommendationsState),
        (concerns_page, "concerns", "Serious concerns", ConcernsState),
    )
    for component, part, title, state in pages:
        on_load = [state.load, SurveyLinkState.load] if state is WorkspaceState else state.load
        app.add_page(component, route=routes.workspace_pattern(part), title=f"{title} - Safehouse Portal",
                     on_load=on_load)
    app.add_page(kloe_page, route=routes.KLOE, title="Key line of enquiry - Safehouse Portal",
                 on_load=KloeState.load)
