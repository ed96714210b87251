"""The member's gap view: capabilities below target (priorities first, then the largest gap, then by
number), each with the good practices and documents tagged with it that the viewer may see, and the
peers further along only through an accepted exchange; its XLSX and PDF exports, its API, and the
secretariat's openings logged. Another member finds nothing (404 everywhere)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from conftest import as_viewer
from conftest import client_for
from conftest import make_member
from conftest import make_person
from conftest import pdf_text
from hub.assessments.models import AccessLogEntry
from hub.assessments.models import Assessment
from hub.assessments.models import Capability
from hub.assessments.selectors.gaps import gap_view
from hub.assessments.services.assessments import AnswerInput
from hub.assessments.services.assessments import answers_save
from hub.assessments.services.assessments import assessment_start
from hub.assessments.services.assessments import assessment_submit
from hub.assessments.services.exchange import exchange_accept
from hub.assessments.services.exchange import exchange_propose
from hub.assessments.services.exchange import exchange_withdraw
from hub.assessments.tests.assessment_world import cycle
from hub.assessments.tests.assessment_world import framework
from hub.assessments.tests.assessment_world import submitted
from hub.core.errors import NotFound
from hub.knowledge.tests.documents_files import upload
from hub.knowledge.tests.test_practices_helpers import commitments
from hub.knowledge.tests.test_practices_helpers import published
from hub.members.models import Role

pytestmark = pytest.mark.django_db

# capability number: (phase, target, priority). The others: phase 2, target 2 (no gap).
A_ANSWERS = {1: (1, 3, False), 2: (2, 3, True), 3: (1, 4, False), 4: (3, 3, True), 5: (1, 2, True)}


def assess(member, the_cycle, focal, answers, *, submit=True) -> Assessment:
    """The member's assessment with these answers ({number: (phase, target, priority)})."""
    viewer = as_viewer(focal)
    assessment = assessment_start(viewer=viewer, cycle_id=the_cycle.pk, member_id=member.pk)
    data = {}
    for answer in assessment.answers.select_related("capability"):
        phase, target, priority = answers.get(answer.capability.number, (2, 2, False))
        data[answer.capability_id] = AnswerInput(
            phase=phase, target_phase=target, priority=priority, planned_actions=f"Plan {answer.capability.number}"
        )
    answers_save(viewer=viewer, assessment_id=assessment.pk, answers=data)
    if submit:
        assessment = assessment_submit(viewer=viewer, assessment_id=assessment.pk)
    return assessment


def consent(initiator_focal, initiator, counterpart_focal, counterpart, number: int):
    cap = Capability.objects.get(framework__code="mnr-2016", number=number)
    exchange = exchange_propose(
        viewer=as_viewer(initiator_focal),
        member_id=initiator.pk,
        counterpart_id=counterpart.pk,
        capability_id=cap.pk,
        kind="request",
    )
    return exchange_accept(viewer=as_viewer(counterpart_focal), exchange_id=exchange.pk)


@pytest.fixture
def world(member_a, focal_point_a, member_b, secretariat):
    framework()
    commitments()
    focal_b = make_person("fred.focal@betaland.example.org", Role.Kind.FOCAL_POINT, member_b)
    member_c = make_member("Gammaria", region="Asia")
    focal_c = make_person("fay.focal@gammaria.example.org", Role.Kind.FOCAL_POINT, member_c)
    the_cycle = cycle(secretariat)
    a = assess(member_a, the_cycle, focal_point_a, A_ANSWERS)
    submitted(member_b, the_cycle, focal_b, {1: 3, 3: 1})
    submitted(member_c, the_cycle, focal_c, {1: 4})
    return {"a": a, "b": member_b, "c": member_c, "focal_b": focal_b, "focal_c": focal_c, "cycle": the_cycle}


def test_gaps_are_priorities_first_then_the_largest_gap_then_the_number(world, focal_point_a):
    view = gap_view(viewer=as_viewer(focal_point_a), pk=world["a"].pk)
    assert [r.capability.number for r in view.rows] == [2, 5, 3, 1]
    assert [r.gap for r in view.rows] == [1, 1, 3, 2]
    assert view.rows[0].priority and not view.rows[2].priority
    assert view.rows[0].phase_label and view.rows[0].target_label


