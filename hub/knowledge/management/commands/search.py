"""Search the hub from the command line, as a person (by e-mail) or as an anonymous visitor."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser
from django.utils.html import strip_tags

from hub.accounts.models import User
from hub.core.errors import HubError
from hub.core.viewer import ANONYMOUS
from hub.core.viewer import viewer_for
from hub.knowledge.selectors.search import SearchFilters
from hub.knowledge.selectors.search import search_run


class Command(BaseCommand):
    help = "Search what a person (--as EMAIL) or an anonymous visitor may open; prints the results and facets."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query")
        parser.add_argument("--as", dest="email", default="", help="Search as this person (their e-mail).")
        parser.add_argument("--type", default="", help="Only this kind of record.")
        parser.add_argument("--limit", type=int, default=20)

    def handle(self, *args: Any, query: str, email: str, type: str, limit: int, **options: Any) -> None:
        viewer = ANONYMOUS
        if email:
            user = User.objects.filter(email__iexact=email).first()
            if user is None:
                raise CommandError(f"No person with the e-mail {email}.")
            viewer = viewer_for(user)
        try:
            results = search_run(viewer=viewer, filters=SearchFilters(q=query, kind=type), page_size=max(1, limit))
        except HubError as exc:
            raise CommandError("; ".join(p.message for p in exc.problems) or exc.message) from exc
        self.stdout.write(f"{results.count} result(s)")
        for hit in results.hits:
            self.stdout.write(f"- [{hit.kind_label}] {hit.title}  {hit.url}")
            snippet = strip_tags(str(hit.snippet_html))
            if snippet:
                self.stdout.write(f"    {snippet}")
        for name, values in results.facets.items():
            if values:
                self.stdout.write(f"{name}: " + ", ".join(f"{v.label} ({v.count})" for v in values))
