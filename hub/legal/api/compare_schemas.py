"""Legal frameworks API: the schemas of the views across members. Output schemas read the objects the
selectors of hub.legal.selectors.compare build (the same the pages show)."""

import datetime
from typing import Any

from ninja import Field
from ninja import Schema

from hub.core.limits import FILTER_MAX_LENGTH

AS_OF = "A past day, YYYY-MM-DD (the view as it was at the end of that day); empty for today."


class MemberRefOut(Schema):
    member: str = Field(..., alias="member.slug", description="The member's short name")
    name: str = Field(..., alias="member.name")


class CellOut(Schema):
    status: str = Field(..., description="met, partial, not_met, not_assessed or not_applicable")
    status_label: str = Field(..., alias="label", description="The status in words")
    review: str | None = Field(None, description="draft or verified; null when not assessed (no coding)")
    pinpoint: str = Field("", description="The pinpoint citation (section)")

    @staticmethod
    def resolve_review(cell: Any) -> str | None:
        return cell.review if cell.coding_id is not None else None


class ComparisonCellOut(CellOut):
    member: str = Field(..., description="The member's short name")


class ComparisonRowOut(Schema):
    provision: str = Field(..., alias="provision.code")
    text: str = Field(..., alias="provision.text")
    group: str = Field(..., alias="provision.group")
    differs: bool = Field(..., description="The members' codings are not all the same")
    cells: list[ComparisonCellOut]


class ComparisonOut(Schema):
    version: str = Field(..., alias="version.code", description="The checklist version")
    as_of: datetime.date | None
    members: list[MemberRefOut] = Field(..., alias="profiles")
    differences: int = Field(..., description="How many provisions the members differ on")
    rows: list[ComparisonRowOut]


class ComparisonQuery(Schema):
    members: list[str] = Field(
        default_factory=list, description="Two to five members' short names (repeat the parameter)", max_length=10
    )
    as_of: str = Field("", max_length=FILTER_MAX_LENGTH, description=AS_OF)


class MatrixQuery(Schema):
    group: str = Field("", max_length=FILTER_MAX_LENGTH, description="A checklist group, such as offences")
    region: str = Field("", max_length=FILTER_MAX_LENGTH, description="A UN M49 region, such as Europe")
    status: str = Field("", max_length=FILTER_MAX_LENGTH, description="Members with a coding of this status")
    review: str = Field("", max_length=FILTER_MAX_LENGTH, description="draft or verified (for those who see drafts)")
    as_of: str = Field("", max_length=FILTER_MAX_LENGTH, description=AS_OF)


class MatrixRowOut(Schema):
    member: str = Field(..., alias="profile.member.slug")
    name: str = Field(..., alias="profile.member.name")
    region: str = Field(..., alias="profile.member.region")
    cells: dict[str, str] = Field(
        ...,
        description="Each provision's code (in the checklist's order) and the member's coding of it: met, partial, "
        "not_met, not_assessed or not_applicable",
    )
    drafts: list[str] = Field(..., description="The provisions whose coding is a draft, not yet verified")


class AsOfQuery(Schema):
    as_of: str = Field("", max_length=FILTER_MAX_LENGTH, description=AS_OF)


class HavenOut(Schema):
    member: str = Field(..., alias="profile.member.slug")
    name: str = Field(..., alias="profile.member.name")
    status: str = Field(..., alias="cell.status")
    status_label: str = Field(..., alias="cell.label")
    reached_by: list[str] = Field(
        ...,
        description="Short names of the other members whose J1 is met: they still reach their nationals there",
    )

    @staticmethod
    def resolve_reached_by(haven: Any) -> list[str]:
        return [r.member.slug for r in haven.reachers]


class HavenProvisionOut(Schema):
    provision: str = Field(..., alias="provision.code")
    text: str = Field(..., alias="provision.text")
    group: str = Field(..., alias="provision.group")
    havens: list[HavenOut] = Field(..., description="Members whose coding is not met or partial")
    not_assessed: list[MemberRefOut] = Field(..., alias="unknown", description="Unknown, never a haven")


class SafeHavensOut(Schema):
    version: str = Field(..., alias="version.code")
    as_of: datetime.date | None
    active_nationality: str | None = Field(None, description="The provision read as active nationality (J1)")
    reachers: list[MemberRefOut] = Field(..., description="Members whose J1 is met")
    provisions: list[HavenProvisionOut] = Field(..., alias="items")

    @staticmethod
    def resolve_active_nationality(obj: Any) -> str | None:
        return obj.active_nationality.code if obj.active_nationality else None


class GapOut(Schema):
    provision: str = Field(..., alias="provision.code")
    text: str = Field(..., alias="provision.text")
    group: str = Field(..., alias="provision.group")
    status: str = Field(..., alias="cell.status")
    status_label: str = Field(..., alias="cell.label")
    pinpoint: str = Field(..., alias="cell.pinpoint")
    instruments: list[str]


class GapPracticeOut(Schema):
    id: int
    title: str
    member: str = Field(..., alias="member.slug")


class GapsOut(Schema):
    member: str = Field(..., alias="profile.member.slug")
    name: str = Field(..., alias="profile.member.name")
    version: str = Field(..., alias="version.code")
    as_of: datetime.date | None
    counts: dict[str, int] = Field(..., description="Provisions by status")
    gaps: list[GapOut]
    practices_commitment: list[GapPracticeOut] = Field(
        ..., description="Published good practices for commitment 1 (comprehensive legal frameworks)"
    )
    practices_capability: list[GapPracticeOut] = Field(
        ..., description="Published good practices for MNR capability 3 (legislation)"
    )


class CoverageQuery(Schema):
    version: str = Field("", max_length=FILTER_MAX_LENGTH, description="A checklist version, such as 2026-1")
    provision: str = Field("", max_length=FILTER_MAX_LENGTH, description="A provision's code, such as O5")
    as_of: str = Field("", max_length=FILTER_MAX_LENGTH, description=AS_OF)


class CoverageCountOut(Schema):
    status: str
    label: str
    count: int


class CoverageMemberOut(Schema):
    member: str = Field(..., alias="profile.member.slug")
    name: str = Field(..., alias="profile.member.name")
    country: str = Field(..., description="ISO 3166 code; empty when the member has none (not on the map)")
    status: str = Field(..., alias="cell.status")
    status_label: str = Field(..., alias="cell.label")


class CoverageOut(Schema):
    version: str = Field(..., alias="version.code")
    provision: str = Field(..., alias="provision.code")
    text: str = Field(..., alias="provision.text")
    as_of: datetime.date | None
    public: bool = Field(..., description="The public's view: only members that published their profile")
    unlisted: int = Field(
        ..., description="Members without a status: not published (public), or with no legal profile yet"
    )
    counts: list[CoverageCountOut]
    members: list[CoverageMemberOut] = Field(..., alias="entries")

    @staticmethod
    def resolve_counts(obj: Any) -> list[dict[str, Any]]:
        return [{"status": s, "label": label, "count": n} for s, label, n in obj.counts]
