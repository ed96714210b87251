"""MNR self-assessment API: the gap view and consent-based exchanges (schemas). Output schemas read
the model instances and the selectors' rows the routes return."""

from __future__ import annotations

import datetime
from typing import Any
from typing import Literal

from django.urls import reverse
from ninja import Field
from ninja import Schema

from hub.core.api import RecordId

ExchangeStatus = Literal["pending", "accepted", "declined", "withdrawn"]
ExchangeKind = Literal["offer", "request"]


class CapabilityRefOut(Schema):
    id: int
    framework: str = Field(..., description="The framework version, for example mnr-2016")
    number: int
    name: str
    domain: str

    @staticmethod
    def resolve_framework(c: Any) -> str:
        return str(c.framework.code)


class MnrMemberRefOut(Schema):
    slug: str = Field(..., description="The member's short name")
    name: str


class LinkOut(Schema):
    title: str
    url: str


class PeerOut(Schema):
    member: MnrMemberRefOut
    phase: int
    phase_label: str
    exchange_id: int


class GapRowOut(Schema):
    capability: CapabilityRefOut
    priority: bool
    phase: int
    phase_label: str
    target_phase: int
    target_label: str
    gap: int = Field(..., description="Target phase minus phase")
    planned_actions: str
    good_practices: list[LinkOut]
    documents: list[LinkOut]
    peers: list[PeerOut] = Field(..., description="Members of an accepted exchange on it, further along")

    @staticmethod
    def resolve_planned_actions(r: Any) -> str:
        return str(r.answer.planned_actions)

    @staticmethod
    def resolve_good_practices(r: Any) -> list[dict[str, str]]:
        return [{"title": p.title, "url": p.get_absolute_url()} for p in r.practices]

    @staticmethod
    def resolve_documents(r: Any) -> list[dict[str, str]]:
        return [{"title": d.title, "url": d.get_absolute_url()} for d in r.documents]


class GapViewOut(Schema):
    assessment_id: int
    member: MnrMemberRefOut
    cycle: str
    status: str
    is_synthetic: bool
    rows: list[GapRowOut]

    @staticmethod
    def resolve_assessment_id(v: Any) -> int:
        return int(v.assessment.pk)

    @staticmethod
    def resolve_member(v: Any) -> Any:
        return v.assessment.member

    @staticmethod
    def resolve_cycle(v: Any) -> str:
        return str(v.assessment.cycle.title)

    @staticmethod
    def resolve_status(v: Any) -> str:
        return str(v.assessment.status)

    @staticmethod
    def resolve_is_synthetic(v: Any) -> bool:
        return bool(v.has_synthetic)


class ExchangeOut(Schema):
    id: int
    capability: CapabilityRefOut
    initiator: MnrMemberRefOut = Field(..., description="The member that proposed it")
    counterpart: MnrMemberRefOut = Field(..., description="The member asked")
    kind: ExchangeKind
    kind_label: str
    message: str
    status: ExchangeStatus
    status_label: str
    created_at: datetime.datetime
    answered_at: datetime.datetime | None
    withdrawn_at: datetime.datetime | None
    is_synthetic: bool
    url: str

    @staticmethod
    def resolve_kind_label(e: Any) -> str:
        return str(e.get_kind_display())

    @staticmethod
    def resolve_status_label(e: Any) -> str:
        return str(e.get_status_display())

    @staticmethod
    def resolve_url(e: Any) -> str:
        return reverse("assessments_exchange", args=[e.pk])


class ExchangeSideOut(Schema):
    member: MnrMemberRefOut
    phase: int | None = Field(None, description="Its latest submitted phase for the capability (None: none yet)")


class ExchangeDetailOut(ExchangeOut):
    phases: list[ExchangeSideOut] = Field(..., description="Both members' phases: only once both consented")


class ExchangeIn(Schema):
    member_id: RecordId | None = Field(None, description="Your member proposing (needed if you act for several)")
    counterpart_id: RecordId = Field(..., description="The member asked")
    capability_id: RecordId = Field(..., description="A capability of the current framework version")
    kind: str = Field(..., max_length=16, description="offer or request")
    message: str = Field("", max_length=2000)
