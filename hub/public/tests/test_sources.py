"""The public pages cite the seed documents by their title and date, never by a code."""

from __future__ import annotations

from django.test import Client

from hub.commitments.services import reference_commitments_load
from hub.core.reference import citations
from hub.core.reference import reference_rows
from hub.members.models import AllianceFigure
from hub.members.services import reference_members_load


def test_every_source_the_commitments_table_cites_is_in_the_source_table():
    for row in reference_rows("commitments.csv"):
        assert all(c.source is not None for c in citations(row["source"])), row["source"]


def test_public_pages_cite_sources_by_title_and_date(db):
    reference_members_load()
    reference_commitments_load()
    assert AllianceFigure.objects.get().source == "seed 000 (“currently 99”)"
    for url in ("/", "/commitments/", "/commitments/1/", "/members/european-commission/"):
        page = Client().get(url).content.decode()
        assert "seed 0" not in page, url
        assert "press release of WeProtect Global Alliance" in page or "Mission statement of the Global" in page, url
