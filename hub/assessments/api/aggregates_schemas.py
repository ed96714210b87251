"""MNR self-assessment API: the schemas of the safe aggregates. They read the cells the selector
hub.assessments.selectors.aggregates builds (the same the pages and exports show)."""

from __future__ import annotations

import datetime

from ninja import Field
from ninja import Schema

from hub.core.limits import FILTER_MAX_LENGTH


class AggregateQuery(Schema):
    cycle_id: int | None = Field(
        None, ge=1, le=2_147_483_647, description="One cycle; every cycle you may see without it"
    )
    format: str = Field(
        "json", max_length=FILTER_MAX_LENGTH, description="json (default), or csv or xlsx for the export's file"
    )


class AggregateCellOut(Schema):
    cycle_id: int
    kind: str = Field(..., description="capability or domain")
    subject: str = Field(..., description="The capability's number, or the domain's name")
    domain: str
    region: str = Field(..., description='A UN M49 region, "-" for members whose region is not given, "" for all')
    shown: bool = Field(..., description="False: not enough responses to protect confidentiality")
    respondents: int | None = Field(None, description="Members the cell covers; only when shown")
    counts: list[int] | None = Field(None, description="Answers in phases 1 to 4; only when shown")
    text: str = Field(..., description="What the page shows for a suppressed cell (the same whatever the reason)")

    @staticmethod
    def resolve_counts(cell: object) -> list[int] | None:
        counts = getattr(cell, "counts", None)
        return list(counts) if counts is not None else None

    @staticmethod
    def resolve_text(cell: object) -> str:
        return "" if getattr(cell, "shown", False) else str(getattr(cell, "suppressed_text", ""))


class AggregateCycleOut(Schema):
    id: int
    title: str
    opens_on: datetime.date
    published: bool = Field(..., description="The aggregate is on the public site")


class AggregatePhaseOut(Schema):
    number: int
    label: str


class AggregateOut(Schema):
    framework: str = Field(..., description="The framework version every cycle's answers are mapped onto")
    cycles: list[AggregateCycleOut]
    phases: list[AggregatePhaseOut]
    regions: list[str]
    cells: list[AggregateCellOut]


class CycleAggregateOut(Schema):
    id: int
    title: str
    aggregate_published_at: datetime.datetime | None = Field(
        None, description="When the aggregate was published to the public site; null when it is not"
    )
