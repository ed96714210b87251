"""Outside input on agenda items, and the secretariat's reasoned response; calendar feeds."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.audit import acting_as
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.errors import Problem
from hub.core.errors import ValidationFailed
from hub.core.errors import raise_problems
from hub.core.errors import require_text
from hub.core.policies import policy_for
from hub.core.viewer import Viewer
from hub.meetings.models import AgendaItem
from hub.meetings.models import CalendarFeed
from hub.meetings.models import OutsideInput


def outside_input_submit(
    *, viewer: Viewer, item_id: int, organisation: str, text: str, via: str = "web"
) -> OutsideInput:
    item = policy_for(AgendaItem).get(viewer, item_id)
    if not policy_for(OutsideInput).can(viewer, "submit"):
        raise NotFound()
    if not item.open_for_input:
        raise Conflict(_("This agenda item is not open for input."))
    problems: list[Problem] = []
    require_text(problems, organisation, _("Say which group or initiative you speak for."), field="organisation")
    require_text(problems, text, _("Write your input."), field="text")
    raise_problems(problems, _("The input was not sent."))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        return OutsideInput.objects.create(
            agenda_item=item,
            contributor=viewer.user,
            organisation=organisation.strip(),
            text=text.strip(),
            is_synthetic=item.meeting.is_synthetic,
        )


def outside_input_respond(*, viewer: Viewer, input_id: int, response: str, via: str = "web") -> OutsideInput:
    record = policy_for(OutsideInput).get(viewer, input_id)
    policy_for(OutsideInput).require(viewer, "respond", record, message=_("Only the secretariat responds to input."))
    if not response.strip():
        raise ValidationFailed(
            _("The response was not saved."), problems=[Problem(_("Write the response."), field="response")]
        )
    with transaction.atomic(), acting_as(viewer.user, via=via):
        record.response = response.strip()
        record.responded_by = viewer.user
        record.responded_at = timezone.now()
        record.save(update_fields=["response", "responded_by", "responded_at", "updated_at"])
    return record


def feed_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def calendar_feed_create(*, viewer: Viewer, via: str = "web") -> tuple[CalendarFeed, str]:
    """A new secret feed address for the viewer. Older feeds of theirs are revoked."""
    if not viewer.is_authenticated:
        raise PermissionDenied()
    token = secrets.token_urlsafe(32)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        for old in CalendarFeed.objects.filter(user=viewer.user, revoked_at__isnull=True):
            old.revoked_at = timezone.now()
            old.save(update_fields=["revoked_at", "updated_at"])
        feed = CalendarFeed.objects.create(user=viewer.user, token_hash=feed_hash(token))
    return feed, token


def calendar_feed_revoke(*, viewer: Viewer, via: str = "web") -> int:
    with transaction.atomic(), acting_as(viewer.user, via=via):
        feeds = list(CalendarFeed.objects.filter(user=viewer.user, revoked_at__isnull=True))
        for feed in feeds:
            feed.revoked_at = timezone.now()
            feed.save(update_fields=["revoked_at", "updated_at"])
    return len(feeds)


def calendar_feed_owner(*, token: str) -> object:
    feed = (
        CalendarFeed.objects.select_related("user").filter(token_hash=feed_hash(token), revoked_at__isnull=True).first()
    )
    if feed is None or not feed.user.is_active:
        raise NotFound()
    return feed.user
