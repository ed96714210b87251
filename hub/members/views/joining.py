"""Joining: the public join form and the requester's link; the secretariat's review pages."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.errors import ValidationFailed
from hub.core.policies import policy_for
from hub.core.web import confirm_page
from hub.core.web import form_page
from hub.core.web import form_status
from hub.core.web import is_confirmed
from hub.core.web import public_page
from hub.core.web import rate_limit
from hub.core.web import run_form
from hub.core.web import viewer
from hub.core.web import viewer_required
from hub.core.web import warn_terms
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
from hub.members.views.steps import step_failed


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
        narratives=("message",),
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
            narratives=("text",),
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
        narratives=("message",),
    )


def _detail(request: HttpRequest, join_request: JoinRequest, **forms: object) -> HttpResponse:
    v = viewer(request)
    policy = policy_for(JoinRequest)
    context: dict[str, object] = {
        "join_request": join_request,
        "steps": join_request_messages(join_request=join_request),
        "can_decide": policy.can(v, "decide", join_request),
        "can_approve": policy.can(v, "approve", join_request),
        "check_form": forms.get("check_form") or AllianceCheckForm(),
        "ask_form": forms.get("ask_form") or AskMoreForm(),
        "reject_form": forms.get("reject_form") or RejectForm(),
        "has_synthetic": join_request.is_synthetic,
    }
    return render(request, "members/join_request_detail.html", context, status=form_status(request))


@viewer_required
def join_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    join_request = join_request_get(viewer=viewer(request), pk=pk)
    if request.method == "POST":
        raise NotFound()
    return _detail(request, join_request)


def _action(
    request: HttpRequest,
    join_request: JoinRequest,
    form_name: str,
    form: object,
    action: object,
    success: str,
    confirm: Callable[[dict[str, object]], HttpResponse] | None = None,
    narratives: tuple[str, ...] = (),
) -> HttpResponse:
    """A review step with a form: shown again with its errors; an irreversible one asks once more
    (`confirm`) before it runs; a step refused by the service goes back to the request, saying why."""
    detail_url = reverse("join_request_detail", args=[join_request.pk])
    if form.is_valid():  # type: ignore[attr-defined]
        data = form.cleaned_data  # type: ignore[attr-defined]
        if confirm is not None and not is_confirmed(request):
            return confirm(data)
        try:
            action(data)  # type: ignore[operator]
        except ValidationFailed as exc:
            form.add_hub_error(exc)  # type: ignore[attr-defined]
        except (Conflict, PermissionDenied) as exc:
            step_failed(request, exc)
            return redirect(detail_url)
        else:
            messages.success(request, success)
            warn_terms(request, *(str(data.get(name) or "") for name in narratives))
            return redirect(detail_url)
    join_request.refresh_from_db()
    return _detail(request, join_request, **{form_name: form})


@require_POST
@viewer_required
def join_request_check(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    join_request = join_request_get(viewer=v, pk=pk)
    return _action(
        request,
        join_request,
        "check_form",
        AllianceCheckForm(request.POST),
        lambda d: join_request_record_alliance_check(
            viewer=v, request_id=pk, is_alliance_member=d["is_alliance_member"], source=d["source"]
        ),
        _("Alliance membership check recorded."),
    )


@require_POST
@viewer_required
def join_request_ask(request: HttpRequest, pk: int) -> HttpResponse:
    """Asking for more is not irreversible: the request stays open and is decided after the answer."""
    v = viewer(request)
    join_request = join_request_get(viewer=v, pk=pk)
    return _action(
        request,
        join_request,
        "ask_form",
        AskMoreForm(request.POST),
        lambda d: join_request_ask_more(viewer=v, request_id=pk, question=d["question"]),
        _("Question sent to the requester."),
        narratives=("question",),
    )


@require_POST
@viewer_required
def join_request_reject_view(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    join_request = join_request_get(viewer=v, pk=pk)

    def confirm(d: dict[str, object]) -> HttpResponse:
        names = {"government": join_request.government}
        contact = {"name": join_request.contact_name, "email": join_request.contact_email}
        what = [
            _("The request of %(government)s is rejected and closed; it cannot be reopened.") % names,
            _("%(name)s (%(email)s) is told by e-mail, with your reason:") % contact + f" “{d['reason']}”",
        ]
        if join_request.alliance_member is False:
            what.append(
                _("The e-mail adds that the Taskforce is open to government members of the Alliance: join it first.")
            )
        return confirm_page(
            request,
            title=_("Reject the request of %(government)s?") % names,
            what_happens=what,
            button=_("Reject the request"),
            cancel_url=reverse("join_request_detail", args=[pk]),
            danger=True,
        )

    return _action(
        request,
        join_request,
        "reject_form",
        RejectForm(request.POST),
        lambda d: join_request_reject(viewer=v, request_id=pk, reason=d["reason"]),
        _("Request rejected; the requester was told why."),
        confirm=confirm,
        narratives=("reason",),
    )


@require_POST
@viewer_required
def join_request_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    join_request = join_request_get(viewer=v, pk=pk)
    detail_url = reverse("join_request_detail", args=[join_request.pk])
    if not is_confirmed(request):
        names = {
            "government": join_request.government,
            "name": join_request.contact_name,
            "email": join_request.contact_email,
        }
        return confirm_page(
            request,
            title=_("Approve the request of %(government)s?") % names,
            what_happens=[
                _("%(government)s becomes an active member of the Taskforce, listed in the member directory.") % names,
                _("Its contact person, %(name)s (%(email)s), is invited by e-mail to Taskforce Hub as its focal point.")
                % names,
                _("The requester is told by e-mail that the request was approved; the request is closed.") % names,
            ],
            button=_("Approve the request"),
            cancel_url=detail_url,
        )
    try:
        join_request_approve(viewer=v, request_id=join_request.pk)
    except (Conflict, PermissionDenied, ValidationFailed) as exc:
        step_failed(request, exc)
    else:
        messages.success(request, _("Request approved: the member is active and its focal point is invited."))
    return redirect(detail_url)
