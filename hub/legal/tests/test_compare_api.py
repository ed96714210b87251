"""The API of the views across members answers what the pages show; bad input is problem+json naming the field."""

from __future__ import annotations

import pytest

from conftest import client_for
from hub.legal.tests.test_compare_pages import world  # noqa: F401 - the fixture


def test_the_api_returns_the_same_comparison_as_the_page(world, official_a):  # noqa: F811
    client = client_for(official_a)
    query = "members=alphaland&members=betaland"
    page = client.get(f"/legal/compare/?{query}").context["comparison"]
    response = client.get(f"/api/v1/legal/comparison?{query}")
    assert response.status_code == 200
    data = response.json()
    assert data["version"] == "2026-1"
    assert [m["member"] for m in data["members"]] == ["alphaland", "betaland"]
    assert data["differences"] == page.differences
    assert [(r["provision"], r["differs"], [c["status"] for c in r["cells"]]) for r in data["rows"]] == [
        (r.provision.code, r.differs, [c.status for c in r.cells]) for r in page.rows
    ]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("members=alphaland", "members"),
        ("members=a&members=b&members=c&members=d&members=e&members=f", "members"),
        ("members=alphaland&members=betaland&as_of=2999-01-01", "as_of"),
        ("members=alphaland&members=nowhere", "members"),
    ],
)
def test_bad_comparison_input_is_a_problem_naming_the_field(world, official_a, query, field):  # noqa: F811
    response = client_for(official_a).get(f"/api/v1/legal/comparison?{query}")
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert field in response.content.decode()


def test_the_public_api_cannot_compare_an_unpublished_profile(world, anonymous):  # noqa: F811
    client = client_for(None)
    assert client.get("/api/v1/legal/comparison?members=betaland&members=gammaland").status_code == 200
    hidden = client.get("/api/v1/legal/comparison?members=alphaland&members=betaland")
    assert hidden.status_code == 422
    assert "No legal profile found for: alphaland." in hidden.content.decode()


def test_the_matrix_api_is_paged_by_members_with_filters(world, secretariat):  # noqa: F811
    client = client_for(secretariat)
    data = client.get("/api/v1/legal/matrix?page_size=2").json()
    assert data["count"] == 3
    assert [r["member"] for r in data["items"]] == ["alphaland", "betaland"]
    assert len(data["items"][0]["cells"]) == 35
    assert list(data["items"][0]["cells"])[0] == "D1"
    assert data["items"][0]["cells"]["O8"] == "met"
    assert data["items"][1]["drafts"] == ["O1"]
    asia = client.get("/api/v1/legal/matrix?region=Asia").json()
    assert [r["member"] for r in asia["items"]] == ["gammaland"]
    bad = client.get("/api/v1/legal/matrix?group=nothing")
    assert bad.status_code == 422 and "group" in bad.content.decode()


def test_the_public_matrix_api_lists_published_profiles_only(world, anonymous):  # noqa: F811
    data = client_for(None).get("/api/v1/legal/matrix").json()
    assert [r["member"] for r in data["items"]] == ["betaland", "gammaland"]


def test_the_safe_havens_api(world, secretariat):  # noqa: F811
    data = client_for(secretariat).get("/api/v1/legal/safe-havens").json()
    assert data["active_nationality"] == "J1"
    codes = [p["provision"] for p in data["provisions"]]
    assert "G5" not in codes
    o8 = next(p for p in data["provisions"] if p["provision"] == "O8")
    assert {h["member"]: h["reached_by"] for h in o8["havens"]} == {
        "betaland": ["alphaland", "gammaland"],
        "gammaland": ["alphaland"],
    }
    bad = client_for(secretariat).get("/api/v1/legal/safe-havens?as_of=2999-01-01")
    assert bad.status_code == 422 and "as_of" in bad.content.decode()


def test_the_gaps_api_and_its_not_found(world, secretariat, anonymous):  # noqa: F811
    data = client_for(secretariat).get("/api/v1/legal/profiles/betaland/gaps").json()
    assert [g["provision"] for g in data["gaps"]] == ["O8"]
    assert data["gaps"][0]["instruments"]
    assert data["counts"]["not_met"] == 1
    assert client_for(None).get("/api/v1/legal/profiles/alphaland/gaps").status_code == 404


def test_the_coverage_api_counts_unpublished_members_apart_for_the_public(world, secretariat, anonymous):  # noqa: F811
    signed_in = client_for(secretariat).get("/api/v1/legal/coverage?version=2026-1&provision=O8").json()
    assert [m["status"] for m in signed_in["members"]] == ["met", "not_met", "partial"]
    public = client_for(None).get("/api/v1/legal/coverage?version=2026-1&provision=O8").json()
    assert public["public"] is True
    assert [m["member"] for m in public["members"]] == ["betaland", "gammaland"]
    assert public["unlisted"] == 1
    bad = client_for(None).get("/api/v1/legal/coverage?provision=Z9")
    assert bad.status_code == 422 and "provision" in bad.content.decode()


# --- the command ---------------------------------------------------------------------------------


def test_export_legal_writes_every_view(world, tmp_path):  # noqa: F811
    import openpyxl
    from django.core.management import call_command

    out = tmp_path / "comparison.csv"
    call_command("export_legal", "comparison", "--members", "alphaland,betaland", "--output", str(out))
    assert "Alphaland" in out.read_text() and "differs" in out.read_text()
    for view, extra in [
        ("matrix", []),
        ("safe-havens", []),
        ("gaps", ["--members", "betaland"]),
        ("coverage", ["--provision", "O8"]),
    ]:
        path = tmp_path / f"{view}.xlsx"
        call_command("export_legal", view, "--format", "xlsx", "--output", str(path), *extra)
        assert openpyxl.load_workbook(path).active.max_row >= 2, view


def test_export_legal_public_leaves_unpublished_profiles_out(world, tmp_path):  # noqa: F811
    from django.core.management import call_command

    out = tmp_path / "matrix.csv"
    call_command("export_legal", "matrix", "--public", "--output", str(out))
    assert "Betaland" in out.read_text() and "Alphaland" not in out.read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["comparison", "--members", "alphaland"], "members"),
        (["comparison", "--members", "alphaland,betaland", "--as-of", "2999-01-01"], "as_of"),
        (["gaps"], "one member"),
        (["coverage", "--provision", "Z9"], "provision"),
    ],
)
def test_export_legal_refuses_bad_input_with_a_clear_message(world, args, message):  # noqa: F811
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=message):
        call_command("export_legal", *args)
