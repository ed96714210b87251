"""Small helpers shared by the views of every app: decorators, error mapping, exports, paging."""

from __future__ import annotations

import functools
from collections.abc import Callable
from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Page
from django.core.paginator import Paginator
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import HttpResponseBase
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from hub.core import registry
from hub.core.errors import HubError
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.errors import RateLimited
from hub.core.tabular import export_body
from hub.core.viewer import Viewer
from hub.core.viewer import request_viewer

View = Callable[..., HttpResponseBase]
# What a page form does with its cleaned data (calls a service), and where it goes next (or how to
# find that from the service's result).
FormAction = Callable[[dict[str, Any]], Any]
NextUrl = str | Callable[[Any], str]


def public_page(view: View) -> View:
    """Mark a view as readable by anyone, second factor or not."""
    view.hub_public = True  # type: ignore[attr-defined]
    return view


def viewer_required(view: View) -> View:
    """The view needs a signed-in person with a second factor (the middleware enforces the factor)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        viewer = request_viewer(request)
        if not viewer.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


class HubErrorMiddleware:
    """Map the hub's errors to pages: hidden or missing records are 404, never 403."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path.startswith("/api/"):
            return None
        if isinstance(exception, NotFound):
            raise Http404(exception.message)
        if isinstance(exception, PermissionDenied):
            return render(request, "403.html", {"message": exception.message}, status=403)
        if isinstance(exception, HubError):
            response = render(
                request,
                "error.html",
                {"message": exception.message, "problems": exception.problems},
                status=exception.status,
            )
            if isinstance(exception, RateLimited):
                response["Retry-After"] = str(exception.retry_after)
            return response
        return None


EXPORT_FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "json": ("application/json", "json"),
}


def export_response(*, headers: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str, filename: str) -> HttpResponse:
    """A CSV, XLSX or JSON download of rows the viewer may see (the caller selected them)."""
    if fmt not in EXPORT_FORMATS:
        raise NotFound()
    content_type, ext = EXPORT_FORMATS[fmt]
    body = export_body(headers=headers, rows=rows, fmt=ext)
    return file_response(body, content_type=content_type, filename=f"{filename}.{ext}")


