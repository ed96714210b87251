"""The self-assessment pages: the home, cycles (secretariat), a member's assessment (save with a
version, a stale save 409 keeping what was typed, submit with confirmation, acknowledge, reopen), the
prefill with its diff in words, the access log, and the XLSX and PDF exports; each persona's view."""

from __future__ import annotations

import io

import openpyxl
import pytest

from conftest import as_viewer
from conftest import client_for
from conftest import pdf_text
from hub.assessments.models import AccessLogEntry
from hub.assessments.models import Assessment
from hub.assessments.models import AssessmentCycle
from hub.assessments.services.assessments import AnswerInput
from hub.assessments.services.assessments import answers_save
from hub.assessments.services.assessments import assessment_start
from hub.assessments.tests.assessment_world import answer_all
from hub.assessments.tests.assessment_world import capabilities
from hub.assessments.tests.assessment_world import cycle
from hub.assessments.tests.assessment_world import framework
from hub.assessments.tests.assessment_world import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(member_a, focal_point_a, secretariat):
    framework()
    the_cycle = cycle(secretariat)
    return assessment_start(viewer=as_viewer(focal_point_a), cycle_id=the_cycle.pk, member_id=member_a.pk)


def url(a, suffix=""):
    return f"/assessments/{a.pk}/{suffix}"


def form_data(assessment, phase=2, **extra):
    from hub.core.concurrency import version_of

    assessment.refresh_from_db()
    data = {"row_version": version_of(assessment)}
    for c in capabilities():
        data[f"answer-{c.pk}-phase"] = str(phase) if phase else ""
        data[f"answer-{c.pk}-target_phase"] = "3"
        data[f"answer-{c.pk}-evidence"] = f"Evidence {c.number}"
    data.update(extra)
    return data


def test_the_home_offers_a_member_official_to_start_then_to_continue(member_a, official_a, secretariat):
    framework()
    the_cycle = cycle(secretariat)
    client = client_for(official_a)
    home = client.get("/assessments/")
    assert home.status_code == 200
    assert "Start the self-assessment" in home.content.decode()
    started = client.post(f"/assessments/cycles/{the_cycle.pk}/start/", {"member": member_a.pk})
    assessment = Assessment.objects.get()
    assert started.status_code == 302 and started["Location"] == url(assessment)
    assert "Draft: continue" in client.get("/assessments/").content.decode()
    again = client.post(f"/assessments/cycles/{the_cycle.pk}/start/", {"member": member_a.pk})
    assert again.status_code == 302 and Assessment.objects.count() == 1


def test_the_secretariat_sees_counts_per_cycle_never_results(member_a, focal_point_a, secretariat):
    framework()
    the_cycle = cycle(secretariat)
    submitted(member_a, the_cycle, focal_point_a, 4)
    page = client_for(secretariat).get("/assessments/").content.decode()
    assert "2026 self-assessment" in page and "Open a new cycle" in page
    detail = client_for(secretariat).get(f"/assessments/cycles/{the_cycle.pk}/")
    text = detail.content.decode()
    assert "Alphaland" in text and "Submitted" in text
    assert "Maturity" not in text  # the phase of member A (4) is never on the cycle page


def test_the_secretariat_opens_and_closes_a_cycle_with_a_confirmation(secretariat, official_a):
    fw = framework()
    client = client_for(secretariat)
    assert client.get("/assessments/cycles/new/").status_code == 200
    data = {"title": "2028 round", "framework": fw.pk, "opens_on": "2028-01-01", "due_on": "2028-03-31"}
    made = client.post("/assessments/cycles/new/", data)
    the_cycle = AssessmentCycle.objects.get(title="2028 round")
    assert made.status_code == 302 and made["Location"] == f"/assessments/cycles/{the_cycle.pk}/"
    bad = client.post("/assessments/cycles/new/", {**data, "title": "x", "due_on": "2027-01-01"})
    assert bad.status_code == 422 and "cannot be before" in bad.content.decode()
    asked = client.post(f"/assessments/cycles/{the_cycle.pk}/close/")
    assert asked.status_code == 200 and "Close the cycle" in asked.content.decode()
    the_cycle.refresh_from_db()
    assert the_cycle.is_open
    done = client.post(f"/assessments/cycles/{the_cycle.pk}/close/", {"confirmed": "yes"})
    assert done.status_code == 302
    the_cycle.refresh_from_db()
    assert not the_cycle.is_open
    assert client_for(official_a).get("/assessments/cycles/new/").status_code == 404
    assert client_for(official_a).post(f"/assessments/cycles/{the_cycle.pk}/close/").status_code == 404


