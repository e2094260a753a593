"""Every name the programme holds that could identify a provider, a service or a person.

Read for the anonymiser (``domain.anonymise``): providers and their leads, locations and
their managers, inspection groups, and every user account's name (provider staff,
inspectors, managers). Addresses are not names and are not read here.
"""

from sqlmodel import Session, select

from safehouse_portal.db import InspectionGroup, Location, Provider, User
from safehouse_portal.domain.anonymise import KnownName, NameKind


def programme_names(session: Session) -> list[KnownName]:
    """The programme's names, each with what it names."""
    names = [KnownName(name, NameKind.PROVIDER) for name in session.exec(select(Provider.name)).all()]
    names += [KnownName(name, NameKind.PERSON) for name in session.exec(select(Provider.lead_name)).all() if name]
    names += [KnownName(name, NameKind.LOCATION) for name in session.exec(select(Location.name)).all()]
    names += [KnownName(name, NameKind.PERSON) for name in session.exec(
        select(Location.manager_name).where(Location.manager_name.is_not(None))).all() if name]
    names += [KnownName(name, NameKind.GROUP) for name in session.exec(select(InspectionGroup.name)).all()]
    names += [KnownName(name, NameKind.PERSON) for name in session.exec(select(User.name)).all() if name]
    return names
