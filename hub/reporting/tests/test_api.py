"""Progress reporting through the API: a whole cycle, isolation between members, and bad input."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from conftest import as_viewer
from conftest import discouraged_term
from conftest import make_person
from hub.accounts.services import api_token_create
from hub.commitments.services import reference_commitments_load
from hub.members.models import Role
from hub.reporting.models import Answer
from hub.reporting.models import Evidence
from hub.reporting.models import IndicatorValue
from hub.reporting.models import ProgressReport
from hub.reporting.models import Question
from hub.reporting.models import QuestionnaireVersion
from hub.reporting.models import ReportingCycle
from hub.reporting.models import ShowcaseItem
from hub.reporting.services import CycleInput
from hub.reporting.services import cycle_create
from hub.reporting.services import cycle_open
from hub.reporting.services import questionnaire_import
from hub.reporting.tests.helpers import REQUIRED_KEYS
from hub.reporting.tests.helpers import STARTER
from hub.reporting.tests.helpers import STARTER_KEYS
from hub.reporting.tests.helpers import TODAY
from hub.reporting.tests.helpers import load_terminology

# The discouraged term the terminology check must flag, taken from reference/terminology.csv.
DISCOURAGED = discouraged_term()

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def auth(user: Any, scope: str = "read-write") -> dict[str, str]:
    _t, raw = api_token_create(viewer=as_viewer(user), name="t", scope=scope, days=1)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def get(url: str, headers: dict[str, str] | None = None) -> Any:
    return Client().get(url, **(headers or {}))


def post(url: str, body: Any, headers: dict[str, str]) -> Any:
    return Client().post(url, body, content_type="application/json", **headers)


def patch(url: str, body: Any, headers: dict[str, str]) -> Any:
    return Client().patch(url, body, content_type="application/json", **headers)


def upload(url: str, data: dict[str, Any], headers: dict[str, str]) -> Any:
    return Client().post(url, data, **headers)  # multipart


def fields(response: Any) -> list[str]:
    assert response["Content-Type"] == "application/problem+json", response.content
    return [e.get("field") for e in response.json().get("errors", [])]


def cycle_body(name: str, *, period_end: str, opens_on: str, closes_on: str) -> dict[str, str]:
    """A cycle to create through the API, for a period starting on 1 January 2025."""
    return {
        "name": name,
        "period_start": "2025-01-01",
        "period_end": period_end,
        "opens_on": opens_on,
        "closes_on": closes_on,
    }


def answer_of(report_json: dict[str, Any], key: str) -> dict[str, Any]:
    return next(a for a in report_json["answers"] if a["question"] == key)


def full_answers(marker: str) -> dict[str, Any]:
    return {key: {"status": "limited", "narrative": f"{marker} {key}"} for key in STARTER_KEYS}


# --- the whole cycle --------------------------------------------------------------------------


def test_the_same_cycle_runs_through_the_api(secretariat, official_a, focal_point_a, official_b, member_b):
    reference_commitments_load()
    s, o, f, b = auth(secretariat), auth(official_a), auth(focal_point_a), auth(official_b)

    # The secretariat imports the starter questionnaire as a version.
    r = upload(
        "/api/v1/questionnaires",
        {"code": "progress-2026", "title": "Progress 2026", "file": SimpleUploadedFile("q.csv", STARTER.read_bytes())},
        s,
    )
    assert r.status_code == 201, r.content
    assert r.json()["questions"] == 9 and r.json()["indicators"] == 3
    version_id = r.json()["id"]
    r = get(f"/api/v1/questionnaires/{version_id}", o)
    assert r.status_code == 200
    questions = {q["key"]: q for q in r.json()["questions"]}
    assert list(questions) == STARTER_KEYS
    assert questions["c1-legal"]["commitment"] == 1
    assert [i["key"] for i in questions["c2-resources"]["indicators"]] == ["budget"]
    assert questions["c9-equity"]["required"] is False
    assert r.json()["frozen"] is False
    assert [v["code"] for v in get("/api/v1/questionnaires", s).json()] == ["progress-2026"]

    # It creates a demo cycle (the fixture members are fictional) and opens it.
    body = {
        "name": "Progress 2026",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "kind": "progress",
        "opens_on": (TODAY - datetime.timedelta(days=1)).isoformat(),
        "closes_on": (TODAY + datetime.timedelta(days=30)).isoformat(),
        "version_id": version_id,
        "is_synthetic": True,
    }
    r = post("/api/v1/cycles", body, s)
    assert r.status_code == 201, r.content
    cycle_id = r.json()["id"]
    assert r.json()["status"] == "draft" and r.json()["version"] == "progress-2026" and r.json()["is_synthetic"]
    assert get(f"/api/v1/cycles/{cycle_id}", o).status_code == 404  # a draft is the secretariat's
    r = post(f"/api/v1/cycles/{cycle_id}/open", {}, s)
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "open"
    assert QuestionnaireVersion.objects.get(pk=version_id).is_frozen
    assert get(f"/api/v1/cycles/{cycle_id}", o).json()["name"] == "Progress 2026"

    # Each member sees its own report only.
    r = get(f"/api/v1/cycles/{cycle_id}/reports", o)
    assert [x["member"] for x in r.json()["items"]] == ["alphaland"]
    report_id = r.json()["items"][0]["id"]
    b_reports = get("/api/v1/reports", b).json()["items"]
    assert [x["member"] for x in b_reports] == ["betaland"]
    assert {x["member"] for x in get(f"/api/v1/cycles/{cycle_id}/reports", s).json()["items"]} == {
        "alphaland",
        "betaland",
    }

    # A's official fills every answer, with an indicator and evidence.
    answers = full_answers("MARK-A-NARRATIVE")
    answers["c1-legal"] |= {"status": "substantial", "lead_institution": "Ministry of Justice", "indicators": {}}
    answers["c1-legal"]["indicators"] = {"laws-amended": 3}
    r = patch(f"/api/v1/reports/{report_id}/answers", {"answers": answers}, o)
    assert r.status_code == 200, r.content
    c1 = answer_of(r.json(), "c1-legal")
    assert c1["status"] == "substantial" and c1["lead_institution"] == "Ministry of Justice"
    assert c1["indicators"] == {"laws-amended": 3.0}
    assert answer_of(r.json(), "c2-resources")["indicators"] == {"budget": None}
    assert r.json()["started_at"] is not None
    r = upload(
        f"/api/v1/answers/{c1['id']}/evidence",
        {"title": "Amended law", "visibility": "public", "file": SimpleUploadedFile("law.pdf", PDF)},
        o,
    )
    assert r.status_code == 201, r.content
    evidence_id = r.json()["id"]
    assert r.json()["has_file"] and r.json()["content_type"] == "application/pdf" and len(r.json()["sha256"]) == 64
    r = upload(
        f"/api/v1/answers/{c1['id']}/evidence",
        {"title": "Ministry page", "url": "https://justice.alphaland.example.org/law"},
        o,
    )
    assert r.status_code == 201, r.content
    assert r.json()["url"] == "https://justice.alphaland.example.org/law" and not r.json()["has_file"]
    evidence = answer_of(get(f"/api/v1/reports/{report_id}", o).json(), "c1-legal")["evidence"]
    assert [e["title"] for e in evidence] == ["Amended law", "Ministry page"]
    r = get(f"/api/v1/evidence/{evidence_id}/file", o)
    assert r.status_code == 200
    assert b"".join(r.streaming_content) == PDF
    assert r["Content-Disposition"].startswith("attachment")
    assert r["X-Content-Type-Options"] == "nosniff"

    # Member B sees none of it: the report, its answers and its evidence answer 404.
    assert get(f"/api/v1/reports/{report_id}", b).status_code == 404
    r = patch(f"/api/v1/reports/{report_id}/answers", {"answers": {"c1-legal": {"narrative": "B was here"}}}, b)
    assert r.status_code == 404
    r = upload(f"/api/v1/answers/{c1['id']}/evidence", {"title": "x", "url": "https://b.example.org"}, b)
    assert r.status_code == 404
    assert get(f"/api/v1/evidence/{evidence_id}/file", b).status_code == 404
    assert post(f"/api/v1/answers/{c1['id']}/showcase", {"title": "x", "summary": "y"}, b).status_code == 404
    assert "B was here" not in Answer.objects.get(pk=c1["id"]).narrative

    # The focal point submits; the secretariat returns it with a comment on one answer.
    r = post(f"/api/v1/reports/{report_id}/submit", {}, f)
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "submitted" and r.json()["is_late"] is False
    r = post(f"/api/v1/reports/{report_id}/return", {"comments": {"c2-resources": "Give the budget figure."}}, s)
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "returned"
    r = get(f"/api/v1/reports/{report_id}", o)
    assert [c["text"] for c in answer_of(r.json(), "c2-resources")["comments"]] == ["Give the budget figure."]
    assert answer_of(r.json(), "c1-legal")["comments"] == []

    # The official fixes it, the focal point resubmits and the secretariat accepts.
    fix = {"c2-resources": {"narrative": "MARK-A-NARRATIVE budget", "indicators": {"budget": 125000.5}}}
    r = patch(f"/api/v1/reports/{report_id}/answers", {"answers": fix}, o)
    assert r.status_code == 200, r.content
    assert answer_of(r.json(), "c2-resources")["indicators"] == {"budget": 125000.5}
    assert post(f"/api/v1/reports/{report_id}/submit", {}, f).json()["status"] == "submitted"
    r = post(f"/api/v1/reports/{report_id}/accept", {}, s)
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "accepted" and r.json()["accepted_at"]
    assert not r.json()["editable"]

    # The secretariat's dashboard: one member answered, so no completion figures are shown.
    r = get(f"/api/v1/cycles/{cycle_id}/dashboard", s)
    assert r.status_code == 200
    assert r.json()["totals"] | {} == {
        "reports": 2,
        "started": 1,
        "submitted": 0,
        "returned": 0,
        "accepted": 1,
        "late": 0,
    }
    assert len(r.json()["completion"]) == 9
    assert all(c["shown"] is False and c["counts"] is None for c in r.json()["completion"])
    assert r.json()["completion"][0]["members"] == 1
    assert get(f"/api/v1/cycles/{cycle_id}/dashboard", o).status_code == 403
    assert get(f"/api/v1/cycles/{cycle_id}/dashboard", b).status_code == 403

    # A's official proposes two showcase items; nothing is public before the focal point signs off.
    c7 = answer_of(get(f"/api/v1/reports/{report_id}", o).json(), "c7-availability")
    r1 = post(f"/api/v1/answers/{c1['id']}/showcase", {"title": "A new law", "summary": "MARK-SHOWCASE-1"}, o)
    r2 = post(f"/api/v1/answers/{c7['id']}/showcase", {"title": "Faster removal", "summary": "MARK-SHOWCASE-7"}, o)
    assert r1.status_code == 201 and r2.status_code == 201, (r1.content, r2.content)
    assert r1.json()["status"] == "proposed" and r1.json()["member"] == "alphaland"
    assert get("/api/v1/showcase?commitment=1").json()["items"] == []
    assert get("/api/v1/showcase", b).json()["items"] == []
    for item in (r1.json(), r2.json()):
        r = post(f"/api/v1/showcase/{item['id']}/sign-off", {}, f)
        assert r.status_code == 200, r.content
        assert r.json()["status"] == "published" and r.json()["published_at"]

    # Anyone now sees them on the commitments, with the evidence shared publicly (the file, not the link).
    r = get("/api/v1/showcase?commitment=1")
    assert r.status_code == 200
    [one] = r.json()["items"]
    assert (one["title"], one["summary"], one["commitment"], one["member"]) == (
        "A new law",
        "MARK-SHOWCASE-1",
        1,
        "alphaland",
    )
    assert [e["title"] for e in one["evidence"]] == ["Amended law"]
    assert [i["summary"] for i in get("/api/v1/showcase?commitment=7").json()["items"]] == ["MARK-SHOWCASE-7"]
    assert get("/api/v1/showcase?commitment=2").json()["items"] == []
    r = get("/api/v1/commitments/1")
    assert [i["title"] for i in r.json()["showcase"]] == ["A new law"]
    public_file = get(f"/api/v1/evidence/{evidence_id}/file")
    assert public_file.status_code == 200 and b"".join(public_file.streaming_content) == PDF
    link_id = next(e["id"] for e in evidence if e["title"] == "Ministry page")
    assert get(f"/api/v1/evidence/{link_id}/file", o).status_code == 404  # a link has no file

    # B still never sees A's report or unpublished answers, in any list.
    assert get(f"/api/v1/reports/{report_id}", b).status_code == 404
    for url in (
        "/api/v1/reports",
        f"/api/v1/cycles/{cycle_id}/reports",
        "/api/v1/showcase",
        "/api/v1/showcase?commitment=1",
        "/api/v1/commitments/1",
        "/api/v1/commitments/2",
        "/api/v1/cycles",
    ):
        r = get(url, b)
        assert r.status_code == 200, url
        assert b"MARK-A-NARRATIVE" not in r.content, url
        assert b"alphaland" not in r.content or "showcase" in url or "commitments/1" in url, url
    for url in ("/api/v1/reports", f"/api/v1/cycles/{cycle_id}/reports"):
        assert [x["member"] for x in get(url, b).json()["items"]] == ["betaland"]

    # Withdrawn items leave the public showcase.
    r = post(f"/api/v1/showcase/{r2.json()['id']}/withdraw", {}, o)
    assert r.status_code == 200 and r.json()["status"] == "withdrawn"
    assert get("/api/v1/showcase?commitment=7").json()["items"] == []


# --- bad input --------------------------------------------------------------------------------


@pytest.fixture
def opened(secretariat, member_a, member_b) -> ReportingCycle:
    """An open demo cycle on the starter questionnaire, with a draft report for A and B."""
    reference_commitments_load()
    v = as_viewer(secretariat)
    questionnaire_import(
        viewer=v, code="starter", title="Starter", name="q.csv", content=STARTER.read_bytes(), via="test"
    )
    cycle = cycle_create(
        viewer=v,
        data=CycleInput(
            name="Test cycle",
            period_start=datetime.date(2025, 1, 1),
            period_end=datetime.date(2025, 12, 31),
            kind="progress",
            opens_on=TODAY - datetime.timedelta(days=1),
            closes_on=TODAY + datetime.timedelta(days=30),
            version=QuestionnaireVersion.objects.get(code="starter"),
            is_synthetic=True,
        ),
    )
    return cycle_open(viewer=v, cycle_id=cycle.pk)


def report_a(cycle: ReportingCycle, member_a: Any) -> ProgressReport:
    return ProgressReport.objects.get(cycle=cycle, member=member_a)


def snapshot(report: ProgressReport) -> list[tuple[Any, ...]]:
    return list(
        Answer.objects.filter(report=report)
        .order_by("pk")
        .values_list("status", "narrative", "actions_taken", "planned_actions", "lead_institution")
    )


def test_a_status_outside_the_scale_is_refused_and_nothing_is_saved(opened, member_a, official_a):
    report = report_a(opened, member_a)
    before = snapshot(report)
    body = {
        "answers": {
            "c1-legal": {"status": "excellent", "narrative": "Would be saved"},
            "c2-resources": {"narrative": "Also not saved", "indicators": {"budget": 10}},
        }
    }
    r = patch(f"/api/v1/reports/{report.pk}/answers", body, auth(official_a))
    assert r.status_code == 422
    assert fields(r) == ["answers.c1-legal.status"]
    assert snapshot(report) == before
    assert not IndicatorValue.objects.filter(answer__report=report).exists()
    report.refresh_from_db()
    assert report.started_at is None


def test_unknown_question_indicator_or_answer_part_is_named(opened, member_a, official_a):
    report = report_a(opened, member_a)
    before = snapshot(report)
    o = auth(official_a)
    r = patch(f"/api/v1/reports/{report.pk}/answers", {"answers": {"c99-none": {"narrative": "x"}}}, o)
    assert r.status_code == 422 and fields(r) == ["answers.c99-none"]
    r = patch(
        f"/api/v1/reports/{report.pk}/answers", {"answers": {"c2-resources": {"indicators": {"budget": "lots"}}}}, o
    )
    assert r.status_code == 422 and fields(r) == ["answers.c2-resources.indicators.budget"]
    r = patch(f"/api/v1/reports/{report.pk}/answers", {"answers": {"c2-resources": {"indicators": {"staff": 3}}}}, o)
    assert r.status_code == 422 and fields(r) == ["answers.c2-resources.indicators.staff"]
    r = patch(f"/api/v1/reports/{report.pk}/answers", {"answers": {"c1-legal": {"narative": "typo"}}}, o)
    assert r.status_code == 422 and fields(r) == ["answers.c1-legal.narative"]
    assert snapshot(report) == before


def test_a_submission_with_required_answers_missing_lists_each(opened, member_a, official_a, focal_point_a):
    report = report_a(opened, member_a)
    o = auth(official_a)
    r = patch(
        f"/api/v1/reports/{report.pk}/answers",
        {"answers": {"c1-legal": {"status": "limited", "narrative": "Done"}, "c2-resources": {"status": "limited"}}},
        o,
    )
    assert r.status_code == 200, r.content
    r = post(f"/api/v1/reports/{report.pk}/submit", {}, auth(focal_point_a))
    assert r.status_code == 422
    expected = ["answers.c2-resources.narrative"] + [
        f"answers.{key}.{part}" for key in REQUIRED_KEYS[2:] for part in ("status", "narrative")
    ]
    assert fields(r) == expected
    assert "c9-equity" not in " ".join(fields(r))  # optional
    report.refresh_from_db()
    assert report.status == "draft" and report.submitted_at is None


def test_evidence_of_the_wrong_type_or_too_large_is_refused(opened, member_a, official_a, monkeypatch):
    report = report_a(opened, member_a)
    answer = report.answers.get(question__key="c1-legal")
    o = auth(official_a)
    url = f"/api/v1/answers/{answer.pk}/evidence"
    fake = SimpleUploadedFile("law.pdf", b"just some text, not a PDF", content_type="application/pdf")
    r = upload(url, {"title": "Fake", "file": fake}, o)
    assert r.status_code == 422 and fields(r) == ["file"]
    monkeypatch.setattr("hub.reporting.services.reports.EVIDENCE_MAX_BYTES", 16)
    r = upload(url, {"title": "Big", "file": SimpleUploadedFile("law.pdf", PDF)}, o)
    assert r.status_code == 422 and fields(r) == ["file"]
    r = upload(url, {"title": "", "visibility": "everyone", "url": "https://x.example.org"}, o)
    assert r.status_code == 422 and fields(r) == ["title", "visibility"]
    r = upload(url, {"title": "Not a link", "url": "justice ministry"}, o)
    assert r.status_code == 422 and fields(r) == ["url"]
    r = upload(url, {"title": "Neither"}, o)
    assert r.status_code == 422 and fields(r) == ["file"]
    assert not Evidence.objects.exists()
    media = Path(settings.MEDIA_ROOT) / "evidence"
    assert not media.exists() or not any(media.rglob("*.pdf"))


def test_a_second_report_for_the_same_member_and_cycle_is_a_conflict(opened, secretariat, member_a):
    before = ProgressReport.objects.filter(cycle=opened).count()
    r = post(f"/api/v1/cycles/{opened.pk}/reports", {"member": member_a.slug}, auth(secretariat))
    assert r.status_code == 409
    assert fields(r) == ["member"]
    assert ProgressReport.objects.filter(cycle=opened).count() == before


def test_the_secretariat_adds_a_report_for_a_new_member(opened, secretariat):
    from conftest import make_member

    make_member("Gammaland")
    r = post(f"/api/v1/cycles/{opened.pk}/reports", {"member": "gammaland"}, auth(secretariat))
    assert r.status_code == 201, r.content
    assert r.json()["member"] == "gammaland" and r.json()["status"] == "draft"
    assert Answer.objects.filter(report_id=r.json()["id"]).count() == 9


def test_a_submitted_report_cannot_be_edited(opened, member_a, official_a, focal_point_a):
    report = report_a(opened, member_a)
    o = auth(official_a)
    assert patch(f"/api/v1/reports/{report.pk}/answers", {"answers": full_answers("First")}, o).status_code == 200
    assert post(f"/api/v1/reports/{report.pk}/submit", {}, auth(focal_point_a)).status_code == 200
    before = snapshot(report)
    r = patch(f"/api/v1/reports/{report.pk}/answers", {"answers": {"c1-legal": {"narrative": "Changed"}}}, o)
    assert r.status_code == 409
    assert fields(r) == ["status"]
    assert snapshot(report) == before
    answer = report.answers.get(question__key="c1-legal")
    r = upload(f"/api/v1/answers/{answer.pk}/evidence", {"title": "Late", "url": "https://x.example.org"}, o)
    assert r.status_code == 409
    assert not Evidence.objects.exists()


def test_re_importing_a_frozen_version_is_a_conflict(opened, secretariat):
    before = list(Question.objects.filter(version__code="starter").values_list("pk", "prompt"))
    changed = STARTER.read_text(encoding="utf-8").replace("What has your government done", "What did you do")
    r = upload(
        "/api/v1/questionnaires",
        {"code": "starter", "title": "Starter, changed", "file": SimpleUploadedFile("q.csv", changed.encode())},
        auth(secretariat),
    )
    assert r.status_code == 409
    assert fields(r) == ["code"]
    assert list(Question.objects.filter(version__code="starter").values_list("pk", "prompt")) == before
    assert QuestionnaireVersion.objects.get(code="starter").title == "Starter"


def test_a_dry_run_import_changes_nothing(secretariat):
    reference_commitments_load()
    r = upload(
        "/api/v1/questionnaires",
        {
            "code": "trial",
            "title": "Trial",
            "dry_run": "true",
            "file": SimpleUploadedFile("q.csv", STARTER.read_bytes()),
        },
        auth(secretariat),
    )
    assert r.status_code == 200, r.content
    assert r.json()["dry_run"] is True and r.json()["created"] is True and r.json()["id"] is None
    assert r.json()["questions"] == 9
    assert not QuestionnaireVersion.objects.exists()


def test_only_the_focal_point_submits(opened, member_a, official_a):
    report = report_a(opened, member_a)
    o = auth(official_a)
    assert patch(f"/api/v1/reports/{report.pk}/answers", {"answers": full_answers("Ready")}, o).status_code == 200
    r = post(f"/api/v1/reports/{report.pk}/submit", {}, o)
    assert r.status_code == 403
    assert r["Content-Type"] == "application/problem+json"
    report.refresh_from_db()
    assert report.status == "draft" and report.submitted_at is None


def test_members_cannot_run_cycles_or_import_questionnaires(opened, official_a, focal_point_a):
    o = auth(official_a)
    body = cycle_body("Mine", period_end="2025-12-31", opens_on="2026-01-01", closes_on="2026-02-01")
    assert post("/api/v1/cycles", body, o).status_code == 403
    assert post(f"/api/v1/cycles/{opened.pk}/close", {}, auth(focal_point_a)).status_code == 403
    r = upload("/api/v1/questionnaires", {"code": "x", "title": "X", "file": SimpleUploadedFile("q.csv", b"")}, o)
    assert r.status_code == 403
    assert ReportingCycle.objects.count() == 1 and opened.status == "open"
    assert QuestionnaireVersion.objects.count() == 1


def test_cycle_input_errors_name_the_field(secretariat):
    s = auth(secretariat)
    body = cycle_body("Backwards", period_end="2024-12-31", opens_on="2026-02-01", closes_on="2026-01-01")
    r = post("/api/v1/cycles", body, s)
    assert r.status_code == 422 and fields(r) == ["period_end", "closes_on"]
    r = post("/api/v1/cycles", body | {"closes_on": "someday"}, s)
    assert r.status_code == 422 and fields(r) == ["closes_on"]
    r = post("/api/v1/cycles", body | {"period_end": "2025-12-31", "closes_on": "2026-03-01", "kind": "annual"}, s)
    assert r.status_code == 422 and fields(r) == ["kind"]
    assert not ReportingCycle.objects.exists()
    r = post("/api/v1/cycles", body | {"period_end": "2025-12-31", "closes_on": "2026-03-01"}, s)
    assert r.status_code == 201, r.content
    cycle_id = r.json()["id"]
    r = post(f"/api/v1/cycles/{cycle_id}/open", {}, s)
    assert r.status_code == 422 and fields(r) == ["version"]
    r = patch(f"/api/v1/cycles/{cycle_id}", {"closes_on": "2026-04-01"}, s)
    assert r.status_code == 200 and r.json()["closes_on"] == "2026-04-01"


def test_an_open_cycle_changes_only_its_close_date_and_runs_its_transitions(opened, secretariat):
    s = auth(secretariat)
    r = patch(f"/api/v1/cycles/{opened.pk}", {"name": "Renamed", "closes_on": "2030-01-01"}, s)
    assert r.status_code == 409 and fields(r) == ["name"]
    opened.refresh_from_db()
    assert opened.name == "Test cycle"
    r = patch(f"/api/v1/cycles/{opened.pk}", {"closes_on": "2030-01-01"}, s)
    assert r.status_code == 200 and r.json()["closes_on"] == "2030-01-01"
    assert post(f"/api/v1/cycles/{opened.pk}/publish", {}, s).status_code == 409
    assert post(f"/api/v1/cycles/{opened.pk}/close", {}, s).json()["status"] == "closed"
    assert post(f"/api/v1/cycles/{opened.pk}/lock", {}, s).json()["status"] == "locked"
    assert post(f"/api/v1/cycles/{opened.pk}/publish", {}, s).json()["status"] == "published"
    assert get(f"/api/v1/cycles/{opened.pk}").json()["status"] == "published"  # public once published


def test_extension_and_return_errors(opened, secretariat, member_a, official_a, focal_point_a):
    report = report_a(opened, member_a)
    s = auth(secretariat)
    r = post(f"/api/v1/reports/{report.pk}/extension", {"until": opened.closes_on.isoformat(), "reason": " "}, s)
    assert r.status_code == 422 and fields(r) == ["until", "reason"]
    until = (opened.closes_on + datetime.timedelta(days=14)).isoformat()
    r = post(f"/api/v1/reports/{report.pk}/extension", {"until": until, "reason": "Elections"}, auth(official_a))
    assert r.status_code == 403
    r = post(f"/api/v1/reports/{report.pk}/extension", {"until": until, "reason": "Elections"}, s)
    assert r.status_code == 200 and r.json()["due_on"] == until and r.json()["extension_reason"] == "Elections"
    o = auth(official_a)
    assert patch(f"/api/v1/reports/{report.pk}/answers", {"answers": full_answers("Ready")}, o).status_code == 200
    assert post(f"/api/v1/reports/{report.pk}/submit", {}, auth(focal_point_a)).status_code == 200
    r = post(f"/api/v1/reports/{report.pk}/return", {"comments": {"c99-none": "?"}}, s)
    assert r.status_code == 422 and fields(r) == ["comments.c99-none"]
    r = post(f"/api/v1/reports/{report.pk}/return", {"comments": {}}, s)
    assert r.status_code == 422 and fields(r) == ["comments"]
    assert post(f"/api/v1/reports/{report.pk}/accept", {}, o).status_code == 403
    report.refresh_from_db()
    assert report.status == "submitted"
    assert not report.answers.filter(review_comments__isnull=False).exists()


def test_terminology_warnings_and_the_previous_accepted_answer_are_shown(
    opened, secretariat, member_a, official_a, focal_point_a
):
    from hub.reporting.services import cycle_transition
    from hub.reporting.services import report_accept
    from hub.reporting.services import report_submit

    load_terminology()
    report = report_a(opened, member_a)
    o = auth(official_a)
    answers = full_answers("Last year")
    answers["c1-legal"] = {"status": "limited", "narrative": f"We fought {DISCOURAGED} with new laws."}
    r = patch(f"/api/v1/reports/{report.pk}/answers", {"answers": answers}, o)
    assert r.status_code == 200, r.content
    c1 = answer_of(r.json(), "c1-legal")
    assert c1["warnings"] == [{"found": DISCOURAGED, "preferred": c1["warnings"][0]["preferred"]}]
    assert "child sexual abuse material" in c1["warnings"][0]["preferred"]
    assert answer_of(r.json(), "c2-resources")["warnings"] == []
    assert c1["previous"] is None
    s = as_viewer(secretariat)
    report_submit(viewer=as_viewer(focal_point_a), report_id=report.pk)
    report_accept(viewer=s, report_id=report.pk)
    cycle_transition(viewer=s, cycle_id=opened.pk, action="lock")
    # The next cycle is prefilled, and each answer shows last year's status and narrative.
    r = post(
        "/api/v1/cycles",
        {
            "name": "Next cycle",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "opens_on": TODAY.isoformat(),
            "closes_on": (opened.closes_on + datetime.timedelta(days=365)).isoformat(),
            "version_id": opened.version_id,
            "is_synthetic": True,
        },
        auth(secretariat),
    )
    assert r.status_code == 201, r.content
    assert post(f"/api/v1/cycles/{r.json()['id']}/open", {}, auth(secretariat)).status_code == 200
    following = ProgressReport.objects.get(cycle_id=r.json()["id"], member=member_a)
    r = patch(
        f"/api/v1/reports/{following.pk}/answers",
        {"answers": {"c1-legal": {"status": "substantial", "narrative": "A national plan was adopted."}}},
        o,
    )
    assert r.status_code == 200, r.content
    c1 = answer_of(r.json(), "c1-legal")
    assert c1["previous"] == {
        "cycle": "Test cycle",
        "status": "limited",
        "narrative": f"We fought {DISCOURAGED} with new laws.",
    }
    assert c1["warnings"] == []
    c2 = answer_of(r.json(), "c2-resources")
    assert c2["narrative"] == "Last year c2-resources"  # prefilled
    assert c2["previous"]["narrative"] == "Last year c2-resources"


def test_read_only_tokens_and_anonymous_callers_cannot_write(opened, member_a, official_a):
    report = report_a(opened, member_a)
    body = {"answers": {"c1-legal": {"narrative": "Read-only"}}}
    r = patch(f"/api/v1/reports/{report.pk}/answers", body, auth(official_a, scope="read"))
    assert r.status_code == 403
    assert patch(f"/api/v1/reports/{report.pk}/answers", body, {}).status_code == 401
    assert report.answers.get(question__key="c1-legal").narrative == ""
    # Anonymous callers see the commitments, no questionnaire and no report.
    assert len(get("/api/v1/commitments").json()) == 9
    assert get("/api/v1/questionnaires").json() == []
    assert get(f"/api/v1/reports/{report.pk}").status_code == 404
    assert get("/api/v1/reports").json()["items"] == []
    assert get("/api/v1/commitments/10").status_code == 404


def test_a_focal_point_of_another_member_cannot_sign_off(opened, secretariat, member_a, member_b, official_a):
    """Sign-off belongs to the reporting member's focal point."""
    from hub.reporting.services import report_accept
    from hub.reporting.services import report_save
    from hub.reporting.services import report_submit

    focal_b = make_person("fred.focal@betaland.example.org", Role.Kind.FOCAL_POINT, member_b)
    focal_a = make_person("fay.focal@alphaland.example.org", Role.Kind.FOCAL_POINT, member_a)
    report = report_a(opened, member_a)
    report_save(viewer=as_viewer(official_a), report_id=report.pk, answers=full_answers("Fine"))
    report_submit(viewer=as_viewer(focal_a), report_id=report.pk)
    report_accept(viewer=as_viewer(secretariat), report_id=report.pk)
    answer = report.answers.get(question__key="c1-legal")
    r = post(f"/api/v1/answers/{answer.pk}/showcase", {"title": "Law", "summary": "A law"}, auth(official_a))
    assert r.status_code == 201
    item_id = r.json()["id"]
    assert post(f"/api/v1/showcase/{item_id}/sign-off", {}, auth(focal_b)).status_code == 404
    assert post(f"/api/v1/showcase/{item_id}/sign-off", {}, auth(official_a)).status_code == 403
    assert ShowcaseItem.objects.get(pk=item_id).status == "proposed"
    r = post(f"/api/v1/answers/{answer.pk}/showcase", {"title": "Again", "summary": "Twice"}, auth(official_a))
    assert r.status_code == 422 and fields(r) == ["answer"]
    assert ShowcaseItem.objects.count() == 1


