"""The notifications page: what the platform e-mailed to the viewer, read and unread."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from hub.core.selectors import notification_list
from hub.core.selectors import notifications_unread_count
from hub.core.services import notification_mark_read
from hub.core.services import notifications_mark_all_read
from hub.core.web import paginate
from hub.core.web import viewer
from hub.core.web import viewer_required

PER_PAGE = 20


def _back(request: HttpRequest) -> HttpResponse:
    """Back to the page of the list the button was on."""
    page = request.POST.get("page", "")
    url = reverse("notifications")
    return redirect(f"{url}?page={page}" if page.isdigit() and page != "1" else url)


@require_safe
@viewer_required
def notifications(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    page = paginate(request, notification_list(viewer=v), per_page=PER_PAGE)
    return render(
        request,
        "core/notifications.html",
        {"page": page, "unread": notifications_unread_count(viewer=v)},
    )


@require_POST
@viewer_required
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification_mark_read(viewer=viewer(request), notification_id=pk)
    messages.success(request, _("Marked as read."))
    return _back(request)


@require_POST
@viewer_required
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    count = notifications_mark_all_read(viewer=viewer(request))
    messages.success(
        request,
        ngettext("%(count)d notification marked as read.", "%(count)d notifications marked as read.", count)
        % {"count": count},
    )
    return _back(request)
