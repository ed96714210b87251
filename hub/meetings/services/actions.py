"""Action items: created from a decision or a meeting, owned by a member or the secretariat, updated
with progress; imported from CSV or XLSX; reminded before and after they fall due."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.db import IntegrityError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hub.core.audit import acting_as
from hub.core.audit import audit_bulk
from hub.core.concurrency import locked
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.errors import Problem
from hub.core.errors import raise_problems
from hub.core.errors import require_text
from hub.core.fields import add_field_problems
from hub.core.fields import strict_date
from hub.core.policies import policy_for
from hub.core.tabular import read_table
from hub.core.tasks import email_after_commit
from hub.core.validation import full_clean
from hub.core.viewer import Viewer
from hub.meetings.models import ActionItem
from hub.meetings.models import ActionItemUpdate
from hub.meetings.models import Decision
from hub.meetings.models import Meeting
from hub.meetings.models import ReminderSent
from hub.members.models import Member
from hub.members.models import Role


def _origin_date(decision: Decision | None, meeting: Meeting | None) -> datetime.date | None:
    if decision is not None:
        if decision.meeting_id and decision.meeting:
            return decision.meeting.starts_at.date()
        if decision.procedure:
            return (decision.procedure.concluded_at or decision.procedure.deadline).date()
    if meeting is not None:
        return meeting.starts_at.date()
    return None


def _validate(values: dict[str, Any], problems: list[Problem], row: int | None = None) -> None:
    decision, meeting = values.get("decision"), values.get("meeting")
    if decision is None and meeting is None:
        problems.append(Problem(_("An action item comes from a decision or a meeting."), field="decision", row=row))
    if values.get("owner_member") is None and not values.get("owner_secretariat"):
        problems.append(Problem(_("Choose the owner: a member or the secretariat."), field="owner", row=row))
    if values.get("owner_member") is not None and values.get("owner_secretariat"):
        problems.append(Problem(_("Choose one owner only."), field="owner", row=row))
    due = values.get("due_on")
    origin = _origin_date(decision, meeting)
    if due is None:
        problems.append(Problem(_("Give the due date."), field="due_on", row=row))
    elif origin is not None and due < origin:
        problems.append(
            Problem(_("The due date is before the decision or meeting it comes from."), field="due_on", row=row)
        )
    if not str(values.get("title", "")).strip():
        problems.append(Problem(_("Give the action item a title."), field="title", row=row))
    if decision is not None and meeting is not None and decision.meeting_id != meeting.pk:
        problems.append(Problem(_("The decision was not taken at that meeting."), field="meeting", row=row))
    owner = values.get("owner_member")
    if owner is not None and owner.status == Member.Status.WITHDRAWN:
        problems.append(Problem(_("This member has withdrawn."), field="owner", row=row))
    add_field_problems(problems, ActionItem(**values), row=row, columns={"owner_member": "owner"})


def action_item_create(
    *, viewer: Viewer, values: dict[str, Any], commitments: list[Any] | None = None, via: str = "web"
) -> ActionItem:
    policy_for(ActionItem).require(viewer, "create", message=_("Only the secretariat creates action items."))
    problems: list[Problem] = []
    _validate(values, problems)
    raise_problems(problems, _("The action item was not created."))
    origin = values.get("decision") or values.get("meeting")
    item = ActionItem(is_synthetic=bool(getattr(origin, "is_synthetic", False)), **values)
    full_clean(item)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        item.save()
        if commitments:
            item.commitments.set(commitments)
    return item


def action_item_progress(
    *, viewer: Viewer, item_id: int, text: str, status: str, drop_reason: str = "", via: str = "web"
) -> ActionItemUpdate:
    """An owner's progress update, with the status it leaves the item in. Dropping needs a reason.
    Updates at the same moment are taken one after the other (the item is locked): the item's status
    is always that of its latest update."""
    policy = policy_for(ActionItem)
    item = policy.get(viewer, item_id)
    if not policy.can(viewer, "update", item):
        if item.owner_member_id is not None and item.owner_member_id in viewer.member_ids:
            raise PermissionDenied(_("Your member may not write at the moment."))
        raise NotFound()
    problems: list[Problem] = []
    if status not in ActionItem.Status.values:
        problems.append(Problem(_("Choose one of the statuses offered."), field="status"))
    require_text(problems, text, _("Describe the progress."), field="text")
    if status == ActionItem.Status.DROPPED and not drop_reason.strip():
        problems.append(Problem(_("Give the reason for dropping it."), field="drop_reason"))
    raise_problems(problems, _("The update was not saved."))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        item = locked(item)
        if not policy.can(viewer, "update", item):
            raise PermissionDenied(_("Your member may not write at the moment."))
        update = ActionItemUpdate.objects.create(
            action_item=item, author=viewer.user, text=text.strip(), status=status, is_synthetic=item.is_synthetic
        )
        fields = []
        if item.status != status:
            item.status = status
            fields.append("status")
        if status == ActionItem.Status.DROPPED:
            item.drop_reason = drop_reason.strip()
            fields.append("drop_reason")
        if fields:
            item.save(update_fields=[*fields, "updated_at"])
    return update


# --- import ----------------------------------------------------------------------------------

IMPORT_COLUMNS = ["title", "decision", "meeting", "owner", "due_on", "description", "status"]


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    unchanged: int = 0
    dry_run: bool = False


def action_items_import(*, viewer: Viewer, name: str, content: bytes, dry_run: bool = False) -> ImportReport:
    """Rows: title, decision (code) or meeting (code), owner (member short name or "secretariat"), due_on.
    Every row is checked first; any problem writes nothing. A row identical to an existing item is skipped."""
    policy_for(ActionItem).require(viewer, "create", message=_("Only the secretariat imports action items."))
    rows = read_table(name=name, content=content, required=["title", "owner", "due_on"])
    decisions = {d.code: d for d in Decision.objects.select_related("meeting", "procedure")}
    meetings = {m.code: m for m in Meeting.objects.all()}
    members = {m.slug: m for m in Member.objects.all()}
    members.update({slugify(m.name): m for m in members.values()})
    problems: list[Problem] = []
    planned: list[dict[str, Any]] = []
    for row in rows:
        n = row.number
        values: dict[str, Any] = {"title": row.get("title"), "description": row.get("description")}
        code = row.get("decision")
        if code:
            values["decision"] = decisions.get(code)
            if values["decision"] is None:
                problems.append(Problem(_("No decision %(code)s.") % {"code": code}, field="decision", row=n))
        meeting_code = row.get("meeting")
        if meeting_code:
            values["meeting"] = meetings.get(meeting_code)
            if values["meeting"] is None:
                problems.append(Problem(_("No meeting %(code)s.") % {"code": meeting_code}, field="meeting", row=n))
        owner = row.get("owner")
        if owner.lower() == "secretariat":
            values["owner_secretariat"] = True
        elif owner:
            values["owner_member"] = members.get(slugify(owner))
            if values["owner_member"] is None:
                problems.append(Problem(_("No member %(name)s.") % {"name": owner}, field="owner", row=n))
                values["owner_secretariat"] = True  # avoid a second message about the owner
        try:
            values["due_on"] = strict_date(row.get("due_on")) if row.get("due_on") else None
        except ValueError:
            problems.append(Problem(_("Write the date as YYYY-MM-DD."), field="due_on", row=n))
            values["due_on"] = timezone.localdate()
        status = row.get("status") or ActionItem.Status.OPEN
        if status not in ActionItem.Status.values:
            problems.append(Problem(_("Choose one of the statuses offered."), field="status", row=n))
        values["status"] = status
        before = len(problems)
        _validate(values, problems, row=n)
        if len(problems) == before:
            planned.append(values)
    raise_problems(problems, _("The file has errors; nothing was imported."))
    report = ImportReport(dry_run=dry_run)
    created: list[ActionItem] = []
    with transaction.atomic(), acting_as(viewer.user, via="import"):
        for values in planned:
            exists = ActionItem.objects.filter(
                title=values["title"],
                decision=values.get("decision"),
                meeting=values.get("meeting"),
                owner_member=values.get("owner_member"),
                due_on=values["due_on"],
            ).exists()
            if exists:
                report.unchanged += 1
                continue
            origin = values.get("decision") or values.get("meeting")
            item = ActionItem(is_synthetic=bool(getattr(origin, "is_synthetic", False)), **values)
            created.append(item)
            report.created.append(item.title)
        ActionItem.objects.bulk_create(created, batch_size=500)
        audit_bulk(actor=viewer.user, created=created, via="import")
        if dry_run:
            transaction.set_rollback(True)
    return report


# --- reminders -------------------------------------------------------------------------------


def _owner_emails(item: ActionItem) -> list[str]:
    roles = Role.objects.active()
    if item.owner_secretariat:
        roles = roles.filter(kind=Role.Kind.SECRETARIAT)
    else:
        roles = roles.filter(
            member__pk=item.owner_member_id or 0, member__status__in=[Member.Status.ACTIVE, Member.Status.INACTIVE]
        )
    return sorted(set(roles.values_list("user__email", flat=True)))


def reminder_kind(item: ActionItem, today: datetime.date) -> str | None:
    if item.status in ActionItem.CLOSED:
        return None
    days = (item.due_on - today).days
    if days < 0:
        return ReminderSent.Kind.OVERDUE
    if days <= 1:
        return ReminderSent.Kind.DUE_TOMORROW if days == 1 else None
    if days <= 14:
        return ReminderSent.Kind.DUE_IN_14_DAYS
    return None


def reminders_send(*, today: datetime.date | None = None) -> int:
    """E-mail owners 14 days and 1 day before an item is due and when it is overdue, once each.

    A unique ReminderSent row is written in the same transaction as the queued e-mail, so running
    twice (or a retried worker) never sends a reminder twice. Returns how many were queued."""
    day = today or timezone.localdate()
    sent = 0
    candidates = ActionItem.objects.exclude(status__in=ActionItem.CLOSED).filter(
        due_on__lte=day + datetime.timedelta(days=14)
    )
    for item in candidates.select_related("owner_member"):
        kind = reminder_kind(item, day)
        if kind is None:
            continue
        recipients = _owner_emails(item)
        try:
            with transaction.atomic(), acting_as(None, via="reminders"):
                ReminderSent.objects.create(action_item=item, kind=kind)
                if recipients:
                    label = str(ReminderSent.Kind(kind).label)
                    email_after_commit(
                        to=recipients,
                        subject=_("Action item: %(state)s: %(title)s") % {"state": label, "title": item.title},
                        body=_('The action item "%(title)s" is due on %(due)s. Its status: %(status)s.')
                        % {"title": item.title, "due": date_format(item.due_on), "status": item.get_status_display()},
                    )
        except IntegrityError:
            continue  # already sent
        sent += 1
    return sent
