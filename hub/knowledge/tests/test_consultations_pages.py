"""Consultation pages as each persona: who is offered what, what the public sees once input is
published, and the audience e-mailed in one query."""

from __future__ import annotations

import pytest

from conftest import as_viewer
from conftest import client_for
from conftest import make_person
from hub.knowledge.models.consultations import ConsultationInput
from hub.knowledge.services.consultations import audience_people
from hub.knowledge.services.consultations import consultation_close
from hub.knowledge.tests.test_consultations_helpers import answer
from hub.knowledge.tests.test_consultations_helpers import draft
from hub.knowledge.tests.test_consultations_helpers import opened
from hub.members.models import Role

pytestmark = pytest.mark.django_db


def test_the_public_sees_a_closed_consultation_with_its_published_input_and_no_draft(secretariat, contributor):
    published = opened(secretariat, title="Published one", input_visibility="public_when_closed")
    given = answer(contributor, published, text="Input for everyone.")
    hidden = draft(secretariat, title="Hidden draft")
    public = client_for(None)
    assert public.get(published.get_absolute_url()).status_code == 404
    consultation_close(viewer=as_viewer(secretariat), consultation=published)
    listing = public.get("/consultations/").content.decode()
    assert "Published one" in listing
    assert "Hidden draft" not in listing
    assert "Input for everyone." in public.get(published.get_absolute_url()).content.decode()
    assert public.get(given.get_absolute_url()).status_code == 200
    assert public.get(hidden.get_absolute_url()).status_code == 404


def test_the_secretariat_is_offered_the_steps_and_the_audience_the_form(secretariat, contributor, official_a):
    c = opened(secretariat, for_members=True)
    staff = client_for(secretariat).get(c.get_absolute_url()).content.decode()
    assert "Close the consultation" in staff
    assert "Send your input" not in staff
    groups = client_for(contributor).get(c.get_absolute_url()).content.decode()
    assert "Send your input" in groups
    assert "Close the consultation" not in groups
    member = client_for(official_a).get(c.get_absolute_url()).content.decode()
    assert "Answer for" in member and "Alphaland" in member


def test_a_member_official_answers_for_their_member_through_the_page(secretariat, official_a, member_a):
    c = opened(secretariat, for_contributors=False, for_members=True)
    response = client_for(official_a).post(
        f"/consultations/{c.pk}/input/", {"member": str(member_a.pk), "text": "Alphaland answers."}
    )
    assert response.status_code == 302
    record = ConsultationInput.objects.get()
    assert record.member == member_a
    assert record.organisation == ""
    assert "Input from Alphaland" in client_for(official_a).get(record.get_absolute_url()).content.decode()


def test_the_audience_is_read_in_one_query_whatever_its_size(secretariat, django_assert_num_queries):
    c = opened(secretariat, for_members=True)
    for i in range(2):
        make_person(f"c{i}@example.org", Role.Kind.CONTRIBUTOR, mfa=False)
    with django_assert_num_queries(1):
        few = audience_people(c)
    for i in range(2, 8):
        make_person(f"c{i}@example.org", Role.Kind.CONTRIBUTOR, mfa=False)
    with django_assert_num_queries(1):
        many = audience_people(c)
    assert len(many) == len(few) + 6