def test_a_practice_tagged_with_the_capability_shows_with_its_document_and_a_member_only_one_does_not(
    world, member_a, focal_point_a, official_b, member_b
):
    document = upload(title="Hotline handbook", visibility="taskforce")
    shown = published(as_viewer(official_b), member_b, "Victim identification unit", capabilities=["mnr-2016/3"])
    shown.documents.add(document)
    published(as_viewer(official_b), member_b, "Betaland's own notes", capabilities=["mnr-2016/3"], visibility="member")
    published(as_viewer(official_b), member_b, "Another capability", capabilities=["mnr-2016/9"])
    view = gap_view(viewer=as_viewer(focal_point_a), pk=world["a"].pk)
    row = next(r for r in view.rows if r.capability.number == 3)
    assert [p.title for p in row.practices] == ["Victim identification unit"]
    assert [d.title for d in row.documents] == ["Hotline handbook"]
    assert all(not r.practices for r in view.rows if r.capability.number != 3)
    page = client_for(focal_point_a).get(f"/assessments/{world['a'].pk}/gaps/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Victim identification unit" in body and "Hotline handbook" in body
    assert "Betaland&#x27;s own notes" not in body and "Betaland's own notes" not in body


def test_peers_show_only_with_accepted_consent_and_a_higher_phase(world, member_a, focal_point_a):
    b, c = world["b"], world["c"]
    # C reports phase 4 on capability 1 but has not consented: never shown.
    view = gap_view(viewer=as_viewer(focal_point_a), pk=world["a"].pk)
    assert all(not r.peers for r in view.rows)
    pending = exchange_propose(
        viewer=as_viewer(focal_point_a), member_id=member_a.pk, counterpart_id=c.pk,
        capability_id=Capability.objects.get(framework__code="mnr-2016", number=1).pk, kind="request",
    )  # fmt: skip
    consent(focal_point_a, member_a, world["focal_b"], b, 1)  # B: phase 3 on 1 (A: 1) -> shown
    consent(world["focal_b"], b, focal_point_a, member_a, 3)  # B: phase 1 on 3 (A: 1) -> not higher
    view = gap_view(viewer=as_viewer(focal_point_a), pk=world["a"].pk)
    rows = {r.capability.number: r for r in view.rows}
    assert [(p.member.name, p.phase) for p in rows[1].peers] == [("Betaland", 3)]
    assert rows[3].peers == []
    assert pending.status == "pending"
    page = client_for(focal_point_a).get(f"/assessments/{world['a'].pk}/gaps/").content.decode()
    assert "Betaland" in page and "Gammaria" not in page


def test_a_peer_with_only_a_draft_is_never_shown(world, member_a, focal_point_a, secretariat):
    member_d = make_member("Deltavia", region="Europe")
    focal_d = make_person("dan.focal@deltavia.example.org", Role.Kind.FOCAL_POINT, member_d)
    assess(member_d, world["cycle"], focal_d, {2: (4, 4, False)}, submit=False)
    consent(focal_point_a, member_a, focal_d, member_d, 2)
    view = gap_view(viewer=as_viewer(focal_point_a), pk=world["a"].pk)
    assert next(r for r in view.rows if r.capability.number == 2).peers == []


def test_withdrawn_consent_hides_the_peer_again(world, member_a, focal_point_a):
    exchange = consent(focal_point_a, member_a, world["focal_b"], world["b"], 1)
    assert gap_view(viewer=as_viewer(focal_point_a), pk=world["a"].pk).rows[3].peers
    exchange_withdraw(viewer=as_viewer(world["focal_b"]), exchange_id=exchange.pk)
    view = gap_view(viewer=as_viewer(focal_point_a), pk=world["a"].pk)
    assert all(not r.peers for r in view.rows)


def test_another_member_finds_nothing_of_the_gap_view(world, official_b, contributor, anonymous):
    pk = world["a"].pk
    with pytest.raises(NotFound):
        gap_view(viewer=as_viewer(official_b), pk=pk)
    for user in (official_b, contributor):
        client = client_for(user)
        for url in (f"/assessments/{pk}/gaps/", f"/assessments/{pk}/gaps/export/", f"/assessments/{pk}/gaps/pdf/"):
            assert client.get(url).status_code == 404, (user, url)
        assert client.get(f"/api/v1/assessments/assessments/{pk}/gaps").status_code == 404
    assert client_for(anonymous).get(f"/assessments/{pk}/gaps/").status_code == 302


def test_the_xlsx_export_has_the_rows_of_the_page_and_labels_synthetic_data(world, member_a, focal_point_a):
    consent(focal_point_a, member_a, world["focal_b"], world["b"], 1)
    response = client_for(focal_point_a).get(f"/assessments/{world['a'].pk}/gaps/export/")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("capability", "capability_name", "domain")
    assert rows[0][-1] == "synthetic"
    assert [r[0] for r in rows[1:]] == [2, 5, 3, 1]
    assert rows[4][10].startswith("Betaland (3.")
    assert rows[1][7] == "Plan 2"
    assert {r[-1] for r in rows[1:]} == {"yes"}  # the test members are fictional, their data synthetic
    Assessment.objects.filter(pk=world["a"].pk).update(is_synthetic=False)
    response = client_for(focal_point_a).get(f"/assessments/{world['a'].pk}/gaps/export/")
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert {r[-1] for r in rows[1:]} == {"no"}


def test_the_pdf_export_lists_the_gaps_and_is_marked_when_synthetic(world, member_a, focal_point_a):
    consent(focal_point_a, member_a, world["focal_b"], world["b"], 1)
    text = pdf_text(client_for(focal_point_a).get(f"/assessments/{world['a'].pk}/gaps/pdf/"))
    assert "Capability gaps of Alphaland" in text
    assert "Plan 5" in text and "Betaland" in text
    assert "Gammaria" not in text
    assert "SYNTHETIC DEMO DATA" in text  # the test members are fictional
    Assessment.objects.filter(pk=world["a"].pk).update(is_synthetic=False)
    text = pdf_text(client_for(focal_point_a).get(f"/assessments/{world['a'].pk}/gaps/pdf/"))
    assert "SYNTHETIC" not in text


def test_the_secretariats_openings_are_logged_the_members_own_are_not(world, focal_point_a, secretariat):
    pk = world["a"].pk
    client_for(focal_point_a).get(f"/assessments/{pk}/gaps/")
    assert not AccessLogEntry.objects.exists()
    staff = client_for(secretariat)
    assert staff.get(f"/assessments/{pk}/gaps/").status_code == 200
    assert staff.get(f"/assessments/{pk}/gaps/export/").status_code == 200
    assert staff.get(f"/assessments/{pk}/gaps/pdf/").status_code == 200
    assert staff.get(f"/api/v1/assessments/assessments/{pk}/gaps").status_code == 200
    channels = sorted(AccessLogEntry.objects.filter(assessment_id=pk).values_list("channel", flat=True))
    assert channels == ["api", "export", "page", "pdf"]


def test_the_gaps_api_gives_the_same_rows_with_practices_and_consented_peers(
    world, member_a, focal_point_a, official_b, member_b
):
    published(as_viewer(official_b), member_b, "Victim identification unit", capabilities=["mnr-2016/3"])
    consent(focal_point_a, member_a, world["focal_b"], world["b"], 1)
    response = client_for(focal_point_a).get(f"/api/v1/assessments/assessments/{world['a'].pk}/gaps")
    assert response.status_code == 200
    data = response.json()
    assert data["member"]["name"] == "Alphaland"
    assert [r["capability"]["number"] for r in data["rows"]] == [2, 5, 3, 1]
    by_number = {r["capability"]["number"]: r for r in data["rows"]}
    assert by_number[3]["good_practices"][0]["title"] == "Victim identification unit"
    assert [(p["member"]["name"], p["phase"]) for p in by_number[1]["peers"]] == [("Betaland", 3)]
    assert by_number[2]["priority"] is True and by_number[3]["gap"] == 3
    assert "Gammaria" not in response.content.decode()


def test_a_gap_view_with_no_gap_says_so(member_b, secretariat, db):
    framework()
    focal = make_person("nia.focal@betaland.example.org", Role.Kind.FOCAL_POINT, member_b)
    assessment = submitted(member_b, cycle(secretariat), focal, 3, target=3)
    assert gap_view(viewer=as_viewer(focal), pk=assessment.pk).rows == []
    page = client_for(focal).get(f"/assessments/{assessment.pk}/gaps/")
    assert "No capability is below its target phase." in page.content.decode()
