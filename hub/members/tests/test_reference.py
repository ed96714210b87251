"""The members reference table loads with its sources, idempotently, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation

from hub.core.errors import ValidationFailed
from hub.members.models import Member
from hub.members.models import TaskforceRole
from hub.members.services import reference_members_load


def test_the_table_loads_23_real_members_with_sources_and_no_invented_facts(db):
    report = reference_members_load()
    assert report.created == 23
    real = Member.objects.filter(is_synthetic=False)
    assert real.count() == 23
    assert not real.filter(source="").exists()
    assert not real.exclude(mission_signed_on=None).exists()  # dates of signature are not known
    assert real.filter(founding_member=True).count() == 19


def test_chair_and_vice_chair_at_launch_come_from_seed_000(db):
    reference_members_load()
    chair = TaskforceRole.objects.get(role=TaskforceRole.Role.CHAIR)
    vice = TaskforceRole.objects.get(role=TaskforceRole.Role.VICE_CHAIR)
    assert chair.member.name == "European Commission"
    assert vice.member.name == "African Union"
    assert str(chair.starts_on) == "2022-06-02"
    assert "seed 000" in chair.source


def test_regions_come_from_the_un_m49_table(db):
    reference_members_load()
    assert Member.objects.get(slug="united-kingdom").region == "Europe"
    assert Member.objects.get(slug="united-kingdom").subregion == "Northern Europe"
    assert Member.objects.get(slug="brazil").region == "Americas"
    assert Member.objects.get(slug="european-commission").region == ""


def test_names_are_translated(db):
    reference_members_load()
    member = Member.objects.get(slug="european-commission")
    with translation.override("fr"):
        assert member.name == "Commission européenne"
    with translation.override("es"):
        assert Member.objects.get(slug="united-kingdom").name == "Reino Unido"


def test_loading_twice_changes_nothing(db):
    reference_members_load()
    report = reference_members_load()
    assert (report.created, report.updated, report.unchanged) == (0, 0, 23)
    assert TaskforceRole.objects.count() == 19


def test_a_bad_row_is_named_and_nothing_is_loaded(db, tmp_path: Path):
    bad = tmp_path / "members.csv"
    bad.write_text(
        "name,kind,iso3166,role_at_launch_june_2022,founding_member,mission_statement,source\n"
        "Goodland,government,FR,member,yes,signatory (seed 001),test\n"
        "Badland,government,XX,member,yes,signatory (seed 001),test\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed) as exc:
        reference_members_load(path=bad)
    assert exc.value.problems[0].row == 3
    assert exc.value.problems[0].field == "iso3166"
    assert not Member.objects.exists()


def test_dry_run_writes_nothing(db):
    report = reference_members_load(dry_run=True)
    assert report.created == 23
    assert not Member.objects.exists()
