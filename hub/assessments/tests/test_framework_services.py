"""Loading a new framework version from a file (every row checked first, nothing written on any error,
idempotent, dry run), publishing it (once, race-safe), and editing the phases (a stale edit refused)."""

from __future__ import annotations

import pytest

from conftest import as_viewer
from hub.assessments.models import Capability
from hub.assessments.models import CapabilityMapping
from hub.assessments.models import Framework
from hub.assessments.models import Phase
from hub.assessments.selectors.framework import carried_forward
from hub.assessments.selectors.framework import current_framework
from hub.assessments.services.framework import framework_load
from hub.assessments.services.framework import framework_publish
from hub.assessments.services.framework import phase_update
from hub.assessments.tests.assessment_world import framework
from hub.assessments.tests.test_framework_helpers import SOURCE
from hub.assessments.tests.test_framework_helpers import csv_file
from hub.assessments.tests.test_framework_helpers import draft_next
from hub.assessments.tests.test_framework_helpers import load_next
from hub.assessments.tests.test_framework_helpers import next_rows
from hub.assessments.tests.test_framework_helpers import published_next
from hub.assessments.tests.test_framework_helpers import xlsx_file
from hub.core.concurrency import version_of
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reference(db):
    framework()


def _problems(exc: pytest.ExceptionInfo[ValidationFailed]) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.field, p.message) for p in exc.value.problems]


def _nothing_written() -> None:
    assert not Framework.objects.filter(code="mnr-2026").exists()
    assert Capability.objects.exclude(framework__code="mnr-2016").count() == 0
    assert CapabilityMapping.objects.count() == 0


def test_a_good_csv_loads_as_a_draft_mapped_to_the_current_version(secretariat):
    report = load_next(secretariat)
    assert report.framework_created and report.previous == "mnr-2016"
    assert len(report.created) == 21 and report.updated == [] and report.removed == []
    assert [(c.number, c.name) for c in report.not_carried_over] == [(21, "Universal Terminology")]
    fw = Framework.objects.get(code="mnr-2026")
    assert fw.status == Framework.Status.DRAFT and fw.previous.code == "mnr-2016"
    assert fw.capabilities.get(number=22).source == SOURCE
    five = fw.capabilities.get(number=5)
    assert sorted(five.predecessor_links.values_list("predecessor__number", "relation")) == [
        (5, "merged"),
        (6, "merged"),
    ]
    assert not fw.capabilities.get(number=23).predecessor_links.exists()
    assert current_framework().code == "mnr-2016"


def test_an_xlsx_file_loads_the_same(secretariat):
    report = load_next(secretariat, name="mnr-2026.xlsx", content=xlsx_file(next_rows()))
    assert len(report.created) == 21
    assert Framework.objects.get(code="mnr-2026").capabilities.count() == 21


def test_loading_the_same_file_again_changes_nothing(secretariat):
    load_next(secretariat)
    fw = Framework.objects.get(code="mnr-2026")
    stamp = version_of(fw)
    again = load_next(secretariat)
    assert not again.changed
    assert again.created == [] and again.updated == [] and again.removed == []
    assert again.unchanged == 21
    fw.refresh_from_db()
    assert version_of(fw) == stamp
    assert CapabilityMapping.objects.count() == 21


def test_a_changed_file_updates_the_draft(secretariat):
    load_next(secretariat)
    rows = [r for r in next_rows() if r["id"] != "23"]
    rows[0]["name"] = "National Leadership"
    rows[1]["relation"] = ""
    rows[1]["maps_to"] = ""
    report = load_next(secretariat, rows=rows)
    assert report.removed == [23]
    assert sorted(report.updated) == [1, 2]
    fw = Framework.objects.get(code="mnr-2026")
    assert fw.capabilities.get(number=1).name == "National Leadership"
    assert not fw.capabilities.get(number=2).predecessor_links.exists()
    assert [c.number for c in report.not_carried_over] == [2, 21]


