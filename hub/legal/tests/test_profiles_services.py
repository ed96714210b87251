"""Legal frameworks: the profile services — statutes, treaty status, reservations, summary, publishing."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from conftest import as_viewer
from hub.core.concurrency import version_of
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import ValidationFailed
from hub.legal.models import Statute
from hub.legal.models import TreatyStatus
from hub.legal.services.codings import CodingInput
from hub.legal.services.codings import coding_record
from hub.legal.services.profiles import ReservationInput
from hub.legal.services.profiles import StatuteInput
from hub.legal.services.profiles import TreatyStatusInput
from hub.legal.services.profiles import profile_open
from hub.legal.services.profiles import profile_publish
from hub.legal.services.profiles import profile_summary_update
from hub.legal.services.profiles import profile_unpublish
from hub.legal.services.profiles import reservation_add
from hub.legal.services.profiles import reservation_update
from hub.legal.services.profiles import statute_remove
from hub.legal.services.profiles import statute_update
from hub.legal.services.profiles import treaty_status_set
from hub.legal.tests.legal_world import provision
from hub.legal.tests.profiles_world import profile_with_statute
from hub.legal.tests.profiles_world import ratify
from hub.legal.tests.profiles_world import reserve
from hub.legal.tests.profiles_world import statute


def _problem_fields(exc: pytest.ExceptionInfo) -> set[str]:
    return {p.field for p in exc.value.problems}


def test_only_the_secretariat_opens_a_profile_and_opening_twice_returns_the_same(secretariat, official_a, member_a):
    with pytest.raises(NotFound):
        profile_open(viewer=as_viewer(official_a), member_id=member_a.pk)
    first = profile_open(viewer=as_viewer(secretariat), member_id=member_a.pk)
    assert profile_open(viewer=as_viewer(secretariat), member_id=member_a.pk) == first
    assert first.visibility == "taskforce"


def test_a_statute_needs_its_title_citation_and_source_and_a_citation_once(secretariat, member_a):
    profile, _statute = profile_with_statute(member_a, secretariat)
    with pytest.raises(ValidationFailed) as exc:
        statute(profile, secretariat, citation=" ", source="")
    assert {"citation", "source"} <= _problem_fields(exc)
    with pytest.raises(ValidationFailed) as exc:
        statute(profile, secretariat, citation="Act No. 1 of 2020")
    assert _problem_fields(exc) == {"citation"}


def test_a_statute_is_repealed_after_it_came_into_force_and_not_in_the_future(secretariat, member_a):
    profile, s = profile_with_statute(member_a, secretariat)
    sec = as_viewer(secretariat)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for data in (
        StatuteInput(in_force_on=datetime.date(2020, 1, 1), repealed_on=datetime.date(2019, 1, 1)),
        StatuteInput(repealed_on=tomorrow),
    ):
        with pytest.raises(ValidationFailed) as exc:
            statute_update(viewer=sec, profile_id=profile.pk, statute_id=s.pk, data=data)
        assert _problem_fields(exc) == {"repealed_on"}


def test_a_statute_edit_from_a_stale_version_is_refused_and_a_fresh_one_saved(secretariat, member_a):
    profile, s = profile_with_statute(member_a, secretariat)
    sec = as_viewer(secretariat)
    stale = version_of(s)
    statute_update(viewer=sec, profile_id=profile.pk, statute_id=s.pk, data=StatuteInput(title_en="A"), version=stale)
    with pytest.raises(Conflict):
        statute_update(
            viewer=sec, profile_id=profile.pk, statute_id=s.pk, data=StatuteInput(title_en="B"), version=stale
        )
    s.refresh_from_db()
    assert s.title_en == "A"


def test_a_statute_a_coding_cites_is_not_removed_but_one_uncited_is(secretariat, member_a):
    profile, s = profile_with_statute(member_a, secretariat)
    sec = as_viewer(secretariat)
    coding_record(
        viewer=sec,
        profile_id=profile.pk,
        provision_id=provision("O5").pk,
        data=CodingInput(status="met", statute_id=s.pk, pinpoint="s. 2", verified=True),
    )
    with pytest.raises(Conflict) as exc:
        statute_remove(viewer=sec, profile_id=profile.pk, statute_id=s.pk)
    assert "repealed" in exc.value.message
    other = statute(profile, secretariat, citation="Act No. 2 of 2021")
    statute_remove(viewer=sec, profile_id=profile.pk, statute_id=other.pk)
    assert list(Statute.objects.filter(profile=profile)) == [s]


def test_officials_may_not_touch_statutes_they_are_told_nothing_is_there(secretariat, official_a, member_a):
    profile, s = profile_with_statute(member_a, secretariat)
    with pytest.raises(NotFound):
        statute_update(viewer=as_viewer(official_a), profile_id=profile.pk, statute_id=s.pk, data=StatuteInput())
    with pytest.raises(NotFound):
        statute_remove(viewer=as_viewer(official_a), profile_id=profile.pk, statute_id=s.pk)


def test_one_treaty_status_per_treaty_changed_in_place_with_its_version(secretariat, member_a):
    profile, _s = profile_with_statute(member_a, secretariat)
    sec = as_viewer(secretariat)
    first = treaty_status_set(
        viewer=sec, profile_id=profile.pk, data=TreatyStatusInput(treaty="opsc", status="not_known", source="x")
    )
    stale = version_of(first)
    second = treaty_status_set(
        viewer=sec,
        profile_id=profile.pk,
        data=TreatyStatusInput(treaty="opsc", status="signed", source="UN", signed_on=datetime.date(2003, 1, 1)),
        version=stale,
    )
    assert second.pk == first.pk and TreatyStatus.objects.filter(profile=profile).count() == 1
    with pytest.raises(Conflict):
        treaty_status_set(
            viewer=sec,
            profile_id=profile.pk,
            data=TreatyStatusInput(treaty="opsc", status="not_signed", source="UN"),
            version=stale,
        )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"status": "not_signed", "signed_on": datetime.date(2003, 1, 1)}, "signed_on"),
        (
            {"status": "signed", "signed_on": datetime.date(2003, 1, 1), "ratified_on": datetime.date(2004, 1, 1)},
            "ratified_on",
        ),
        ({"status": "signed"}, "signed_on"),
        ({"status": "ratified", "signed_on": datetime.date(2003, 1, 1)}, "ratified_on"),
        (
            {"status": "ratified", "signed_on": datetime.date(2005, 1, 1), "ratified_on": datetime.date(2004, 1, 1)},
            "ratified_on",
        ),
        ({"status": "signed", "signed_on": datetime.date(2999, 1, 1)}, "signed_on"),
        ({"status": "accepted"}, "status"),
        ({"status": "not_known", "treaty": "eu_directive"}, "treaty"),
        ({"status": "not_known", "source": " "}, "source"),
    ],
)
def test_treaty_dates_must_fit_the_status_and_a_source_is_required(secretariat, member_a, data, field):
    profile, _s = profile_with_statute(member_a, secretariat)
    values = {"treaty": "opsc", "source": "UN treaty collection", **data}
    with pytest.raises(ValidationFailed) as exc:
        treaty_status_set(viewer=as_viewer(secretariat), profile_id=profile.pk, data=TreatyStatusInput(**values))
    assert field in _problem_fields(exc)
    assert not TreatyStatus.objects.exists()


def test_a_reservation_goes_with_a_signed_or_ratified_treaty_and_names_current_provisions(secretariat, member_a):
    profile, _s = profile_with_statute(member_a, secretariat)
    sec = as_viewer(secretariat)
    data = ReservationInput(treaty="lanzarote", article="Art. 24", text="t", source="s", provisions=["O5"])
    with pytest.raises(ValidationFailed) as exc:
        reservation_add(viewer=sec, profile_id=profile.pk, data=data)
    assert _problem_fields(exc) == {"treaty"}
    ratify(profile, secretariat)
    with pytest.raises(ValidationFailed) as exc:
        reserve(profile, secretariat, codes=["O5", "Z9"])
    assert _problem_fields(exc) == {"provisions"}
    made = reserve(profile, secretariat, codes=["O5", "O6"])
    assert sorted(p.code for p in made.provisions.all()) == ["O5", "O6"]
    changed = reservation_update(
        viewer=sec,
        profile_id=profile.pk,
        reservation_id=made.pk,
        data=ReservationInput(provisions=["J1"], article="Art. 25"),
        version=version_of(made),
    )
    assert [p.code for p in changed.provisions.all()] == ["J1"] and changed.article == "Art. 25"
    with pytest.raises(Conflict):
        reservation_update(
            viewer=sec, profile_id=profile.pk, reservation_id=made.pk, data=ReservationInput(text="x"), version="1"
        )


def test_the_summary_is_the_secretariats_with_a_version(secretariat, official_a, member_a):
    profile, _s = profile_with_statute(member_a, secretariat)
    with pytest.raises(NotFound):
        profile_summary_update(viewer=as_viewer(official_a), profile_id=profile.pk, summary="x")
    saved = profile_summary_update(viewer=as_viewer(secretariat), profile_id=profile.pk, summary=" A summary. ")
    assert saved.summary == "A summary."
    with pytest.raises(Conflict):
        profile_summary_update(viewer=as_viewer(secretariat), profile_id=profile.pk, summary="y", version="1")


def test_the_focal_point_publishes_and_takes_back_and_a_second_publish_is_a_conflict(
    secretariat, official_a, focal_point_a, member_a
):
    profile, _s = profile_with_statute(member_a, secretariat)
    for other in (secretariat, official_a):
        with pytest.raises(NotFound):
            profile_publish(viewer=as_viewer(other), profile_id=profile.pk)
    focal = as_viewer(focal_point_a)
    published = profile_publish(viewer=focal, profile_id=profile.pk)
    assert published.is_published and published.published_at and published.published_by == focal_point_a
    with pytest.raises(Conflict):
        profile_publish(viewer=focal, profile_id=profile.pk)
    back = profile_unpublish(viewer=focal, profile_id=profile.pk)
    assert not back.is_published and back.published_at is None
    with pytest.raises(Conflict):
        profile_unpublish(viewer=focal, profile_id=profile.pk)


@pytest.mark.django_db(transaction=True)
def test_two_publishes_at_the_same_moment_one_wins_and_the_other_is_a_conflict(
    race_db, secretariat, focal_point_a, member_a
):
    from conftest import race
    from hub.legal.models import LegalProfile
    from hub.legal.tests.legal_world import profile_for

    profile = profile_for(member_a, secretariat)
    focal = as_viewer(focal_point_a)
    results = race(
        lambda: profile_publish(viewer=focal, profile_id=profile.pk),
        lambda: profile_publish(viewer=focal, profile_id=profile.pk),
    )
    assert len([r for r in results if isinstance(r, Conflict)]) == 1, results
    assert len([r for r in results if isinstance(r, LegalProfile)]) == 1, results
    profile.refresh_from_db()
    assert profile.is_published
