"""Legal frameworks: the demo profiles seed idempotently and show a difference as of a past day."""

from __future__ import annotations

import datetime

from hub.core import registry
from hub.core.viewer import SYSTEM
from hub.legal.models import Coding
from hub.legal.models import LegalProfile
from hub.legal.models import Reservation
from hub.legal.models import Statute
from hub.legal.models import TreatyStatus
from hub.legal.selectors.codings import coding_grid
from hub.legal.selectors.codings import current_version
from hub.legal.selectors.profiles import profile_index
from hub.members.demo import FICTIONAL_MEMBERS


def _seed() -> str:
    """The members' seed (fictional members and people) and this part's, as seed_demo runs them."""
    lines = []
    for seed in registry.demo_seeds():
        if seed.name in ("members", "legal"):
            lines += seed.seed()
    return "\n".join(lines)


def _counts() -> tuple[int, ...]:
    return (
        LegalProfile.objects.count(),
        Statute.objects.count(),
        TreatyStatus.objects.count(),
        Reservation.objects.count(),
        Coding.objects.count(),
        Coding.history.model.objects.count(),
    )


def test_the_demo_gives_every_fictional_member_a_synthetic_profile_and_a_second_run_adds_nothing(db):
    first = _seed()
    counts = _counts()
    assert "legal profiles" in first
    profiles = list(LegalProfile.objects.select_related("member"))
    assert {p.member.name for p in profiles} == {name for name, _region in FICTIONAL_MEMBERS}
    assert all(p.is_synthetic and p.member.is_synthetic for p in profiles)
    assert Coding.objects.count() == 35 * len(FICTIONAL_MEMBERS)
    assert not Coding.objects.filter(is_synthetic=False).exists()
    assert not Statute.objects.filter(is_synthetic=False).exists()
    assert set(TreatyStatus.objects.values_list("source", flat=True)) == {"Synthetic demo data"}
    assert 2 <= LegalProfile.objects.filter(visibility="public").count() <= 3
    assert not Coding.objects.filter(status="partial", provision__scoring="binary").exists()
    assert Coding.objects.filter(provision__code="J1", status="met").count() >= 3
    assert Coding.objects.filter(provision__role="conduct", status__in=["not_met", "partial"]).count() >= 5
    assert Coding.objects.filter(review="draft").exists()
    assert Coding.objects.filter(status="not_applicable").exists()
    _seed()
    assert _counts() == counts


def test_a_demo_profile_as_of_a_past_day_shows_the_codings_before_they_changed(db):
    _seed()
    profile = LegalProfile.objects.get(member__name="Demoland")
    version = current_version()
    assert version is not None
    now = coding_grid(viewer=SYSTEM, version=version, profiles=[profile])
    then = coding_grid(viewer=SYSTEM, version=version, profiles=[profile], as_of=datetime.date(2025, 12, 31))
    o6 = next(p for p in now.provisions if p.code == "O6")
    assert now.cell(profile, o6).status == "met"
    assert then.cell(profile, o6).status == "not_met"
    assert then.counts(profile)["not_assessed"] < 35  # the first codings are dated mid-2025


def test_the_anonymous_index_lists_only_published_demo_profiles(db):
    from hub.core.viewer import ANONYMOUS

    _seed()
    rows = profile_index(viewer=ANONYMOUS).rows
    assert rows and all(r.profile.is_published for r in rows)
