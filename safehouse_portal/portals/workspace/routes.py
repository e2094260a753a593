"""Pages of the inspection workspace, registered on the app."""

import reflex as rx

from safehouse_portal.portals.workspace.checklist import ChecklistState, checklist_page
from safehouse_portal.portals.workspace.concerns import ConcernsState, concerns_page
from safehouse_portal.portals.workspace.judgements import JudgementsState, judgements_page
from safehouse_portal.portals.workspace.overview import WorkspaceState, workspace_page
from safehouse_portal.portals.workspace.recommendations import RecommendationsState, recommendations_page

BASE = "/inspections/[inspection_id]/workspace"


def register(app: rx.App) -> None:
    """Add the workspace's pages to ``app``."""
    pages = (
        (workspace_page, "", "Inspection workspace", WorkspaceState),
        (checklist_page, "/checklist", "Announcement checklist", ChecklistState),
        (judgements_page, "/judgements", "Key-question judgements", JudgementsState),
        (recommendations_page, "/recommendations", "Recommendations", RecommendationsState),
        (concerns_page, "/concerns", "Serious concerns", ConcernsState),
    )
    for component, suffix, title, state in pages:
        app.add_page(component, route=BASE + suffix, title=f"{title} - Safehouse Portal", on_load=state.load)