def file_response(body: Any, *, content_type: str, filename: str, inline: bool = False) -> HttpResponse:
    """A generated file: shown in the browser (`inline`) or downloaded as `filename`."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response


def paginate(request: HttpRequest, items: Any, per_page: int = 50) -> Page:
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def viewer(request: HttpRequest) -> Viewer:
    return request_viewer(request)


def warn_terms(request: HttpRequest, *texts: str | None) -> None:
    """After a narrative is saved: one warning message per discouraged term it uses, with the preferred
    term (the checks registered in `hub.core.registry.text_check`). A warning, never a block."""
    from django.contrib import messages

    seen: set[str] = set()
    for text in texts:
        for warning in registry.text_warnings(text or ""):
            if warning.found.lower() in seen:
                continue
            seen.add(warning.found.lower())
            messages.warning(
                request,
                _("Terminology: instead of “%(found)s”, prefer “%(preferred)s”: %(why)s.")
                % {"found": warning.found, "preferred": warning.preferred, "why": warning.why},
            )


def run_form(
    request: HttpRequest,
    form: Any,
    action: FormAction,
    *,
    success: str,
    next_url: NextUrl,
    narratives: Sequence[str] = (),
) -> HttpResponse | None:
    """The one way a page form calls a service.

    On POST with valid input, call `action(cleaned_data)`; on success show `success` and redirect
    to `next_url` (or `next_url(result)`). A service error is shown on the form, naming its fields.
    Returns None when the page should be shown again (use `form_status` for its status code).
    `narratives` names the fields of free text the terminology check reads after a successful save.
    """
    from django.contrib import messages
    from django.shortcuts import redirect

    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except (NotFound, PermissionDenied):
        raise  # 404 and 403 pages, not form errors
    except HubError as exc:
        form.add_hub_error(exc)
        return None
    messages.success(request, success)
    warn_terms(request, *(form.cleaned_data.get(name) for name in narratives))
    return redirect(next_url(result) if callable(next_url) else next_url)


def form_page(
    request: HttpRequest,
    form: Any,
    action: FormAction,
    *,
    template: str,
    success: str,
    next_url: NextUrl,
    context: Callable[[], dict[str, Any]] | None = None,
    narratives: Sequence[str] = (),
) -> HttpResponse:
    """A page around one form that calls one service: `run_form`, then either its redirect or the page
    (with `form`, and `context()`, built only when the page is shown), 422 when a submitted form failed.
    `narratives` names the fields of free text the terminology check reads after a successful save."""
    done = run_form(request, form, action, success=success, next_url=next_url, narratives=narratives)
    if done:
        return done
    page = {"form": form, **(context() if context else {})}
    return render(request, template, page, status=form_status(request))


def form_status(request: HttpRequest) -> int:
    """422 when a submitted form is shown again with its errors, 200 otherwise."""
    return 422 if request.method == "POST" else 200


class RequestSizeLimitMiddleware:
    """Refuse request bodies over MAX_REQUEST_BYTES before Django reads them (uploads included)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return HttpResponse(_("The request is too large."), status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def rate_limit(request: HttpRequest, *, scope: str, limit: int, seconds: int) -> None:
    """Refuse (RateLimited: 429 with Retry-After, on pages and the API alike) once this address has
    made `limit` requests of this kind in the window of `seconds` its first one opened."""
    import time

    from django.core.cache import cache

    key = f"hub:rate:{scope}:{request.META.get('REMOTE_ADDR', '')}"
    now = time.time()
    cache.add(f"{key}:until", now + seconds, seconds)
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, seconds)
        count = 1
    if count > limit:
        until = cache.get(f"{key}:until") or now + seconds
        raise RateLimited(
            _("Too many requests from this address; try again in an hour."), retry_after=int(until - now) + 1
        )


# --- irreversible steps ask once more -------------------------------------------------------------
# A step's button posts to the step's address as before; the view calls `confirm_page` unless
# `is_confirmed(request)`, so the person sees what will happen and confirms (or goes back) without
# JavaScript. The confirmation page carries the posted fields on (hidden), so a step with input (a
# reason, comments) keeps it. A step that fails redirects back to its record with the error shown,
# never leaving the browser on the step's address.
CONFIRM_FIELD = "confirmed"


def is_confirmed(request: HttpRequest) -> bool:
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == "yes"


def confirm_page(
    request: HttpRequest,
    *,
    title: str,
    what_happens: Sequence[str],
    button: str,
    cancel_url: str,
    danger: bool = False,
) -> HttpResponse:
    """The "are you sure" page of an irreversible step: what will happen, Confirm, and a way back."""
    carried = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in {"csrfmiddlewaretoken", CONFIRM_FIELD}
        for value in values
    ]
    return render(
        request,
        "core/confirm.html",
        {
            "title": title,
            "what_happens": what_happens,
            "button": button,
            "cancel_url": cancel_url,
            "danger": danger,
            "carried": carried,
            "action": request.get_full_path(),
            "confirm_field": CONFIRM_FIELD,
        },
    )


def take_step(request: HttpRequest, act: Callable[[], Any], *, success: str, back: str) -> HttpResponse:
    """A posted step of a workflow (publish, accept, withdraw…): take it, then go back to the record's
    page with its success, or with why it was refused (a lost race, a stale page). A record the viewer
    may not see stays a 404."""
    try:
        act()
    except (NotFound, PermissionDenied):
        raise
    except HubError as exc:
        messages.error(request, " ".join([exc.message, *(p.message for p in exc.problems)]))
    else:
        messages.success(request, success)
    return redirect(back)
