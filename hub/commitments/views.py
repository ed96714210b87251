"""The public list of the nine commitments."""

from __future__ import annotations

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from hub.commitments.selectors import commitment_list
from hub.core.web import public_page
from hub.core.web import viewer


@require_safe
@public_page
def commitments(request: HttpRequest) -> HttpResponse:
    return render(request, "commitments/list.html", {"commitments": commitment_list(viewer=viewer(request))})
