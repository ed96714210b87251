"""The dashboard (made of the panels each app registers) and the audit log (secretariat and administrators)."""

from __future__ import annotations

from auditlog.models import LogEntry
from django import forms
from django.http import HttpRequest
from django.http import HttpResponse
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
from hub.core.selectors import AuditFilters
from hub.core.selectors import audit_entry_list
from hub.core.selectors import audit_entry_rows
from hub.core.selectors import audit_models
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


class AuditFilterForm(HubForm):
    actor = forms.CharField(label=_("Actor e-mail contains"), required=False, max_length=SEARCH_MAX_LENGTH)
    model = forms.ChoiceField(label=_("Record type"), required=False)
    action = forms.TypedChoiceField(
        label=_("Action"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any"))] + [(str(v), label) for v, label in LogEntry.Action.choices],
    )
    since = forms.DateField(label=_("From (YYYY-MM-DD)"), required=False)
    until = forms.DateField(label=_("Until (YYYY-MM-DD)"), required=False)

    def __init__(self, *args: object, models: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["model"].choices = [("", _("Any"))] + [(m, m) for m in models]  # type: ignore[attr-defined]

    def filters(self) -> AuditFilters:
        if not self.is_valid():
            return AuditFilters()
        d = self.cleaned_data
        return AuditFilters(actor=d["actor"], model=d["model"], action=d["action"], since=d["since"], until=d["until"])


def _filtered(request: HttpRequest) -> tuple[AuditFilterForm, object]:
    v = viewer(request)
    if not policy_for(LogEntry).can(v, "browse"):
        raise NotFound()
    form = AuditFilterForm(request.GET or None, models=audit_models(viewer=v))
    return form, audit_entry_list(viewer=v, filters=form.filters() if request.GET else None)


@require_safe
@viewer_required
def audit_log(request: HttpRequest) -> HttpResponse:
    form, entries = _filtered(request)
    page = paginate(request, entries, per_page=50)
    query = request.GET.copy()
    query.pop("page", None)
    rows = audit_entry_rows(viewer=viewer(request), entries=page.object_list)
    context = {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    return render(request, "core/audit_log.html", context, status=400 if form.errors else 200)


@require_safe
@viewer_required
def audit_export(request: HttpRequest) -> HttpResponse:
    _form, entries = _filtered(request)
    fields = ["timestamp", "actor", "action", "record_type", "record_id", "record", "changes", "event", "address"]
    rows = [
        [row[f].isoformat() if f == "timestamp" else row[f] for f in fields]
        for row in audit_entry_rows(viewer=viewer(request), entries=entries.iterator(chunk_size=2000))  # type: ignore[attr-defined]
    ]
    stamp = timezone.localdate().isoformat()
    return export_response(
        headers=fields,
        rows=rows,
        fmt="csv",
        filename=f"audit-log-{stamp}",
    )
