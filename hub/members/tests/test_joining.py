"""Joining: the public form with a verified e-mail, the secretariat's review, the requester's link."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from conftest import as_viewer
from conftest import client_for
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import ValidationFailed
from hub.members.models import Invitation
from hub.members.models import JoinRequest
from hub.members.models import Member
from hub.members.services import join_request_answer
from hub.members.services import join_request_approve
from hub.members.services import join_request_ask_more
from hub.members.services import join_request_record_alliance_check
from hub.members.services import join_request_reject
from hub.members.services import join_request_submit
from hub.members.services import join_request_token
from hub.members.services import join_request_verify

PDF = b"%PDF-1.4\n% a letter\n"


def submit(**extra):
    values = {
        "government": "Deltaland",
        "country": "DE",
        "contact_name": "Dora Delta",
        "contact_email": "dora@deltaland.example.org",
        "message": "We wish to join.",
        "letter": None,
    }
    values.update(extra)
    return join_request_submit(**values)


def filed(secretariat):
    r = submit()
    return join_request_verify(token=join_request_token(r))


def link_in(message) -> str:
    return re.search(r"http\S+/join/(\S+)/", message.body).group(1)


def test_the_public_form_files_nothing_until_the_e_mail_is_confirmed(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            "/join/",
            {
                "government": "Deltaland",
                "country": "DE",
                "contact_name": "Dora",
                "contact_email": "dora@deltaland.example.org",
                "message": "Please",
                "letter": SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf"),
            },
        )
    assert response.status_code == 302
    request = JoinRequest.objects.get()
    assert request.status == JoinRequest.Status.UNVERIFIED
    assert len(request.letter_sha256) == 64
    token = link_in(mail.outbox[0])
    page = Client().get(f"/join/{token}/").content.decode()
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.SUBMITTED
    assert "E-mail confirmed" in page


def test_the_join_page_s_we_have_sent_you_an_e_mail_is_true_the_mail_is_queued_for_the_worker(
    db, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    form = {"government": "Deltaland", "contact_name": "Dora", "contact_email": "dora@deltaland.example.org"}
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post("/join/", form, follow=True)
    assert "We have sent you an e-mail" in response.content.decode()
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "hub.core.tasks.send_email_task"
    assert queued.args_kwargs["kwargs"]["to"] == ["dora@deltaland.example.org"]


def test_a_letter_that_is_not_a_pdf_is_refused_by_its_content(db):
    with pytest.raises(ValidationFailed) as exc:
        submit(letter=SimpleUploadedFile("letter.pdf", b"MZ\x90 not a pdf", content_type="application/pdf"))
    assert exc.value.problems[0].field == "letter"
    assert not JoinRequest.objects.exists()


def test_a_letter_over_the_size_limit_is_refused_before_reading(db):
    big = SimpleUploadedFile("letter.pdf", PDF + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    with pytest.raises(ValidationFailed) as exc:
        submit(letter=big)
    assert "10 MB" in exc.value.problems[0].message


def test_a_government_that_is_already_a_member_is_told_so(member_a, secretariat):
    from hub.members.services import MemberInput
    from hub.members.services import member_update

    member_update(viewer=as_viewer(secretariat), member=member_a, data=MemberInput(country="DE"))
    with pytest.raises(ValidationFailed) as exc:
        submit()
    assert exc.value.problems[0].field == "country"


def test_an_unknown_iso_code_is_named(db):
    with pytest.raises(ValidationFailed) as exc:
        submit(country="QQ")
    assert [p.field for p in exc.value.problems] == ["country"]


def test_approval_needs_the_alliance_check(secretariat):
    request = filed(secretariat)
    with pytest.raises(ValidationFailed) as exc:
        join_request_approve(viewer=as_viewer(secretariat), request_id=request.pk)
    assert exc.value.problems[0].field == "alliance_member"


def test_a_government_outside_the_alliance_cannot_be_approved_and_is_told_to_join_it(
    secretariat, django_capture_on_commit_callbacks
):
    request = filed(secretariat)
    v = as_viewer(secretariat)
    join_request_record_alliance_check(
        viewer=v, request_id=request.pk, is_alliance_member=False, source="Alliance list"
    )
    with pytest.raises(ValidationFailed):
        join_request_approve(viewer=v, request_id=request.pk)
    with pytest.raises(ValidationFailed) as exc:
        join_request_reject(viewer=v, request_id=request.pk, reason=" ")
    assert exc.value.problems[0].field == "reason"
    with django_capture_on_commit_callbacks(execute=True):
        join_request_reject(viewer=v, request_id=request.pk, reason="Not an Alliance member.")
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.REJECTED
    assert "join the Alliance first" in request.decision_reason
    assert "join the Alliance first" in mail.outbox[-1].body


def test_approval_makes_the_member_active_and_invites_the_focal_point(secretariat, django_capture_on_commit_callbacks):
    request = filed(secretariat)
    v = as_viewer(secretariat)
    join_request_record_alliance_check(viewer=v, request_id=request.pk, is_alliance_member=True, source="Alliance list")
    with django_capture_on_commit_callbacks(execute=True):
        join_request_approve(viewer=v, request_id=request.pk)
    member = Member.objects.get(name="Deltaland")
    assert member.status == "active"
    assert member.region == "Europe"
    assert member.alliance_member is True
    invitation = Invitation.objects.get(member=member)
    assert invitation.kind == "focal_point"
    assert invitation.email == "dora@deltaland.example.org"
    subjects = [m.subject for m in mail.outbox]
    assert "Invitation to Taskforce Hub" in subjects
    assert "Welcome to the Global Taskforce" in subjects


def test_a_decided_request_cannot_be_decided_again(secretariat):
    request = filed(secretariat)
    v = as_viewer(secretariat)
    join_request_reject(viewer=v, request_id=request.pk, reason="No")
    with pytest.raises(Conflict):
        join_request_approve(viewer=v, request_id=request.pk)


def test_the_secretariat_asks_for_more_and_the_requester_answers_through_the_link(
    secretariat, django_capture_on_commit_callbacks
):
    request = filed(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        join_request_ask_more(viewer=as_viewer(secretariat), request_id=request.pk, question="Which ministry?")
    token = link_in(mail.outbox[-1])
    page = Client().get(f"/join/{token}/").content.decode()
    assert "Which ministry?" in page
    response = Client().post(f"/join/{token}/", {"text": "The ministry of justice."})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.SUBMITTED
    with pytest.raises(Conflict):
        join_request_answer(token=token, text="again")


def test_a_forged_or_altered_link_is_not_found(secretariat):
    request = filed(secretariat)
    token = join_request_token(request)
    with pytest.raises(NotFound):
        join_request_verify(token=token[:-2] + "xx")
    assert Client().get("/join/not-a-token/").status_code == 404


def test_only_the_secretariat_sees_and_reviews_join_requests(secretariat, official_a, member_a):
    request = filed(secretariat)
    assert client_for(secretariat).get("/join-requests/").status_code == 200
    assert client_for(secretariat).get(f"/join-requests/{request.pk}/").status_code == 200
    assert client_for(official_a).get("/join-requests/").status_code == 404
    assert client_for(official_a).get(f"/join-requests/{request.pk}/").status_code == 404
    response = client_for(official_a).post(f"/join-requests/{request.pk}/approve/")
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.SUBMITTED


def test_secretariat_approves_in_the_browser(secretariat):
    request = filed(secretariat)
    client = client_for(secretariat)
    response = client.post(
        f"/join-requests/{request.pk}/alliance-check/", {"is_alliance_member": "true", "source": "Alliance register"}
    )
    assert response.status_code == 302
    response = client.post(f"/join-requests/{request.pk}/approve/", {"confirmed": "yes"})
    assert response.status_code == 302
    assert Member.objects.filter(name="Deltaland", status="active").exists()


def test_approving_without_the_check_goes_back_to_the_request_saying_why(secretariat):
    request = filed(secretariat)
    client = client_for(secretariat)
    response = client.post(f"/join-requests/{request.pk}/approve/", {"confirmed": "yes"})
    assert response.status_code == 302
    assert response["Location"] == f"/join-requests/{request.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Record the Alliance membership check first." in page
    assert not Member.objects.filter(name="Deltaland").exists()


def test_the_secretariat_files_a_request_from_a_letter(secretariat):
    response = client_for(secretariat).post(
        "/join-requests/new/",
        {
            "government": "Epsilonia",
            "contact_name": "E",
            "contact_email": "e@epsilonia.example.org",
            "letter": SimpleUploadedFile("l.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    request = JoinRequest.objects.get(government="Epsilonia")
    assert request.status == JoinRequest.Status.SUBMITTED
    assert request.filed_by == secretariat
    letter = client_for(secretariat).get(f"/join-requests/{request.pk}/letter.pdf")
    assert b"".join(letter.streaming_content).startswith(b"%PDF-")


def test_every_step_is_audited(secretariat):
    from auditlog.models import LogEntry

    request = filed(secretariat)
    join_request_record_alliance_check(
        viewer=as_viewer(secretariat), request_id=request.pk, is_alliance_member=True, source="list"
    )
    entries = LogEntry.objects.get_for_object(request)
    assert entries.count() >= 3
    assert entries.filter(actor=secretariat).exists()
