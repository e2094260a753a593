"""Pages of the reporting area (the report, the factual accuracy form, stakeholders' reports), registered on the app."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.reporting.provider_fa import ProviderFaState, provider_fa_page
from safehouse_portal.portals.reporting.report_page import ReportPageState, report_page
from safehouse_portal.portals.reporting.stakeholder_reports import ReportsState, reports_page
from safehouse_portal.portals.reporting.provider_documents import ProviderDocumentsState, provider_documents_page
from safehouse_portal.portals.reporting.quality_panel_page import QualityPanelState, quality_panel_page


def register(app: rx.App) -> None:
    """Add this area's pages to ``app``."""
    app.add_page(report_page, route=routes.REPORT, title="Report - Safehouse Portal",
                 on_load=ReportPageState.load)
    app.add_page(provider_fa_page, route=routes.PROVIDER_FACTUAL_ACCURACY,
                 title="Factual accuracy check - Safehouse Portal", on_load=ProviderFaState.load)
    app.add_page(reports_page, route=routes.REPORTS, title="Reports - Safehouse Portal", on_load=ReportsState.load)
    app.add_page(provider_documents_page, route=routes.PROVIDER_DOCUMENTS, title="Documents - Safehouse Portal",
                 on_load=ProviderDocumentsState.load)
    app.add_page(quality_panel_page, route=routes.QUALITY_PANEL, title="Quality panel - Safehouse Portal",
                 on_load=QualityPanelState.load)
