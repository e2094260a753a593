"""The demo data of each area, added after the base programme (see ``demo.seed_demo``).

Each seeder, ``seed(*, session, today) -> None``, writes only its own area's rows and
relies on the base programme and the seeders before it. The order matters: the issued
reports' outcomes come first, then work in progress, then reports, then the provider side (the PIR, then requests, contacts and threads).
"""

from collections.abc import Callable

from safehouse_portal.services import demo_outcomes, demo_provider, demo_reports, demo_requests, demo_workspace

Seeder = Callable[..., None]

SEEDERS: list[Seeder] = [demo_outcomes.seed, demo_workspace.seed, demo_reports.seed, demo_provider.seed,
                         demo_requests.seed]
