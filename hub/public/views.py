"""The public site: about the Taskforce, from the seed documents, cited."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from hub.core.web import public_page, viewer
from hub.members.selectors import alliance_figure_latest, member_summary


@require_safe
@public_page
def home(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    context = {"summary": member_summary(viewer=v), "alliance_figure": alliance_figure_latest(viewer=v)}
    return render(request, "public/home.html", context)
