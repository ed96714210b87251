"""Knowledge: who sees and does what with consultations and outside input.

- A draft consultation is the secretariat's alone. Once open (and after it closes) it is seen by the
  taskforce, by its audience (reference groups and initiatives when it asks them), by the people who
  sent input on it (a consultation's contributors, SPEC §2) and by named grants; a closed consultation
  whose input is published once it closes is seen by everyone.
- Input is seen by the person who sent it (and, for a member's answer, by that member's officials),
  by the secretariat, and further as its consultation's `input_visibility` says: the taskforce, and
  everyone once a "public when closed" consultation closes. Input on a commitment is seen by the
  contributor, the taskforce and the secretariat.
- The secretariat creates, opens, closes and responds. Who may send input is the consultation's
  audience, only while it is open and before its deadline; any contributor may send input on a
  commitment at any time.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from hub.core.policies import NOTHING
from hub.core.policies import Policy
from hub.core.policies import RulesPolicy
from hub.core.policies import SecretariatPolicy
from hub.core.policies import policy_for
from hub.core.policies import register
from hub.core.policies import register_navigation
from hub.core.viewer import Viewer
from hub.knowledge.models.consultations import Consultation
from hub.knowledge.models.consultations import ConsultationInput
from hub.knowledge.models.consultations import ConsultationReminderSent

Status = Consultation.Status
Shown = Consultation.InputVisibility


@register(Consultation)
class ConsultationPolicy(Policy[Consultation]):
    owner_field = None
    uses_grants = True

    def visible_q(self, viewer: Viewer) -> Q:
        if viewer.is_secretariat:
            return Q()
        q = Q(status=Status.CLOSED, input_visibility=Shown.PUBLIC_WHEN_CLOSED)
        if viewer.is_taskforce:
            q |= ~Q(status=Status.DRAFT)
        if viewer.is_contributor:
            q |= Q(for_contributors=True) & ~Q(status=Status.DRAFT)
        if viewer.user_id is not None:
            sent = ConsultationInput.objects.filter(contributor_id=viewer.user_id, consultation__isnull=False)
            q |= Q(pk__in=sent.values("consultation_id"))
            q |= Q(pk__in=self._granted_ids(viewer)) & ~Q(status=Status.DRAFT)
        return q

    def answerable_q(self, viewer: Viewer) -> Q:
        """The consultations this viewer may answer now (open, before the deadline, in its audience):
        always some of those the viewer sees, since an open consultation is seen by its audience."""
        if viewer.is_secretariat:
            return NOTHING
        audience = NOTHING
        if viewer.is_contributor:
            audience |= Q(for_contributors=True)
        if viewer.write_member_ids:
            audience |= Q(for_members=True)
        return audience & Q(status=Status.OPEN, deadline__gt=timezone.now())

    def answering_members(self, viewer: Viewer) -> frozenset[int]:
        """The members a viewer may answer a consultation for: those they write for."""
        return viewer.write_member_ids

    def can_browse(self, viewer: Viewer, obj: Consultation | None) -> bool:
        """The list of consultations in the navigation: the taskforce and contributors."""
        if viewer.is_taskforce:
            return True
        return viewer.is_contributor

    def can_manage(self, viewer: Viewer, obj: Consultation | None) -> bool:
        """Create consultations and see every one, drafts included."""
        return viewer.is_secretariat

    def can_edit(self, viewer: Viewer, obj: Consultation | None) -> bool:
        """The secretariat edits a consultation until it closes."""
        if not viewer.is_secretariat:
            return False
        if obj is None:
            return False
        return obj.status != Status.CLOSED

    def can_open(self, viewer: Viewer, obj: Consultation | None) -> bool:
        if not viewer.is_secretariat:
            return False
        if obj is None:
            return False
        return obj.status == Status.DRAFT

    def can_close(self, viewer: Viewer, obj: Consultation | None) -> bool:
        if not viewer.is_secretariat:
            return False
        if obj is None:
            return False
        return obj.status == Status.OPEN

    def can_answer_as_contributor(self, viewer: Viewer, obj: Consultation | None) -> bool:
        """The consultation asks reference groups and initiatives, and the viewer speaks for one."""
        if obj is None:
            return False
        if not obj.for_contributors:
            return False
        return viewer.is_contributor

    def can_answer_as_member(self, viewer: Viewer, obj: Consultation | None) -> bool:
        """The consultation asks members, and the viewer writes for one (not suspended or withdrawn)."""
        if obj is None:
            return False
        if not obj.for_members:
            return False
        return bool(viewer.write_member_ids)

    def can_submit(self, viewer: Viewer, obj: Consultation | None) -> bool:
        """Send input: the audience, while the consultation is open and before its deadline (the
        secretariat, who responds, does not send input)."""
        if obj is None:
            return False
        if viewer.is_secretariat:
            return False
        if obj.status != Status.OPEN:
            return False
        if obj.is_past_deadline:
            return False
        if self.can_answer_as_contributor(viewer, obj):
            return True
        return self.can_answer_as_member(viewer, obj)


@register(ConsultationInput)
class ConsultationInputPolicy(RulesPolicy[ConsultationInput]):
    def rule_q(self, viewer: Viewer) -> Q:
        q = Q(
            consultation__status=Status.CLOSED,
            consultation__input_visibility=Shown.PUBLIC_WHEN_CLOSED,
        )
        if viewer.user_id is not None:
            q |= Q(contributor_id=viewer.user_id)
        if viewer.member_ids:
            q |= Q(member_id__in=viewer.member_ids)
        if viewer.is_taskforce:
            q |= Q(commitment__isnull=False)
            q |= Q(consultation__input_visibility__in=[Shown.TASKFORCE, Shown.PUBLIC_WHEN_CLOSED])
        return q

    def can_submit_on_commitment(self, viewer: Viewer, obj: ConsultationInput | None) -> bool:
        """Input on one of the nine commitments: any reference-group or initiative contributor, at any
        time (members report on their commitments through reporting)."""
        return viewer.is_contributor

    def can_respond(self, viewer: Viewer, obj: ConsultationInput | None) -> bool:
        """The secretariat records (and may correct) the reasoned response."""
        return viewer.is_secretariat

    def can_edit(self, viewer: Viewer, obj: ConsultationInput | None) -> bool:
        """Its author corrects input on a consultation while it is open, before the deadline and
        before the secretariat responded."""
        if obj is None:
            return False
        if obj.contributor_id != viewer.user_id:
            return False
        if obj.responded_at is not None:
            return False
        if obj.consultation is None:
            return False
        if obj.consultation.status != Status.OPEN:
            return False
        return not obj.consultation.is_past_deadline


@register(ConsultationReminderSent)
class ConsultationReminderSentPolicy(SecretariatPolicy[ConsultationReminderSent]):
    """Which reminders went out: the secretariat's."""


register_navigation("consultations", lambda viewer: policy_for(Consultation).can(viewer, "browse"))
