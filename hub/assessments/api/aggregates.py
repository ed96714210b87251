"""MNR self-assessment API: the safe aggregates (the taskforce; the public for published cycles),
read through the same selector as the pages and exports, and the secretariat's publishing of a
cycle's aggregate to the public site."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query
from ninja import Router

from hub.assessments.api.aggregates_schemas import AggregateOut
from hub.assessments.api.aggregates_schemas import AggregateQuery
from hub.assessments.api.aggregates_schemas import CycleAggregateOut
from hub.assessments.selectors.aggregates import aggregate_export
from hub.assessments.selectors.aggregates import safe_aggregate
from hub.assessments.services.assessments import cycle_publish_aggregate
from hub.core.api import caller
from hub.core.api import writer
from hub.core.errors import Problem
from hub.core.errors import ValidationFailed
from hub.core.web import export_response

router = Router(tags=["Self-assessment"])


@router.get(
    "/aggregates",
    response=AggregateOut,
    summary="Safe aggregate of self-assessments (cells below the rules are not shown)",
)
def get_aggregates(request: HttpRequest, query: Query[AggregateQuery]) -> Any:
    if query.format not in ("json", "csv", "xlsx"):
        raise ValidationFailed("Unknown format.", problems=[Problem("Use json, csv or xlsx.", field="format")])
    v = caller(request).viewer
    table = safe_aggregate(v, cycles=[query.cycle_id] if query.cycle_id else None)
    if query.format != "json":
        headers, rows = aggregate_export(table)
        return export_response(headers=headers, rows=rows, fmt=query.format, filename="self-assessment-aggregate")
    return {
        "framework": table.framework,
        "cycles": list(table.cycles),
        "phases": [{"number": n, "label": label} for n, label in table.phases],
        "regions": list(table.regions),
        "cells": table.all_cells(),
    }


@router.post(
    "/cycles/{cycle_id}/publish-aggregate",
    response=CycleAggregateOut,
    summary="Publish a cycle's safe aggregate to the public site (secretariat)",
)
def publish_aggregate(request: HttpRequest, cycle_id: int) -> Any:
    c = writer(request)
    return cycle_publish_aggregate(viewer=c.viewer, cycle_id=cycle_id, via=c.via)


@router.post(
    "/cycles/{cycle_id}/unpublish-aggregate",
    response=CycleAggregateOut,
    summary="Take a cycle's safe aggregate back from the public site (secretariat)",
)
def unpublish_aggregate(request: HttpRequest, cycle_id: int) -> Any:
    c = writer(request)
    return cycle_publish_aggregate(viewer=c.viewer, cycle_id=cycle_id, publish=False, via=c.via)
