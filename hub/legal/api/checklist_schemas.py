"""Legal frameworks: the checklist API's schemas. Output schemas read the model instances (and the
selectors' pages) the routes return."""

import datetime
from typing import Any

from ninja import Field
from ninja import Schema


class ChecklistVersionOut(Schema):
    code: str = Field(..., description="Such as 2026-1")
    title: str
    source: str = Field(..., description="Where this version comes from")
    status: str = Field(..., description="draft (the secretariat's) or published")
    status_label: str = Field(..., alias="get_status_display")
    published_at: datetime.datetime | None
    previous: str | None = Field(None, description="The code of the version this one maps to")

    @staticmethod
    def resolve_previous(obj: Any) -> str | None:
        return obj.previous.code if obj.previous_id else None


class MappingOut(Schema):
    code: str = Field(..., description="The other provision's code")
    version: str = Field(..., description="The other provision's version")
    relation: str = Field(..., description="same, split or merged")
    relation_label: str


class ProvisionOut(Schema):
    code: str = Field(..., description="Such as O5")
    group: str = Field(..., description="definitions, offences, grooming and extortion, ...")
    group_label: str = Field(..., alias="get_group_display")
    position: int
    text: str = Field(..., description="In the language asked for (fr and es are unofficial translations)")
    met_means: str
    scoring: str = Field(..., description="graded (met, partial, not met) or binary (met, not met)")
    scoring_label: str = Field(..., alias="get_scoring_display")
    role: str = Field(..., description="conduct, active_nationality or other: how the safe-haven view reads it")
    instruments: str
    maps_to: list[MappingOut] = Field(..., description="The provisions of the previous version it comes from")

    @staticmethod
    def resolve_maps_to(obj: Any) -> list[dict[str, str]]:
        return [
            {
                "code": link.predecessor.code,
                "version": link.predecessor.version.code,
                "relation": link.kind,
                "relation_label": str(link.get_kind_display()),
            }
            for link in obj.predecessors
        ]


class ChecklistVersionDetailOut(ChecklistVersionOut):
    is_current: bool = Field(..., description="The latest published version, which views use by default")
    provisions: list[ProvisionOut]
    not_carried_over: list[str] = Field(
        ..., description="Codes of the previous version's provisions no provision of this version maps to"
    )


class ProvisionDetailOut(ProvisionOut):
    version: str = Field(..., alias="version.code")
    successors: list[MappingOut] = Field(..., description="The provisions of later versions that come from it")

    @staticmethod
    def resolve_successors(obj: Any) -> list[dict[str, str]]:
        return [
            {
                "code": link.provision.code,
                "version": link.provision.version.code,
                "relation": link.kind,
                "relation_label": str(link.get_kind_display()),
            }
            for link in obj.successors
        ]


class PlannedProvisionOut(Schema):
    row: int
    code: str
    text: str
    group: str = Field(..., alias="group_label")
    scoring: str = Field(..., alias="scoring_label")
    role: str = Field(..., alias="role_label")
    maps_to: list[str]
    relation: str


class ChecklistLoadOut(Schema):
    version: str
    previous: str | None = Field(None, description="The version it is mapped to")
    dry_run: bool
    version_created: bool
    created: list[str] = Field(..., description="Provision codes added")
    updated: list[str] = Field(..., description="Provision codes changed (text, order or mapping)")
    removed: list[str] = Field(..., description="Provision codes the file no longer has")
    unchanged: int
    mappings: int = Field(..., description="Links to provisions of the previous version")
    provisions: list[PlannedProvisionOut] = Field(..., description="The file's provisions as they are stored")
