"""The safe aggregates' pages, exports, API and command obey the selector's rules: the same cells
everywhere, suppressed cells in the same fixed words, the public only for published cycles (404
otherwise), the secretariat publishes with a confirmation, and two members' officials see the same."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from conftest import as_viewer
from conftest import client_for
from conftest import make_person
from hub.assessments.selectors.aggregates import CAPABILITY
from hub.assessments.selectors.aggregates import SUPPRESSED
from hub.assessments.selectors.aggregates import aggregate_export
from hub.assessments.selectors.aggregates import safe_aggregate
from hub.assessments.tests.assessment_world import cycle
from hub.assessments.tests.assessment_world import framework
from hub.assessments.tests.assessment_world import members_with_focal_points
from hub.assessments.tests.assessment_world import submitted
from hub.core.viewer import SYSTEM
from hub.members.models import Role

pytestmark = pytest.mark.django_db

VARIED = (1, 2, 3, 4, 1, 2, 3, 4, 1, 2)
TEXT = "Not enough responses to protect confidentiality"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _world(secretariat, n, *, regions=("Europe",)):
    framework()
    the_cycle = cycle(secretariat)
    people = members_with_focal_points(n, regions=regions)
    for i, (member, focal) in enumerate(people):
        submitted(member, the_cycle, focal, {k: VARIED[(i + k - 1) % 10] for k in range(1, 22)})
    return the_cycle, people


def _csv_rows(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_page_export_api_and_command_show_the_same_safe_cells(secretariat, tmp_path):
    the_cycle, people = _world(secretariat, 6, regions=("Europe", "Europe", "Africa", "Europe", "Europe", "Europe"))
    expected_headers, expected_rows = aggregate_export(safe_aggregate(SYSTEM, cycles=[the_cycle.pk]))
    assert any(r[6] == TEXT for r in expected_rows) and any(r[6] != TEXT for r in expected_rows)

    page = client_for(secretariat).get(reverse("assessments_aggregates"), {"cycle": the_cycle.pk})
    assert page.status_code == 200
    html = page.content.decode()
    assert TEXT in html
    for member, _focal in people:
        assert member.name not in html  # no member named, none singled out

    export = client_for(secretariat).get(
        reverse("assessments_aggregates_export", args=["csv"]), {"cycle": the_cycle.pk}
    )
    assert export.status_code == 200
    rows = _csv_rows(export.content)
    assert rows[0] == expected_headers
    assert rows[1:] == [[str(v) for v in r] for r in expected_rows]
    xlsx = client_for(secretariat).get(reverse("assessments_aggregates_export", args=["xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"

    # the page shows every shown capability cell's respondents, and the export has the same
    table = safe_aggregate(SYSTEM, cycles=[the_cycle.pk])
    shown = table.cell(the_cycle.pk, CAPABILITY, "1")
    assert shown.shown and shown.respondents == 6
    assert not table.cell(the_cycle.pk, CAPABILITY, "1", "Africa").shown

    api = client_for(secretariat).get("/api/v1/assessments/aggregates", {"cycle_id": the_cycle.pk})
    assert api.status_code == 200, api.content
    cells = api.json()["cells"]
    assert len(cells) == len(expected_rows)
    for cell in cells:
        if cell["shown"]:
            assert cell["respondents"] >= 5 and len(cell["counts"]) == 4
        else:
            assert cell["respondents"] is None and cell["counts"] is None and cell["text"] == TEXT
    api_csv = client_for(secretariat).get("/api/v1/assessments/aggregates", {"cycle_id": the_cycle.pk, "format": "csv"})
    assert _csv_rows(api_csv.content) == rows

    out = tmp_path / "aggregate.csv"
    call_command("export_mnr_aggregates", "--cycle", str(the_cycle.pk), "--output", str(out))
    assert _csv_rows(out.read_bytes()) == rows


def test_suppressed_cells_read_the_same_fixed_words_whatever_the_reason(secretariat):
    the_cycle, _people = _world(secretariat, 4)
    rows = aggregate_export(safe_aggregate(SYSTEM))[1]
    assert {tuple(r[6:]) for r in rows} == {(str(SUPPRESSED), "", "", "", "")}


def test_public_sees_only_published_cycles_and_the_secretariat_publishes_with_a_confirmation(secretariat, anonymous):
    the_cycle, people = _world(secretariat, 5)
    public = client_for(None)
    url = reverse("public_self_assessment")
    assert TEXT not in public.get(url).content.decode()
    assert public.get(url, {"cycle": the_cycle.pk}).status_code == 404
    assert public.get("/api/v1/assessments/aggregates", {"cycle_id": the_cycle.pk}).status_code == 404
    assert public.get("/api/v1/assessments/aggregates").json()["cells"] == []
    assert public.get(reverse("assessments_aggregates_export", args=["csv"])).status_code in (302, 404)
    with pytest.raises(Exception):  # noqa: B017,PT011 - the command refuses (CommandError)
        call_command("export_mnr_aggregates", "--public", "--cycle", str(the_cycle.pk), stdout=io.StringIO())

    # a member official may not publish: 404 is not needed (the cycle is visible), the step is refused
    official = make_person("official@x.example.org", Role.Kind.OFFICIAL, people[0][0])
    publish_url = reverse("assessments_aggregate_publish", args=[the_cycle.pk])
    refused = client_for(official).post(publish_url, {"confirmed": "yes"})
    assert refused.status_code in (403, 404)
    the_cycle.refresh_from_db()
    assert the_cycle.aggregate_published_at is None

    staff = client_for(secretariat)
    confirm = staff.post(publish_url)
    assert confirm.status_code == 200 and "Publish the aggregate" in confirm.content.decode()
    the_cycle.refresh_from_db()
    assert the_cycle.aggregate_published_at is None
    done = staff.post(publish_url, {"confirmed": "yes"})
    assert done.status_code == 302
    the_cycle.refresh_from_db()
    assert the_cycle.aggregate_published_at is not None

    page = public.get(url, {"cycle": the_cycle.pk})
    assert page.status_code == 200
    assert the_cycle.title in page.content.decode()
    api = public.get("/api/v1/assessments/aggregates", {"cycle_id": the_cycle.pk}).json()
    taskforce = staff.get("/api/v1/assessments/aggregates", {"cycle_id": the_cycle.pk}).json()
    assert api["cells"] == taskforce["cells"]
    stdout = io.StringIO()
    call_command("export_mnr_aggregates", "--public", stdout=stdout)
    assert stdout.getvalue().count("\n") == len(api["cells"]) + 1

    # through the API, the secretariat takes it back
    back = staff.post(f"/api/v1/assessments/cycles/{the_cycle.pk}/unpublish-aggregate")
    assert back.status_code == 200, back.content
    assert back.json()["aggregate_published_at"] is None
    assert public.get(url, {"cycle": the_cycle.pk}).status_code == 404
    assert client_for(official).post(f"/api/v1/assessments/cycles/{the_cycle.pk}/publish-aggregate").status_code in (
        403,
        404,
    )


def test_officials_of_two_members_see_the_same_page(secretariat):
    the_cycle, people = _world(secretariat, 5)
    a = make_person("official@a.example.org", Role.Kind.OFFICIAL, people[0][0])
    b = make_person("official@b.example.org", Role.Kind.OFFICIAL, people[1][0])
    url = reverse("assessments_aggregates")
    page_a = client_for(a).get(url, {"cycle": the_cycle.pk}).content.decode()
    page_b = client_for(b).get(url, {"cycle": the_cycle.pk}).content.decode()
    # the pages differ only in the signed-in person's own name and links (the header), not in the tables
    start = page_a.index('id="agg-phases"')
    assert page_a[start : page_a.index("Download")] == page_b[start : page_b.index("Download")]
    api_a = client_for(a).get("/api/v1/assessments/aggregates").json()
    api_b = client_for(b).get("/api/v1/assessments/aggregates").json()
    assert json.dumps(api_a) == json.dumps(api_b)
    assert safe_aggregate(as_viewer(a)) == safe_aggregate(as_viewer(b))


def test_anonymous_never_gets_the_taskforce_page(secretariat):
    _world(secretariat, 1)
    response = client_for(None).get(reverse("assessments_aggregates"))
    assert response.status_code in (302, 404)
