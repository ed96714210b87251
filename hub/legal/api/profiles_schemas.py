"""Legal frameworks: the legal profile API's schemas. Output schemas read the model instances (and the
selectors' rows) the routes return."""

from __future__ import annotations

import datetime

from ninja import Field
from ninja import Schema

from hub.core.limits import FILTER_MAX_LENGTH


class CountsOut(Schema):
    met: int
    partial: int
    not_met: int
    not_assessed: int = Field(..., description="Never counted as not met")
    not_applicable: int = Field(..., description="Apart from the others")


class ProfileOut(Schema):
    member: str = Field(..., alias="profile.member.slug", description="The member's short name")
    member_name: str = Field(..., alias="profile.member.name")
    region: str = Field(..., alias="profile.member.region")
    visibility: str = Field(..., alias="profile.visibility", description="taskforce, or public once published")
    published_at: datetime.datetime | None = Field(None, alias="profile.published_at")
    is_synthetic: bool = Field(..., alias="profile.is_synthetic")
    counts: CountsOut = Field(..., description="Codings under the current checklist version")


class StatuteOut(Schema):
    id: int
    title_original: str
    original_language: str
    title_en: str
    citation: str
    url: str
    in_force_on: datetime.date | None
    repealed_on: datetime.date | None
    source: str
    is_synthetic: bool


class ReservationOut(Schema):
    id: int
    treaty: str = Field(..., alias="treaty_status.treaty")
    article: str
    text: str
    source: str
    provisions: list[str] = Field(..., description="Codes of the provisions it explains")
    is_synthetic: bool

    @staticmethod
    def resolve_provisions(obj: object) -> list[str]:
        return [p.code for p in obj.provisions.all()]  # type: ignore[attr-defined]


class TreatyStatusOut(Schema):
    treaty: str = Field(..., description="opsc, lanzarote, budapest or un_cybercrime")
    treaty_name: str
    status: str = Field(..., description="not_known, not_signed, signed or ratified")
    signed_on: datetime.date | None
    ratified_on: datetime.date | None
    source: str
    is_synthetic: bool
    reservations: list[ReservationOut]

    @staticmethod
    def resolve_treaty_name(obj: object) -> str:
        return str(obj.get_treaty_display())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_reservations(obj: object) -> list[object]:
        return list(obj.reservations.all())  # type: ignore[attr-defined]


class CodingOut(Schema):
    provision: str = Field(..., alias="provision.code")
    group: str = Field(..., alias="provision.group")
    status: str = Field(..., alias="cell.status", description="met, partial, not_met, not_assessed, not_applicable")
    review: str | None = Field(None, description="draft or verified; null when not coded")
    citation: str
    rationale: str = Field(..., alias="cell.rationale")
    verified_on: datetime.date | None = Field(None, alias="cell.verified_on")
    reservations: list[int] = Field(..., description="Ids of the reservations that explain it")

    @staticmethod
    def resolve_review(obj: object) -> str | None:
        cell = obj.cell  # type: ignore[attr-defined]
        return str(cell.review) if cell.coding_id else None

    @staticmethod
    def resolve_reservations(obj: object) -> list[int]:
        return [r.pk for r in obj.reservations]  # type: ignore[attr-defined]


class ProfileDetailOut(ProfileOut):
    summary: str = Field(..., alias="profile.summary")
    version: str | None = Field(None, description="The checklist version coded")
    as_of: datetime.date | None = Field(None, description="The day the codings are shown as of (null: today)")
    statutes: list[StatuteOut]
    treaties: list[TreatyStatusOut]
    codings: list[CodingOut]


class ProfileQuery(Schema):
    as_of: str = Field("", max_length=FILTER_MAX_LENGTH, description="YYYY-MM-DD, not in the future; empty: today")


class ProfileOpenIn(Schema):
    member: str = Field(..., max_length=FILTER_MAX_LENGTH, description="The member's short name")


class ProfilePatch(Schema):
    """Change the summary. Send the profile's ETag as If-Match: a change over a newer version is 409."""

    summary: str = Field(..., max_length=5000)


class StatuteIn(Schema):
    title_original: str = Field(..., max_length=500)
    original_language: str = Field("", max_length=35)
    title_en: str = Field("", max_length=500)
    citation: str = Field(..., max_length=300)
    url: str = Field("", max_length=500)
    in_force_on: datetime.date | None = None
    repealed_on: datetime.date | None = None
    source: str = Field(..., max_length=300)


class StatutePatch(Schema):
    title_original: str | None = Field(None, max_length=500)
    original_language: str | None = Field(None, max_length=35)
    title_en: str | None = Field(None, max_length=500)
    citation: str | None = Field(None, max_length=300)
    url: str | None = Field(None, max_length=500)
    in_force_on: datetime.date | None = None
    repealed_on: datetime.date | None = None
    source: str | None = Field(None, max_length=300)


class TreatyStatusIn(Schema):
    """Set the status under one treaty (creating it, or changing it: then send its ETag as If-Match)."""

    treaty: str = Field(..., max_length=FILTER_MAX_LENGTH, description="opsc, lanzarote, budapest or un_cybercrime")
    status: str = Field(..., max_length=FILTER_MAX_LENGTH, description="not_known, not_signed, signed or ratified")
    signed_on: datetime.date | None = None
    ratified_on: datetime.date | None = None
    source: str = Field(..., max_length=300)


class ReservationIn(Schema):
    treaty: str = Field(..., max_length=FILTER_MAX_LENGTH)
    article: str = Field(..., max_length=100)
    text: str = Field(..., max_length=5000)
    source: str = Field(..., max_length=300)
    provisions: list[str] = Field(default_factory=list, max_length=100, description="Provision codes, such as O5")


class ReservationPatch(Schema):
    treaty: str | None = Field(None, max_length=FILTER_MAX_LENGTH)
    article: str | None = Field(None, max_length=100)
    text: str | None = Field(None, max_length=5000)
    source: str | None = Field(None, max_length=300)
    provisions: list[str] | None = Field(None, max_length=100)
