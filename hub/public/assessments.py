"""The public site: the safe aggregates of self-assessment cycles whose aggregate the secretariat
published (the same cells, under the same rules, as the taskforce sees; hub.assessments.selectors)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from hub.assessments.selectors.aggregates import CAPABILITY
from hub.assessments.selectors.aggregates import DOMAIN
from hub.assessments.selectors.aggregates import aggregate_cycles
from hub.assessments.selectors.aggregates import safe_aggregate
from hub.assessments.views.aggregates import aggregate_context
from hub.core.errors import NotFound
from hub.core.web import public_page
from hub.core.web import viewer


@require_safe
@public_page
def self_assessment(request: HttpRequest) -> HttpResponse:
    """The published cycles; one of them (?cycle=, default the latest) with its safe aggregate. A cycle
    not published (or not there) is a 404, as for any record the viewer may not see."""
    v = viewer(request)
    cycles = aggregate_cycles(v)
    raw = request.GET.get("cycle", "")
    by = request.GET.get("by", DOMAIN)
    if by not in (DOMAIN, CAPABILITY):
        by = DOMAIN
    chosen = next((c for c in cycles if str(c.pk) == raw), None) if raw else (cycles[-1] if cycles else None)
    if raw and chosen is None:
        raise NotFound()
    context: dict[str, Any] = {"cycles": cycles, "chosen": None, "by": by}
    if chosen is not None:
        context |= aggregate_context(v, safe_aggregate(v), chosen.pk, by)
    return render(request, "public/self_assessment.html", context)
