"""Joining: the public join form and the requester's link; the secretariat's review pages."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.errors import HubError
from hub.core.errors import NotFound
from hub.core.policies import policy_for
from hub.core.web import form_page
from hub.core.web import form_status
from hub.core.web import public_page
from hub.core.web import rate_limit
from hub.core.web import run_form
from hub.core.web import viewer
from hub.core.web import viewer_required
from hub.members.forms import AllianceCheckForm
from hub.members.forms import AskMoreForm
from hub.members.forms import JoinAnswerForm
from hub.members.forms import JoinRequestForm
from hub.members.forms import RejectForm
from hub.members.models import JoinRequest
from hub.members.selectors import join_request_get
from hub.members.selectors import join_request_list
from hub.members.selectors import join_request_messages
from hub.members.services import join_request_answer
from hub.members.services import join_request_approve
from hub.members.services import join_request_ask_more
from hub.members.services import join_request_for_token
from hub.members.services import join_request_record_alliance_check
from hub.members.services import join_request_reject
from hub.members.services import join_request_submit
from hub.members.services import join_request_verify


@public_page
def join(request: HttpRequest) -> HttpResponse:
    """The public form: no account needed; the e-mail is verified by a link before the request is filed."""
    form = JoinRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        rate_limit(request, scope="join", limit=settings.JOIN_REQUESTS_PER_HOUR, seconds=3600)

    def submit(d: dict[str, object]) -> JoinRequest:
        return join_request_submit(
            government=str(d["government"]),
            country=str(d["country"] or ""),
            contact_name=str(d["contact_name"]),
            contact_email=str(d["contact_email"]),
            message=str(d["message"] or ""),
            letter=d.get("letter"),  # type: ignore[arg-type]
        )

    return form_page(
        request,
        form,
        submit,
        success=_("Thank you. We have sent you an e-mail: open its link to confirm your request."),
        next_url=reverse("join_sent"),
        template="members/join.html",
    )


@public_page
def join_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "members/join_sent.html")


def _status_page(
    request: HttpRequest, token: str, join_request: JoinRequest, form: JoinAnswerForm | None
) -> HttpResponse:
    context = {
        "join_request": join_request,
        "steps": join_request_messages(join_request=join_request),
        "form": form,
        "token": token,
        "has_synthetic": join_request.is_synthetic,
    }
    return render(request, "members/join_status.html", context, status=form_status(request))


@public_page
def join_status(request: HttpRequest, token: str) -> HttpResponse:
    """The requester's link: verifies the e-mail on first opening, shows every step, takes answers."""
    join_request = join_request_verify(token=token)
    form = None
    if join_request.status == JoinRequest.Status.MORE_INFORMATION:
        form = JoinAnswerForm(request.POST or None)
        done = run_form(
            request,
            form,
            lambda d: join_request_answer(token=token, text=d["text"]),
            success=_("Your answer was sent to the secretariat."),
            next_url=request.path,
        )
        if done:
            return done
    elif request.method == "POST":
        raise NotFound()
    return _status_page(request, token, join_request, form)


def _letter_response(join_request: JoinRequest) -> FileResponse:
    if not join_request.letter:
        raise NotFound()
    return FileResponse(
        join_request.letter.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"join-request-{join_request.pk}-letter.pdf",
    )


@public_page
def join_letter(request: HttpRequest, token: str) -> FileResponse:
    return _letter_response(join_request_for_token(token=token))


@viewer_required
def join_request_letter(request: HttpRequest, pk: int) -> FileResponse:
    return _letter_response(join_request_get(viewer=viewer(request), pk=pk))


