"""The demo data of each area, added after the base programme (see ``seed.seed_demo``).

Each seeder, ``seed(*, session, today) -> None``, writes only its own area's rows and
relies on the base programme and the seeders before it. The order matters: the issued
reports' outcomes come first, then work in progress, then reports, then the provider side (the PIR, then requests, contacts and threads), then the survivor survey's links and answers.
"""

from collections.abc import Callable

from safehouse_portal.demo import audit as demo_audit
from safehouse_portal.demo import planning as demo_planning
from safehouse_portal.demo import engagement as demo_engagement
from safehouse_portal.demo import learning as demo_learning
from safehouse_portal.demo import outcomes as demo_outcomes
from safehouse_portal.demo import programme_changes as demo_programme_changes
from safehouse_portal.demo import provider as demo_provider
from safehouse_portal.demo import reports as demo_reports
from safehouse_portal.demo import notifications as demo_notifications
from safehouse_portal.demo import requests as demo_requests
from safehouse_portal.demo import survey as demo_survey
from safehouse_portal.demo import workspace as demo_workspace

Seeder = Callable[..., None]

SEEDERS: list[Seeder] = [demo_outcomes.seed, demo_workspace.seed, demo_reports.seed, demo_provider.seed,
                         demo_requests.seed, demo_survey.seed, demo_engagement.seed, demo_programme_changes.seed,
                         demo_notifications.seed, demo_audit.seed, demo_planning.seed, demo_learning.seed]
