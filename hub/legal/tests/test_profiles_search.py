"""Legal frameworks: the one search finds a legal profile for whom may see it (a published one for the
public, by its member's name, summary and statutes), never an unpublished one."""

from __future__ import annotations

from conftest import client_for
from hub.core import registry
from hub.core.viewer import focal_point_of
from hub.legal.services.profiles import StatuteInput
from hub.legal.services.profiles import profile_publish
from hub.legal.services.profiles import statute_add
from hub.legal.tests.legal_world import checklist
from hub.legal.tests.legal_world import profile_for


def _found(client, q: str) -> list[str]:
    body = client.get("/api/v1/search", {"q": q}).json()
    return [r["title"] for r in body["results"] if r["kind"] == "legal_profile"]


def test_the_public_finds_a_published_profile_by_its_statute_and_not_an_unpublished_one(
    secretariat, member_a, member_b, official_a
):
    from conftest import as_viewer

    checklist()
    a = profile_for(member_a, secretariat)
    b = profile_for(member_b, secretariat)
    for profile in (a, b):
        statute_add(
            viewer=as_viewer(secretariat),
            profile_id=profile.pk,
            data=StatuteInput(title_original="Zanzibarish Harms Act", citation=f"Act {profile.pk}", source="s"),
        )
    profile_publish(viewer=focal_point_of(member_b.pk), profile_id=b.pk)
    registry.search_rebuild()
    public = _found(client_for(None), "zanzibarish")
    assert public == ["Betaland — legal profile"]
    assert sorted(_found(client_for(official_a), "zanzibarish")) == [
        "Alphaland — legal profile",
        "Betaland — legal profile",
    ]
    assert _found(client_for(None), "Betaland legal profile") == ["Betaland — legal profile"]
