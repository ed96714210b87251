"""The library's pages: list with filters and honest counts, a document, its download through the
policy, upload, edit, replace, withdraw with confirmation."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import client_for
from hub.core.concurrency import version_of
from hub.knowledge.models.documents import Document
from hub.knowledge.services.documents_extract import document_extract
from hub.knowledge.tests.documents_files import PNG
from hub.knowledge.tests.documents_files import pdf_file
from hub.knowledge.tests.documents_files import txt_file
from hub.knowledge.tests.documents_files import upload


def test_the_list_shows_and_counts_only_what_the_viewer_may_see(official_a, official_b, member_a):
    upload(title="Open report", visibility="public", author_member=member_a, is_synthetic=True)
    upload(title="Alphaland only", visibility="member", author_member=member_a)
    upload(title="Secretariat only", visibility="secretariat")
    own = client_for(official_a).get("/library/").content.decode()
    assert "Alphaland only" in own and "2 documents." in own
    other = client_for(official_b).get("/library/").content.decode()
    assert "Alphaland only" not in other and "Secretariat only" not in other
    assert "1 document." in other
    public = client_for(None).get("/library/").content.decode()
    assert "Open report" in public and "1 document." in public
    assert "Synthetic demo data." in public  # the banner


def test_the_list_filters_by_type_language_member_and_year(member_a, member_b):
    upload(title="French paper", language="fr", kind="paper", visibility="public", author_member=member_a)
    upload(
        title="Statute of B",
        kind="statute",
        visibility="public",
        author_member=member_b,
        dated=datetime.date(2024, 5, 1),
    )
    client = client_for(None)
    assert "Statute of B" not in client.get("/library/?language=fr").content.decode()
    assert "French paper" not in client.get("/library/?kind=statute").content.decode()
    assert "French paper" not in client.get(f"/library/?member={member_b.slug}").content.decode()
    page = client.get("/library/?year=2024").content.decode()
    assert "Statute of B" in page and "French paper" not in page
    assert "French" in client.get("/library/").content.decode()  # the language in words
    assert client.get("/library/?year=1").status_code == 400  # not a year of the list


def test_the_detail_page_says_the_state_in_words_and_hides_from_others(official_a, official_b, member_a):
    document = upload(title="Alphaland only", visibility="member", author_member=member_a, file=txt_file("words"))
    document_extract(document_id=document.pk)
    page = client_for(official_a).get(f"/library/{document.pk}/")
    text = page.content.decode()
    assert "Text read for search" in text and document.sha256 in text and "Edit the details" in text
    assert client_for(official_b).get(f"/library/{document.pk}/").status_code == 404


def test_the_download_goes_through_the_policy(official_a, official_b, member_a):
    document = upload(title="Alphaland only", visibility="member", author_member=member_a, file=pdf_file())
    response = client_for(official_a).get(f"/library/{document.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client_for(official_b).get(f"/library/{document.pk}/download/").status_code == 404
    assert client_for(None).get(f"/library/{document.pk}/download/").status_code == 404


def test_an_official_uploads_for_their_member(official_a, member_a, django_capture_on_commit_callbacks):
    client = client_for(official_a)
    form = client.get("/library/new/").content.decode()
    assert "hub-file-input" in form and 'enctype="multipart/form-data"' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/library/new/",
            {
                "title": "Our paper",
                "kind": "paper",
                "language": "en",
                "author_member": member_a.pk,
                "visibility": "member",
                "file": txt_file("Our words"),
            },
        )
    document = Document.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/library/{document.pk}/"
    assert document.text == "Our words" and document.author_member == member_a


def test_a_png_named_pdf_is_refused_on_the_form_naming_the_file(official_a, member_a):
    response = client_for(official_a).post(
        "/library/new/",
        {
            "title": "Picture",
            "kind": "paper",
            "language": "en",
            "author_member": member_a.pk,
            "visibility": "taskforce",
            "file": SimpleUploadedFile("picture.pdf", PNG),
        },
    )
    assert response.status_code == 422
    assert "This file is a PNG file" in response.content.decode()
    assert not Document.objects.exists()


def test_those_who_may_not_upload_do_not_get_the_form(contributor):
    assert client_for(contributor).get("/library/new/").status_code == 404
    assert client_for(None).get("/library/new/").status_code == 302  # to sign in


def test_an_edit_from_a_stale_page_is_refused(official_a, member_a):
    document = upload(title="Old", author_member=member_a)
    stale = version_of(document)
    client = client_for(official_a)
    data = {"title": "New", "kind": "paper", "language": "en", "author_member": member_a.pk, "visibility": "taskforce"}
    assert client.post(f"/library/{document.pk}/edit/", {**data, "row_version": stale}).status_code == 302
    response = client.post(f"/library/{document.pk}/edit/", {**data, "title": "Lost", "row_version": stale})
    assert response.status_code == 422
    assert "changed by someone else" in response.content.decode()
    assert Document.objects.get().title == "New"


def test_another_members_official_cannot_open_the_edit_pages(official_b, member_a):
    document = upload(author_member=member_a, visibility="taskforce")
    client = client_for(official_b)
    for step in ("edit", "file", "withdraw"):
        assert client.get(f"/library/{document.pk}/{step}/").status_code == 404


def test_replacing_the_file_from_the_page(official_a, member_a):
    document = upload(author_member=member_a, file=txt_file("old"))
    response = client_for(official_a).post(
        f"/library/{document.pk}/file/", {"file": pdf_file(), "row_version": version_of(document)}
    )
    assert response.status_code == 302
    assert Document.objects.get().version == 2


def test_withdrawing_asks_for_confirmation_first(official_a, member_a):
    document = upload(author_member=member_a, visibility="public")
    client = client_for(official_a)
    asked = client.post(f"/library/{document.pk}/withdraw/", {"reason": "Superseded"})
    assert asked.status_code == 200 and "only the secretariat will still see it" in asked.content.decode()
    assert not Document.objects.get().is_withdrawn
    done = client.post(f"/library/{document.pk}/withdraw/", {"reason": "Superseded", "confirmed": "yes"})
    assert done.status_code == 302
    assert Document.objects.get().is_withdrawn
    assert client_for(None).get(f"/library/{document.pk}/").status_code == 404


def test_the_export_holds_only_visible_documents(official_b, member_a):
    upload(title="Alphaland only", visibility="member", author_member=member_a)
    upload(title="Shared", visibility="taskforce", author_member=member_a)
    body = client_for(official_b).get("/library/export/csv/").content.decode()
    assert "Shared" in body and "Alphaland only" not in body


def test_the_secretariat_sees_unreadable_documents_on_the_dashboard(secretariat, official_a):
    document = upload(title="Scanned letter", file=SimpleUploadedFile("scan.pdf", b"%PDF-1.4 broken"))
    document_extract(document_id=document.pk)
    assert "Scanned letter" in client_for(secretariat).get("/dashboard/").content.decode()
    assert "Scanned letter" not in client_for(official_a).get("/dashboard/").content.decode()


def test_a_summary_with_a_discouraged_term_is_saved_with_a_warning(secretariat):
    from conftest import discouraged_term

    term = discouraged_term()
    response = client_for(secretariat).post(
        "/library/new/",
        {
            "title": "Note",
            "kind": "paper",
            "language": "en",
            "visibility": "public",
            "summary": f"About {term} online.",
            "file": txt_file(),
        },
        follow=True,
    )
    assert response.status_code == 200
    assert Document.objects.get().summary == f"About {term} online."


def test_the_edit_page_keeps_a_public_level_an_official_could_not_give(official_a, member_a):
    document = upload(title="Tpyo", author_member=member_a, visibility="public")
    data = {"title": "Typo", "kind": "paper", "language": "en", "author_member": member_a.pk, "visibility": "public"}
    assert client_for(official_a).post(f"/library/{document.pk}/edit/", data).status_code == 302
    assert Document.objects.get().title == "Typo"
