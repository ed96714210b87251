"""Every path to another member's self-assessment answers, tried as each persona outside that member
(issue 14's "tests that must exist"): the pages, the API list and detail, the exports and the PDF,
the gap view, the access log, search, the calendar feed, the audit log, the safe aggregate with four
members, and the aggregate by differencing (a table before and after the member withdraws).
Each answer is 404 (or a sign-in for the anonymous visitor), and no body holds a word of A's answers."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import as_viewer
from conftest import client_for
from conftest import make_person
from hub.assessments.models import Assessment
from hub.assessments.selectors.aggregates import safe_aggregate
from hub.assessments.services.assessments import AnswerInput
from hub.assessments.services.assessments import answers_save
from hub.assessments.services.assessments import assessment_start
from hub.assessments.services.assessments import assessment_submit
from hub.assessments.tests.assessment_world import cycle
from hub.assessments.tests.assessment_world import framework
from hub.assessments.tests.assessment_world import members_with_focal_points
from hub.assessments.tests.assessment_world import submitted
from hub.core import registry
from hub.core.viewer import SYSTEM
from hub.meetings.calendar import feed_for
from hub.members.models import Member
from hub.members.models import Role
from hub.members.services import member_status_change

pytestmark = pytest.mark.django_db

SECRET = "SECRETEVIDENCEOFALPHALAND"
OUTSIDERS = ["official_b", "focal_point_b", "contributor", "administrator", "anonymous"]


@pytest.fixture
def world(member_a: Member, member_b: Member, focal_point_a: Any, secretariat: Any) -> dict[str, Any]:
    framework()
    the_cycle = cycle(secretariat)
    viewer = as_viewer(focal_point_a)
    assessment = assessment_start(viewer=viewer, cycle_id=the_cycle.pk, member_id=member_a.pk)
    answers = {
        a.capability_id: AnswerInput(
            phase=1 + a.capability.number % 4,
            target_phase=4,
            priority=True,
            evidence=f"{SECRET} evidence",
            notes=f"{SECRET} notes",
            planned_actions=f"{SECRET} plan",
        )
        for a in assessment.answers.select_related("capability")
    }
    answers_save(viewer=viewer, assessment_id=assessment.pk, answers=answers)
    assessment = assessment_submit(viewer=viewer, assessment_id=assessment.pk)
    people = {
        "official_b": make_person("ob@betaland.example.org", Role.Kind.OFFICIAL, member_b),
        "focal_point_b": make_person("fb@betaland.example.org", Role.Kind.FOCAL_POINT, member_b),
        "contributor": make_person("c@example.org", Role.Kind.CONTRIBUTOR),
        "administrator": make_person("adm@example.org", Role.Kind.ADMINISTRATOR),
        "anonymous": None,
    }
    return {"assessment": assessment, "cycle": the_cycle, "people": people, "a": member_a, "b": member_b}


def closed_urls(pk: int) -> list[str]:
    """Every address of one assessment: its page, gap view, exports, PDFs, access log, API."""
    return [
        f"/assessments/{pk}/",
        f"/assessments/{pk}/gaps/",
        f"/assessments/{pk}/gaps/export/",
        f"/assessments/{pk}/gaps/pdf/",
        f"/assessments/{pk}/export.xlsx",
        f"/assessments/{pk}/pdf/",
        f"/assessments/{pk}/access-log/",
        f"/api/v1/assessments/assessments/{pk}",
        f"/api/v1/assessments/assessments/{pk}/export.xlsx",
        f"/api/v1/assessments/assessments/{pk}/pdf",
        f"/api/v1/assessments/assessments/{pk}/gaps",
        f"/api/v1/assessments/assessments/{pk}/access-log",
    ]


def _hidden(response: Any, persona: str) -> bool:
    if persona == "anonymous" and response.status_code in (302, 401):
        return True
    return response.status_code == 404


def _body(response: Any) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", "replace")


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_no_path_leads_an_outsider_to_another_members_answers(world: dict[str, Any], persona: str) -> None:
    pk = world["assessment"].pk
    client = client_for(world["people"][persona])
    problems = []
    for url in closed_urls(pk):
        response = client.get(url)
        if not _hidden(response, persona):
            problems.append(f"{url} answered {response.status_code}")
        if SECRET in _body(response):
            problems.append(f"{url} shows A's answers")
    patch = client.patch(
        f"/api/v1/assessments/assessments/{pk}/answers",
        {"answers": [{"capability": 1, "phase": 4}]},
        content_type="application/json",
    )
    if not _hidden(patch, persona) and patch.status_code != 403:
        problems.append(f"PATCH answers answered {patch.status_code}")
    # Lists, search, the calendar feed and the audit log hold nothing of A's answers.
    registry.search_rebuild()
    opened = [
        "/assessments/",
        "/assessments/exchanges/",
        "/api/v1/assessments/assessments",
        # The query in lower case: the search box echoes it; a hit would show the stored words as written.
        f"/search/?q={SECRET.lower()}",
        f"/api/v1/search?q={SECRET.lower()}",
        "/dashboard/",
        "/audit/",
        "/api/v1/assessments/aggregates",
        "/assessments/aggregates/",
        "/assessments/aggregates/export.csv",
    ]
    for url in opened:
        response = client.get(url)
        body = _body(response)
        if SECRET in body:
            problems.append(f"{url} shows A's answers")
        listed = url == "/api/v1/assessments/assessments" and response.status_code == 200
        if listed and response.json()["count"]:
            problems.append(f"{url} counts A's assessment")
    user = world["people"][persona]
    if user is not None and SECRET.encode() in feed_for(as_viewer(user)):
        problems.append("the calendar feed shows A's answers")
    assert not problems, "\n".join(problems)
    assert (
        Assessment.objects.get(pk=pk).answers.filter(phase=4).count()
        == world["assessment"].answers.filter(phase=4).count()
    )


def test_the_member_and_the_secretariat_do_read_it(world: dict[str, Any], focal_point_a: Any, secretariat: Any) -> None:
    """Not vacuous: every address above opens for the member's focal point and the secretariat."""
    pk = world["assessment"].pk
    for user in (focal_point_a, secretariat):
        client = client_for(user)
        for url in closed_urls(pk):
            assert client.get(url).status_code == 200, (user.email, url)
        assert SECRET in _body(client.get(f"/assessments/{pk}/"))