@viewer_required
def join_requests(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    if not policy_for(JoinRequest).can(v, "review"):
        raise NotFound()
    status = request.GET.get("status", "")
    if status not in JoinRequest.Status.values:
        status = ""
    requests = list(join_request_list(viewer=v, status=status))
    context = {
        "join_requests": requests,
        "statuses": JoinRequest.Status.choices,
        "status": status,
        "has_synthetic": any(r.is_synthetic for r in requests),
    }
    return render(request, "members/join_requests.html", context)


@viewer_required
def join_request_new(request: HttpRequest) -> HttpResponse:
    """The secretariat files a request on a government's behalf, from its letter."""
    v = viewer(request)
    if not policy_for(JoinRequest).can(v, "file"):
        raise NotFound()
    form = JoinRequestForm(request.POST or None, request.FILES or None)

    def submit(d: dict[str, object]) -> JoinRequest:
        return join_request_submit(
            government=str(d["government"]),
            country=str(d["country"] or ""),
            contact_name=str(d["contact_name"]),
            contact_email=str(d["contact_email"]),
            message=str(d["message"] or ""),
            letter=d.get("letter"),  # type: ignore[arg-type]
            filed_by=v,
        )

    return form_page(
        request,
        form,
        submit,
        success=_("Request filed."),
        next_url=lambda jr: reverse("join_request_detail", args=[jr.pk]),
        template="members/join_request_new.html",
    )


def _detail(request: HttpRequest, join_request: JoinRequest, **forms: object) -> HttpResponse:
    context: dict[str, object] = {
        "join_request": join_request,
        "steps": join_request_messages(join_request=join_request),
        "check_form": forms.get("check_form") or AllianceCheckForm(),
        "ask_form": forms.get("ask_form") or AskMoreForm(),
        "reject_form": forms.get("reject_form") or RejectForm(),
        "approve_errors": forms.get("approve_errors"),
        "has_synthetic": join_request.is_synthetic,
    }
    return render(request, "members/join_request_detail.html", context, status=form_status(request))


@viewer_required
def join_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    join_request = join_request_get(viewer=viewer(request), pk=pk)
    if request.method == "POST":
        raise NotFound()
    return _detail(request, join_request)


def _action(request: HttpRequest, pk: int, form_name: str, form: object, action: object, success: str) -> HttpResponse:
    join_request = join_request_get(viewer=viewer(request), pk=pk)
    done = run_form(
        request,
        form,
        action,  # type: ignore[arg-type]
        success=success,
        next_url=reverse("join_request_detail", args=[join_request.pk]),
    )
    if done:
        return done
    join_request.refresh_from_db()
    return _detail(request, join_request, **{form_name: form})


@require_POST
@viewer_required
def join_request_check(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    form = AllianceCheckForm(request.POST)
    return _action(
        request,
        pk,
        "check_form",
        form,
        lambda d: join_request_record_alliance_check(
            viewer=v, request_id=pk, is_alliance_member=d["is_alliance_member"], source=d["source"]
        ),
        _("Alliance membership check recorded."),
    )


@require_POST
@viewer_required
def join_request_ask(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    form = AskMoreForm(request.POST)
    return _action(
        request,
        pk,
        "ask_form",
        form,
        lambda d: join_request_ask_more(viewer=v, request_id=pk, question=d["question"]),
        _("Question sent to the requester."),
    )


@require_POST
@viewer_required
def join_request_reject_view(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    form = RejectForm(request.POST)
    return _action(
        request,
        pk,
        "reject_form",
        form,
        lambda d: join_request_reject(viewer=v, request_id=pk, reason=d["reason"]),
        _("Request rejected; the requester was told why."),
    )


@require_POST
@viewer_required
def join_request_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    join_request = join_request_get(viewer=v, pk=pk)
    try:
        join_request_approve(viewer=v, request_id=join_request.pk)
    except HubError as exc:
        join_request.refresh_from_db()
        return _detail(request, join_request, approve_errors=exc)
    from django.contrib import messages
    from django.shortcuts import redirect

    messages.success(request, _("Request approved: the member is active and its focal point is invited."))
    return redirect("join_request_detail", pk=join_request.pk)
