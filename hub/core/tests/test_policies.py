"""The notification policy: a person sees and marks read only their own notifications."""

from __future__ import annotations

from conftest import as_viewer
from hub.core.models import Notification
from hub.core.policies import policy_for
from hub.core.services import notifications_record
from hub.core.viewer import ANONYMOUS


def notified(user) -> Notification:
    notifications_record(to=[user.email], subject="Hello", body="Text")
    return Notification.objects.filter(user=user).latest("pk")


def test_a_person_sees_only_their_own_notifications(official_a, official_b):
    own = notified(official_a)
    notified(official_b)
    assert list(policy_for(Notification).visible(as_viewer(official_a))) == [own]


def test_the_secretariat_does_not_see_anyone_elses_notifications(official_a, secretariat):
    notified(official_a)
    assert not policy_for(Notification).visible(as_viewer(secretariat)).exists()


def test_an_anonymous_viewer_sees_none_and_marks_none(official_a):
    n = notified(official_a)
    assert not policy_for(Notification).visible(ANONYMOUS).exists()
    assert not policy_for(Notification).can(ANONYMOUS, "mark_read", n)


def test_a_person_marks_their_own_notification_read_and_not_anothers(official_a, official_b):
    own = notified(official_a)
    other = notified(official_b)
    policy = policy_for(Notification)
    assert policy.can(as_viewer(official_a), "mark_read", own)
    assert policy.can(as_viewer(official_a), "mark_read")
    assert not policy.can(as_viewer(official_a), "mark_read", other)
