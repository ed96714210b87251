"""Action items: my items, all items (overdue first), one item with its progress; decisions; procedures;
calendar feeds."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from hub.core.errors import HubError
from hub.core.errors import NotFound
from hub.core.policies import policy_for
from hub.core.viewer import viewer_for
from hub.core.web import confirm_page
from hub.core.web import export_response
from hub.core.web import form_page
from hub.core.web import form_status
from hub.core.web import is_confirmed
from hub.core.web import public_page
from hub.core.web import run_form
from hub.core.web import viewer
from hub.core.web import viewer_required
from hub.meetings.calendar import absolute
from hub.meetings.calendar import feed_for
from hub.meetings.forms import ObjectionForm
from hub.meetings.forms import ProcedureForm
from hub.meetings.forms import ProgressForm
from hub.meetings.models import ActionItem
from hub.meetings.models import WrittenProcedure
from hub.meetings.selectors import ActionFilters
from hub.meetings.selectors import action_item_get
from hub.meetings.selectors import action_item_list
from hub.meetings.selectors import action_item_updates
from hub.meetings.selectors import action_owner_name
from hub.meetings.selectors import decision_list
from hub.meetings.selectors import procedure_get
from hub.meetings.selectors import procedure_list
from hub.meetings.selectors import procedure_objections
from hub.meetings.services import action_item_progress
from hub.meetings.services import calendar_feed_create
from hub.meetings.services import calendar_feed_owner
from hub.meetings.services import calendar_feed_revoke
from hub.meetings.services import objection_record
from hub.meetings.services import written_procedure_conclude
from hub.meetings.services import written_procedure_start
from hub.members.selectors import member_list_acting_for


def _filters(request: HttpRequest) -> ActionFilters:
    status = request.GET.get("status", "")
    return ActionFilters(
        mine=request.GET.get("mine") == "1",
        status=status if status in ActionItem.Status.values else "",
        owner=request.GET.get("owner", ""),
        overdue=request.GET.get("overdue") == "1",
    )


@require_safe
@viewer_required
def action_items(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    items = list(action_item_list(viewer=v, filters=_filters(request))[:500])
    context = {
        "items": items,
        "filters": _filters(request),
        "statuses": ActionItem.Status.choices,
        "query": request.GET.urlencode(),
        "has_synthetic": any(i.is_synthetic for i in items),
    }
    return render(request, "meetings/action_items.html", context)


@require_safe
@viewer_required
def action_items_export(request: HttpRequest, fmt: str) -> HttpResponse:
    v = viewer(request)
    rows = [
        (
            i.pk,
            i.title,
            i.decision.code if i.decision else "",
            i.meeting.code if i.meeting else "",
            action_owner_name(i),
            i.due_on.isoformat(),
            i.status,
            "yes" if i.is_synthetic else "no",
        )
        for i in action_item_list(viewer=v, filters=_filters(request))
    ]
    headers = ["id", "title", "decision", "meeting", "owner", "due_on", "status", "synthetic"]
    return export_response(headers=headers, rows=rows, fmt=fmt, filename="action-items")


@viewer_required
def action_item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    item = action_item_get(viewer=v, pk=pk)
    can_update = policy_for(ActionItem).can(v, "update", item)
    form = ProgressForm(request.POST or None, initial={"status": item.status})
    if request.method == "POST" and not can_update:
        raise NotFound()
    dropping = form.is_bound and form.is_valid() and form.cleaned_data["status"] == ActionItem.Status.DROPPED
    if dropping and form.cleaned_data["drop_reason"].strip() and not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Drop this action item?"),
            what_happens=[
                _("“%(item)s” is recorded as dropped, with your reason.") % {"item": item.title},
                _("It no longer counts as open or overdue, and no more reminders are sent."),
            ],
            button=_("Drop the action item"),
            cancel_url=reverse("action_item_detail", args=[item.pk]),
            danger=True,
        )
    return form_page(
        request,
        form,
        lambda d: action_item_progress(
            viewer=v, item_id=item.pk, text=d["text"], status=d["status"], drop_reason=d["drop_reason"]
        ),
        success=_("Progress saved."),
        next_url=reverse("action_item_detail", args=[item.pk]),
        template="meetings/action_item.html",
        narratives=("text", "drop_reason"),
        context=lambda: {
            "item": item,
            "updates": action_item_updates(viewer=v, item=item),
            "form": form if can_update else None,
            "has_synthetic": item.is_synthetic,
        },
    )


@require_safe
@public_page
def decisions(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    items = list(decision_list(viewer=v).order_by("-created_at")[:500])
    return render(
        request, "meetings/decisions.html", {"decisions": items, "has_synthetic": any(d.is_synthetic for d in items)}
    )


@viewer_required
def procedures(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    manage = policy_for(WrittenProcedure).can(v, "manage")
    form = ProcedureForm(request.POST or None) if manage else None
    if request.method == "POST" and form is None:
        raise NotFound()

    def context() -> dict[str, Any]:
        items = list(procedure_list(viewer=v))
        return {"procedures": items, "has_synthetic": any(p.is_synthetic for p in items)}

    return form_page(
        request,
        form,
        lambda d: written_procedure_start(
            viewer=v, title=d["title"], proposal=d["proposal"], deadline=d["deadline"], visibility=d["visibility"]
        ),
        success=_("Written procedure started; focal points were told."),
        next_url=lambda p: reverse("procedure_detail", args=[p.pk]),
        template="meetings/procedures.html",
        narratives=("title", "proposal"),
        context=context,
    )


@viewer_required
def procedure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    procedure = procedure_get(viewer=v, pk=pk)
    may_object = policy_for(WrittenProcedure).can(v, "object", procedure)
    form = ObjectionForm(request.POST or None, members=member_list_acting_for(viewer=v)) if may_object else None
    if request.method == "POST":
        if request.POST.get("conclude"):
            if not policy_for(WrittenProcedure).can(v, "manage", procedure):
                raise NotFound()
            if not is_confirmed(request):
                return confirm_page(
                    request,
                    title=_("Close the written procedure and record its outcome?"),
                    what_happens=[
                        _("The procedure closes: no more objections are taken."),
                        _(
                            "Without objection the proposal is adopted (a numbered decision, or approved minutes);"
                            " with objections it is recorded as not adopted."
                        ),
                    ],
                    button=_("Close and record the outcome"),
                    cancel_url=reverse("procedure_detail", args=[procedure.pk]),
                )
            try:
                written_procedure_conclude(viewer=v, procedure_id=procedure.pk)
            except HubError as exc:
                messages.error(request, exc.message + " " + " ".join(p.message for p in exc.problems))
            else:
                messages.success(request, _("Written procedure concluded."))
            return redirect("procedure_detail", pk=procedure.pk)
        if form is None:
            raise NotFound()
        done = run_form(
            request,
            form,
            lambda d: objection_record(viewer=v, procedure_id=procedure.pk, member=d["member"], reason=d["reason"]),
            success=_("Objection recorded."),
            next_url=reverse("procedure_detail", args=[procedure.pk]),
            narratives=("reason",),
        )
        if done:
            return done
    context = {
        "procedure": procedure,
        "objections": procedure_objections(viewer=v, procedure=procedure),
        "form": form if policy_for(WrittenProcedure).can(v, "object_now", procedure) else None,
        "manage": policy_for(WrittenProcedure).can(v, "manage", procedure),
        "can_conclude": policy_for(WrittenProcedure).can(v, "conclude", procedure),
        "has_synthetic": procedure.is_synthetic,
    }
    return render(request, "meetings/procedure.html", context, status=form_status(request))


@viewer_required
def calendar_settings(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    token = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            calendar_feed_revoke(viewer=v)
        else:
            _feed, token = calendar_feed_create(viewer=v)
    url = absolute(reverse("calendar_feed", args=[token])) if token else None
    return render(request, "meetings/calendar.html", {"feed_url": url})


@require_safe
@public_page
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The secret feed address: the meetings its owner may see, their own action items' due dates and
    the reporting deadlines (hub.meetings.calendar.feed_for)."""
    user = calendar_feed_owner(token=token)
    response = HttpResponse(feed_for(viewer_for(user)), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
