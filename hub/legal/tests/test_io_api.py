"""Imports, exports and PDFs through the API: the same services and selectors as the pages."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from conftest import as_viewer
from conftest import make_member
from conftest import pdf_text
from hub.accounts.services import api_token_create
from hub.core.tabular import read_table
from hub.legal.models import Coding
from hub.legal.services.io import CODING_COLUMNS
from hub.legal.services.io import STATUTE_COLUMNS
from hub.legal.tests.legal_world import checklist
from hub.legal.tests.legal_world import code
from hub.legal.tests.legal_world import profile_for
from hub.legal.tests.test_io_imports import coding
from hub.legal.tests.test_io_imports import csv
from hub.legal.tests.test_io_imports import statute
from hub.legal.tests.test_io_imports import xlsx

API = "/api/v1/legal"


def auth(user) -> dict[str, str]:
    _t, raw = api_token_create(viewer=as_viewer(user), name="t", scope="read-write", days=1)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def three(db):
    checklist()
    return [make_member(name) for name in ("Fictland", "Imaginaria", "Inventia")]


def send(url: str, name: str, content: bytes, headers: dict[str, str], **form: str):
    return Client().post(url, {"file": SimpleUploadedFile(name, content), **form}, **headers)


def test_codings_import_through_the_api_with_a_dry_run_first(secretariat, three):
    s = auth(secretariat)
    content = xlsx(CODING_COLUMNS, [coding(m.slug, "O1", "met") for m in three])
    checked = send(f"{API}/imports/codings", "c.xlsx", content, s, dry_run="true")
    assert checked.status_code == 200, checked.content
    assert checked.json() == {
        "kind": "codings",
        "dry_run": True,
        "rows": 3,
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "profiles_opened": 3,
    }
    assert Coding.objects.count() == 0
    assert send(f"{API}/imports/codings", "c.xlsx", content, s).json()["created"] == 3
    assert send(f"{API}/imports/codings", "c.xlsx", content, s).json()["unchanged"] == 3


def test_a_refused_import_is_a_problem_naming_every_row_and_field(secretariat, three):
    rows = [coding("fictland", "O1", "met"), coding("imaginaria", "O1", "unknown"), coding("nobody", "O1", "met")]
    refused = send(f"{API}/imports/codings", "c.csv", csv(CODING_COLUMNS, rows), auth(secretariat))
    assert refused.status_code == 422
    assert refused["Content-Type"].startswith("application/problem+json")
    problems = refused.json()["errors"]
    assert [(p["row"], p["field"]) for p in problems] == [(3, "status"), (4, "member")]
    assert Coding.objects.count() == 0


def test_statutes_import_through_the_api(secretariat, three):
    answer = send(
        f"{API}/imports/statutes", "s.csv", csv(STATUTE_COLUMNS, [statute("fictland", "A")]), auth(secretariat)
    )
    assert answer.json()["created"] == 1


@pytest.mark.parametrize("persona", ["official_a", "focal_point_a", "contributor"])
def test_others_find_no_import(request, persona, three):
    headers = auth(request.getfixturevalue(persona))
    content = csv(CODING_COLUMNS, [coding("fictland", "O1", "met")])
    assert send(f"{API}/imports/codings", "c.csv", content, headers).status_code == 404
    assert send(f"{API}/imports/statutes", "s.csv", csv(STATUTE_COLUMNS, []), headers).status_code == 404
    assert Coding.objects.count() == 0


def test_anonymous_cannot_import(three):
    content = csv(CODING_COLUMNS, [coding("fictland", "O1", "met")])
    assert send(f"{API}/imports/codings", "c.csv", content, {}).status_code == 401


def test_the_codings_export_holds_what_the_caller_sees(secretariat, official_b, member_a):
    checklist()
    profile = profile_for(member_a, secretariat)
    code(profile, "O1", "met", secretariat)
    code(profile, "O2", "met", secretariat, verified=False)
    sec = Client().get(f"{API}/exports/codings?format=xlsx", **auth(secretariat))
    assert sec.status_code == 200
    assert len(read_table(name="e.xlsx", content=sec.content, required=CODING_COLUMNS)) == 2
    other = Client().get(f"{API}/exports/codings", **auth(official_b))
    assert [r.get("provision") for r in read_table(name="e.csv", content=other.content, required=[])] == ["O1"]
    assert Client().get(f"{API}/exports/codings?format=json", **auth(secretariat)).status_code == 422
    statutes = Client().get(f"{API}/exports/statutes", **auth(secretariat))
    assert statutes.status_code == 200


def test_the_pdfs_through_the_api(secretariat, official_a, member_a, member_b):
    checklist()
    profile_for(member_a, secretariat)
    profile_for(member_b, secretariat)
    o = auth(official_a)
    assert "Alphaland" in pdf_text(Client().get(f"{API}/profiles/{member_a.slug}/pdf", **o))
    assert Client().get(f"{API}/profiles/{member_a.slug}/pdf").status_code == 404
    both = Client().get(f"{API}/comparison/pdf?members={member_a.slug}&members={member_b.slug}", **o)
    assert "Betaland" in pdf_text(both)
    one = Client().get(f"{API}/comparison/pdf?members={member_a.slug}", **o)
    assert one.status_code == 422
    assert one.json()["errors"][0]["field"] == "members"
