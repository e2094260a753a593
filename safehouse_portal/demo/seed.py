"""A realistic, plainly fictional programme to explore and demonstrate the portal.

Everything is invented: organisation and people's names, ``.test`` email addresses,
Ofcom's drama phone numbers (01632 960xxx), and addresses with non-geographic ``ZZ99``
postcodes, so no screen or screenshot of the demo can ever show a real safehouse.
The shape follows the 2021-22 programme: 12 providers, 143 locations, 60 inspection
groups. Draws come from ``random.Random(2021)`` and dates are counted from ``today``,
so the same day always gives the same programme.
"""

import json
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from sqlmodel import Session, func, select

from safehouse_portal.db import (
    Inspection,
    InspectionGroup,
    LeadContactChange,
    Location,
    Provider,
    StakeholderOrganisation,
    User,
)
from safehouse_portal.domain.enums import ROLE_LABELS, Role, ServiceKind
from safehouse_portal import routes
from safehouse_portal.demo.inspections import DemoGroup, seed_inspections
from safehouse_portal.services.framework.versions import ensure_default_framework
from safehouse_portal.services.accounts.passwords import hash_password

DEMO_PASSWORD = "demo-password"  # noqa: S105  (the demo programme's published sign-in, never a real account's)
DEMO_EMAIL_DOMAIN = "demo.safehouse.test"
SEED = 2021
SAFEHOUSES = 100
"""Of the 143 locations; the rest are outreach services."""
CHILDREN_SHARE = 0.25
"""Roughly the share of safehouses that accommodate families with children."""
PRIME_CONTRACTOR = "The Salvation Army (prime contractor)"
HOME_OFFICE = "Home Office (Modern Slavery Victim Care Contract team)"
_POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass(frozen=True)
class DemoSummary:
    """What the demo programme holds.

    Attributes:
        providers: Demo providers.
        locations: Their locations, safehouse and outreach.
        safehouses: Locations that are safehouses.
        outreach: Locations that are outreach services.
        groups: Inspection groups.
        inspections: Inspections of those groups, current and earlier.
        users: People with a demo email address.
        stages_covered: Distinct lifecycle stages the inspections are at.
    """

    providers: int
    locations: int
    safehouses: int
    outreach: int
    groups: int
    inspections: int
    users: int
    stages_covered: int


def demo_email(local_part: str) -> str:
    """A demo sign-in address, e.g. ``inspector1@demo.safehouse.test``."""
    return f"{local_part}@{DEMO_EMAIL_DOMAIN}"


def demo_sign_ins() -> list[tuple[str, str, str]]:
    """One sign-in per role as (role label, email, landing path), for the CLI to print."""
    rows = [
        (ROLE_LABELS[Role.PROVIDER_LEAD], "lead1", Role.PROVIDER_LEAD),
        (ROLE_LABELS[Role.INSPECTOR], "inspector1", Role.INSPECTOR),
        (ROLE_LABELS[Role.PROGRAMME_MANAGER], "manager", Role.PROGRAMME_MANAGER),
        (f"{ROLE_LABELS[Role.STAKEHOLDER]} (prime contractor)", "prime", Role.STAKEHOLDER),
        (f"{ROLE_LABELS[Role.STAKEHOLDER]} (Home Office)", "homeoffice", Role.STAKEHOLDER),
        (ROLE_LABELS[Role.ADMIN], "admin", Role.ADMIN),
    ]
    return [(label, demo_email(local), routes.home(role)) for label, local, role in rows]


def seed_demo(*, session: Session, today: date, password: str = DEMO_PASSWORD) -> DemoSummary:
    """Creates the demo programme once, and reports what it holds.

    If the demo providers already exist nothing is added, so running it twice is safe.

    Args:
        session: Where to write; the caller's unit of work commits it.
        today: The day the programme is seen from; every date is relative to it.
        password: The password of every demo user.
    """
    names = _names()
    marker = names["providers"][0]["name"]
    if session.exec(select(Provider.id).where(Provider.name == marker)).first() is not None:
        return demo_summary(session=session)
    framework_version_id = ensure_default_framework(session=session)
    rng = random.Random(SEED)  # noqa: S311  (seeded for a reproducible demo, never for secrets)
    password_hash = hash_password(password)
    inspector_ids = _staff(session, names, password_hash)
    providers = _providers(session, names, inspector_ids, password_hash, today)
    groups = _groups_and_locations(session, rng, names, providers)
    seed_inspections(
        session=session,
        rng=rng,
        today=today,
        groups=groups,
        inspector_ids=inspector_ids,
        framework_version_id=framework_version_id,
    )
    session.flush()
    for seed_area in demo_extensions():
        seed_area(session=session, today=today)
    session.flush()
    return demo_summary(session=session)


