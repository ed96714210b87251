"""MNR self-assessment: the framework API's schemas. Output schemas read the model instances (and the
selectors' pages and the load report) the routes return."""

import datetime
from typing import Any

from ninja import Field
from ninja import Schema


class FrameworkOut(Schema):
    code: str = Field(..., description="Such as mnr-2016")
    title: str
    source: str = Field(..., description="Where this version comes from")
    status: str = Field(..., description="draft (the secretariat's) or published")
    status_label: str = Field(..., alias="get_status_display")
    published_at: datetime.datetime | None
    previous: str | None = Field(None, description="The code of the version this one maps to")

    @staticmethod
    def resolve_previous(obj: Any) -> str | None:
        return obj.previous.code if obj.previous_id else None


class CapabilityMappingOut(Schema):
    number: int = Field(..., description="The other capability's number")
    name: str = Field(..., description="The other capability's name")
    framework: str = Field(..., description="The other capability's version")
    relation: str = Field(..., description="same, split or merged")
    relation_label: str


def _mapping(capability: Any, link: Any) -> dict[str, Any]:
    return {
        "number": capability.number,
        "name": capability.name,
        "framework": capability.framework.code,
        "relation": link.relation,
        "relation_label": str(link.get_relation_display()),
    }


class CapabilityOut(Schema):
    number: int
    domain: str
    name: str
    description: str
    source: str
    maps_to: list[CapabilityMappingOut] = Field(
        ..., description="The capabilities of the previous version it comes from"
    )
    successors: list[CapabilityMappingOut] = Field(
        ..., description="The capabilities of later versions that come from it"
    )

    @staticmethod
    def resolve_maps_to(obj: Any) -> list[dict[str, Any]]:
        return [_mapping(link.predecessor, link) for link in obj.predecessors]

    @staticmethod
    def resolve_successors(obj: Any) -> list[dict[str, Any]]:
        return [_mapping(link.capability, link) for link in obj.successors]


class NotCarriedOverOut(Schema):
    number: int
    name: str


class FrameworkDetailOut(FrameworkOut):
    is_current: bool = Field(..., description="The latest published version, which new cycles use")
    capabilities: list[CapabilityOut]
    not_carried_over: list[NotCarriedOverOut] = Field(
        ..., description="The previous version's capabilities no capability of this version maps to"
    )


class PlannedCapabilityOut(Schema):
    row: int
    number: int
    domain: str
    name: str
    source: str
    maps_to: list[int]
    relation: str


class FrameworkLoadOut(Schema):
    code: str
    previous: str | None = Field(None, description="The version it is mapped to")
    dry_run: bool
    framework_created: bool
    created: list[int] = Field(..., description="Capability numbers added")
    updated: list[int] = Field(..., description="Capability numbers changed (name, domain, source or mapping)")
    removed: list[int] = Field(..., description="Capability numbers the file no longer has")
    unchanged: int
    mappings: int = Field(..., description="Links to capabilities of the previous version")
    capabilities: list[PlannedCapabilityOut] = Field(..., description="The file's capabilities as they are stored")
    not_carried_over: list[NotCarriedOverOut] = Field(
        ..., description="Warnings: the previous version's capabilities no capability of the file maps to"
    )


class PhaseOut(Schema):
    number: int = Field(..., description="1 to 4, in order")
    label: str
    confirmed: bool = Field(..., description="Whether the name is confirmed (else a working label)")
    description: str
    source: str


class PhasePatch(Schema):
    """Change a phase (the secretariat). Send the phase's ETag as If-Match, or its `version`: a change
    over a newer version is 409."""

    label: str | None = Field(None, max_length=100)
    description: str | None = Field(None, max_length=5000)
    confirmed: bool | None = None
    version: str | None = Field(None, max_length=32, description="The phase's ETag, when not sent as If-Match")