def test_a_dry_run_writes_nothing_and_reports_the_same(secretariat):
    report = load_next(secretariat, dry_run=True)
    assert report.dry_run and report.framework_created and len(report.created) == 21
    assert [c.number for c in report.not_carried_over] == [21]
    _nothing_written()


def test_every_problem_is_named_by_row_and_column_and_nothing_is_written(secretariat):
    rows = next_rows()
    rows[0]["name"] = ""  # row 2
    rows[1]["id"] = "two"  # row 3
    rows[2]["id"] = "1"  # row 4: the same id as row 2
    rows[3]["maps_to"] = "99"  # row 5: capability 4, split; 99 is not of mnr-2016
    rows[5]["relation"] = ""  # row 7: capability 7 maps to 7 without a relation
    rows[6]["maps_to"] = "8; 9"  # row 8: capability 8, "same" with two
    rows[7]["maps_to"] = "9"
    rows[7]["relation"] = "merged"  # row 9: merged from one
    rows[8]["relation"] = "copied"  # row 10
    rows[9]["maps_to"] = ""  # row 11: a relation without maps_to
    rows[10]["maps_to"] = "x"  # row 12
    with pytest.raises(ValidationFailed) as exc:
        load_next(secretariat, rows=rows)
    found = _problems(exc)
    named = [(row, column) for row, column, _m in found]
    assert (2, "name") in named
    assert (3, "id") in named
    assert (4, "id") in named
    assert (5, "maps_to") in named
    assert (7, "relation") in named
    assert (8, "maps_to") in named
    assert (9, "maps_to") in named
    assert (10, "relation") in named
    assert (11, "maps_to") in named
    assert (12, "maps_to") in named
    messages = {(row, column): message for row, column, message in found}
    assert messages[(3, "id")] == "Use a whole number from 1 to 999."
    assert messages[(4, "id")] == "The same id as row 2."
    assert messages[(5, "maps_to")] == "Not a capability of the previous version: 99."
    assert "same, split or merged" in messages[(7, "relation")]
    assert "names one earlier capability" in messages[(8, "maps_to")]
    assert "two or more" in messages[(9, "maps_to")]
    assert messages[(10, "relation")] == "Use same, split or merged."
    assert "Name the earlier capabilities" in messages[(11, "maps_to")]
    _nothing_written()


def test_the_same_earlier_capability_twice_as_the_same_is_refused(secretariat):
    rows = next_rows()
    rows[1]["maps_to"] = "1"
    with pytest.raises(ValidationFailed) as exc:
        load_next(secretariat, rows=rows)
    assert _problems(exc) == [(3, "relation", "Row 2 is already the same capability as 1: use split for both.")]
    _nothing_written()


def test_an_empty_file_a_missing_column_and_a_bad_code_are_refused(secretariat):
    with pytest.raises(ValidationFailed) as exc:
        load_next(secretariat, rows=[])
    assert [p.field for p in exc.value.problems] == ["file"]
    with pytest.raises(ValidationFailed):
        load_next(secretariat, content=csv_file(next_rows(), ["id", "domain", "name"]))
    with pytest.raises(ValidationFailed) as exc:
        load_next(secretariat, code="load")
    assert [p.field for p in exc.value.problems] == ["code"]
    with pytest.raises(ValidationFailed):
        load_next(secretariat, name="mnr.txt")
    _nothing_written()


def test_the_previous_version_named_must_be_the_current_one(secretariat):
    with pytest.raises(ValidationFailed) as exc:
        load_next(secretariat, previous="mnr-1999")
    assert [p.field for p in exc.value.problems] == ["previous"]
    assert load_next(secretariat, previous="mnr-2016").previous == "mnr-2016"


def test_without_a_published_version_nothing_maps(secretariat):
    Framework.objects.filter(code="mnr-2016").update(status=Framework.Status.DRAFT, published_at=None)
    with pytest.raises(ValidationFailed) as exc:
        load_next(secretariat)
    assert {p.field for p in exc.value.problems} == {"maps_to"}
    with pytest.raises(ValidationFailed) as exc:
        load_next(secretariat, previous="mnr-2016")
    assert [p.field for p in exc.value.problems] == ["previous"]
    rows = [{**r, "maps_to": "", "relation": ""} for r in next_rows()]
    report = load_next(secretariat, rows=rows)
    assert report.previous is None and report.not_carried_over == []


