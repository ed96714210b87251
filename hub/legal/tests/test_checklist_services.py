"""Loading a new checklist version from a file and publishing it: every row checked first, nothing
written on any error, the same file twice changes nothing, a second publish is refused."""

from __future__ import annotations

import pytest
from django.utils import translation

from conftest import as_viewer
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import ValidationFailed
from hub.legal.models import ChecklistVersion
from hub.legal.models import Provision
from hub.legal.models import ProvisionMapping
from hub.legal.services.checklist import checklist_version_load
from hub.legal.services.checklist import checklist_version_publish
from hub.legal.tests.legal_world import checklist
from hub.legal.tests.legal_world import provision
from hub.legal.tests.test_checklist_helpers import SOURCE
from hub.legal.tests.test_checklist_helpers import csv_file
from hub.legal.tests.test_checklist_helpers import draft_next
from hub.legal.tests.test_checklist_helpers import load_next
from hub.legal.tests.test_checklist_helpers import next_rows
from hub.legal.tests.test_checklist_helpers import published_next
from hub.legal.tests.test_checklist_helpers import xlsx_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reference(db):
    checklist()


def _fingerprint():
    return (
        list(ChecklistVersion.objects.order_by("pk").values_list("code", "status", "title")),
        list(Provision.objects.order_by("pk").values_list("version__code", "code", "text_en", "position")),
        ProvisionMapping.objects.count(),
    )


def test_the_reference_checklist_shows_its_unofficial_french_and_spanish():
    o5 = provision("O5")
    with translation.override("fr"):
        assert o5.text == "Simple détention"
        assert "intention de diffusion" in o5.met_means
    with translation.override("es"):
        assert o5.text == "Simple posesión"
    assert o5.text == "Simple possession"
    assert "matériel d'abus sexuels sur enfants (MASE)" in provision("D2").met_means_fr
    assert "material de abuso sexual infantil (MASI)" in provision("D2").met_means_es


def test_a_file_creates_a_draft_version_mapped_to_the_current_one(secretariat):
    report = load_next(secretariat)
    version = ChecklistVersion.objects.get(code="2027-1")
    assert version.status == ChecklistVersion.Status.DRAFT
    assert version.previous.code == "2026-1"
    assert version.source == SOURCE
    assert report.version_created and len(report.created) == 35
    assert report.previous == "2026-1"
    o5a = version.provisions.get(code="O5a")
    assert [(link.predecessor.code, link.kind) for link in o5a.predecessor_links.all()] == [("O5", "split")]
    o9 = version.provisions.get(code="O9")
    assert sorted(link.predecessor.code for link in o9.predecessor_links.all()) == ["O10", "O9"]
    assert o9.role == Provision.Role.CONDUCT
    assert version.provisions.get(code="J1").role == Provision.Role.ACTIVE_NATIONALITY
    assert version.provisions.get(code="G5").role == Provision.Role.OTHER


def test_the_same_file_loaded_twice_changes_nothing(secretariat):
    load_next(secretariat)
    before = _fingerprint()
    report = load_next(secretariat)
    assert not report.changed
    assert report.unchanged == 35
    assert _fingerprint() == before


def test_loading_the_draft_again_with_a_change_updates_only_that_row(secretariat):
    load_next(secretariat)
    rows = next_rows()
    rows[0]["provision"] = "Child means any person under 18"
    rows[1], rows[2] = rows[2], rows[1]
    report = load_next(secretariat, rows=rows[:-1])
    assert report.updated[0] == "D1"
    assert report.removed == ["V1"]
    version = ChecklistVersion.objects.get(code="2027-1")
    assert list(version.provisions.order_by("position").values_list("code", flat=True)[:3]) == ["D1", "D3", "D2"]


def test_a_dry_run_reports_what_would_be_created_and_writes_nothing(secretariat):
    before = _fingerprint()
    report = load_next(secretariat, dry_run=True)
    assert report.dry_run and report.version_created and len(report.created) == 35
    assert [p.code for p in report.provisions][:2] == ["D1", "D2"]
    assert report.provisions[0].group_label == "Definitions"
    assert _fingerprint() == before


def test_an_xlsx_file_loads_like_a_csv(secretariat):
    checklist_version_load(
        viewer=as_viewer(secretariat),
        code="2027-1",
        source=SOURCE,
        name="checklist.xlsx",
        content=xlsx_file(next_rows()),
    )
    assert ChecklistVersion.objects.get(code="2027-1").provisions.count() == 35


