"""Small builders of rows for integration tests."""

from datetime import date

from sqlmodel import Session

from safehouse_portal.db import FrameworkVersion, Inspection, InspectionGroup, Location, Provider, User
from safehouse_portal.domain.enums import InspectionMode, InspectionType, Role, ServiceKind, Stage
from safehouse_portal.services.accounts.sessions import actor_for
from safehouse_portal.services.accounts.passwords import hash_generated_password

PASSWORD = "correct horse battery"
_HASH = hash_generated_password(PASSWORD)
"""Light argon2id parameters (see tests/integration/conftest.py): users made here sign in in ~1 ms."""


def user(session: Session, email: str, role: Role, provider: Provider | None = None) -> User:
    row = User(email=email, name=email.split("@")[0].title(), role=role, password_hash=_HASH,
               provider_id=provider.id if provider else None)
    session.add(row)
    session.commit()
    return row


def provider(session: Session, name: str) -> Provider:
    row = Provider(name=name, lead_name=f"Lead of {name}", lead_email=f"lead@{name.lower().replace(' ', '')}.test",
                   lead_phone="01632 960000")
    session.add(row)
    session.commit()
    return row


def location(session: Session, prov: Provider, name: str, address: str, group: InspectionGroup | None = None):
    row = Location(provider_id=prov.id, group_id=group.id if group else None, name=name,
                   kind=ServiceKind.SAFEHOUSE, region="London", address=address, capacity=6)
    session.add(row)
    session.commit()
    return row


def inspection(session: Session, prov: Provider, lead: User | None, stage: Stage = Stage.PLANNED) -> Inspection:
    version = session.get(FrameworkVersion, 1) or FrameworkVersion(version="t", title="t", source="t")
    session.add(version)
    group = InspectionGroup(provider_id=prov.id, name=f"{prov.name} group")
    session.add(group)
    session.commit()
    row = Inspection(group_id=group.id, type=InspectionType.COMPREHENSIVE, mode=InspectionMode.ON_SITE,
                     key_questions=["safe"], planned_start=date(2026, 12, 7), planned_end=date(2026, 12, 8),
                     lead_inspector_id=lead.id if lead else None, stage=stage, framework_version_id=version.id)
    session.add(row)
    session.commit()
    return row


def actor(u: User):
    return actor_for(u)
