"""MNR self-assessment: the member's gap view (page, XLSX, PDF) and the consent-based exchange pages
(the list, a proposal, one exchange with its answer and withdrawal). The secretariat's openings of a
member's gap view are logged like openings of the assessment."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern
from django.urls import path
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from hub.assessments.forms.exchange import ProposeForm
from hub.assessments.models import Exchange
from hub.assessments.selectors.exchange import capability_choices
from hub.assessments.selectors.exchange import counterpart_choices
from hub.assessments.selectors.exchange import exchange_get
from hub.assessments.selectors.exchange import exchange_list
from hub.assessments.selectors.exchange import exchange_page
from hub.assessments.selectors.exchange import proposing_members
from hub.assessments.selectors.framework import phase_labels
from hub.assessments.selectors.gaps import EXPORT_HEADERS
from hub.assessments.selectors.gaps import GapView
from hub.assessments.selectors.gaps import export_rows
from hub.assessments.selectors.gaps import gap_view
from hub.assessments.services.assessments import access_record
from hub.assessments.services.exchange import exchange_accept
from hub.assessments.services.exchange import exchange_decline
from hub.assessments.services.exchange import exchange_propose
from hub.assessments.services.exchange import exchange_withdraw
from hub.core.errors import NotFound
from hub.core.models import Visibility
from hub.core.pdf import render_pdf
from hub.core.policies import policy_for
from hub.core.web import confirm_page
from hub.core.web import export_response
from hub.core.web import form_page
from hub.core.web import is_confirmed
from hub.core.web import paginate
from hub.core.web import take_step
from hub.core.web import viewer
from hub.core.web import viewer_required

# --- the gap view ---------------------------------------------------------------------------------


def _gaps(request: HttpRequest, pk: int, channel: str) -> GapView:
    v = viewer(request)
    view = gap_view(viewer=v, pk=pk)
    access_record(viewer=v, assessment=view.assessment, channel=channel)
    return view


@require_safe
@viewer_required
def assessments_gaps(request: HttpRequest, pk: int) -> HttpResponse:
    view = _gaps(request, pk, "page")
    context = {
        "view": view,
        "assessment": view.assessment,
        "member": view.assessment.member,
        "can_propose": policy_for(Exchange).can(viewer(request), "propose"),
        "has_synthetic": view.has_synthetic,
    }
    return render(request, "assessments/gaps/gaps.html", context)


def _gaps_name(view: GapView) -> str:
    return slugify(f"gaps-{view.assessment.member.slug}-{view.assessment.cycle.title}") or "gaps"


@require_safe
@viewer_required
def assessments_gaps_export(request: HttpRequest, pk: int) -> HttpResponse:
    view = _gaps(request, pk, "export")
    return export_response(headers=EXPORT_HEADERS, rows=export_rows(view), fmt="xlsx", filename=_gaps_name(view))


def gaps_pdf(view: GapView) -> bytes:
    member = view.assessment.member
    return render_pdf(
        "assessments/gaps/gaps_pdf.html",
        {"view": view, "assessment": view.assessment, "member": member},
        reference=_("Capability gaps of %(member)s") % {"member": member.name},
        visibility=str(Visibility.MEMBER.label),
        synthetic=view.has_synthetic,
    )


@require_safe
@viewer_required
def assessments_gaps_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    view = _gaps(request, pk, "pdf")
    response = HttpResponse(gaps_pdf(view), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_gaps_name(view)}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- exchanges ------------------------------------------------------------------------------------


@require_safe
@viewer_required
def assessments_exchanges(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    page = paginate(request, exchange_list(viewer=v))
    context = {
        "page": page,
        "rows": [
            (
                e,
                policy_for(Exchange).can(v, "speak_for_initiator", e),
                policy_for(Exchange).can(v, "speak_for_counterpart", e),
            )
            for e in page
        ],
        "can_propose": policy_for(Exchange).can(v, "propose"),
        "has_synthetic": any(e.is_synthetic for e in page),
    }
    return render(request, "assessments/exchange/list.html", context)


@viewer_required
def assessments_exchange_new(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    if not policy_for(Exchange).can(v, "propose"):
        raise NotFound()
    form = ProposeForm(
        request.POST or None,
        members=proposing_members(viewer=v),
        counterparts=counterpart_choices(viewer=v),
        capabilities=capability_choices(),
        initial={"capability": request.GET.get("capability", "")},
    )
    return form_page(
        request,
        form,
        lambda d: exchange_propose(
            viewer=v,
            member_id=d["member"],
            counterpart_id=d["counterpart"],
            capability_id=d["capability"],
            kind=d["kind"],
            message=d.get("message") or "",
        ),
        template="assessments/exchange/new.html",
        success=_("The exchange was proposed; the other member's officials are asked to answer."),
        next_url=lambda e: reverse("assessments_exchange", args=[e.pk]),
        narratives=("message",),
    )


@require_safe
@viewer_required
def assessments_exchange(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    page = exchange_page(viewer=v, pk=pk)
    policy = policy_for(Exchange)
    context = {
        "page": page,
        "exchange": page.exchange,
        "labels": phase_labels(),
        "can_answer": policy.can(v, "answer", page.exchange),
        "can_withdraw": policy.can(v, "withdraw", page.exchange),
        "has_synthetic": page.exchange.is_synthetic,
    }
    return render(request, "assessments/exchange/detail.html", context)


def _step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    v = viewer(request)
    exchange = exchange_get(viewer=v, pk=pk)
    policy = policy_for(Exchange)
    who = "act_as_party" if action == "withdraw" else "act_as_counterpart"
    if not policy.can(v, who, exchange):
        raise NotFound()
    back = reverse("assessments_exchange", args=[pk])
    steps: dict[str, Any] = {
        "accept": (
            _("Accept the exchange with %(member)s on %(capability)s?"),
            [
                _("%(member)s and your member will each see the other's phase for %(capability)s, and only for it."),
                _("Either side may withdraw its consent later."),
                _("The other member's focal point is told by e-mail."),
            ],
            _("Accept the exchange"),
            lambda: exchange_accept(viewer=v, exchange_id=pk),
            _("You accepted the exchange: both members now see each other's phase for this capability."),
        ),
        "decline": (
            _("Decline the exchange with %(member)s on %(capability)s?"),
            [
                _("Neither member sees anything of the other's self-assessment."),
                _("The other member's focal point is told by e-mail."),
            ],
            _("Decline the exchange"),
            lambda: exchange_decline(viewer=v, exchange_id=pk),
            _("You declined the exchange."),
        ),
        "withdraw": (
            _("Withdraw your consent to the exchange with %(member)s on %(capability)s?"),
            [
                _("The exchange ends: neither member sees the other's phase for %(capability)s any more."),
                _("The other member's focal point is told by e-mail."),
            ],
            _("Withdraw consent"),
            lambda: exchange_withdraw(viewer=v, exchange_id=pk),
            _("You withdrew your consent: the exchange has ended."),
        ),
    }
    title, happens, button, act, success = steps[action]
    other = exchange.counterpart if policy_for(Exchange).can(v, "speak_for_initiator", exchange) else exchange.initiator
    names = {"member": other.name, "capability": str(exchange.capability)}
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=title % names,
            what_happens=[h % names for h in happens],
            button=button,
            cancel_url=back,
            danger=action != "accept",
        )
    return take_step(request, act, success=success, back=back)


@require_POST
@viewer_required
def assessments_exchange_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "accept")


@require_POST
@viewer_required
def assessments_exchange_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "decline")


@require_POST
@viewer_required
def assessments_exchange_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "withdraw")


urlpatterns: list[URLPattern] = [
    path("assessments/<int:pk>/gaps/", assessments_gaps, name="assessments_gaps"),
    path("assessments/<int:pk>/gaps/export/", assessments_gaps_export, name="assessments_gaps_export"),
    path("assessments/<int:pk>/gaps/pdf/", assessments_gaps_pdf, name="assessments_gaps_pdf"),
    path("assessments/exchanges/", assessments_exchanges, name="assessments_exchanges"),
    path("assessments/exchanges/new/", assessments_exchange_new, name="assessments_exchange_new"),
    path("assessments/exchanges/<int:pk>/", assessments_exchange, name="assessments_exchange"),
    path("assessments/exchanges/<int:pk>/accept/", assessments_exchange_accept, name="assessments_exchange_accept"),
    path("assessments/exchanges/<int:pk>/decline/", assessments_exchange_decline, name="assessments_exchange_decline"),
    path(
        "assessments/exchanges/<int:pk>/withdraw/", assessments_exchange_withdraw, name="assessments_exchange_withdraw"
    ),
]