def test_one_answer_is_saved_alone_and_a_stale_version_of_it_is_refused(opened, member_a, official_a, official_b):
    report = report_a(opened, member_a)
    o = auth(official_a)
    url = f"/api/v1/reports/{report.pk}/answers/c1-legal"
    first = get(url, o)
    assert first.status_code == 200 and first["ETag"] == f'"{first.json()["version"]}"'
    assert get(url, auth(official_b)).status_code == 404
    assert get(f"/api/v1/reports/{report.pk}/answers/c99-none", o).status_code == 404
    r = Client().patch(url, {"narrative": "Mine"}, content_type="application/json", HTTP_IF_MATCH=first["ETag"], **o)
    assert r.status_code == 200 and r.json()["narrative"] == "Mine" and r["ETag"] != first["ETag"]
    # Another answer saved meanwhile does not get in the way; a save based on the old version of this one does.
    other = Client().patch(
        f"/api/v1/reports/{report.pk}/answers/c2-resources",
        {"status": "limited"},
        content_type="application/json",
        HTTP_IF_MATCH=get(f"/api/v1/reports/{report.pk}/answers/c2-resources", o)["ETag"],
        **o,
    )
    assert other.status_code == 200
    stale = Client().patch(
        url, {"narrative": "Over it"}, content_type="application/json", HTTP_IF_MATCH=first["ETag"], **o
    )
    assert stale.status_code == 409 and fields(stale) == ["row_version"]
    assert report.answers.get(question__key="c1-legal").narrative == "Mine"


def test_the_check_lists_what_is_missing_before_submission(opened, member_a, official_a, official_b):
    report = report_a(opened, member_a)
    o = auth(official_a)
    r = get(f"/api/v1/reports/{report.pk}/check", o)
    assert r.status_code == 200
    body = r.json()
    assert body["complete"] is False and body["answered"] == 0 and body["questions"] == 9
    assert {"commitment": 1, "question": "c1-legal", "part": "status"}.items() <= body["missing"][0].items()
    assert len(body["missing"]) == 16  # eight required questions, each without a status and a narrative
    assert patch(f"/api/v1/reports/{report.pk}/answers", {"answers": full_answers("Done")}, o).status_code == 200
    assert get(f"/api/v1/reports/{report.pk}/check", o).json()["complete"] is True
    assert get(f"/api/v1/reports/{report.pk}/check", auth(official_b)).status_code == 404
