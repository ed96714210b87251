"""MNR self-assessment: the safe aggregates' pages (the taskforce), their CSV/XLSX exports, and the
secretariat's publishing of a cycle's aggregate to the public site (with a confirmation). Every cell
comes from hub.assessments.selectors.aggregates: the rules are enforced there, not here."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from hub.assessments.forms.aggregates import AggregateChoiceForm
from hub.assessments.models import AssessmentCycle
from hub.assessments.selectors.aggregates import DOMAIN
from hub.assessments.selectors.aggregates import AggregateTable
from hub.assessments.selectors.aggregates import aggregate_cycles
from hub.assessments.selectors.aggregates import aggregate_export
from hub.assessments.selectors.aggregates import phase_rows
from hub.assessments.selectors.aggregates import region_label
from hub.assessments.selectors.aggregates import region_rows
from hub.assessments.selectors.aggregates import safe_aggregate
from hub.assessments.selectors.aggregates import trend_rows
from hub.assessments.services.assessments import cycle_publish_aggregate
from hub.core.errors import NotFound
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.core.web import confirm_page
from hub.core.web import export_response
from hub.core.web import is_confirmed
from hub.core.web import take_step
from hub.core.web import viewer
from hub.core.web import viewer_required


def _choice(request: HttpRequest, v: Viewer) -> tuple[AggregateChoiceForm, AssessmentCycle | None, str]:
    """The form, the chosen cycle (default: the latest the viewer may see aggregated), and the rows
    of the tables by region and across cycles. A cycle the viewer may not see is a 404."""
    cycles = aggregate_cycles(v)
    form = AggregateChoiceForm(request.GET or None, cycles=[(c.pk, c.title) for c in cycles])
    by = DOMAIN
    chosen = cycles[-1] if cycles else None
    if form.is_bound:
        raw = request.GET.get("cycle", "")
        if raw and not any(str(c.pk) == raw for c in cycles):
            raise NotFound()
        if form.is_valid():
            by = form.cleaned_data.get("by") or DOMAIN
            pk = form.cleaned_data.get("cycle")
            chosen = next((c for c in cycles if c.pk == pk), chosen)
    elif chosen is not None:
        form.initial = {"cycle": chosen.pk, "by": DOMAIN}  # the choice shown is the cycle shown
    return form, chosen, by


def aggregate_context(v: Viewer, table: AggregateTable, cycle_id: int, by: str) -> dict[str, Any]:
    """What the aggregates' templates show of one cycle (also the public site's page)."""
    return {
        "table": table,
        "chosen": table.cycle(cycle_id),
        "by": by,
        "phases": table.phases,
        "phase_rows": phase_rows(table, cycle_id),
        "region_headers": [region_label(r) for r in (*table.regions, "")],
        "region_rows": region_rows(table, cycle_id, by),
        "trend_rows": trend_rows(table, by),
        # Demo cycles carry the synthetic banner (a cycle's flag: nothing about who answered).
        "has_synthetic": AssessmentCycle.objects.filter(
            pk__in=[c.id for c in table.cycles], is_synthetic=True
        ).exists(),
    }


@require_safe
@viewer_required
def aggregates_view(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    policy_for(AssessmentCycle).require(v, "browse", message=_("Self-assessment is the taskforce's."))
    form, chosen, by = _choice(request, v)
    context: dict[str, Any] = {"form": form, "chosen": None}
    if chosen is not None:
        table = safe_aggregate(v)
        context |= aggregate_context(v, table, chosen.pk, by)
        context |= {
            "cycle": chosen,
            "can_publish": policy_for(AssessmentCycle).can(v, "publish_aggregate", chosen),
            "can_unpublish": policy_for(AssessmentCycle).can(v, "unpublish_aggregate", chosen),
            "query": f"cycle={chosen.pk}",
        }
    return render(request, "assessments/aggregates/index.html", context)


@require_safe
@viewer_required
def aggregates_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    """The same safe cells as the page: of the chosen cycle, or of every cycle without one."""
    v = viewer(request)
    policy_for(AssessmentCycle).require(v, "browse", message=_("Self-assessment is the taskforce's."))
    raw = request.GET.get("cycle", "")
    if raw and not raw.isdigit():
        raise NotFound()
    table = safe_aggregate(v, cycles=[int(raw)] if raw else None)
    headers, rows = aggregate_export(table)
    name = f"self-assessment-aggregate-{raw}" if raw else "self-assessment-aggregate"
    return export_response(headers=headers, rows=rows, fmt=fmt, filename=name)


def _publish_step(request: HttpRequest, cycle_id: int, *, publish: bool) -> HttpResponse:
    v = viewer(request)
    policy: Any = policy_for(AssessmentCycle)
    cycle = policy.get(v, cycle_id)
    policy.require(v, "manage", cycle, message=_("Only the secretariat publishes aggregates."))
    back = f"{reverse('assessments_aggregates')}?cycle={cycle.pk}"
    if not is_confirmed(request):
        if publish:
            return confirm_page(
                request,
                title=_("Publish the aggregate of %(cycle)s to the public site?") % {"cycle": cycle.title},
                what_happens=[
                    _("Anyone can then read this cycle's safe aggregate on the public site, under the same rules."),
                    _("Cells with not enough responses stay hidden; no member's answers are ever shown."),
                    _("You can take it back from the public site later."),
                ],
                button=_("Publish the aggregate"),
                cancel_url=back,
            )
        return confirm_page(
            request,
            title=_("Take the aggregate of %(cycle)s back from the public site?") % {"cycle": cycle.title},
            what_happens=[_("The public site no longer shows this cycle's aggregate; the taskforce still sees it.")],
            button=_("Take it back"),
            cancel_url=back,
            danger=True,
        )
    return take_step(
        request,
        lambda: cycle_publish_aggregate(viewer=v, cycle_id=cycle.pk, publish=publish),
        success=_("The aggregate is published on the public site.") if publish else _("The aggregate is taken back."),
        back=back,
    )


@require_POST
@viewer_required
def aggregate_publish_view(request: HttpRequest, cycle_id: int) -> HttpResponse:
    return _publish_step(request, cycle_id, publish=True)


@require_POST
@viewer_required
def aggregate_unpublish_view(request: HttpRequest, cycle_id: int) -> HttpResponse:
    return _publish_step(request, cycle_id, publish=False)


urlpatterns = [
    path("assessments/aggregates/", aggregates_view, name="assessments_aggregates"),
    path("assessments/aggregates/export.<str:fmt>", aggregates_export_view, name="assessments_aggregates_export"),
    path(
        "assessments/aggregates/<int:cycle_id>/publish/", aggregate_publish_view, name="assessments_aggregate_publish"
    ),
    path(
        "assessments/aggregates/<int:cycle_id>/unpublish/",
        aggregate_unpublish_view,
        name="assessments_aggregate_unpublish",
    ),
]
