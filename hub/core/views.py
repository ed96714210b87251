"""The dashboard (made of the panels each app registers) and the audit log (secretariat and administrators)."""

from __future__ import annotations

from auditlog.models import LogEntry
from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from hub.core import registry
from hub.core.errors import NotFound
from hub.core.forms import HubForm
from hub.core.limits import SEARCH_MAX_LENGTH
from hub.core.policies import policy_for
from hub.core.selectors import AUDIT_EXPORT_HEADERS
from hub.core.selectors import SYSTEM_ACTOR
from hub.core.selectors import AuditFilters
from hub.core.selectors import action_choices
from hub.core.selectors import audit_actors
from hub.core.selectors import audit_entry_list
from hub.core.selectors import audit_export_rows
from hub.core.selectors import audit_kinds
from hub.core.selectors import audit_page_rows
from hub.core.selectors import audit_record_url
from hub.core.web import export_response
from hub.core.web import paginate
from hub.core.web import viewer
from hub.core.web import viewer_required


@require_safe
@viewer_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Each app's panels, in order; a panel whose context is None has nothing for this viewer.

    Panels whose context says `attention` make up "Needs your attention", shown first: each item there
    links to where the job is done. (Consultations open to the viewer, a later module, will register
    a panel of their own there.) The other panels follow.
    """
    v = viewer(request)
    attention: list[str] = []
    panels: list[str] = []
    has_synthetic = False
    for panel in registry.dashboard_panels():
        context = panel.context(v)
        if context is None:
            continue
        has_synthetic = has_synthetic or bool(context.get("has_synthetic"))
        html = mark_safe(render_to_string(panel.template, {**context, "viewer": v}, request))  # noqa: S308
        (attention if context.get("attention") else panels).append(html)
    return render(
        request,
        "core/dashboard.html",
        {"attention": attention, "panels": panels, "has_synthetic": has_synthetic},
    )


class DateInput(forms.DateInput):
    """The browser's own date picker; it sends (and is given) ISO dates whatever the language."""

    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class AuditFilterForm(HubForm):
    person = forms.ChoiceField(label=_("Person"), required=False)
    actor = forms.CharField(label=_("Or e-mail address contains"), required=False, max_length=SEARCH_MAX_LENGTH)
    model = forms.ChoiceField(label=_("Kind of record"), required=False)
    action = forms.TypedChoiceField(label=_("Action"), required=False, coerce=int, empty_value=None)
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("Until"), required=False, widget=DateInput())

    def __init__(
        self, *args: object, kinds: list[tuple[str, str]], actors: list[tuple[str, str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        anyone = [("", _("Anyone")), (SYSTEM_ACTOR, _("The system (no person)"))]
        self.fields["person"].choices = anyone + actors  # type: ignore[attr-defined]
        self.fields["model"].choices = [("", _("Any"))] + kinds  # type: ignore[attr-defined]
        self.fields["action"].choices = [("", _("Any"))] + [(str(v), label) for v, label in action_choices()]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, object]:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end of the period cannot come before its start."))
        return data

    def filters(self) -> AuditFilters:
        if not self.is_valid():
            return AuditFilters()
        d = self.cleaned_data
        return AuditFilters(
            actor=d["actor"],
            person=d["person"],
            model=d["model"],
            action=d["action"],
            since=d["since"],
            until=d["until"],
        )


def _filtered(request: HttpRequest) -> tuple[AuditFilterForm, QuerySet[LogEntry]]:
    v = viewer(request)
    if not policy_for(LogEntry).can(v, "browse"):
        raise NotFound()
    form = AuditFilterForm(request.GET or None, kinds=audit_kinds(viewer=v), actors=audit_actors(viewer=v))
    return form, audit_entry_list(viewer=v, filters=form.filters() if request.GET else None)


@require_safe
@viewer_required
def audit_log(request: HttpRequest) -> HttpResponse:
    form, entries = _filtered(request)
    page = paginate(request, entries, per_page=50)
    query = request.GET.copy()
    query.pop("page", None)
    rows = audit_page_rows(viewer=viewer(request), entries=list(page.object_list))
    context = {"form": form, "page": page, "rows": rows, "query": query.urlencode(), "filtered": bool(query)}
    return render(request, "core/audit_log.html", context, status=400 if form.errors else 200)


@require_safe
@viewer_required
def audit_record(request: HttpRequest, kind: str, pk: str) -> HttpResponse:
    """From an audit record to its record's page (404 when there is none, or not for this viewer)."""
    url = audit_record_url(viewer=viewer(request), kind=kind, pk=pk)
    if url is None:
        raise NotFound()
    return redirect(url)


@require_safe
@viewer_required
def audit_export(request: HttpRequest) -> HttpResponse:
    _form, entries = _filtered(request)
    rows = list(audit_export_rows(viewer=viewer(request), entries=entries.iterator(chunk_size=2000)))
    stamp = timezone.localdate().isoformat()
    return export_response(
        headers=AUDIT_EXPORT_HEADERS,
        rows=rows,
        fmt="csv",
        filename=f"audit-log-{stamp}",
    )