def demo_extensions() -> list:
    """Seeders that add each area's demo data (PIRs, judgements, reports...) after the base.

    Each is called once, right after the base programme is created, as
    ``seed(session=..., today=...)``.
    """
    from safehouse_portal.demo import areas as demo_areas

    return list(demo_areas.SEEDERS)


def demo_summary(*, session: Session) -> DemoSummary:
    """Counts of the demo programme's rows (all zero before it is seeded)."""
    provider_names = [p["name"] for p in _names()["providers"]]
    provider_ids = select(Provider.id).where(Provider.name.in_(provider_names))
    group_ids = select(InspectionGroup.id).where(InspectionGroup.provider_id.in_(provider_ids))
    kinds = session.exec(select(Location.kind).where(Location.provider_id.in_(provider_ids))).all()
    stages = session.exec(select(Inspection.stage).where(Inspection.group_id.in_(group_ids))).all()
    return DemoSummary(
        providers=_count(session, select(func.count()).select_from(provider_ids.subquery())),
        locations=len(kinds),
        safehouses=sum(kind is ServiceKind.SAFEHOUSE for kind in kinds),
        outreach=sum(kind is ServiceKind.OUTREACH for kind in kinds),
        groups=_count(session, select(func.count()).select_from(group_ids.subquery())),
        inspections=len(stages),
        users=_count(
            session, select(func.count(User.id)).where(User.email.endswith(f"@{DEMO_EMAIL_DOMAIN}"))
        ),
        stages_covered=len(set(stages)),
    )


@lru_cache(maxsize=1)
def _names() -> dict[str, Any]:
    text = resources.files("safehouse_portal").joinpath("data/demo_names.json").read_text("utf-8")
    return json.loads(text)


def _count(session: Session, statement) -> int:
    return int(session.exec(statement).one())


def _staff(session: Session, names: dict[str, Any], password_hash: str) -> list[int]:
    """Adds the CQC staff and stakeholder users; returns the inspectors' ids in order."""
    prime = _organisation(session, PRIME_CONTRACTOR, "prime_contractor")
    home_office = _organisation(session, HOME_OFFICE, "home_office")
    people = [
        ("admin", names["admin"], Role.ADMIN, None),
        ("manager", names["programme_manager"], Role.PROGRAMME_MANAGER, None),
        ("prime", names["prime_contractor_user"], Role.STAKEHOLDER, prime.id),
        ("homeoffice", names["home_office_user"], Role.STAKEHOLDER, home_office.id),
    ]
    inspectors = [
        _user(session, demo_email(f"inspector{n}"), name, Role.INSPECTOR, password_hash)
        for n, name in enumerate(names["inspectors"], start=1)
    ]
    for local, name, role, organisation_id in people:
        user = _user(session, demo_email(local), name, role, password_hash)
        user.stakeholder_organisation_id = organisation_id
    session.flush()
    return [inspector.id for inspector in inspectors]


def _organisation(session: Session, name: str, kind: str) -> StakeholderOrganisation:
    statement = select(StakeholderOrganisation).where(StakeholderOrganisation.name == name)
    found = session.exec(statement).first()
    if found is None:
        found = StakeholderOrganisation(name=name, kind=kind)
        session.add(found)
        session.flush()
    return found


def _user(session: Session, email: str, name: str, role: Role, password_hash: str) -> User:
    user = User(email=email, name=name, role=role, password_hash=password_hash)
    session.add(user)
    return user


