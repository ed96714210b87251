"""Legal frameworks API: codings and correction requests (schemas). Output schemas read the model
instances (and the selectors' cells and history entries) the routes return."""

from __future__ import annotations

import datetime
from typing import Any
from typing import Literal

from ninja import Field
from ninja import Schema

from hub.core.api import RecordId

StatusName = Literal["met", "partial", "not_met", "not_assessed", "not_applicable"]
ReviewName = Literal["draft", "verified"]
CorrectionStatus = Literal["open", "accepted", "rejected"]


class CodingCellOut(Schema):
    """One provision's coding as the caller may see it (not assessed when none)."""

    provision: str = Field(..., description="The provision's code, for example O5")
    group: str
    status: StatusName = Field(..., description="met, partial, not_met, not_assessed or not_applicable")
    status_label: str = Field(..., alias="label", description="The status in words")
    review: ReviewName = Field(..., description="draft or verified (by the secretariat)")
    statute_id: int | None = Field(None, description="The cited statute of the profile")
    pinpoint: str
    rationale: str
    verified_on: datetime.date | None
    coding_id: int | None = Field(None, description="None: never coded (not assessed)")


class CodingHistoryOut(Schema):
    when: datetime.datetime
    who: str | None = Field(None, description="Who changed it (named to the taskforce only)")
    status: StatusName
    status_label: str
    review: ReviewName
    citation: str
    reason: str
    verified_on: datetime.date | None


class CodingDetailOut(Schema):
    member: str = Field(..., description="The member's short name (slug)")
    version: str = Field(..., description="The checklist version, for example 2026-1")
    provision: str
    provision_text: str
    met_means: str
    scoring: Literal["graded", "binary"]
    status: StatusName
    status_label: str
    review: ReviewName
    statute_id: int | None
    pinpoint: str
    citation: str = Field(..., description="The statute's citation and the section")
    rationale: str
    coder: str | None = Field(None, description="Who coded it (named to the taskforce only)")
    verified_on: datetime.date | None
    coding_id: int | None = Field(None, description="None: never coded (not assessed)")
    is_synthetic: bool
    url: str
    history: list[CodingHistoryOut]


class CodingEditIn(Schema):
    """The secretariat's coding of one provision (send the coding's ETag as If-Match: a change over a
    newer version is 409)."""

    status: str = Field(..., max_length=16, description="met, partial, not_met, not_assessed or not_applicable")
    statute_id: RecordId | None = Field(None, description="One of the profile's statutes")
    pinpoint: str = Field("", max_length=300, description="The section, for example s. 163.1(4)")
    rationale: str = Field("", max_length=5000)
    verified: bool = Field(False, description="Verified by the secretariat (needs a statute or a pinpoint)")
    reason: str = Field("", max_length=2000, description="Why it changes (kept in the history)")


class CorrectionOut(Schema):
    id: int
    member: str = Field(..., description="The coded member's short name (slug)")
    version: str
    provision: str
    proposed_status: StatusName
    citation: str = Field(..., alias="proposed_citation")
    reason: str
    status: CorrectionStatus = Field(..., description="open, accepted or rejected")
    requested_by: str
    resolution_note: str = Field(..., description="The secretariat's reason")
    created_at: datetime.datetime
    resolved_at: datetime.datetime | None
    is_synthetic: bool
    url: str

    @staticmethod
    def resolve_member(c: Any) -> str:
        return str(c.coding.profile.member.slug)

    @staticmethod
    def resolve_version(c: Any) -> str:
        return str(c.coding.provision.version.code)

    @staticmethod
    def resolve_provision(c: Any) -> str:
        return str(c.coding.provision.code)

    @staticmethod
    def resolve_requested_by(c: Any) -> str:
        return str(c.requested_by.full_name)

    @staticmethod
    def resolve_url(c: Any) -> str:
        return str(c.get_absolute_url())


class CorrectionIn(Schema):
    proposed_status: str = Field(..., max_length=16, description="The coding proposed (one of the five statuses)")
    citation: str = Field(..., max_length=300, description="The statute and the section it rests on")
    reason: str = Field(..., max_length=5000, description="Why the coding should change")


class CorrectionDecisionIn(Schema):
    note: str = Field("", max_length=5000, description="The secretariat's reason (required to reject)")
