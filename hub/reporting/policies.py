"""Who sees and does what with commitments, questionnaires, cycles, reports and showcase items.

- Commitments are public reference data; questionnaires are the taskforce's.
- A cycle in draft is the secretariat's; once open the taskforce sees it; a published cycle, or one
  with published showcase items, is public.
- A progress report, its answers, indicator values and review comments are seen by the reporting
  member's officials and the secretariat only: no other member, ever.
- A showcase item is public once its focal point signed it off (and until it is withdrawn); evidence
  is shared beyond the member only with a published showcase item, and only as far as its own level.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from hub.core.models import Visibility
from hub.core.policies import NOTHING
from hub.core.policies import Policy
from hub.core.policies import RulesPolicy
from hub.core.policies import SecretariatPolicy
from hub.core.policies import policy_for
from hub.core.policies import register
from hub.core.policies import register_follows_parent
from hub.core.policies import register_navigation
from hub.core.viewer import Viewer
from hub.members.models import Member
from hub.reporting.models import Answer
from hub.reporting.models import CycleReminder
from hub.reporting.models import Evidence
from hub.reporting.models import Indicator
from hub.reporting.models import IndicatorValue
from hub.reporting.models import ProgressReport
from hub.reporting.models import Question
from hub.reporting.models import QuestionnaireVersion
from hub.reporting.models import ReportingCycle
from hub.reporting.models import ReviewComment
from hub.reporting.models import ShowcaseItem


def _sharing_members(viewer: Viewer) -> Any:
    """Members whose published items the viewer may see: visible to them and not withdrawn (a withdrawn
    member's records are the secretariat's until it decides on them)."""
    return policy_for(Member).visible(viewer).exclude(status=Member.Status.WITHDRAWN).values("pk")


@register(QuestionnaireVersion)
class QuestionnaireVersionPolicy(RulesPolicy[QuestionnaireVersion]):
    def rule_q(self, viewer: Viewer) -> Q:
        return Q() if viewer.is_taskforce else NOTHING

    def can_manage(self, viewer: Viewer, obj: QuestionnaireVersion | None) -> bool:
        return viewer.is_secretariat


# Questions and indicators are seen with their questionnaire version.
register_follows_parent(Question, QuestionnaireVersion, "version")
register_follows_parent(Indicator, QuestionnaireVersion, "question__version")


@register(ReportingCycle)
class ReportingCyclePolicy(RulesPolicy[ReportingCycle]):
    def rule_q(self, viewer: Viewer) -> Q:
        showcased = ShowcaseItem.objects.filter(status=ShowcaseItem.Status.PUBLISHED).values("answer__report__cycle_id")
        q = Q(status=ReportingCycle.Status.PUBLISHED) | Q(pk__in=showcased)
        if viewer.is_taskforce:
            q |= ~Q(status=ReportingCycle.Status.DRAFT)
        return q

    def can_manage(self, viewer: Viewer, obj: ReportingCycle | None) -> bool:
        return viewer.is_secretariat

    def can_open(self, viewer: Viewer, obj: ReportingCycle | None) -> bool:
        return self._manages_in(viewer, obj, (ReportingCycle.Status.DRAFT,))

    def can_close(self, viewer: Viewer, obj: ReportingCycle | None) -> bool:
        return self._manages_in(viewer, obj, (ReportingCycle.Status.OPEN,))

    def can_lock(self, viewer: Viewer, obj: ReportingCycle | None) -> bool:
        return self._manages_in(viewer, obj, ReportingCycle.ACCEPTING)

    def can_publish(self, viewer: Viewer, obj: ReportingCycle | None) -> bool:
        return self._manages_in(viewer, obj, (ReportingCycle.Status.LOCKED,))

    def _manages_in(self, viewer: Viewer, obj: ReportingCycle | None, statuses: tuple[str, ...]) -> bool:
        """A step the secretariat takes on a cycle in one of these states (what the cycle page offers)."""
        return obj is not None and self.can_manage(viewer, obj) and obj.status in statuses

    def can_browse(self, viewer: Viewer, obj: ReportingCycle | None) -> bool:
        """The reporting pages are the taskforce's (the public sees published results elsewhere)."""
        return viewer.is_taskforce


register_navigation("reporting", lambda viewer: policy_for(ReportingCycle).can(viewer, "browse"))


