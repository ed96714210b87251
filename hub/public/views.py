"""The public site: about the Taskforce, from the seed documents, cited; and the commitment pages."""

from __future__ import annotations

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from hub.core.web import public_page
from hub.core.web import viewer
from hub.members.selectors import alliance_figure_latest
from hub.members.selectors import member_summary
from hub.public.selectors import commitment_page


@require_safe
@public_page
def home(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    context = {"summary": member_summary(viewer=v), "alliance_figure": alliance_figure_latest(viewer=v)}
    return render(request, "public/home.html", context)


@require_safe
@public_page
def commitment_detail(request: HttpRequest, number: int) -> HttpResponse:
    page = commitment_page(viewer=viewer(request), number=number)
    return render(request, "public/commitment.html", {"page": page, "has_synthetic": page.has_synthetic})
