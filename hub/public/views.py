"""The public site: about the Taskforce, from the seed documents, cited."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from hub.core.web import public_page, viewer
from hub.members.selectors import member_summary


@require_safe
@public_page
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "public/home.html", {"summary": member_summary(viewer=viewer(request))})
