"""Pages of the survey area (the public survey behind a link), registered on the app."""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.survey.public_page import SurveyState, survey_page
from safehouse_portal.portals.survey.results_page import SurveyResultsState, survey_results_page


def register(app: rx.App) -> None:
    """Add the public survey page to ``app``; the link panels sit on the workspace and provider pages."""
    app.add_page(survey_page, route=routes.SURVEY, title="Survey - Care Quality Commission",
                 on_load=SurveyState.load)
    app.add_page(survey_results_page, route=routes.SURVEY_RESULTS, title="Survivor survey results - Safehouse Portal",
                 on_load=SurveyResultsState.load)
