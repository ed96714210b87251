"""Bounds on what a caller may ask of a list: pages, searches, filters. The API documents them in its
schema; the pages' filter forms apply the same ones."""

from __future__ import annotations

SEARCH_MAX_LENGTH = 200  # a text searched for (a member's name contains, an actor's e-mail contains)
FILTER_MAX_LENGTH = 100  # a code or slug filtered on (a region, a status, an owner)
PAGE_SIZE = 50  # items on a page of an API list unless `page_size` asks otherwise
PAGE_SIZE_MAX = 100  # the most `page_size` may ask for
PAGE_MAX = 100_000  # the last page number an API list accepts
