"""The import page, the exports and the PDFs, as each persona sees them."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import as_viewer
from conftest import client_for
from conftest import make_member
from conftest import pdf_text
from hub.core.tabular import read_table
from hub.legal.models import Coding
from hub.legal.services.io import CODING_COLUMNS
from hub.legal.services.io import STATUTE_COLUMNS
from hub.legal.services.io import codings_import
from hub.legal.services.io import statutes_import
from hub.legal.tests.legal_world import checklist
from hub.legal.tests.legal_world import code
from hub.legal.tests.legal_world import profile_for
from hub.legal.tests.test_io_imports import coding
from hub.legal.tests.test_io_imports import csv
from hub.legal.tests.test_io_imports import statute
from hub.legal.tests.test_io_imports import xlsx


@pytest.fixture
def three(db):
    checklist()
    return [make_member(name) for name in ("Fictland", "Imaginaria", "Inventia")]


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_a_new_user_imports_three_members_from_an_xlsx_then_sees_a_bad_row_rejected(secretariat, three):
    client = client_for(secretariat)
    assert client.get("/legal/import/").status_code == 200
    rows = [coding(m.slug, p, "met") for m in three for p in ("O1", "O2")]
    answer = client.post(
        "/legal/import/",
        {"kind": "codings", "file": upload("codings.xlsx", xlsx(CODING_COLUMNS, rows)), "action": "import"},
    )
    assert answer.status_code == 200
    assert "Created: 6" in answer.content.decode()
    assert Coding.objects.count() == 6
    bad = rows + [coding("fictland", "O3", "met"), coding("imaginaria", "O3", "sort of")]
    answer = client.post(
        "/legal/import/", {"kind": "codings", "file": upload("bad.xlsx", xlsx(CODING_COLUMNS, bad)), "action": "import"}
    )
    assert answer.status_code == 422
    text = answer.content.decode()
    assert "Row 9, column status" in text
    assert "nothing was imported" in text
    assert Coding.objects.count() == 6


def test_check_only_writes_nothing(secretariat, three):
    client = client_for(secretariat)
    answer = client.post(
        "/legal/import/",
        {
            "kind": "codings",
            "file": upload("c.csv", csv(CODING_COLUMNS, [coding("inventia", "O1", "met")])),
            "action": "check",
        },
    )
    assert answer.status_code == 200
    assert "nothing was written" in answer.content.decode()
    assert Coding.objects.count() == 0


def test_statutes_are_imported_from_the_page(secretariat, three):
    answer = client_for(secretariat).post(
        "/legal/import/",
        {
            "kind": "statutes",
            "file": upload("s.csv", csv(STATUTE_COLUMNS, [statute("fictland", "Act 1")])),
            "action": "import",
        },
    )
    assert "Created: 1" in answer.content.decode()


@pytest.mark.parametrize("persona", ["official_a", "focal_point_a", "contributor"])
def test_the_import_page_and_its_templates_are_not_there_for_others(request, persona, three):
    client = client_for(request.getfixturevalue(persona))
    assert client.get("/legal/import/").status_code == 404
    assert client.get("/legal/import/codings-template.csv").status_code == 404
    content = csv(CODING_COLUMNS, [coding("fictland", "O1", "met")])
    answer = client.post("/legal/import/", {"kind": "codings", "file": upload("c.csv", content), "action": "import"})
    assert answer.status_code == 404
    assert Coding.objects.count() == 0


def test_anonymous_is_asked_to_sign_in_for_the_import_page(client, db):
    assert client.get("/legal/import/").status_code == 302


@pytest.mark.parametrize("kind", ["codings", "statutes"])
def test_each_template_reads_back_as_a_valid_dry_run_of_its_kind(secretariat, three, kind):
    body = client_for(secretariat).get(f"/legal/import/{kind}-template.csv").content
    rows = read_table(name="t.csv", content=body, required=["member"])
    assert rows[0].get("member") == "fictland"
    if kind == "statutes":
        report = statutes_import(viewer=as_viewer(secretariat), name="t.csv", content=body, dry_run=True)
        assert report.created == 1


# --- exports -------------------------------------------------------------------------------


def test_an_export_of_codings_imports_again_as_unchanged(secretariat, three):
    statutes_import(
        viewer=as_viewer(secretariat), name="s.csv", content=csv(STATUTE_COLUMNS, [statute("fictland", "Act 1")])
    )
    rows = [
        coding("fictland", "O1", "met", statute="Act 1", pinpoint="s. 4", review="verified", rationale="=SUM(A1)"),
        coding("imaginaria", "O8", "partial"),
    ]
    codings_import(viewer=as_viewer(secretariat), name="c.csv", content=csv(CODING_COLUMNS, rows))
    client = client_for(secretariat)
    for fmt in ("csv", "xlsx"):
        answer = client.get(f"/legal/export/codings.{fmt}")
        assert answer.status_code == 200
        exported = b"".join(answer.streaming_content) if answer.streaming else answer.content
        report = codings_import(viewer=as_viewer(secretariat), name=f"again.{fmt}", content=exported)
        assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    statutes = client.get("/legal/export/statutes.csv").content
    again = statutes_import(viewer=as_viewer(secretariat), name="s.csv", content=statutes)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_an_export_flags_synthetic_rows_and_holds_only_what_the_viewer_sees(secretariat, official_b, member_a, db):
    checklist()
    profile = profile_for(member_a, secretariat)
    code(profile, "O1", "met", secretariat, verified=True)
    code(profile, "O2", "met", secretariat, verified=False)
    sec = read_table(
        name="e.csv", content=client_for(secretariat).get("/legal/export/codings.csv").content, required=[]
    )
    assert [(r.get("provision"), r.get("synthetic")) for r in sec] == [("O1", "yes"), ("O2", "yes")]
    other = read_table(
        name="e.csv", content=client_for(official_b).get("/legal/export/codings.csv").content, required=[]
    )
    assert [r.get("provision") for r in other] == ["O1"]  # the draft is its member's and the secretariat's
    public = client_for(None).get("/legal/export/codings.csv").content
    assert read_table(name="e.csv", content=public, required=[]) == []  # a taskforce profile is not public


def test_an_export_refuses_a_future_as_of_date(secretariat, db):
    checklist()
    assert client_for(secretariat).get("/legal/export/codings.csv?as_of=2999-01-01").status_code == 422


# --- PDFs ----------------------------------------------------------------------------------


def test_the_profile_pdf_shows_the_member_counts_and_the_synthetic_banner(secretariat, official_b, member_a):
    checklist()
    profile = profile_for(member_a, secretariat)
    code(profile, "O5", "not_met", secretariat)
    answer = client_for(official_b).get(f"/legal/profiles/{member_a.slug}/pdf/")
    text = pdf_text(answer)
    assert "Alphaland" in text
    assert "Synthetic demo data" in text
    assert "Not met: 1" in text
    assert answer["Content-Disposition"].startswith("attachment;")
    assert answer["X-Content-Type-Options"] == "nosniff"


def test_a_profile_the_viewer_may_not_see_has_no_pdf(secretariat, member_a, db):
    checklist()
    profile_for(member_a, secretariat)
    assert client_for(None).get(f"/legal/profiles/{member_a.slug}/pdf/").status_code == 404
    assert client_for(secretariat).get("/legal/profiles/nowhere/pdf/").status_code == 404


def test_the_comparison_pdf_sets_members_side_by_side_and_says_where_they_differ(
    secretariat, official_a, member_a, member_b
):
    checklist()
    a, b = profile_for(member_a, secretariat), profile_for(member_b, secretariat)
    code(a, "O5", "met", secretariat)
    code(b, "O5", "not_met", secretariat)
    answer = client_for(official_a).get(f"/legal/compare/pdf/?members={member_a.slug}&members={member_b.slug}")
    text = pdf_text(answer)
    assert "Alphaland" in text and "Betaland" in text
    assert "Differs" in text
    assert answer["X-Content-Type-Options"] == "nosniff"


def test_a_comparison_pdf_of_one_member_or_a_hidden_one_is_refused(secretariat, official_a, member_a, member_b):
    checklist()
    profile_for(member_a, secretariat)
    profile_for(member_b, secretariat)
    assert client_for(official_a).get(f"/legal/compare/pdf/?members={member_a.slug}").status_code == 422
    hidden = client_for(None).get(f"/legal/compare/pdf/?members={member_a.slug}&members={member_b.slug}")
    assert hidden.status_code == 422
