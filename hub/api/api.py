"""The API instance. Each app's router is mounted here."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from ninja import NinjaAPI
from ninja import Schema
from ninja.openapi.schema import OpenAPISchema

from hub.api import errors
from hub.api.auth import AUTH
from hub.api.openapi import HubOpenAPISchema


class HubApi(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> OpenAPISchema:
        """The document with the error contract (hub.api.openapi)."""
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return HubOpenAPISchema(self, path_prefix)

    def get_openapi_operation_id(self, operation: Any) -> str:
        """`<app>_api_<view>`, whichever module of the app's API package (`hub/<app>/api/`) holds the view."""
        package, dot_api, _module = operation.view_func.__module__.partition(".api.")
        module = package + ".api" if dot_api else operation.view_func.__module__
        return f"{module}_{operation.view_func.__name__}".replace(".", "_")


api = HubApi(
    title="Taskforce Hub API",
    version="1",
    description=(
        "The REST API of Taskforce Hub. Authenticate with a personal API token "
        "(`Authorization: Bearer tfh_…`, created on your profile page) or a signed-in browser session. "
        "Records you may not see answer 404. Every error is application/problem+json (a `Problem`); each "
        "operation lists those it can answer. Lists come in pages: `page_size` is 50 unless asked, at most 100. "
        "Reads, and the writes that say so, also answer anonymous callers."
    ),
    auth=AUTH,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
errors.install(api)

from hub.api.notifications import notifications_router  # noqa: E402
from hub.assessments.api import aggregates_router  # noqa: E402
from hub.assessments.api import assessments_router  # noqa: E402
from hub.assessments.api import exchange_router  # noqa: E402
from hub.assessments.api import framework_router  # noqa: E402
from hub.commitments.api import commitments_router  # noqa: E402
from hub.knowledge.api import consultations_router  # noqa: E402
from hub.knowledge.api import documents_router  # noqa: E402
from hub.knowledge.api import practices_router  # noqa: E402
from hub.knowledge.api import search_router  # noqa: E402
from hub.knowledge.api import terminology_router  # noqa: E402
from hub.legal.api import checklist_router  # noqa: E402
from hub.legal.api import codings_router  # noqa: E402
from hub.legal.api import compare_router  # noqa: E402
from hub.legal.api import io_router  # noqa: E402
from hub.legal.api import profiles_router  # noqa: E402
from hub.meetings.api import actions_router  # noqa: E402
from hub.meetings.api import procedures_router  # noqa: E402
from hub.meetings.api import router as meetings_router  # noqa: E402
from hub.members.api import figures_router  # noqa: E402
from hub.members.api import join_router  # noqa: E402
from hub.members.api import me_router  # noqa: E402
from hub.members.api import router as members_router  # noqa: E402
from hub.public.api import commitment_page_router  # noqa: E402
from hub.reporting.api import cycles_router  # noqa: E402
from hub.reporting.api import questionnaires_router  # noqa: E402
from hub.reporting.api import reports_router  # noqa: E402
from hub.reporting.api import showcase_router  # noqa: E402

# (prefix, router), in the order the OpenAPI document lists them.
ROUTERS = (
    ("/", me_router),
    ("/members", members_router),
    ("/join-requests", join_router),
    ("/alliance-figures", figures_router),
    ("/meetings", meetings_router),
    ("/action-items", actions_router),
    ("/written-procedures", procedures_router),
    ("/commitments", commitments_router),
    ("/commitments", commitment_page_router),
    ("/questionnaires", questionnaires_router),
    ("/cycles", cycles_router),
    ("/", reports_router),
    ("/", showcase_router),
    ("/notifications", notifications_router),
    ("/terminology", terminology_router),
    ("/documents", documents_router),
    ("/good-practices", practices_router),
    ("/consultations", consultations_router),
    ("/search", search_router),
    ("/legal", checklist_router),
    ("/legal", profiles_router),
    ("/legal", codings_router),
    ("/legal", compare_router),
    ("/legal", io_router),
    ("/assessments", framework_router),
    ("/assessments", assessments_router),
    ("/assessments", exchange_router),
    ("/assessments", aggregates_router),
)
for prefix, router in ROUTERS:
    api.add_router(prefix, router)


# --- the index at /api/v1/: where each section of the API starts --------------------------------


class SectionOut(Schema):
    name: str
    url: str
    summary: str


class IndexOut(Schema):
    title: str
    version: str
    site: str
    docs: str
    openapi: str
    sections: list[SectionOut]


@cache
def api_sections() -> tuple[tuple[str, str, str], ...]:
    """(tag, path below the API's root, summary) of each tag's shortest list operation, in document order.

    Read from the OpenAPI document, so a section added to a router appears here without a second list.
    """
    found: dict[str, tuple[str, str]] = {}
    for path, methods in api.get_openapi_schema(path_prefix="").get("paths", {}).items():
        get = methods.get("get")
        if get is None or "{" in path:
            continue
        for tag in get.get("tags", []):
            if tag not in found or len(path) < len(found[tag][0]):
                found[tag] = (path, get.get("summary", ""))
    return tuple((tag, path.lstrip("/"), summary) for tag, (path, summary) in found.items() if path != "/")


@api.get("/", response=IndexOut, summary="Where each section of the API starts", tags=["index"])
def index(request: HttpRequest) -> dict[str, Any]:
    """The API's sections, each with the address of its list, and where the documentation is. Open to anyone."""
    root = settings.SITE_URL + reverse("api:index")
    return {
        "title": api.title,
        "version": api.version,
        "site": settings.SITE_URL + reverse("home"),
        "docs": settings.SITE_URL + reverse("api:openapi-view"),
        "openapi": settings.SITE_URL + reverse("api:openapi-json"),
        "sections": [{"name": tag, "url": root + path, "summary": summary} for tag, path, summary in api_sections()],
    }
