"""The document library's pages: list with filters, a document, its download, upload, edit, replace
the file, withdraw. Thin: parse, call one selector or service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import URLPattern
from django.urls import path
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_safe

from hub.core.errors import HubError
from hub.core.errors import NotFound
from hub.core.forms import form_version
from hub.core.models import Visibility
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.core.web import confirm_page
from hub.core.web import export_response
from hub.core.web import form_page
from hub.core.web import form_status
from hub.core.web import is_confirmed
from hub.core.web import paginate
from hub.core.web import public_page
from hub.core.web import run_form
from hub.core.web import viewer
from hub.core.web import viewer_required
from hub.knowledge.forms.documents import DocumentEditForm
from hub.knowledge.forms.documents import DocumentFilterForm
from hub.knowledge.forms.documents import DocumentReplaceForm
from hub.knowledge.forms.documents import DocumentUploadForm
from hub.knowledge.forms.documents import DocumentWithdrawForm
from hub.knowledge.models.documents import Document
from hub.knowledge.policies.documents import MEMBER_LEVELS
from hub.knowledge.selectors.documents import EXPORT_HEADERS
from hub.knowledge.selectors.documents import EXPORT_MAX_ROWS
from hub.knowledge.selectors.documents import DocumentFilters
from hub.knowledge.selectors.documents import document_author_members
from hub.knowledge.selectors.documents import document_export_rows
from hub.knowledge.selectors.documents import document_get
from hub.knowledge.selectors.documents import document_list
from hub.knowledge.selectors.documents import document_same_file
from hub.knowledge.selectors.documents import document_years
from hub.knowledge.services.documents import DocumentInput
from hub.knowledge.services.documents import document_edit
from hub.knowledge.services.documents import document_replace_file
from hub.knowledge.services.documents import document_upload
from hub.knowledge.services.documents import document_withdraw
from hub.members.selectors import member_list
from hub.members.selectors import member_list_acting_for

PER_PAGE = 25
DETAIL_FIELDS = ("title", "kind", "language", "dated", "author_member", "summary", "visibility")


def _filtered(request: HttpRequest, v: Viewer) -> tuple[DocumentFilterForm, Any]:
    form = DocumentFilterForm(
        request.GET or None, members=document_author_members(viewer=v), years=document_years(viewer=v)
    )
    filters = DocumentFilters()
    if form.is_valid():
        d = form.cleaned_data
        filters = DocumentFilters(kind=d["kind"], language=d["language"], member=d["member"], year=d["year"], q=d["q"])
    return form, document_list(viewer=v, filters=filters)


@require_safe
@public_page
def library(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    form, documents = _filtered(request, v)
    page = paginate(request, documents, per_page=PER_PAGE)
    shown = list(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "documents": shown,
        "query": query.urlencode(),
        "can_upload": policy_for(Document).can(v, "upload"),
        "has_synthetic": any(d.is_synthetic for d in shown),
    }
    return render(request, "knowledge/documents/list.html", context, status=400 if form.errors else 200)


@require_safe
@public_page
def library_export(request: HttpRequest, fmt: str) -> HttpResponse:
    v = viewer(request)
    _form, documents = _filtered(request, v)
    rows = document_export_rows(viewer=v, documents=list(documents[:EXPORT_MAX_ROWS]))
    return export_response(headers=EXPORT_HEADERS, rows=rows, fmt=fmt, filename="library")


@require_safe
@public_page
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    document = document_get(viewer=v, pk=pk)
    policy = policy_for(Document)
    context = {
        "document": document,
        "same_file": document_same_file(viewer=v, document=document),
        "can_edit": policy.can(v, "edit", document),
        "can_withdraw": policy.can(v, "withdraw", document),
        "excerpt": document.text[:3000],
        "has_synthetic": document.is_synthetic,
    }
    return render(request, "knowledge/documents/detail.html", context)


@require_safe
@public_page
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    """The stored file, through the policy (a hidden document is a 404), always as an attachment."""
    return document_file_response(document_get(viewer=viewer(request), pk=pk))


def document_file_response(document: Document) -> FileResponse:
    """The file of a document the caller may see (pages and API): an attachment, never sniffed."""
    try:
        handle = document.file.open("rb")
    except OSError as exc:
        raise NotFound() from exc
    content_type = document.content_type + ("; charset=utf-8" if document.content_type == "text/plain" else "")
    response = FileResponse(handle, content_type=content_type, as_attachment=True, filename=download_name(document))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def download_name(document: Document) -> str:
    name = document.original_name or f"document-{document.pk}"
    return name if name.lower().endswith(document.extension) else f"{name}{document.extension}"


def _form_options(v: Viewer) -> dict[str, Any]:
    policy = policy_for(Document)
    if policy.can(v, "choose_any_level"):
        return {"members": member_list(viewer=v).order_by("name"), "levels": list(Visibility.choices)}
    levels = [(value, label) for value, label in Visibility.choices if value in MEMBER_LEVELS]
    return {"members": member_list_acting_for(viewer=v).order_by("name"), "levels": levels}


def _details(data: dict[str, Any]) -> DocumentInput:
    return DocumentInput(**{name: data[name] for name in DETAIL_FIELDS if name in data})


@require_http_methods(["GET", "HEAD", "POST"])
@viewer_required
def document_new(request: HttpRequest) -> HttpResponse:
    v = viewer(request)
    if not policy_for(Document).can(v, "upload"):
        raise NotFound()
    form = DocumentUploadForm(request.POST or None, request.FILES or None, **_form_options(v))
    done = run_form(
        request,
        form,
        lambda d: document_upload(viewer=v, data=_details(d), upload=d.get("file")),
        success=_("Document added to the library. Its text is read for search in the background."),
        next_url=lambda doc: reverse("knowledge_document_detail", args=[doc.pk]),
        narratives=("title", "summary"),
    )
    context = {"form": form, "uploading": True}
    return done or render(request, "knowledge/documents/form.html", context, status=form_status(request))


@require_http_methods(["GET", "HEAD", "POST"])
@viewer_required
def document_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    document = document_get(viewer=v, pk=pk)
    if not policy_for(Document).can(v, "edit", document):
        raise NotFound()
    options = _form_options(v)
    if document.visibility not in dict(options["levels"]):  # kept as it is unless changed
        options["levels"].append((document.visibility, document.get_visibility_display()))
    form = DocumentEditForm(request.POST or None, document=document, **options)
    done = run_form(
        request,
        form,
        lambda d: document_edit(viewer=v, document_id=document.pk, data=_details(d), version=form_version(form)),
        success=_("Document details saved."),
        next_url=document.get_absolute_url(),
        narratives=("title", "summary"),
    )
    context = {"form": form, "document": document}
    return done or render(request, "knowledge/documents/form.html", context, status=form_status(request))


@require_http_methods(["GET", "HEAD", "POST"])
@viewer_required
def document_replace_view(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    document = document_get(viewer=v, pk=pk)
    if not policy_for(Document).can(v, "replace_file", document):
        raise NotFound()
    form = DocumentReplaceForm(request.POST or None, request.FILES or None, document=document)
    return form_page(
        request,
        form,
        lambda d: document_replace_file(
            viewer=v, document_id=document.pk, upload=d.get("file"), version=form_version(form)
        ),
        success=_("File replaced. Its text is read again for search in the background."),
        next_url=document.get_absolute_url(),
        template="knowledge/documents/replace.html",
        context=lambda: {"document": document},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@viewer_required
def document_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    v = viewer(request)
    document = document_get(viewer=v, pk=pk)
    if not policy_for(Document).can(v, "withdraw", document):
        raise NotFound()
    form = DocumentWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not is_confirmed(request):
            return confirm_page(
                request,
                title=_("Withdraw “%(title)s”?") % {"title": document.title},
                what_happens=[
                    _("The document leaves the library: only the secretariat will still see it."),
                    _("Its file and its history are kept; it cannot be put back from this page."),
                ],
                button=_("Withdraw the document"),
                cancel_url=document.get_absolute_url(),
                danger=True,
            )
        try:
            document_withdraw(viewer=v, document_id=document.pk, reason=form.cleaned_data["reason"])
        except HubError as exc:
            if exc.status == 404:
                raise
            form.add_hub_error(exc)
        else:
            messages.success(request, _("Document withdrawn."))
            return redirect("knowledge_document_list")
    context = {"form": form, "document": document}
    return render(request, "knowledge/documents/withdraw.html", context, status=form_status(request))


urlpatterns: list[URLPattern] = [
    path("library/", library, name="knowledge_document_list"),
    path("library/export/<str:fmt>/", library_export, name="knowledge_document_export"),
    path("library/new/", document_new, name="knowledge_document_new"),
    path("library/<int:pk>/", document_detail, name="knowledge_document_detail"),
    path("library/<int:pk>/download/", document_download, name="knowledge_document_download"),
    path("library/<int:pk>/edit/", document_edit_view, name="knowledge_document_edit"),
    path("library/<int:pk>/file/", document_replace_view, name="knowledge_document_replace"),
    path("library/<int:pk>/withdraw/", document_withdraw_view, name="knowledge_document_withdraw"),
]