def test_an_official_saves_answers_and_sees_them_in_words(draft, official_a):
    client = client_for(official_a)
    page = client.get(url(draft))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Building" in text and "Maturity" in text and 'type="radio"' in text
    saved = client.post(url(draft), form_data(draft, 4))
    assert saved.status_code == 302
    assert set(draft.answers.values_list("phase", flat=True)) == {4}
    assert "focal point submits the self-assessment" in client.get(url(draft)).content.decode()


def test_a_stale_save_is_a_409_and_keeps_what_was_typed(draft, official_a, focal_point_a):
    stale = form_data(draft, 3)
    answer_all(draft, focal_point_a, 2)  # someone else saved in between
    first = capabilities()[0]
    stale[f"answer-{first.pk}-notes"] = "My careful notes"
    response = client_for(official_a).post(url(draft), stale)
    text = response.content.decode()
    assert response.status_code == 409
    assert "changed by someone else" in text and "My careful notes" in text
    assert set(draft.answers.values_list("phase", flat=True)) == {2}


def test_a_phase_outside_1_to_4_is_refused_on_its_field(draft, official_a):
    first = capabilities()[0]
    response = client_for(official_a).post(url(draft), form_data(draft, 2, **{f"answer-{first.pk}-phase": "5"}))
    assert response.status_code == 422
    assert not draft.answers.filter(phase__isnull=False).exists()


def test_submit_lists_unanswered_capabilities_then_confirms(draft, focal_point_a):
    client = client_for(focal_point_a)
    refused = client.post(url(draft, "submit/"), follow=True)
    text = refused.content.decode()
    assert "unanswered" in text and capabilities()[0].name in text
    client.post(url(draft), form_data(draft, 2))
    asked = client.post(url(draft, "submit/"))
    assert asked.status_code == 200 and "Submit the self-assessment" in asked.content.decode()
    draft.refresh_from_db()
    assert draft.is_draft
    done = client.post(url(draft, "submit/"), {"confirmed": "yes"})
    assert done.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.SUBMITTED


def test_an_official_who_is_not_the_focal_point_cannot_submit(draft, official_a, focal_point_a):
    answer_all(draft, focal_point_a)
    response = client_for(official_a).post(url(draft, "submit/"), {"confirmed": "yes"})
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.is_draft


def test_the_secretariat_acknowledges_and_reopens_with_confirmations(member_a, focal_point_a, secretariat):
    framework()
    a = submitted(member_a, cycle(secretariat), focal_point_a)
    client = client_for(secretariat)
    assert "Acknowledge" in client.post(url(a, "acknowledge/")).content.decode()
    assert client.post(url(a, "acknowledge/"), {"confirmed": "yes"}).status_code == 302
    a.refresh_from_db()
    assert a.status == Assessment.Status.ACKNOWLEDGED
    again = client.post(url(a, "acknowledge/"), {"confirmed": "yes"}, follow=True)
    assert "nothing was done" in again.content.decode()
    assert client.post(url(a, "reopen/"), {"reason": ""}).status_code == 422
    asked = client.post(url(a, "reopen/"), {"reason": "Check capability 3."})
    assert "Reopen" in asked.content.decode() and "Check capability 3." in asked.content.decode()
    assert client.post(url(a, "reopen/"), {"reason": "Check capability 3.", "confirmed": "yes"}).status_code == 302
    a.refresh_from_db()
    assert a.is_draft and a.reopened_reason == "Check capability 3."
    assert "Check capability 3." in client_for(focal_point_a).get(url(a)).content.decode()