@pytest.mark.parametrize(
    ("change", "column"),
    [
        ({"group": "procedures"}, "group"),
        ({"scoring": "scored"}, "scoring"),
        ({"id": "D1"}, "id"),
        ({"maps_to": "Z9"}, "maps_to"),
        ({"provision": ""}, "provision"),
        ({"provision": "x" * 301}, "provision"),
        ({"provision_fr": "x" * 301}, "provision_fr"),
        ({"met_means": ""}, "met_means"),
        ({"relation": "renamed"}, "relation"),
        ({"maps_to": "O1; O2", "relation": "same"}, "maps_to"),
    ],
)
def test_a_bad_row_in_the_middle_is_named_by_row_and_column_and_nothing_is_written(secretariat, change, column):
    rows = next_rows()
    rows[10].update(change)
    before = _fingerprint()
    with pytest.raises(ValidationFailed) as refused:
        load_next(secretariat, rows=rows)
    assert [(p.row, p.field) for p in refused.value.problems] == [(12, column)]
    assert "nothing was loaded" in refused.value.message
    assert _fingerprint() == before


def test_a_file_without_a_required_column_is_refused_naming_it(secretariat):
    content = csv_file(next_rows(), columns=["id", "group", "provision", "met_means", "scoring"])
    with pytest.raises(ValidationFailed) as refused:
        checklist_version_load(
            viewer=as_viewer(secretariat), code="2027-1", source=SOURCE, name="c.csv", content=content
        )
    assert [(p.row, p.field) for p in refused.value.problems] == [(1, "instruments")]
    assert not ChecklistVersion.objects.filter(code="2027-1").exists()


def test_a_version_code_and_a_source_are_required(secretariat):
    with pytest.raises(ValidationFailed) as refused:
        checklist_version_load(
            viewer=as_viewer(secretariat), code="no spaces", source=" ", name="c.csv", content=csv_file(next_rows())
        )
    assert {p.field for p in refused.value.problems} == {"code", "source"}


def test_a_published_version_cannot_be_loaded_again(secretariat):
    with pytest.raises(Conflict):
        checklist_version_load(
            viewer=as_viewer(secretariat), code="2026-1", source=SOURCE, name="c.csv", content=csv_file(next_rows())
        )


def test_only_the_secretariat_loads_a_version_others_are_told_it_does_not_exist(official_a, focal_point_a):
    for user in (official_a, focal_point_a, None):
        with pytest.raises(NotFound):
            checklist_version_load(
                viewer=as_viewer(user), code="2027-1", source=SOURCE, name="c.csv", content=csv_file(next_rows())
            )
    assert not ChecklistVersion.objects.filter(code="2027-1").exists()


def test_publishing_makes_the_draft_the_current_version(secretariat):
    version = published_next(secretariat)
    assert version.status == ChecklistVersion.Status.PUBLISHED
    assert version.published_by == secretariat
    from hub.legal.selectors.codings import current_version

    assert current_version() == version


def test_a_second_publish_is_a_conflict(secretariat):
    version = published_next(secretariat)
    with pytest.raises(Conflict) as refused:
        checklist_version_publish(viewer=as_viewer(secretariat), version_id=version.pk)
    assert "already published" in refused.value.message


def test_a_draft_mapped_to_an_older_version_cannot_be_published(secretariat):
    draft = draft_next(secretariat)
    checklist_version_load(
        viewer=as_viewer(secretariat), code="2027-2", source=SOURCE, name="c.csv", content=csv_file(next_rows())
    )
    checklist_version_publish(viewer=as_viewer(secretariat), version_id=ChecklistVersion.objects.get(code="2027-2").pk)
    with pytest.raises(Conflict) as refused:
        checklist_version_publish(viewer=as_viewer(secretariat), version_id=draft.pk)
    assert "load the file again" in refused.value.message
    remapped = [{**r, "maps_to": r["id"], "relation": "same"} for r in next_rows()]
    report = load_next(secretariat, rows=remapped)
    assert report.previous == "2027-2"
    assert checklist_version_publish(viewer=as_viewer(secretariat), version_id=draft.pk).previous.code == "2027-2"


def test_others_cannot_publish_and_are_told_the_draft_does_not_exist(secretariat, official_a):
    draft = draft_next(secretariat)
    with pytest.raises(NotFound):
        checklist_version_publish(viewer=as_viewer(official_a), version_id=draft.pk)
    with pytest.raises(NotFound):
        checklist_version_publish(viewer=as_viewer(official_a), version_id=checklist().pk)
    draft.refresh_from_db()
    assert draft.status == ChecklistVersion.Status.DRAFT