def test_an_aggregate_of_four_members_shows_nothing(world: dict[str, Any], secretariat: Any) -> None:
    for member, focal in members_with_focal_points(3, prefix="Other"):
        submitted(member, world["cycle"], focal, {n: 1 + n % 3 for n in range(1, 22)})
    for persona in ("official_b", "focal_point_b"):
        table = client_for(world["people"][persona]).get("/api/v1/assessments/aggregates").json()
        assert table["cells"], persona
        assert not any(c["shown"] for c in table["cells"]), persona
        assert all(c["respondents"] is None and c["counts"] is None for c in table["cells"])
    page = client_for(world["people"]["official_b"]).get("/assessments/aggregates/")
    assert "Not enough responses to protect confidentiality" in _body(page)


def test_differencing_two_tables_around_a_withdrawal_reveals_nothing(world: dict[str, Any], secretariat: Any) -> None:
    """Six more members answer, so cells covering A and the six show; A withdraws; every cell shown in
    both tables has the same respondents and counts: subtracting them reveals nothing of A's."""
    for i, (member, focal) in enumerate(members_with_focal_points(6, prefix="Peer")):
        submitted(member, world["cycle"], focal, {n: 1 + (n + i) % 4 for n in range(1, 22)})
    client = client_for(world["people"]["official_b"])
    before = {
        (c["kind"], c["subject"], c["region"]): c for c in client.get("/api/v1/assessments/aggregates").json()["cells"]
    }
    assert any(c["shown"] for c in before.values())  # not vacuous: the total shows
    member_status_change(viewer=SYSTEM, member=world["a"], status="withdrawn", reason="Leaves the Taskforce")
    after = {
        (c["kind"], c["subject"], c["region"]): c for c in client.get("/api/v1/assessments/aggregates").json()["cells"]
    }
    assert before.keys() == after.keys()  # the same shape whoever took part
    for key, cell in after.items():
        if cell["shown"] and before[key]["shown"]:
            assert (cell["respondents"], cell["counts"]) == (before[key]["respondents"], before[key]["counts"]), key
    # And the table the secretariat reads obeys the same rules.
    assert safe_aggregate(as_viewer(secretariat)).all_cells()


def test_a_withdrawn_members_assessment_stays_unchanged_for_the_secretariat_only(
    world: dict[str, Any], focal_point_a: Any, secretariat: Any
) -> None:
    pk = world["assessment"].pk
    member_status_change(viewer=SYSTEM, member=world["a"], status="withdrawn", reason="Leaves the Taskforce")
    assert client_for(focal_point_a).get(f"/assessments/{pk}/").status_code == 404
    response = client_for(secretariat).get(f"/assessments/{pk}/")
    assert response.status_code == 200 and SECRET in _body(response)
    assert Assessment.objects.get(pk=pk).status == Assessment.Status.SUBMITTED
