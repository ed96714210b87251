"""Importing codings and statutes: every row checked first, all or nothing, idempotent, dry runs."""

from __future__ import annotations

import io

import pytest

from conftest import as_viewer
from conftest import make_member
from hub.core.errors import NotFound
from hub.core.errors import ValidationFailed
from hub.legal.models import Coding
from hub.legal.models import LegalProfile
from hub.legal.models import Statute
from hub.legal.services.io import CODING_COLUMNS
from hub.legal.services.io import STATUTE_COLUMNS
from hub.legal.services.io import codings_import
from hub.legal.services.io import status_from_text
from hub.legal.services.io import statutes_import
from hub.legal.tests.legal_world import checklist
from hub.legal.tests.legal_world import code
from hub.legal.tests.legal_world import profile_for


def xlsx(header: list[str], rows: list[list[str]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv(header: list[str], rows: list[list[str]]) -> bytes:
    import csv as csv_module

    out = io.StringIO()
    writer = csv_module.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def coding(member: str, provision: str, status: str, **more: str) -> list[str]:
    values = {"member": member, "provision": provision, "status": status, **more}
    return [values.get(c, "") for c in CODING_COLUMNS]


def statute(member: str, citation: str, **more: str) -> list[str]:
    values = {"member": member, "citation": citation, "title_original": "Loi 1", "source": "Journal officiel", **more}
    return [values.get(c, "") for c in STATUTE_COLUMNS]


@pytest.fixture
def three(db):
    checklist()
    return [make_member(name) for name in ("Fictland", "Imaginaria", "Inventia")]


def test_codings_for_three_fictional_members_import_from_an_xlsx_and_open_their_profiles(secretariat, three):
    rows = [
        coding(m.slug, p, s, pinpoint="s. 2", rationale="Section 2 covers it.", review="verified", reason="Desk review")
        for m in three
        for p, s in (("O1", "met"), ("O8", "partly met"), ("O5", "not met"))
    ]
    report = codings_import(viewer=as_viewer(secretariat), name="codings.xlsx", content=xlsx(CODING_COLUMNS, rows))
    assert (report.created, report.updated, report.unchanged, report.profiles_opened) == (9, 0, 0, 3)
    assert LegalProfile.objects.filter(member__in=three).count() == 3
    o8 = Coding.objects.get(profile__member=three[1], provision__code="O8")
    assert (o8.status, o8.review, o8.pinpoint) == ("partial", "verified", "s. 2")
    assert o8.verified_on is not None
    assert o8.history.first().history_change_reason == "Desk review"


def test_running_the_same_file_twice_creates_nothing_and_adds_no_history(secretariat, three):
    content = xlsx(CODING_COLUMNS, [coding(three[0].slug, "O1", "met"), coding(three[1].slug, "O3", "not_met")])
    codings_import(viewer=as_viewer(secretariat), name="c.xlsx", content=content)
    history = Coding.history.count()
    again = codings_import(viewer=as_viewer(secretariat), name="c.xlsx", content=content)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Coding.history.count() == history


def test_a_changed_row_updates_the_coding_and_keeps_the_reason(secretariat, three):
    codings_import(
        viewer=as_viewer(secretariat), name="c.csv", content=csv(CODING_COLUMNS, [coding("fictland", "O1", "not met")])
    )
    changed = csv(CODING_COLUMNS, [coding("fictland", "O1", "met", pinpoint="s. 9", reason="New act")])
    report = codings_import(viewer=as_viewer(secretariat), name="c.csv", content=changed)
    assert (report.created, report.updated) == (0, 1)
    o1 = Coding.objects.get(profile__member=three[0], provision__code="O1")
    assert o1.status == "met"
    assert [h.status for h in o1.history.order_by("history_date")] == ["not_met", "met"]
    assert o1.history.first().history_change_reason == "New act"


def test_an_import_with_a_bad_row_in_the_middle_changes_nothing_and_names_the_row(secretariat, three):
    rows = [coding("fictland", "O1", "met"), coding("imaginaria", "Z99", "met"), coding("inventia", "O1", "met")]
    with pytest.raises(ValidationFailed) as refused:
        codings_import(viewer=as_viewer(secretariat), name="c.xlsx", content=xlsx(CODING_COLUMNS, rows))
    assert [(p.row, p.field) for p in refused.value.problems] == [(3, "provision")]
    assert "Z99" not in refused.value.problems[0].message
    assert "2026-1" in refused.value.problems[0].message
    assert Coding.objects.count() == 0
    assert LegalProfile.objects.count() == 0


def test_every_kind_of_bad_row_is_named_with_its_column(secretariat, three):
    rows = [
        coding("nowhere", "O1", "met"),  # 2: unknown member
        coding("fictland", "O1", "excellent"),  # 3: status outside the five
        coding("fictland", "D4", "partial"),  # 4: D4 is binary
        coding("fictland", "O2", "met", review="verified"),  # 5: verified without citation
        coding("fictland", "O3", "met", review="approved"),  # 6: review
        coding("fictland", "O4", "met", rationale="bad\x0bchar"),  # 7: control character
        coding("fictland", "O5", "met", pinpoint="x" * 301),  # 8: too long
        coding("fictland", "O6", "met", statute="Act 404"),  # 9: no such statute
        coding("fictland", "O7", "met", version="1999-1"),  # 10: no such version
        coding("fictland", "O8", "met"),  # 11
        coding("fictland", "o8", "not met"),  # 12: the same provision again
    ]
    with pytest.raises(ValidationFailed) as refused:
        codings_import(viewer=as_viewer(secretariat), name="c.csv", content=csv(CODING_COLUMNS, rows))
    named = [(p.row, p.field) for p in refused.value.problems]
    assert named == [
        (2, "member"),
        (3, "status"),
        (4, "status"),
        (5, "pinpoint"),
        (6, "review"),
        (7, "rationale"),
        (8, "pinpoint"),
        (9, "statute"),
        (10, "version"),
        (12, "provision"),
    ]
    assert "row 11" in refused.value.problems[-1].message
    assert Coding.objects.count() == 0


def test_one_member_without_a_profile_gets_it_through_profile_open(secretariat, three):
    report = codings_import(
        viewer=as_viewer(secretariat), name="c.csv", content=csv(CODING_COLUMNS, [coding("inventia", "O1", "met")])
    )
    assert report.profiles_opened == 1
    assert LegalProfile.objects.get().member == three[2]


def test_a_dry_run_counts_and_writes_nothing(secretariat, three):
    content = xlsx(CODING_COLUMNS, [coding("fictland", "O1", "met"), coding("inventia", "O1", "not assessed")])
    report = codings_import(viewer=as_viewer(secretariat), name="c.xlsx", content=content, dry_run=True)
    assert (report.dry_run, report.created, report.profiles_opened) == (True, 2, 2)
    assert Coding.objects.count() == 0
    assert LegalProfile.objects.count() == 0


@pytest.mark.parametrize("persona", ["official_a", "focal_point_a", "contributor", "anonymous"])
def test_only_the_secretariat_imports(request, persona, three):
    user = request.getfixturevalue(persona)
    content = csv(CODING_COLUMNS, [coding("fictland", "O1", "met")])
    with pytest.raises(NotFound):
        codings_import(viewer=as_viewer(user), name="c.csv", content=content)
    with pytest.raises(NotFound):
        statutes_import(viewer=as_viewer(user), name="s.csv", content=csv(STATUTE_COLUMNS, []))
    assert Coding.objects.count() == 0


def test_a_file_of_another_type_is_refused_before_it_is_read(secretariat, three):
    with pytest.raises(ValidationFailed) as refused:
        codings_import(viewer=as_viewer(secretariat), name="c.txt", content=b"member,provision,status\n")
    assert refused.value.problems[0].field == "file"


def test_the_english_words_of_a_coding_are_understood():
    assert status_from_text("Partly met") == "partial"
    assert status_from_text("NOT  MET") == "not_met"
    assert status_from_text("not_applicable") == "not_applicable"
    assert status_from_text("Not-assessed") == "not_assessed"
    assert status_from_text("good") is None


def test_statutes_import_then_codings_cite_them(secretariat, three):
    rows = [
        statute("fictland", "Act 12 of 2019", title_en="Child Protection Act", in_force_on="2019-03-01"),
        statute("imaginaria", "Loi n° 7", url="https://example.org/loi-7", original_language="fr"),
    ]
    report = statutes_import(viewer=as_viewer(secretariat), name="s.xlsx", content=xlsx(STATUTE_COLUMNS, rows))
    assert (report.created, report.profiles_opened) == (2, 2)
    again = statutes_import(viewer=as_viewer(secretariat), name="s.xlsx", content=xlsx(STATUTE_COLUMNS, rows))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    content = csv(CODING_COLUMNS, [coding("fictland", "O1", "met", statute="act 12 of 2019", review="verified")])
    codings_import(viewer=as_viewer(secretariat), name="c.csv", content=content)
    o1 = Coding.objects.get(provision__code="O1")
    assert o1.statute.citation == "Act 12 of 2019"
    assert o1.is_verified


def test_bad_statute_rows_are_named_and_nothing_is_written(secretariat, three):
    rows = [
        statute("fictland", "Act 1", in_force_on="01/02/2019"),
        statute("fictland", "Act 2", in_force_on="2020-01-01", repealed_on="2019-01-01"),
        statute("fictland", "Act 3", url="javascript:alert(1)"),
        statute("fictland", "Act 4", source=""),
        statute("fictland", "act 1"),
        statute("fictland", "Act 5", title_en="t" * 501),
    ]
    with pytest.raises(ValidationFailed) as refused:
        statutes_import(viewer=as_viewer(secretariat), name="s.csv", content=csv(STATUTE_COLUMNS, rows))
    assert [(p.row, p.field) for p in refused.value.problems] == [
        (2, "in_force_on"),
        (3, "repealed_on"),
        (4, "url"),
        (5, "source"),
        (6, "citation"),
        (7, "title_en"),
    ]
    assert Statute.objects.count() == 0


def test_a_statute_row_that_changes_updates_it(secretariat, three):
    statutes_import(
        viewer=as_viewer(secretariat), name="s.csv", content=csv(STATUTE_COLUMNS, [statute("fictland", "A")])
    )
    report = statutes_import(
        viewer=as_viewer(secretariat),
        name="s.csv",
        content=csv(STATUTE_COLUMNS, [statute("fictland", "A", repealed_on="2024-05-01")]),
        dry_run=False,
    )
    assert report.updated == 1
    assert str(Statute.objects.get().repealed_on) == "2024-05-01"


def test_a_coding_already_entered_by_hand_is_unchanged_when_the_file_says_the_same(secretariat, three):
    profile = profile_for(three[0], secretariat)
    code(profile, "O5", "met", secretariat, verified=False, pinpoint="s. 1")
    content = csv(CODING_COLUMNS, [coding("fictland", "O5", "met", pinpoint="s. 1", rationale="Test.")])
    report = codings_import(viewer=as_viewer(secretariat), name="c.csv", content=content)
    assert (report.created, report.updated, report.unchanged, report.profiles_opened) == (0, 0, 1, 0)


def test_an_imported_coding_is_written_as_coding_record_writes_it(secretariat, three):
    """The import writes in bulk what `coding_apply` writes one by one: the same fields and history."""
    statutes_import(
        viewer=as_viewer(secretariat), name="s.csv", content=csv(STATUTE_COLUMNS, [statute("fictland", "A")])
    )
    row = coding(
        "fictland", "O8", "partial", statute="A", pinpoint=" s. 3 ", rationale="R.", review="verified", reason="Why"
    )
    codings_import(viewer=as_viewer(secretariat), name="c.csv", content=csv(CODING_COLUMNS, [row]))
    imported = Coding.objects.get(profile__member=three[0], provision__code="O8")
    by_hand = code(
        profile_for(three[1], secretariat), "O8", "partial", secretariat, verified=True, pinpoint=" s. 3 ", reason="Why"
    )
    by_hand.refresh_from_db()
    fields = ("status", "pinpoint", "review", "verified_on", "verified_by_id", "coder_id", "is_synthetic")
    assert [getattr(imported, f) for f in fields] == [getattr(by_hand, f) for f in fields]
    assert imported.statute.citation == "A"
    opened, by_service = imported.profile, by_hand.profile
    assert (opened.visibility, opened.is_synthetic, opened.published_at) == (
        by_service.visibility,
        by_service.is_synthetic,
        by_service.published_at,
    )
    mine, theirs = imported.history.get(), by_hand.history.get()
    assert (mine.history_type, mine.history_user_id, mine.history_change_reason) == (
        theirs.history_type,
        theirs.history_user_id,
        theirs.history_change_reason,
    )
    from auditlog.models import LogEntry

    assert LogEntry.objects.filter(object_pk=str(imported.pk), content_type__model="coding").exists()