@register(ProgressReport)
class ProgressReportPolicy(Policy[ProgressReport]):
    """The reporting member's officials and the secretariat; no visibility level can widen it."""

    uses_grants = False

    def visible_q(self, viewer: Viewer) -> Q:
        if viewer.is_secretariat:
            return Q()
        if not viewer.member_ids:
            return NOTHING
        return Q(member_id__in=viewer.member_ids) & ~Q(cycle__status=ReportingCycle.Status.DRAFT)

    # The role checks below are what services require (403); the `_now` and state-bound checks add the
    # report's state, for what a page offers (services answer a wrong state with 409 and its reason).

    def can_edit(self, viewer: Viewer, obj: ProgressReport | None) -> bool:
        """Member officials write drafts while the member may write."""
        if obj is None:
            return False
        return obj.member_id in viewer.write_member_ids

    def can_edit_now(self, viewer: Viewer, obj: ProgressReport | None) -> bool:
        return obj is not None and self.can_edit(viewer, obj) and obj.is_editable

    def can_submit(self, viewer: Viewer, obj: ProgressReport | None) -> bool:
        """The focal point (or deputy) submits."""
        return obj is not None and self.can_edit(viewer, obj) and obj.member_id in viewer.focal_member_ids

    def can_submit_now(self, viewer: Viewer, obj: ProgressReport | None) -> bool:
        return obj is not None and self.can_submit(viewer, obj) and obj.is_editable

    def can_review(self, viewer: Viewer, obj: ProgressReport | None) -> bool:
        return viewer.is_secretariat

    def can_return(self, viewer: Viewer, obj: ProgressReport | None) -> bool:
        """Review a submitted report: accept it or return it."""
        return obj is not None and self.can_review(viewer, obj) and obj.status == ProgressReport.Status.SUBMITTED

    def can_extend(self, viewer: Viewer, obj: ProgressReport | None) -> bool:
        """Grant an extension while the report can still change."""
        return obj is not None and self.can_review(viewer, obj) and obj.status in ProgressReport.EDITABLE

    def can_showcase(self, viewer: Viewer, obj: ProgressReport | None) -> bool:
        return self.can_edit(viewer, obj)

    def can_showcase_now(self, viewer: Viewer, obj: ProgressReport | None) -> bool:
        """Propose showcase items from an accepted report."""
        return obj is not None and self.can_showcase(viewer, obj) and obj.status == ProgressReport.Status.ACCEPTED

    def can_sign_off(self, viewer: Viewer, obj: ProgressReport | None) -> bool:
        return self.can_submit(viewer, obj)

    def can_sign_off_now(self, viewer: Viewer, obj: ProgressReport | None) -> bool:
        return obj is not None and self.can_sign_off(viewer, obj) and obj.status == ProgressReport.Status.ACCEPTED

    def can_withdraw_showcase(self, viewer: Viewer, obj: ProgressReport | None) -> bool:
        """The member (while it may write) or the secretariat withdraws a showcase item at any time."""
        if viewer.is_secretariat:
            return True
        return self.can_showcase(viewer, obj)


# Answers, their indicator values and review comments are seen with their report.
register_follows_parent(Answer, ProgressReport, "report")
register_follows_parent(IndicatorValue, ProgressReport, "answer__report")
register_follows_parent(ReviewComment, ProgressReport, "answer__report")


def _published_answers() -> Any:
    return ShowcaseItem.objects.filter(status=ShowcaseItem.Status.PUBLISHED).values("answer_id")


@register(ShowcaseItem)
class ShowcaseItemPolicy(RulesPolicy[ShowcaseItem]):
    def rule_q(self, viewer: Viewer) -> Q:
        own = Q(answer__report__in=policy_for(ProgressReport).visible_ids(viewer))
        published = Q(status=ShowcaseItem.Status.PUBLISHED, answer__report__member__in=_sharing_members(viewer))
        return own | published

    def can_sign_off(self, viewer: Viewer, obj: ShowcaseItem | None) -> bool:
        """An item awaiting sign-off, from an accepted report, by the member's focal point."""
        if obj is None:
            return False
        if obj.status != ShowcaseItem.Status.PROPOSED:
            return False
        return policy_for(ProgressReport).can(viewer, "sign_off_now", obj.answer.report)

    def can_withdraw(self, viewer: Viewer, obj: ShowcaseItem | None) -> bool:
        if obj is None:
            return False
        if obj.status == ShowcaseItem.Status.WITHDRAWN:
            return False
        return policy_for(ProgressReport).can(viewer, "withdraw_showcase", obj.answer.report)


@register(Evidence)
class EvidencePolicy(RulesPolicy[Evidence]):
    def rule_q(self, viewer: Viewer) -> Q:
        own = Q(answer__report__in=policy_for(ProgressReport).visible_ids(viewer))
        levels = [Visibility.PUBLIC, Visibility.TASKFORCE] if viewer.is_taskforce else [Visibility.PUBLIC]
        shared = Q(
            visibility__in=levels,
            answer__in=_published_answers(),
            answer__report__member__in=_sharing_members(viewer),
        )
        return own | shared


@register(CycleReminder)
class CycleReminderPolicy(SecretariatPolicy[CycleReminder]):
    """Which cycle reminders went out: the secretariat's."""
