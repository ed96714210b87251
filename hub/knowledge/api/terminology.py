"""Knowledge: terminology (API routes; schemas in terminology_schemas.py). The glossary is public; the
check is open to anonymous callers (it stores nothing); the secretariat adds and edits terms."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.http import HttpResponse
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from hub.core.api import Pagination
from hub.core.api import anonymous_allowed
from hub.core.api import caller
from hub.core.api import if_match
from hub.core.api import set_etag
from hub.core.api import writer
from hub.knowledge.api.terminology_schemas import GlossaryTermIn
from hub.knowledge.api.terminology_schemas import GlossaryTermOut
from hub.knowledge.api.terminology_schemas import GlossaryTermPatch
from hub.knowledge.api.terminology_schemas import TerminologyCheckIn
from hub.knowledge.api.terminology_schemas import TerminologyWarningOut
from hub.knowledge.models.terminology import GlossaryTerm
from hub.knowledge.selectors.terminology import TermFound
from hub.knowledge.selectors.terminology import glossary_term_get
from hub.knowledge.selectors.terminology import glossary_term_list
from hub.knowledge.selectors.terminology import terminology_check
from hub.knowledge.services.terminology import GlossaryTermInput
from hub.knowledge.services.terminology import glossary_term_add
from hub.knowledge.services.terminology import glossary_term_edit
from hub.knowledge.services.terminology import glossary_term_set_active

router = Router(tags=["Terminology"])


@router.get("", response=list[GlossaryTermOut], summary="The glossary: preferred and discouraged terms")
@paginate(Pagination)
def list_terms(request: HttpRequest) -> QuerySet[GlossaryTerm]:
    return glossary_term_list(viewer=caller(request).viewer)


@router.post("/check", response=list[TerminologyWarningOut], summary="Check a text's terminology (stores nothing)")
@anonymous_allowed
def check_text(request: HttpRequest, payload: TerminologyCheckIn) -> list[TermFound]:
    """The discouraged terms the text uses outside quotation marks, each once, in order, with the preferred
    term. A warning, never a refusal. Open to anonymous callers."""
    caller(request)
    return terminology_check(payload.text)


@router.post("", response={201: GlossaryTermOut}, summary="Add a glossary term (secretariat)")
def add_term(request: HttpRequest, response: HttpResponse, payload: GlossaryTermIn) -> Status[Any]:
    c = writer(request)
    term = glossary_term_add(viewer=c.viewer, data=GlossaryTermInput(**payload.dict()), via=c.via)
    set_etag(response, term)
    return Status(201, term)


@router.get("/{term}", response=GlossaryTermOut, summary="One glossary term")
def get_term(request: HttpRequest, response: HttpResponse, term: str) -> GlossaryTerm:
    record = glossary_term_get(viewer=caller(request).viewer, key=term)
    set_etag(response, record)
    return record


@router.patch("/{term}", response=GlossaryTermOut, summary="Change a glossary term (secretariat)")
def edit_term(request: HttpRequest, response: HttpResponse, term: str, payload: GlossaryTermPatch) -> GlossaryTerm:
    c = writer(request)
    record = glossary_term_get(viewer=c.viewer, key=term)
    data = GlossaryTermInput(**{k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None})
    record = glossary_term_edit(viewer=c.viewer, term=record, data=data, version=if_match(request), via=c.via)
    set_etag(response, record)
    return record


@router.post("/{term}/deactivate", response=GlossaryTermOut, summary="Take a glossary term out of use (secretariat)")
def deactivate_term(request: HttpRequest, term: str) -> GlossaryTerm:
    c = writer(request)
    record = glossary_term_get(viewer=c.viewer, key=term)
    return glossary_term_set_active(viewer=c.viewer, term=record, active=False, via=c.via)


@router.post("/{term}/activate", response=GlossaryTermOut, summary="Put a glossary term back into use (secretariat)")
def activate_term(request: HttpRequest, term: str) -> GlossaryTerm:
    c = writer(request)
    record = glossary_term_get(viewer=c.viewer, key=term)
    return glossary_term_set_active(viewer=c.viewer, term=record, active=True, via=c.via)
