"""The views across members: comparison, matrix, safe havens, gap list and coverage map, their exports,
"as of", and who sees what (the public sees published profiles only)."""

from __future__ import annotations

import datetime
import gzip
import io

import openpyxl
import pytest
import time_machine
from django.utils import timezone

from conftest import client_for
from conftest import make_member
from hub.legal.models import LegalProfile
from hub.legal.tests.legal_world import checklist
from hub.legal.tests.legal_world import code
from hub.legal.tests.legal_world import profile_for


def publish(profile: LegalProfile) -> None:
    # The profiles part owns publishing (its service is not on this branch yet): set the level directly.
    LegalProfile.objects.filter(pk=profile.pk).update(visibility="public", published_at=timezone.now())


@pytest.fixture
def world(secretariat, member_a, member_b):
    """Alphaland (taskforce level) and Betaland (published), and Gammaland (published, J1 met)."""
    checklist()
    member_a.country = "FR"
    member_a.save()
    member_b.country = "KE"
    member_b.save()
    gamma = make_member("Gammaland", region="Asia", country="JP")
    a = profile_for(member_a, secretariat)
    b = profile_for(member_b, secretariat)
    g = profile_for(gamma, secretariat)
    publish(b)
    publish(g)
    code(a, "O8", "met", secretariat)
    code(b, "O8", "not_met", secretariat)
    code(g, "O8", "partial", secretariat)
    code(a, "G5", "not_met", secretariat)
    code(a, "J1", "met", secretariat)
    code(g, "J1", "met", secretariat)
    code(b, "O1", "met", secretariat, verified=False)
    return {"a": a, "b": b, "g": g}


# --- comparison ----------------------------------------------------------------------------------


