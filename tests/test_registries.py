"""The registries other apps plug into: each app's parts, in INSTALLED_APPS order."""

from __future__ import annotations

import io

from django.core.management import call_command

from hub.core import registry


def test_reference_tables_load_in_layer_order():
    assert [t.name for t in registry.reference_tables()] == [
        "members",
        "commitments",
        "terminology",
        "model_checklist",
        "mnr_capabilities",
        "maturity_phases",
    ]


def test_demo_seeds_run_in_layer_order():
    assert [s.name for s in registry.demo_seeds()] == [
        "members",
        "commitments",
        "meetings",
        "reporting",
        "knowledge.documents",  # knowledge: documents
        "knowledge.practices",
        "knowledge.consultations",
        "legal",  # legal: profiles
        "assessments",  # assessments: demo
    ]


def test_reminders_run_in_layer_order():
    assert [j.name for j in registry.reminder_jobs()] == ["meetings", "reporting", "knowledge.consultations"]


def test_dashboard_panels_show_by_their_order():
    # "Needs your attention" first (reporting, members, meetings), then the rest.
    assert [p.name for p in registry.dashboard_panels()] == [
        "reporting.attention",
        "members.attention",
        "meetings.attention",
        "knowledge.documents.attention",  # knowledge: documents
        "knowledge.consultations",
        "knowledge.practices.review",  # knowledge: practices
        "knowledge.practices.member",  # knowledge: practices
        "legal.codings.secretariat",  # legal: codings
        "legal.codings.member",  # legal: codings
        "assessments.member",  # assessments: assessments
        "assessments.secretariat",  # assessments: assessments
        "assessments.exchange.awaiting",  # assessments: exchange
        "members.you",
        "meetings.actions",
        "members.secretariat",
    ]


def test_load_reference_reports_every_table_and_a_second_run_changes_nothing(db):
    first, second = io.StringIO(), io.StringIO()
    call_command("load_reference", stdout=first)
    call_command("load_reference", stdout=second)
    assert "commitments: 9 created, 0 updated, 0 unchanged" in first.getvalue()
    assert "members: 0 created, 0 updated, 23 unchanged" in second.getvalue()
    assert "commitments: 0 created, 0 updated, 9 unchanged" in second.getvalue()


def test_a_dry_run_of_load_reference_writes_nothing(db):
    from hub.commitments.models import Commitment

    out = io.StringIO()
    call_command("load_reference", "--dry-run", stdout=out)
    assert "[dry run] commitments: 9 created" in out.getvalue()
    assert not Commitment.objects.exists()
