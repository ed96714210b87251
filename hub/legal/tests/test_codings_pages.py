"""The coding pages: a provision of a member's profile with its coding, history and as-of view; the
secretariat's edit (a stale one refused), verification and decisions; a member official's correction
request. Each page with a persona allowed and one denied."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from conftest import as_viewer
from conftest import client_for
from hub.legal.models import Coding
from hub.legal.models import CorrectionRequest
from hub.legal.services.corrections import correction_request
from hub.legal.tests.legal_world import checklist
from hub.legal.tests.legal_world import code
from hub.legal.tests.legal_world import profile_for


@pytest.fixture
def coded(secretariat, member_a):
    checklist()
    return code(profile_for(member_a, secretariat), "O5", "not_met", secretariat, pinpoint="s. 7")


def url(coding_or_slug, tail="", code_="O5"):
    slug = coding_or_slug if isinstance(coding_or_slug, str) else coding_or_slug.profile.member.slug
    return f"/legal/profiles/{slug}/2026-1/{code_}/{tail}"


def contest(official, coding):
    return correction_request(
        viewer=as_viewer(official), coding_id=coding.pk, proposed_status="met", citation="s. 9", reason="MARK-WHY"
    )


def test_the_coding_page_shows_the_provision_the_coding_and_its_history(coded, official_b, secretariat):
    body = client_for(official_b).get(url(coded)).content.decode()
    assert "What met means" in body and coded.provision.text in body
    assert "Not met" in body and "s. 7" in body
    assert "Verified by the secretariat on" in body
    assert secretariat.full_name in body  # the taskforce sees who coded it
    assert "Contest this coding" not in body and "Edit the coding" not in body


def test_a_taskforce_profile_is_hidden_from_the_public(coded, anonymous):
    assert client_for(anonymous).get(url(coded)).status_code == 404


def test_a_published_profiles_coding_is_public_without_names(coded, secretariat):
    profile = coded.profile
    profile.visibility, profile.published_at = "public", profile.created_at
    profile.save(update_fields=["visibility", "published_at"])
    response = client_for(None).get(url(coded))
    assert response.status_code == 200
    assert "Not met" in response.content.decode()
    assert secretariat.full_name not in response.content.decode()


def test_a_provision_not_coded_yet_is_not_assessed_and_the_secretariat_may_code_it(coded, secretariat, official_a):
    body = client_for(official_a).get(url(coded, code_="O6")).content.decode()
    assert "Not assessed" in body and "Code this provision" not in body
    staff = client_for(secretariat)
    assert "Code this provision" in staff.get(url(coded, code_="O6")).content.decode()
    response = staff.post(url(coded, "edit/", "O6"), {"status": "met", "pinpoint": "s. 3", "verified": "on"})
    assert response.status_code == 302
    assert Coding.objects.get(provision__code="O6").status == "met"


def test_an_unknown_provision_or_version_is_404(coded, secretariat):
    client = client_for(secretariat)
    assert client.get(url(coded, code_="Z9")).status_code == 404
    assert client.get(f"/legal/profiles/{coded.profile.member.slug}/1999-1/O5/").status_code == 404


def test_the_secretariat_edits_and_a_stale_edit_is_refused_with_nothing_overwritten(coded, secretariat, official_a):
    client = client_for(secretariat)
    assert client_for(official_a).get(url(coded, "edit/")).status_code == 404
    page = client.get(url(coded, "edit/"))
    version = page.context["form"]["row_version"].value()
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=5)):
        first = client.post(
            url(coded, "edit/"), {"status": "met", "pinpoint": "s. 8", "reason": "New Act", "row_version": version}
        )
        assert first.status_code == 302
        stale = client.post(
            url(coded, "edit/"), {"status": "not_met", "pinpoint": "s. 1", "reason": "Old", "row_version": version}
        )
    assert stale.status_code == 422
    assert "changed by someone else" in stale.content.decode()
    coded.refresh_from_db()
    assert (coded.status, coded.pinpoint) == ("met", "s. 8")


def test_an_edit_asks_why_and_shows_the_field(coded, secretariat):
    response = client_for(secretariat).post(url(coded, "edit/"), {"status": "met", "pinpoint": "s. 8"})
    assert response.status_code == 422
    assert "Why it changes" in response.content.decode()


def test_the_secretariat_verifies_a_draft_from_its_page(coded, secretariat, official_a):
    draft = code(coded.profile, "O6", "met", secretariat, verified=False)
    client = client_for(secretariat)
    page = client.get(url(coded, code_="O6"))
    assert "Verify the coding" in page.content.decode()
    assert client_for(official_a).post(url(coded, "verify/", "O6")).status_code == 404
    response = client.post(url(coded, "verify/", "O6"), {"row_version": page.context["coding_version"]})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_verified


def test_as_of_a_day_before_a_change_the_page_shows_the_old_coding(coded, secretariat, official_a):
    today = datetime.date.today()
    with time_machine.travel(today + datetime.timedelta(days=3)):
        code(coded.profile, "O5", "met", secretariat, reason="MARK-REASON")
        client = client_for(official_a)
        body = client.get(url(coded) + f"?as_of={today.isoformat()}").content.decode()
        future = client.get(url(coded) + "?as_of=2999-01-01")
    assert "The coding as of" in body
    then = body.split("The coding as of", 1)[1].split("The coding today", 1)[0]
    assert "Not met" in then
    assert "MARK-REASON" in body  # the history table
    assert future.status_code == 422
    assert "in the future" in future.content.decode()


def test_a_member_official_contests_and_another_member_cannot(coded, official_a, official_b):
    assert client_for(official_b).get(url(coded, "contest/")).status_code == 404
    assert client_for(official_b).post(url(coded, "contest/"), {"proposed_status": "met"}).status_code == 404
    client = client_for(official_a)
    assert "Contest this coding" in client.get(url(coded)).content.decode()
    bad = client.post(url(coded, "contest/"), {"proposed_status": "partial", "citation": "s. 9", "reason": "x"})
    assert bad.status_code == 422
    assert "never partly met" in bad.content.decode() or "Select a valid choice" in bad.content.decode()
    response = client.post(url(coded, "contest/"), {"proposed_status": "met", "citation": "s. 9", "reason": "Why"})
    assert response.status_code == 302
    request = CorrectionRequest.objects.get()
    assert response["Location"] == f"/legal/corrections/{request.pk}/"


def test_the_corrections_list_and_a_request_for_allowed_and_denied_personas(
    coded, official_a, official_b, secretariat, contributor
):
    request = contest(official_a, coded)
    assert "Provision O5" in client_for(secretariat).get("/legal/corrections/").content.decode()
    assert "Provision O5" in client_for(official_a).get("/legal/corrections/").content.decode()
    assert "Provision O5" not in client_for(official_b).get("/legal/corrections/").content.decode()
    assert client_for(contributor).get("/legal/corrections/").status_code == 404
    assert client_for(official_b).get(f"/legal/corrections/{request.pk}/").status_code == 404
    own = client_for(official_a).get(f"/legal/corrections/{request.pk}/").content.decode()
    assert "MARK-WHY" in own and "Accept" not in own
    assert "MARK-WHY" in client_for(official_a).get(url(coded)).content.decode()
    assert "MARK-WHY" not in client_for(official_b).get(url(coded)).content.decode()


def test_accepting_asks_once_more_then_changes_the_coding(coded, official_a, secretariat):
    request = contest(official_a, coded)
    client = client_for(secretariat)
    assert "Reject with this reason" in client.get(f"/legal/corrections/{request.pk}/").content.decode()
    assert client_for(official_a).post(f"/legal/corrections/{request.pk}/accept/").status_code == 404
    confirm = client.post(f"/legal/corrections/{request.pk}/accept/", {"note": "Agreed"})
    assert confirm.status_code == 200 and "This step cannot be undone" in confirm.content.decode()
    request.refresh_from_db()
    assert request.status == "open"
    done = client.post(f"/legal/corrections/{request.pk}/accept/", {"note": "Agreed", "confirmed": "yes"})
    assert done.status_code == 302
    request.refresh_from_db()
    coded.refresh_from_db()
    assert request.status == "accepted" and coded.status == "met"
    again = client.post(f"/legal/corrections/{request.pk}/accept/", {"confirmed": "yes"}, follow=True)
    assert "already accepted" in again.content.decode()


def test_rejecting_needs_a_reason(coded, official_a, secretariat):
    request = contest(official_a, coded)
    client = client_for(secretariat)
    assert client_for(official_a).post(f"/legal/corrections/{request.pk}/reject/", {"note": "x"}).status_code == 404
    empty = client.post(f"/legal/corrections/{request.pk}/reject/", {"note": ""})
    assert empty.status_code == 422
    done = client.post(f"/legal/corrections/{request.pk}/reject/", {"note": "The Act was repealed"})
    assert done.status_code == 302
    request.refresh_from_db()
    assert request.status == "rejected" and request.resolution_note == "The Act was repealed"


def test_the_dashboard_panels(coded, official_a, secretariat, official_b):
    code(coded.profile, "O6", "met", secretariat, verified=False)
    contest(official_a, coded)
    staff = client_for(secretariat).get("/dashboard/").content.decode()
    assert "1 correction request on a coding awaits you" in staff
    assert "1 draft coding to verify" in staff
    assert "correction requests on its legal profile" in client_for(official_a).get("/dashboard/").content.decode()
    assert "correction requests on its legal profile" not in client_for(official_b).get("/dashboard/").content.decode()