def test_others_are_told_there_is_no_such_thing(official_a, focal_point_a):
    for user in (official_a, focal_point_a):
        with pytest.raises(NotFound):
            load_next(user)
    _nothing_written()


def test_publishing_makes_it_current_and_carries_answers_forward(secretariat):
    fw = published_next(secretariat)
    assert fw.is_published and fw.published_by == secretariat
    assert current_framework().code == "mnr-2026"
    old = Framework.objects.get(code="mnr-2016")
    carried = carried_forward(old, fw)
    by_number = {c.number: c.pk for c in fw.capabilities.all()}
    olds = {c.pk: c.number for c in old.capabilities.all()}
    assert sorted(olds[p] for p in carried[by_number[5]]) == [5, 6]
    assert [olds[p] for p in carried[by_number[22]]] == [4]
    assert carried[by_number[23]] == []


def test_publishing_twice_is_refused_and_a_published_version_cannot_be_loaded_again(secretariat):
    fw = published_next(secretariat)
    with pytest.raises(Conflict, match="already published"):
        framework_publish(viewer=as_viewer(secretariat), framework_id=fw.pk)
    with pytest.raises(Conflict, match="is published and cannot change"):
        load_next(secretariat)


def test_a_draft_mapped_to_an_older_version_is_not_published(secretariat):
    stale = draft_next(secretariat)
    framework_load(
        viewer=as_viewer(secretariat),
        code="mnr-2027",
        source=SOURCE,
        name="f.csv",
        content=csv_file([{**r, "maps_to": "", "relation": ""} for r in next_rows()]),
    )
    framework_publish(viewer=as_viewer(secretariat), framework_id=Framework.objects.get(code="mnr-2027").pk)
    with pytest.raises(Conflict, match="load the file again"):
        framework_publish(viewer=as_viewer(secretariat), framework_id=stale.pk)


def test_a_draft_without_capabilities_is_not_published(secretariat):
    empty = Framework.objects.create(code="mnr-2030", source=SOURCE, previous=current_framework())
    with pytest.raises(Conflict, match="no capabilities"):
        framework_publish(viewer=as_viewer(secretariat), framework_id=empty.pk)


def test_others_cannot_publish(secretariat, official_a):
    fw = draft_next(secretariat)
    with pytest.raises(NotFound):
        framework_publish(viewer=as_viewer(official_a), framework_id=fw.pk)
    fw.refresh_from_db()
    assert not fw.is_published


def test_the_secretariat_names_a_phase_and_a_stale_edit_is_refused(secretariat, official_a):
    phase = Phase.objects.get(number=2)
    assert (phase.label, phase.confirmed) == ("Phase 2", False)
    stamp = version_of(phase)
    phase_update(
        viewer=as_viewer(secretariat),
        number=2,
        label="Developing",
        description="Foundations in place.",
        confirmed=True,
        version=stamp,
    )
    phase.refresh_from_db()
    assert (phase.label, phase.confirmed, phase.description) == ("Developing", True, "Foundations in place.")
    with pytest.raises(Conflict, match="changed by someone else"):
        phase_update(
            viewer=as_viewer(secretariat), number=2, label="Other", description="", confirmed=False, version=stamp
        )
    with pytest.raises(ValidationFailed) as exc:
        phase_update(viewer=as_viewer(secretariat), number=2, label=" ", description="", confirmed=False)
    assert [p.field for p in exc.value.problems] == ["label"]
    for viewer, number in ((as_viewer(official_a), 2), (as_viewer(secretariat), 5)):
        with pytest.raises(NotFound):
            phase_update(viewer=viewer, number=number, label="X", description="", confirmed=False)
    phase.refresh_from_db()
    assert phase.label == "Developing"