def test_the_comparison_form_shows_the_members_the_viewer_may_see(world, official_a):
    response = client_for(official_a).get("/legal/compare/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Alphaland" in body and "Betaland" in body and "Gammaland" in body


def test_the_comparison_marks_differing_rows_in_words_and_counts_them(world, official_a):
    response = client_for(official_a).get("/legal/compare/?members=alphaland&members=betaland")
    assert response.status_code == 200
    body = response.content.decode()
    assert "differs" in body
    # O8 met / not met, G5 not met / not assessed, J1 met / not assessed
    assert response.context["comparison"].differences == 3
    assert "The members differ on 3 provisions." in body


@pytest.mark.parametrize(
    "query",
    [
        "members=alphaland",
        "members=a&members=b&members=c&members=d&members=e&members=f",
        "members=alphaland&members=betaland&as_of=2999-01-01",
        "members=alphaland&members=nowhere",
        "members=alphaland&members=betaland&as_of=yesterday",
    ],
)
def test_bad_comparison_input_names_the_field_and_shows_no_table(world, official_a, query):
    response = client_for(official_a).get(f"/legal/compare/?{query}")
    assert response.status_code == 422
    assert response.context["comparison"] is None
    assert "There is a problem" in response.content.decode()
    errors = response.context["form"].errors
    assert set(errors) <= {"members", "as_of"} and errors


def test_six_members_are_refused_naming_the_members_field(world, secretariat):
    for i in range(4):
        profile_for(make_member(f"Extra{i}"), secretariat)
    query = "&".join(f"members={s}" for s in ["alphaland", "betaland", "gammaland", "extra0", "extra1", "extra2"])
    response = client_for(secretariat).get(f"/legal/compare/?{query}")
    assert response.status_code == 422
    assert "Choose two to five members to compare." in response.context["form"].errors["members"]
    assert 'href="#id_members"' in response.content.decode() and 'id="id_members"' in response.content.decode()


def test_the_public_compares_published_profiles_but_an_unpublished_one_is_not_found(world, anonymous):
    client = client_for(None)
    assert client.get("/legal/compare/?members=betaland&members=gammaland").status_code == 200
    hidden = client.get("/legal/compare/?members=alphaland&members=betaland")
    unknown = client.get("/legal/compare/?members=nowhere&members=betaland")
    assert hidden.status_code == unknown.status_code == 422
    assert "Alphaland" not in hidden.content.decode()
    assert "No legal profile found for: alphaland." in hidden.content.decode()


def test_a_draft_is_not_assessed_for_another_member_in_the_comparison(world, official_a):
    response = client_for(official_a).get("/legal/compare/?members=alphaland&members=betaland")
    o1 = next(r for r in response.context["comparison"].rows if r.provision.code == "O1")
    assert [c.status for c in o1.cells] == ["not_assessed", "not_assessed"]


def test_the_comparison_can_be_shown_as_of_a_past_day(world, secretariat):
    today = datetime.date.today()
    with time_machine.travel(today + datetime.timedelta(days=3)):
        code(world["b"], "O8", "met", secretariat, reason="New law")
        client = client_for(secretariat)
        now = client.get("/legal/compare/?members=alphaland&members=betaland")
        then = client.get(f"/legal/compare/?members=alphaland&members=betaland&as_of={today.isoformat()}")
    o8 = [r for r in now.context["comparison"].rows if r.provision.code == "O8"][0]
    assert not o8.differs
    o8_then = [r for r in then.context["comparison"].rows if r.provision.code == "O8"][0]
    assert o8_then.differs
    assert "As it was at the end of" in then.content.decode()


def test_the_comparison_exports_as_csv_and_xlsx(world, official_a):
    client = client_for(official_a)
    csv = client.get("/legal/compare/export.csv?members=alphaland&members=betaland")
    assert csv.status_code == 200
    text = csv.content.decode()
    assert "Alphaland" in text and "differs" in text
    xlsx = client.get("/legal/compare/export.xlsx?members=alphaland&members=betaland")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 36
    assert client.get("/legal/compare/export.csv?members=alphaland").status_code == 422


# --- matrix --------------------------------------------------------------------------------------


def test_the_matrix_is_a_table_with_headers_labels_and_the_keyboard_script(world, secretariat):
    response = client_for(secretariat).get("/legal/matrix/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<th scope="col">' in body and '<th scope="row">' in body and "<caption" in body
    assert 'title="Not met"' in body and '<span class="usa-sr-only">Not met</span>' in body
    assert "js/legal-matrix.js" in body and "data-legal-matrix" in body
    assert len(response.context["matrix"].rows) == 3
    assert len(response.context["matrix"].provisions) == 35


def test_the_matrix_filters_by_group_region_status_and_review(world, secretariat):
    client = client_for(secretariat)
    by_group = client.get("/legal/matrix/?group=jurisdiction").context["matrix"]
    assert {p.group for p in by_group.provisions} == {"jurisdiction"}
    by_region = client.get("/legal/matrix/?region=Asia").context["matrix"]
    assert [r.profile.member.name for r in by_region.rows] == ["Gammaland"]
    by_status = client.get("/legal/matrix/?status=partial").context["matrix"]
    assert [r.profile.member.name for r in by_status.rows] == ["Gammaland"]
    drafts = client.get("/legal/matrix/?review=draft").context["matrix"]
    assert [r.profile.member.name for r in drafts.rows] == ["Betaland"]


def test_the_review_filter_is_offered_only_to_those_who_see_drafts(world, secretariat, anonymous):
    assert "review" in client_for(secretariat).get("/legal/matrix/").context["form"].fields
    public = client_for(None).get("/legal/matrix/")
    assert "review" not in public.context["form"].fields
    assert [r.profile.member.name for r in public.context["matrix"].rows] == ["Betaland", "Gammaland"]
    ignored = client_for(None).get("/legal/matrix/?review=draft")
    assert len(ignored.context["matrix"].rows) == 2


def test_the_matrix_refuses_an_unknown_filter_and_a_future_day(world, secretariat):
    client = client_for(secretariat)
    assert client.get("/legal/matrix/?group=nothing").status_code == 422
    response = client.get("/legal/matrix/?as_of=2999-01-01")
    assert response.status_code == 422
    assert "as_of" in response.context["form"].errors


def test_the_matrix_exports_its_rows(world, secretariat):
    client = client_for(secretariat)
    text = client.get("/legal/matrix/export.csv?region=Asia").content.decode()
    assert "Gammaland" in text and "Alphaland" not in text
    xlsx = client.get("/legal/matrix/export.xlsx")
    assert openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.max_row == 4


# --- safe havens ---------------------------------------------------------------------------------


def test_the_safe_havens_explain_and_list_havens_with_their_reachers(world, secretariat):
    response = client_for(secretariat).get("/legal/safe-havens/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "double-criminality" in body
    havens = response.context["havens"]
    o8 = next(i for i in havens.items if i.provision.code == "O8")
    assert {h.profile.member.name: [r.member.name for r in h.reachers] for h in o8.havens} == {
        "Betaland": ["Alphaland", "Gammaland"],
        "Gammaland": ["Alphaland"],
    }
    assert o8.unknown == []


def test_g5_is_never_in_the_safe_havens_and_not_assessed_is_never_a_haven(world, secretariat):
    havens = client_for(secretariat).get("/legal/safe-havens/").context["havens"]
    codes = [i.provision.code for i in havens.items]
    assert "G5" not in codes and "J1" not in codes
    assert codes == ["O1", "O2", "O3", "O4", "O5", "O6", "O7", "O8", "O9", "O10", "O11", "G1", "G2", "G3", "G4"]
    o2 = next(i for i in havens.items if i.provision.code == "O2")
    assert o2.havens == []
    assert [p.member.name for p in o2.unknown] == ["Alphaland", "Betaland", "Gammaland"]


def test_the_public_safe_havens_read_published_profiles_only(world, anonymous):
    havens = client_for(None).get("/legal/safe-havens/").context["havens"]
    o8 = next(i for i in havens.items if i.provision.code == "O8")
    assert [h.profile.member.name for h in o8.havens] == ["Betaland", "Gammaland"]
    assert [r.member.name for r in havens.reachers] == ["Gammaland"]


def test_the_safe_havens_export(world, secretariat):
    text = client_for(secretariat).get("/legal/safe-havens/export.csv").content.decode()
    assert "Betaland" in text and "Alphaland; Gammaland" in text
    assert client_for(secretariat).get("/legal/safe-havens/?as_of=2999-01-01").status_code == 422


# --- gap list ------------------------------------------------------------------------------------


def test_the_gap_list_shows_gaps_with_instruments(world, secretariat):
    response = client_for(secretariat).get("/legal/gaps/betaland/")
    assert response.status_code == 200
    gaps = response.context["gaps"]
    assert [g.provision.code for g in gaps.gaps] == ["O8"]
    assert gaps.gaps[0].instruments
    assert "Good practices to draw on" in response.content.decode()
    text = client_for(secretariat).get("/legal/gaps/betaland/export.csv").content.decode()
    assert "O8" in text


def test_a_gap_list_of_an_unpublished_profile_is_not_found_for_the_public(world, anonymous):
    assert client_for(None).get("/legal/gaps/alphaland/").status_code == 404
    assert client_for(None).get("/legal/gaps/alphaland/export.csv").status_code == 404
    assert client_for(None).get("/legal/gaps/betaland/").status_code == 200


# --- coverage map --------------------------------------------------------------------------------


def test_the_coverage_map_has_a_legend_in_words_and_a_table(world, secretariat):
    response = client_for(secretariat).get("/legal/coverage/?provision=O8&version=2026-1")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Met: 1" in body and "Not met: 1" in body and "Partly met: 1" in body
    assert "<table" in body and "Betaland" in body and "Alphaland" in body
    svg = client_for(secretariat).get("/legal/coverage/map.svg?provision=O8&version=2026-1")
    assert svg.status_code == 200
    raw = gzip.decompress(svg.content) if svg.get("Content-Encoding") == "gzip" else svg.content
    assert b"<svg" in raw and b"<script" not in raw


def test_the_public_coverage_map_counts_unpublished_members_as_not_published(world, anonymous):
    response = client_for(None).get("/legal/coverage/?provision=O8")
    coverage = response.context["coverage"]
    assert [e.profile.member.name for e in coverage.entries] == ["Betaland", "Gammaland"]
    assert coverage.unlisted == 1
    body = response.content.decode()
    assert "Alphaland" not in body
    assert "Not published: 1 member has not published its legal profile" in body
    assert "Met: 0" in body


def test_the_coverage_map_refuses_an_unknown_provision_or_version(world, secretariat):
    client = client_for(secretariat)
    response = client.get("/legal/coverage/?provision=Z9")
    assert response.status_code == 422
    assert "provision" in response.context["form"].errors
    assert client.get("/legal/coverage/?version=1999-1").status_code == 422
    assert client.get("/legal/coverage/export.csv?provision=O8").status_code == 200


def test_without_a_published_checklist_the_views_say_so_instead_of_failing(secretariat):
    client = client_for(secretariat)
    assert client.get("/api/v1/legal/matrix").json()["items"] == []  # a list with no rows
    for url in ["/legal/matrix/", "/legal/safe-havens/", "/legal/coverage/"]:
        response = client.get(url)
        assert response.status_code == 422, url
        assert "No model checklist is published yet." in response.content.decode(), url
