"""Sources by their title and date, the Alliance membership the seeds' rule gives the founding
governments, and region names in the reader's language."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import trans_real

from hub.core.reference import citations
from hub.core.reference import reference_rows
from hub.core.reference import source_registry
from hub.members.models import SUBREGION_LABELS
from hub.members.models import AllianceFigure
from hub.members.models import Member
from hub.members.services import reference_members_load

LAUNCH_TITLE = "“Global Taskforce on Child Sexual Abuse Online”, press release of WeProtect Global Alliance"
# The date in the language's own format (the project's format modules decide its style).


def launch() -> str:
    return LAUNCH_TITLE + ", " + date_format(datetime.date(2022, 6, 2), "DATE_FORMAT")


MISSION = "“Mission statement of the Global Taskforce to combat child sexual exploitation and abuse online”"


def test_a_source_text_is_shown_as_the_titles_and_dates_of_the_sources_it_names():
    assert [c.label for c in citations("seed 000 (founding list, chair); seed 001 (signatory)")] == [launch(), MISSION]
    assert [c.label for c in citations("seed 000; seed 001 (as Moldova (Republic of))", "seed 000")] == [
        launch(),
        MISSION,
    ]
    assert [c.label for c in citations("WeProtect Global Alliance Taskforce page (later member; date not known)")] == [
        "the Taskforce's page on the website of WeProtect Global Alliance"
    ]
    # A source the tables do not name is kept as written; an id is matched whole.
    assert [c.label for c in citations("Alliance register, checked 3 March 2026")] == [
        "Alliance register, checked 3 March 2026"
    ]
    assert [c.label for c in citations("seed 0001")] == ["seed 0001"]
    assert citations("") == []


def test_source_dates_follow_the_language():
    with translation.override("fr"):
        assert "2 juin 2022" in citations("seed 000")[0].label


def test_every_source_the_reference_tables_cite_is_in_the_source_table():
    cited = [row["source"] for row in reference_rows("members.csv")]
    cited += [row["alliance_source"] for row in reference_rows("members.csv") if row["alliance_source"]]
    for text in cited:
        assert all(c.source is not None for c in citations(text)), text
    assert set(source_registry()) == {"seed 000", "seed 001", "WeProtect Global Alliance Taskforce page"}


def test_founding_governments_are_alliance_members_by_the_seeds_rule_and_others_stay_not_known(db):
    reference_members_load()
    founding = Member.objects.filter(founding_member=True, kind=Member.Kind.GOVERNMENT)
    assert founding.count() == 17
    assert set(founding.values_list("alliance_member", flat=True)) == {True}
    assert all(m.alliance_source.startswith("seed 000") for m in founding)
    assert Member.objects.get(slug="estonia").alliance_source.startswith("seed 001")
    for slug in ("european-commission", "african-union", "argentina", "lanzarote-committee-council-of-europe"):
        assert Member.objects.get(slug=slug).alliance_member is None, slug


def test_a_reload_keeps_what_the_secretariat_recorded_where_the_table_says_nothing(db):
    reference_members_load()
    Member.objects.filter(slug="argentina").update(alliance_member=True, alliance_source="Alliance register")
    reference_members_load()
    assert Member.objects.get(slug="argentina").alliance_source == "Alliance register"


def test_the_profile_cites_sources_by_title_and_date_never_by_code(db):
    reference_members_load()
    page = Client().get("/members/australia/").content.decode()
    assert "Member of WeProtect Global Alliance" in page
    facts = page[page.index('<dl class="hub-facts">') : page.index("</dl>")]
    assert "not known" not in facts.split("Member of WeProtect Global Alliance")[1].split("</dd>")[0]
    assert "yes" in facts.split("Member of WeProtect Global Alliance")[1].split("</dd>")[0]
    assert LAUNCH_TITLE in page
    assert "seed 000" not in page and "seed 001" not in page
    argentina = Client().get("/members/argentina/").content.decode()
    assert "not known" in argentina.split("Member of WeProtect Global Alliance")[1].split("</dd>")[0]


def test_a_launch_figure_cited_in_words_by_an_earlier_load_is_cited_by_its_id(db):
    AllianceFigure.objects.create(
        kind=AllianceFigure.Kind.GOVERNMENT_MEMBERS,
        value=99,
        as_of="2022-06-02",
        source="seed 000: WeProtect Global Alliance press release of 2 June 2022 (“currently 99”)",
    )
    reference_members_load()
    assert AllianceFigure.objects.get().source == "seed 000 (“currently 99”)"


@pytest.fixture
def french_subregion():
    """A French translation of one sub-region in the catalogue, as the central translation will add."""
    catalog = trans_real.translation("fr")._catalog
    key = "UN M49 sub-region\x04Western Europe"
    before = catalog._catalogs[0].get(key)
    catalog[key] = "Europe de l’Ouest"
    yield "Europe de l’Ouest"
    if before is None:
        catalog._catalogs[0].pop(key)
    else:
        catalog[key] = before


def test_sub_regions_are_shown_in_the_reader_s_language(db, french_subregion):
    reference_members_load()
    client = Client()
    assert "(Western Europe)" in client.get("/members/belgium/").content.decode()
    client.cookies["django_language"] = "fr"
    page = client.get("/members/belgium/").content.decode()
    assert f"({french_subregion})" in page
    assert "Western Europe" not in page


def test_every_sub_region_of_the_m49_table_has_a_translatable_label(db):
    from hub.members.services import m49_regions

    assert {sub for _region, sub in m49_regions().values() if sub} <= set(SUBREGION_LABELS)
