"""MNR self-assessment: the demo seeds synthetic self-assessments of the fictional members only, with the
cases the pages show (a published 2025 aggregate, a prefilled 2026 draft, exchanges, an access log),
and a second run creates and changes nothing."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.db.models import Max

from hub.assessments.models import AccessLogEntry
from hub.assessments.models import Answer
from hub.assessments.models import Assessment
from hub.assessments.models import AssessmentCycle
from hub.assessments.models import Exchange
from hub.assessments.models import Framework
from hub.assessments.models import Phase
from hub.core import registry
from hub.core.policies import policy_for
from hub.members.demo import DEMO_DOMAIN
from hub.members.demo import FICTIONAL_MEMBERS
from hub.members.demo import persona

NAMES = {name for name, _region in FICTIONAL_MEMBERS}
MODELS = (AssessmentCycle, Assessment, Answer, Exchange, AccessLogEntry, Framework, Phase)


def _seed() -> str:
    """The members' seed (fictional members and people) and this part's, as seed_demo runs them."""
    lines = []
    for seed in registry.demo_seeds():
        if seed.name in ("members", "assessments"):
            lines += seed.seed()
    return "\n".join(lines)


def _state() -> dict[str, object]:
    out: dict[str, object] = {}
    for model in MODELS:
        rows = model._default_manager.all()
        changed = rows.aggregate(m=Max("updated_at"))["m"] if hasattr(model, "updated_at") else None
        out[model._meta.label] = (rows.count(), rows.aggregate(m=Max("pk"))["m"], changed)
    out["audit"] = LogEntry.objects.count()
    return out


def test_the_demo_seeds_synthetic_self_assessments_of_fictional_members_once(db):
    out = _seed()
    assert "Self-assessment: 2 cycles (1 open); 14 self-assessments" in out
    past = AssessmentCycle.objects.get(title="2025 self-assessment")
    current = AssessmentCycle.objects.get(title="2026 self-assessment")
    assert past.framework.code == current.framework.code == "mnr-2016"
    assert not past.is_open and past.aggregate_is_published
    assert current.is_open and not current.aggregate_is_published
    assert Phase.objects.count() == 4
    # Synthetic, and fictional members only.
    assert all(c.is_synthetic for c in (past, current))
    assessments = Assessment.objects.select_related("member")
    assert all(a.is_synthetic and a.member.is_synthetic and a.member.name in NAMES for a in assessments)
    assert not Exchange.objects.filter(is_synthetic=False).exists()
    assert not Exchange.objects.exclude(initiator__is_synthetic=True, counterpart__is_synthetic=True).exists()
    # 2025: every fictional member submitted, most acknowledged, every capability answered.
    of_past = assessments.filter(cycle=past)
    assert {a.member.name for a in of_past} == NAMES
    assert not of_past.filter(status=Assessment.Status.DRAFT).exists()
    assert of_past.filter(status=Assessment.Status.ACKNOWLEDGED).count() >= len(NAMES) - 3
    answers = Answer.objects.filter(assessment__cycle=past)
    assert answers.count() == 21 * len(NAMES) and not answers.filter(phase__isnull=True).exists()
    assert answers.filter(priority=True).exists() and answers.exclude(planned_actions="").exists()
    assert all(a.evidence.startswith("Synthetic demo: ") for a in answers)
    # Varied: no capability where every member reports the same phase, no member at one phase throughout.
    for capability_id in set(answers.values_list("capability_id", flat=True)):
        assert answers.filter(capability_id=capability_id).values("phase").distinct().count() > 1
    for assessment in of_past:
        assert assessment.answers.values("phase").distinct().count() > 1
    # 2026: Demoland's draft prefilled from 2025 with a few answers changed; Fictonia's submitted.
    demoland = assessments.get(cycle=current, member__name="Demoland")
    assert demoland.is_draft and demoland.prefilled_from == of_past.get(member__name="Demoland")
    before = {a.capability_id: a.phase for a in demoland.prefilled_from.answers.all()}
    changed = [a for a in demoland.answers.all() if a.phase != before[a.capability_id]]
    assert 1 <= len(changed) <= 5
    assert assessments.get(cycle=current, member__name="Fictonia").status == Assessment.Status.SUBMITTED
    assert assessments.filter(cycle=current).count() == 2
    # One consented exchange (Demoland and Fictonia), one proposal from Examplestan awaiting Demoland.
    accepted = Exchange.objects.get(status=Exchange.Status.ACCEPTED)
    assert {accepted.initiator.name, accepted.counterpart.name} == {"Demoland", "Fictonia"}
    pending = Exchange.objects.get(status=Exchange.Status.PENDING)
    assert (pending.initiator.name, pending.counterpart.name) == ("Examplestan", "Demoland")
    # The secretariat opened Demoland's 2025 assessment twice; Demoland's focal point reads that log.
    log = AccessLogEntry.objects.filter(assessment=demoland.prefilled_from)
    assert log.count() == 2 and {getattr(e.user, "email", None) for e in log} == {f"secretariat@{DEMO_DOMAIN}"}
    focal, other = persona("focal.demoland"), persona("focal.examplestan")
    assert set(policy_for(AccessLogEntry).visible(focal)) == set(log)
    assert not policy_for(AccessLogEntry).visible(other).exists()
    assert not policy_for(Assessment).visible(other).filter(member__name="Demoland").exists()
    # A second run creates and changes nothing (nothing written, so nothing audited).
    state = _state()
    again = _seed()
    assert _state() == state
    assert "exist already" in again and "created" not in again
