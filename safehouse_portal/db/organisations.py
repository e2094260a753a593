"""Providers, their locations and the groups they are inspected in."""

from typing import Optional

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel
from datetime import date, datetime

from safehouse_portal.db.types import StrEnumType, UTCDateTime, utcnow
from safehouse_portal.domain.enums import ServiceKind


class Provider(SQLModel, table=True):
    """A subcontracted organisation that runs safehouse and outreach services."""

    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True, max_length=200)
    lead_name: str = Field(max_length=200)
    lead_email: str = Field(max_length=254)
    lead_phone: str = Field(max_length=40)
    designated_inspector_id: Optional[int] = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("user.id", use_alter=True, name="fk_provider_designated_inspector")),
    )


class LeadContactChange(SQLModel, table=True):
    """One change of a provider's lead contact: who changed it, when, from what."""

    __tablename__ = "lead_contact_change"

    id: Optional[int] = Field(default=None, primary_key=True)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    changed_by_id: Optional[int] = Field(default=None, foreign_key="user.id")
    changed_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    old_name: str = Field(max_length=200)
    old_email: str = Field(max_length=254)
    old_phone: str = Field(max_length=40)
    new_name: str = Field(max_length=200)
    new_email: str = Field(max_length=254)
    new_phone: str = Field(max_length=40)


class StakeholderOrganisation(SQLModel, table=True):
    """A read-only recipient of reports: the prime contractor or the Home Office."""

    __tablename__ = "stakeholder_organisation"

    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=200)
    kind: str = Field(max_length=40)


class InspectionGroup(SQLModel, table=True):
    """Locations inspected together because they share management or are close."""

    __tablename__ = "inspection_group"
    __table_args__ = (UniqueConstraint("provider_id", "name"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    name: str = Field(max_length=200)


class Location(SQLModel, table=True):
    """A safehouse or an outreach service. Its address is confidential."""

    id: Optional[int] = Field(default=None, primary_key=True)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    group_id: Optional[int] = Field(default=None, foreign_key="inspection_group.id", index=True)
    name: str = Field(max_length=200)
    kind: ServiceKind = Field(sa_type=StrEnumType(ServiceKind))
    region: str = Field(max_length=100)
    address: str = Field(max_length=500)
    postcode: str = Field(default="", max_length=10, sa_column_kwargs={"server_default": ""})
    accommodates_children: bool = False
    capacity: int = Field(default=0, ge=0)
    active: bool = True
    closed_on: Optional[date] = None
    """The day the service closed (or will close); set with ``active`` False."""
    manager_name: Optional[str] = Field(default=None, max_length=200)
    """The registered manager of the service, as the provider last told CQC."""