def test_a_member_cannot_acknowledge_or_reopen(member_a, focal_point_a, secretariat):
    framework()
    a = submitted(member_a, cycle(secretariat), focal_point_a)
    client = client_for(focal_point_a)
    assert client.post(url(a, "acknowledge/"), {"confirmed": "yes"}).status_code == 404
    assert client.post(url(a, "reopen/"), {"reason": "x", "confirmed": "yes"}).status_code == 404


def test_prefill_is_shown_with_the_changes_in_words(member_a, focal_point_a, secretariat):
    framework()
    first = submitted(member_a, cycle(secretariat), focal_point_a, {1: 1}, secretariat=secretariat)
    second_cycle = cycle(secretariat, "2027 self-assessment", opens_on=first.cycle.opens_on.replace(year=2027))
    second = assessment_start(viewer=as_viewer(focal_point_a), cycle_id=second_cycle.pk, member_id=member_a.pk)
    c1, c2 = capabilities()[:2]
    answers_save(
        viewer=as_viewer(focal_point_a),
        assessment_id=second.pk,
        answers={c1.pk: AnswerInput(phase=2, target_phase=3), c2.pk: AnswerInput(phase=4, target_phase=3)},
    )
    text = client_for(focal_point_a).get(url(second)).content.decode()
    assert "Prefilled from</dt><dd>2026 self-assessment" in text
    assert "was Building, now Phase 2" in text
    assert "was Phase 2, now Maturity" in text
    assert text.count("was Phase 2, now Phase 2") == 0


def test_secretariat_openings_are_logged_and_the_focal_point_reads_the_log(
    member_a, focal_point_a, secretariat, official_a
):
    framework()
    a = submitted(member_a, cycle(secretariat), focal_point_a)
    for who in (focal_point_a, official_a):
        c = client_for(who)
        c.get(url(a))
        c.get(url(a, "export.xlsx"))
        c.get(url(a, "pdf/"))
    assert not AccessLogEntry.objects.exists()
    c = client_for(secretariat)
    c.get(url(a))
    c.get(url(a, "export.xlsx"))
    c.get(url(a, "pdf/"))
    assert sorted(AccessLogEntry.objects.values_list("channel", flat=True)) == ["export", "page", "pdf"]
    log = client_for(focal_point_a).get(url(a, "access-log/"))
    text = log.content.decode()
    assert log.status_code == 200
    assert "Sam Secretariat" in text and "PDF" in text and "page" in text
    assert client_for(official_a).get(url(a, "access-log/")).status_code == 404
    assert client_for(secretariat).get(url(a, "access-log/")).status_code == 200


def test_the_exports_hold_the_members_own_answers_in_words(member_a, focal_point_a, secretariat):
    framework()
    a = submitted(member_a, cycle(secretariat), focal_point_a, {1: 4})
    client = client_for(focal_point_a)
    xlsx = client.get(url(a, "export.xlsx"))
    assert xlsx.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Domain", "Number", "Capability", "Phase")
    assert len(rows) == 22
    assert rows[1][3] == "Maturity" and rows[2][3] == "Phase 2" and rows[1][-1] == "yes"
    text = pdf_text(client.get(url(a, "pdf/")))
    assert "Self-assessment of Alphaland" in text and "Maturity" in text
    assert "ynthetic" in text


def test_another_member_a_contributor_and_the_public_find_nothing(
    member_a, focal_point_a, secretariat, official_b, contributor, anonymous
):
    framework()
    a = submitted(member_a, cycle(secretariat), focal_point_a)
    for who in (official_b, contributor):
        c = client_for(who)
        for suffix in ("", "export.xlsx", "pdf/", "access-log/"):
            assert c.get(url(a, suffix)).status_code == 404, (who, suffix)
        for suffix in ("", "submit/", "acknowledge/", "reopen/"):
            assert c.post(url(a, suffix), {"confirmed": "yes", "reason": "x"}).status_code == 404, (who, suffix)
    assert "Alphaland" not in client_for(official_b).get("/assessments/").content.decode()
    assert client_for(contributor).get("/assessments/").status_code == 404
    public = client_for(anonymous).get(url(a))
    assert public.status_code == 302 and "/login" in public["Location"] or public.status_code == 404
    assert not AccessLogEntry.objects.exists()
