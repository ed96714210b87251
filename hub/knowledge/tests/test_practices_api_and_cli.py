"""Good practices through the API and the command line (export through the policy; all-or-nothing import)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from conftest import as_viewer
from conftest import client_for
from hub.accounts.services import api_token_create
from hub.knowledge.models import GoodPractice
from hub.knowledge.tests.test_practices_helpers import commitments
from hub.knowledge.tests.test_practices_helpers import draft
from hub.knowledge.tests.test_practices_helpers import published

pytestmark = pytest.mark.django_db
API = "/api/v1/good-practices"


@pytest.fixture(autouse=True)
def _commitments(db):
    commitments()


def auth(user) -> dict[str, str]:
    _t, raw = api_token_create(viewer=as_viewer(user), name="t", scope="read-write", days=1)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(url, body, headers):
    return Client().post(url, body, content_type="application/json", **headers)


def test_a_practice_runs_through_the_api_from_draft_to_published(official_a, secretariat, member_a):
    o = auth(official_a)
    body = {
        "member": member_a.slug,
        "title": "API hotline",
        "summary": "Reports sorted within a day.",
        "language": "fr",
        "visibility": "public",
        "commitments": [7],
        "capabilities": ["mnr-2016/12"],
    }
    created = post(API, body, o)
    assert created.status_code == 201, created.content
    practice = created.json()
    assert practice["status"] == "draft" and practice["capabilities"][0]["name"] == "CSEA Hotline"
    pid = practice["id"]
    etag = created["ETag"]
    changed = Client().patch(
        f"{API}/{pid}", {"summary": "Sorted within hours."}, content_type="application/json", HTTP_IF_MATCH=etag, **o
    )
    assert changed.status_code == 200
    stale = Client().patch(f"{API}/{pid}", {"summary": "Old"}, content_type="application/json", HTTP_IF_MATCH=etag, **o)
    assert stale.status_code == 409
    assert post(f"{API}/{pid}/submit", {}, o).json()["status"] == "submitted"
    s = auth(secretariat)
    assert post(f"{API}/{pid}/publish", {"note": "Good"}, o).status_code == 404
    published_now = post(f"{API}/{pid}/publish", {"note": "Good"}, s)
    assert published_now.json()["status"] == "published"
    assert post(f"{API}/{pid}/publish", {}, s).status_code == 409
    public = Client().get(f"{API}/{pid}").json()
    assert public["title"] == "API hotline" and public["review_note"] is None
    assert Client().get(f"{API}/{pid}", **o).json()["review_note"] == "Good"
    assert post(f"{API}/{pid}/withdraw", {}, o).json()["status"] == "withdrawn"
    assert Client().get(f"{API}/{pid}").status_code == 404


def test_a_submitted_practice_is_returned_with_a_note(official_a, secretariat, member_a):
    practice = draft(as_viewer(official_a), member_a)
    post(f"{API}/{practice.pk}/submit", {}, auth(official_a))
    s = auth(secretariat)
    assert post(f"{API}/{practice.pk}/return", {"note": ""}, s).status_code == 422
    assert post(f"{API}/{practice.pk}/return", {"note": "Add figures"}, s).json()["status"] == "returned"


def test_member_b_never_sees_member_as_draft_in_the_api(official_a, official_b, member_a, member_b):
    hidden = draft(as_viewer(official_a), member_a, "A's draft")
    published(as_viewer(official_b), member_b, "B's practice", visibility="public")
    b = auth(official_b)
    listed = Client().get(API, **b).json()
    assert listed["count"] == 1 and [p["title"] for p in listed["items"]] == ["B's practice"]
    assert Client().get(f"{API}/{hidden.pk}", **b).status_code == 404
    assert post(f"{API}/{hidden.pk}/submit", {}, b).status_code == 404
    anonymous = Client().get(f"{API}?language=en").json()
    assert anonymous["count"] == 1
    assert Client().get(f"{API}?member={member_a.slug}", **auth(official_a)).json()["count"] == 1
    refused = post(API, {"member": member_a.slug, "title": "x", "summary": "y"}, b)
    assert refused.status_code == 404
    assert post(API, {"member": member_a.slug, "title": "x", "summary": "y"}, {}).status_code == 401


def test_the_export_goes_through_the_policy(official_a, member_a):
    published(as_viewer(official_a), member_a, "PUBLIC-PRACTICE", visibility="public")
    published(as_viewer(official_a), member_a, "TASKFORCE-PRACTICE", visibility="taskforce")
    draft(as_viewer(official_a), member_a, "DRAFT-PRACTICE")
    out = io.StringIO()
    call_command("export_good_practices", "--public", "--format", "json", stdout=out)
    public = json.loads(out.getvalue())
    assert [row["title"] for row in public] == ["PUBLIC-PRACTICE"]
    out = io.StringIO()
    call_command("export_good_practices", stdout=out)
    assert all(t in out.getvalue() for t in ("PUBLIC-PRACTICE", "TASKFORCE-PRACTICE", "DRAFT-PRACTICE"))
    assert client_for(official_a).get("/good-practices/export.xlsx").status_code == 200


HEADER = "member,title,summary,language,visibility,commitments,capabilities,status\n"


def test_the_import_writes_every_row_or_none_and_names_each_bad_row(tmp_path, member_a, member_b):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER
        + f"{member_a.slug},Hotline,Sorted,fr,public,7,mnr-2016/12,published\n"
        + "nowhere,Other,Text,en,taskforce,,,draft\n"
        + f"{member_b.slug},Third,,de,secret,12,mnr-2016/99,done\n"
        + f"{member_a.slug},Hotline,Again,en,public,,,draft\n",
        encoding="utf-8",
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_good_practices", str(bad), stderr=err)
    message = err.getvalue()
    for expected in ("row 3, member", "row 4, summary", "row 4, language", "row 4, visibility", "row 4, commitments"):
        assert expected in message, message
    assert "row 4, capabilities" in message and "row 4, status" in message and "row 5, title" in message
    assert GoodPractice.objects.count() == 0


def test_the_import_is_idempotent_by_member_and_title_and_dry_runs_write_nothing(tmp_path, member_a, member_b):
    good = tmp_path / "good.csv"
    good.write_text(
        HEADER
        + f"{member_a.slug},Hotline,Sorted,fr,public,7; 6,mnr-2016/12,published\n"
        + f"{member_b.slug},Education,Taught,es,taskforce,6,mnr-2016/13,draft\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("import_good_practices", str(good), "--dry-run", stdout=out)
    assert "2 created" in out.getvalue() and GoodPractice.objects.count() == 0
    call_command("import_good_practices", str(good), stdout=io.StringIO())
    hotline = GoodPractice.objects.get(title="Hotline")
    assert hotline.status == "published" and hotline.published_at is not None
    assert sorted(c.number for c in hotline.commitments.all()) == [6, 7]
    out = io.StringIO()
    call_command("import_good_practices", str(good), stdout=out)
    assert "0 created, 0 updated, 2 unchanged" in out.getvalue()
    good.write_text(HEADER + f"{member_b.slug},Education,Taught well,es,taskforce,6,mnr-2016/13,published\n")
    out = io.StringIO()
    call_command("import_good_practices", str(good), stdout=out)
    assert "1 updated" in out.getvalue()
    education = GoodPractice.objects.get(title="Education")
    assert education.summary == "Taught well" and education.status == "published"
    assert GoodPractice.objects.count() == 2