def _providers(
    session: Session,
    names: dict[str, Any],
    inspector_ids: list[int],
    password_hash: str,
    today: date,
) -> list[tuple[Provider, dict[str, Any]]]:
    """Adds the providers with their lead contacts and lead users.

    The first provider changed its lead contact four months ago, so the history of
    lead contact changes has something to show.
    """
    providers, leads = [], []
    for n, spec in enumerate(names["providers"], start=1):
        provider = Provider(
            name=spec["name"],
            lead_name=spec["lead_name"],
            lead_email=demo_email(f"lead{n}"),
            lead_phone=f"01632 960{100 + 7 * n:03d}",
            designated_inspector_id=inspector_ids[(n - 1) % len(inspector_ids)],
        )
        session.add(provider)
        session.flush()
        lead = _user(session, provider.lead_email, provider.lead_name, Role.PROVIDER_LEAD, password_hash)
        lead.provider_id = provider.id
        providers.append((provider, spec))
        leads.append(lead)
    session.flush()
    first = providers[0][0]
    session.add(
        LeadContactChange(
            provider_id=first.id,
            changed_by_id=leads[0].id,
            changed_at=datetime.combine(today - timedelta(days=120), time(10, 30), tzinfo=UTC),
            old_name=names["previous_lead_name"],
            old_email=demo_email("previous.lead1"),
            old_phone="01632 960099",
            new_name=first.lead_name,
            new_email=first.lead_email,
            new_phone=first.lead_phone,
        )
    )
    return providers


def _groups_and_locations(
    session: Session,
    rng: random.Random,
    names: dict[str, Any],
    providers: list[tuple[Provider, dict[str, Any]]],
) -> list[DemoGroup]:
    """Adds each provider's groups of linked services and every location in them.

    Each group is one fictional town in one region; every region has groups.
    """
    group_total = sum(spec["groups"] for _, spec in providers)
    location_total = sum(spec["locations"] for _, spec in providers)
    towns = [p + s for p in names["town_prefixes"] for s in names["town_suffixes"]]
    towns = rng.sample(towns, group_total)
    regions = [names["regions"][i % len(names["regions"])] for i in range(group_total)]
    rng.shuffle(regions)
    kinds = [ServiceKind.SAFEHOUSE] * SAFEHOUSES + [ServiceKind.OUTREACH] * (location_total - SAFEHOUSES)
    rng.shuffle(kinds)
    groups: list[DemoGroup] = []
    for provider, spec in providers:
        houses = iter(rng.sample(names["house_names"], spec["locations"]))
        for size in _split(rng, spec["locations"], spec["groups"]):
            town, region = towns.pop(), regions.pop()
            group = InspectionGroup(provider_id=provider.id, name=f"{town} services")
            session.add(group)
            session.flush()
            outreach_teams = 0
            for _ in range(size):
                kind = kinds.pop()
                if kind is ServiceKind.SAFEHOUSE:
                    name = f"{next(houses)} House"
                else:
                    outreach_teams += 1
                    name = f"{town} outreach team" + (f" {outreach_teams}" if outreach_teams > 1 else "")
                session.add(_location(rng, names, provider.id, group.id, kind, name, town, region))
            groups.append(DemoGroup(group.id, provider.designated_inspector_id))
    session.flush()
    return groups


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` random sizes of at least one."""
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total])]


def _location(
    rng: random.Random,
    names: dict[str, Any],
    provider_id: int,
    group_id: int,
    kind: ServiceKind,
    name: str,
    town: str,
    region: str,
) -> Location:
    """A location at a fictional address with a non-geographic ``ZZ99`` postcode."""
    safehouse = kind is ServiceKind.SAFEHOUSE
    postcode = f"ZZ99 {rng.randint(1, 9)}{rng.choice(_POSTCODE_LETTERS)}{rng.choice(_POSTCODE_LETTERS)}"
    return Location(
        provider_id=provider_id,
        group_id=group_id,
        name=name,
        kind=kind,
        region=region,
        address=f"{rng.randint(1, 120)} {rng.choice(names['streets'])}, {town}, {postcode}",
        accommodates_children=safehouse and rng.random() < CHILDREN_SHARE,
        capacity=rng.randint(4, 20) if safehouse else 0,
    )
