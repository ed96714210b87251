"""Legal frameworks: the legal index and a member's legal profile, its forms and its publishing."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from conftest import as_viewer
from conftest import client_for
from hub.legal.models import LegalProfile
from hub.legal.models import Statute
from hub.legal.models import TreatyStatus
from hub.legal.services.profiles import profile_publish
from hub.legal.tests.legal_world import code
from hub.legal.tests.legal_world import profile_for
from hub.legal.tests.profiles_world import profile_with_statute
from hub.legal.tests.profiles_world import ratify
from hub.legal.tests.profiles_world import reserve


@pytest.fixture
def world(secretariat, member_a, member_b):
    profile_a, statute_a = profile_with_statute(member_a, secretariat)
    ratify(profile_a, secretariat)
    reserve(profile_a, secretariat, text="MARK-RESERVATION", codes=["O5"])
    code(profile_a, "O5", "met", secretariat)
    code(profile_a, "O6", "not_met", secretariat, verified=False)
    code(profile_a, "J1", "not_applicable", secretariat)
    profile_b = profile_for(member_b, secretariat)
    return {"a": profile_a, "b": profile_b, "statute_a": statute_a}


def test_the_index_lists_the_profiles_a_member_official_sees_with_their_counts(world, official_b):
    page = client_for(official_b).get("/legal/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Alphaland" in html and "Betaland" in html
    assert "/legal/compare/" in html and "/legal/matrix/" in html and "/legal/safe-havens/" in html
    assert "Open a legal profile" not in html
    index = page.context["index"]
    counts = {row.profile.member.name: row.counts for row in index.rows}
    # B sees A's verified codings only: O5 met, J1 not applicable; the draft O6 is "not assessed".
    assert counts["Alphaland"]["met"] == 1 and counts["Alphaland"]["not_met"] == 0
    assert counts["Alphaland"]["not_assessed"] == 33 and counts["Alphaland"]["not_applicable"] == 1


def test_the_secretariat_opens_a_profile_for_a_member_without_one(world, secretariat):
    from conftest import make_member

    gamma = make_member("Gammaland", region="Asia")
    client = client_for(secretariat)
    page = client.get("/legal/")
    assert "Open a legal profile" in page.content.decode()
    response = client.post("/legal/open/", {"member": gamma.slug})
    assert response.status_code == 302 and response["Location"] == "/legal/profiles/gammaland/"
    assert LegalProfile.objects.filter(member=gamma).exists()


def test_an_official_may_not_open_a_profile(world, official_a):
    assert client_for(official_a).post("/legal/open/", {"member": "betaland"}).status_code == 404


def test_the_public_sees_a_published_profile_and_not_an_unpublished_one(world, anonymous):
    client = client_for(None)
    assert client.get("/legal/profiles/alphaland/").status_code == 404
    assert "Alphaland" not in client.get("/legal/").content.decode()
    profile_publish(viewer=_focal(world["a"]), profile_id=world["a"].pk)
    page = client.get("/legal/profiles/alphaland/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Protection Act" in html and "Act No. 1 of 2020" in html
    assert "Test." in html  # the verified codings' rationale
    assert "Alphaland" in client.get("/legal/").content.decode()


def _focal(profile):
    from hub.core.viewer import focal_point_of

    return focal_point_of(profile.member_id)


def test_the_profile_shows_statutes_treaties_reservations_and_codings_in_words(world, official_a):
    page = client_for(official_a).get("/legal/profiles/alphaland/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Loi sur la protection" in html and "Protection Act" in html
    assert "Ratified or acceded" in html and "Council of Europe treaty office" in html
    assert "MARK-RESERVATION" in html and "Art. 24(3)" in html
    assert "Partly met" in html or "Not met" in html
    assert "Draft" in html  # A's own official sees its draft coding, marked as such
    assert "/legal/profiles/alphaland/2026-1/O5/" in html
    view = page.context["view"]
    offences = next(g for g in view.groups if g.key == "offences")
    assert offences.counts["met"] == 1 and offences.counts["not_met"] == 1
    o5 = next(r for r in offences.rows if r.provision.code == "O5")
    assert [r.article for r in o5.reservations] == ["Art. 24(3)"]
    assert view.counts["not_applicable"] == 1 and view.counts["not_assessed"] == 32


def test_as_of_a_past_day_shows_the_profile_before_its_codings(world, official_a):
    page = client_for(official_a).get("/legal/profiles/alphaland/", {"as_of": "2020-01-01"})
    assert page.status_code == 200
    assert page.context["view"].counts["not_assessed"] == 35


def test_a_future_as_of_date_names_the_field_and_changes_nothing_else(world, official_a):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    page = client_for(official_a).get("/legal/profiles/alphaland/", {"as_of": tomorrow})
    assert page.status_code == 422
    assert "future" in page.content.decode()
    assert page.context["form"].errors["as_of"]
    assert page.context["view"].counts["met"] == 1


def test_the_codings_export_as_csv_and_xlsx(world, official_b):
    client = client_for(official_b)
    csv = client.get("/legal/profiles/alphaland/", {"format": "csv"})
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode()
    assert "O5" in text and "Met" in text and len(text.strip().splitlines()) == 36
    xlsx = client.get("/legal/profiles/alphaland/", {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 36
    assert client.get("/legal/profiles/alphaland/", {"format": "pdf"}).status_code == 404


def test_a_synthetic_profile_carries_the_banner_and_its_export_the_note(secretariat, official_a):
    from conftest import make_member

    demo = make_member("Demoland", region="Africa")  # test members are synthetic
    profile_with_statute(demo, secretariat)
    client = client_for(official_a)
    assert "Synthetic demo data." in client.get("/legal/profiles/demoland/").content.decode()
    assert "Synthetic demo data: invented" in client.get("/legal/profiles/demoland/?format=csv").content.decode()


def test_the_secretariat_adds_and_changes_a_statute_and_sets_a_treaty_status(world, secretariat):
    client = client_for(secretariat)
    assert client.get("/legal/profiles/alphaland/statutes/new/").status_code == 200
    response = client.post(
        "/legal/profiles/alphaland/statutes/new/",
        {"title_original": "Penal Code", "citation": "Code 1990", "source": "Official gazette"},
    )
    assert response.status_code == 302
    statute = Statute.objects.get(citation="Code 1990")
    edit = f"/legal/profiles/alphaland/statutes/{statute.pk}/edit/"
    form = client.get(edit).context["form"]
    version = form.fields["row_version"].initial
    data = {"title_original": "Penal Code", "citation": "Code 1990", "source": "Gazette", "row_version": version}
    assert client.post(edit, {**data, "repealed_on": "2021-01-01"}).status_code == 302
    stale = client.post(edit, {**data, "title_en": "Another"})
    assert stale.status_code == 422 and "changed by someone else" in stale.content.decode()
    response = client.post(
        "/legal/profiles/alphaland/treaties/", {"treaty": "budapest", "status": "not_known", "source": "CoE"}
    )
    assert response.status_code == 302
    assert TreatyStatus.objects.get(profile=world["a"], treaty="budapest").status == "not_known"
    bad = client.post("/legal/profiles/alphaland/treaties/", {"treaty": "opsc", "status": "signed", "source": "UN"})
    assert bad.status_code == 422 and "signed" in bad.content.decode()


def test_removing_a_statute_asks_once_more_then_refuses_a_cited_one(world, secretariat):
    client = client_for(secretariat)
    url = f"/legal/profiles/alphaland/statutes/{world['statute_a'].pk}/remove/"
    ask = client.post(url)
    assert ask.status_code == 200 and "Remove the statute" in ask.content.decode()
    from hub.legal.services.codings import CodingInput
    from hub.legal.services.codings import coding_record
    from hub.legal.tests.legal_world import provision

    coding_record(
        viewer=as_viewer(secretariat),
        profile_id=world["a"].pk,
        provision_id=provision("O1").pk,
        data=CodingInput(status="met", statute_id=world["statute_a"].pk),
    )
    done = client.post(url, {"confirmed": "yes"}, follow=True)
    assert "cannot be removed" in done.content.decode()
    assert Statute.objects.filter(pk=world["statute_a"].pk).exists()


def test_the_secretariat_adds_a_reservation_and_edits_the_summary(world, secretariat):
    client = client_for(secretariat)
    response = client.post(
        "/legal/profiles/alphaland/reservations/new/",
        {"treaty": "lanzarote", "article": "Art. 9", "text": "Reserves", "source": "CoE", "provisions": ["J1"]},
    )
    assert response.status_code == 302
    assert client.get("/legal/profiles/alphaland/summary/").status_code == 200
    assert client.post("/legal/profiles/alphaland/summary/", {"summary": "New summary."}).status_code == 302
    world["a"].refresh_from_db()
    assert world["a"].summary == "New summary."


@pytest.mark.parametrize(
    "url",
    [
        "/legal/profiles/alphaland/statutes/new/",
        "/legal/profiles/alphaland/treaties/",
        "/legal/profiles/alphaland/reservations/new/",
        "/legal/profiles/alphaland/summary/",
    ],
)
def test_an_official_is_told_the_secretariats_forms_do_not_exist(world, official_a, url):
    assert client_for(official_a).get(url).status_code == 404
    assert client_for(official_a).post(url, {"source": "x"}).status_code == 404


def test_the_focal_point_publishes_after_confirming_and_others_get_404(world, focal_point_a, official_a, secretariat):
    client = client_for(focal_point_a)
    page = client.get("/legal/profiles/alphaland/")
    assert "Publish the profile" in page.content.decode()
    ask = client.post("/legal/profiles/alphaland/publish/")
    assert ask.status_code == 200 and "Everyone, on the public site" in ask.content.decode()
    world["a"].refresh_from_db()
    assert not world["a"].is_published
    for other in (official_a, secretariat):
        assert client_for(other).post("/legal/profiles/alphaland/publish/", {"confirmed": "yes"}).status_code == 404
    done = client.post("/legal/profiles/alphaland/publish/", {"confirmed": "yes"})
    assert done.status_code == 302
    world["a"].refresh_from_db()
    assert world["a"].is_published
    again = client.post("/legal/profiles/alphaland/publish/", {"confirmed": "yes"}, follow=True)
    assert "already published" in again.content.decode()
    assert client.post("/legal/profiles/alphaland/unpublish/", {"confirmed": "yes"}).status_code == 302
    world["a"].refresh_from_db()
    assert not world["a"].is_published


def test_the_navigation_offers_legal_frameworks_in_the_knowledge_group(world, official_a):
    html = client_for(official_a).get("/legal/profiles/alphaland/").content.decode()
    assert 'href="/legal/"' in html
