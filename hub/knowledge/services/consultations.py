"""Knowledge: consultations (writes): create, edit, open and close a consultation; send input on a
consultation or a commitment; the secretariat's reasoned response; deadline reminders; closing the
consultations past their deadline."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hub.commitments.models import Commitment
from hub.core.audit import acting_as
from hub.core.concurrency import changed_meanwhile
from hub.core.concurrency import check_version
from hub.core.concurrency import locked
from hub.core.concurrency import unique_or_conflict
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import Problem
from hub.core.errors import ValidationFailed
from hub.core.errors import raise_problems
from hub.core.errors import require_text
from hub.core.inputs import UNSET
from hub.core.inputs import Unset
from hub.core.inputs import given
from hub.core.policies import policy_for
from hub.core.tasks import email_after_commit
from hub.core.validation import full_clean
from hub.core.viewer import SYSTEM
from hub.core.viewer import Viewer
from hub.knowledge.models.consultations import Consultation
from hub.knowledge.models.consultations import ConsultationInput
from hub.knowledge.models.consultations import ConsultationReminderSent
from hub.knowledge.models.documents import Document
from hub.knowledge.policies.consultations import ConsultationPolicy
from hub.members.models import Member
from hub.members.models import Role

# A reminder goes out this many days before a consultation's deadline, once to each person.
REMINDER_DAYS = 3


@dataclass(frozen=True, kw_only=True)
class ConsultationData:
    """A consultation's fields. On create the fields not given keep the model's defaults; on edit only
    the fields given change. `documents` are ids of library documents."""

    title: str | Unset = UNSET
    question: str | Unset = UNSET
    deadline: datetime.datetime | Unset = UNSET
    time_zone: str | Unset = UNSET
    for_contributors: bool | Unset = UNSET
    for_members: bool | Unset = UNSET
    input_visibility: str | Unset = UNSET
    documents: Sequence[int] | Unset = UNSET
    is_synthetic: bool | Unset = UNSET


def _documents(viewer: Viewer, ids: Sequence[int]) -> list[Document]:
    found = list(policy_for(Document).visible(viewer).filter(pk__in=list(ids)))
    if len(found) != len(set(ids)):
        raise ValidationFailed(
            _("The consultation was not saved."),
            problems=[Problem(_("Choose documents from the library."), field="documents")],
        )
    return found


def _check(consultation: Consultation, message: str) -> None:
    problems: list[Problem] = []
    require_text(problems, consultation.title, _("Give the consultation a title."), field="title")
    require_text(problems, consultation.question, _("Write the question the consultation asks."), field="question")
    if not (consultation.for_contributors or consultation.for_members):
        problems.append(Problem(_("Choose who may answer."), field="for_contributors"))
    if consultation.input_visibility not in Consultation.InputVisibility.values:
        problems.append(Problem(_("Choose who sees the input."), field="input_visibility"))
    raise_problems(problems, message)
    consultation.title = consultation.title.strip()
    consultation.question = consultation.question.strip()
    full_clean(consultation)


def _future_deadline(consultation: Consultation, message: str) -> None:
    if consultation.deadline <= timezone.now():
        raise ValidationFailed(message, problems=[Problem(_("The deadline must be in the future."), field="deadline")])


def consultation_create(*, viewer: Viewer, data: ConsultationData, via: str = "web") -> Consultation:
    """A draft consultation (the secretariat's)."""
    policy_for(Consultation).require(viewer, "manage", message=_("Only the secretariat opens consultations."))
    values = given(data)
    documents = values.pop("documents", [])
    consultation = Consultation(created_by=viewer.user, **values)
    message = _("The consultation was not created.")
    _check(consultation, message)
    linked = _documents(viewer, documents)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        consultation.save()
        consultation.documents.set(linked)
    return consultation


def consultation_edit(
    *, viewer: Viewer, consultation: Consultation, data: ConsultationData, version: str | None = None, via: str = "web"
) -> Consultation:
    """Change a consultation until it closes; `version` refuses a change over a newer one (409). An open
    consultation keeps a deadline in the future."""
    policy = policy_for(Consultation)
    policy.require(viewer, "manage", consultation, message=_("Only the secretariat edits consultations."))
    message = _("The consultation was not changed.")
    with transaction.atomic():
        consultation = locked(consultation)
        check_version(consultation, version)
        if not policy.can(viewer, "edit", consultation):
            raise changed_meanwhile(consultation)
        values = given(data)
        documents = values.pop("documents", None)
        changed = [k for k, v in values.items() if getattr(consultation, k) != v]
        for key in changed:
            setattr(consultation, key, values[key])
        _check(consultation, message)
        if "deadline" in changed and consultation.status == Consultation.Status.OPEN:
            _future_deadline(consultation, message)
        linked = None if documents is None else _documents(viewer, documents)
        with acting_as(viewer.user, via=via):
            if changed:
                consultation.save(update_fields=[*changed, "updated_at"])
            if linked is not None:
                consultation.documents.set(linked)
    return consultation


def consultation_open(*, viewer: Viewer, consultation: Consultation, via: str = "web") -> Consultation:
    """Open a draft for input (its deadline in the future); its audience is told by e-mail."""
    policy = policy_for(Consultation)
    policy.require(viewer, "manage", consultation, message=_("Only the secretariat opens consultations."))
    with transaction.atomic():
        consultation = locked(consultation)
        if not policy.can(viewer, "open", consultation):
            raise changed_meanwhile(consultation)
        _future_deadline(consultation, _("The consultation was not opened."))
        consultation.status = Consultation.Status.OPEN
        consultation.opened_at = timezone.now()
        with acting_as(viewer.user, via=via):
            consultation.save(update_fields=["status", "opened_at", "updated_at"])
        _tell_audience(consultation)
    return consultation


def consultation_close(*, viewer: Viewer, consultation: Consultation, via: str = "web") -> Consultation:
    """Close an open consultation (before its deadline too: the page asks once more). Two officers closing
    at once: one closes it, the other is told it was closed already (409)."""
    policy = policy_for(Consultation)
    policy.require(viewer, "manage", consultation, message=_("Only the secretariat closes consultations."))
    with transaction.atomic():
        consultation = locked(consultation)
        if not policy.can(viewer, "close", consultation):
            raise changed_meanwhile(consultation)
        consultation.status = Consultation.Status.CLOSED
        consultation.closed_at = timezone.now()
        with acting_as(viewer.user, via=via):
            consultation.save(update_fields=["status", "closed_at", "updated_at"])
    return consultation


def consultations_close_past_deadline(*, viewer: Viewer, via: str = "cli") -> list[Consultation]:
    """Close every open consultation whose deadline has passed (idempotent: one closed meanwhile is
    skipped). Returns those closed now."""
    policy = policy_for(Consultation)
    policy.require(viewer, "manage", message=_("Only the secretariat closes consultations."))
    due = policy.visible(viewer).filter(status=Consultation.Status.OPEN, deadline__lte=timezone.now())
    closed = []
    for consultation in due.order_by("deadline", "pk"):
        with transaction.atomic():
            consultation = locked(consultation)
            if not policy.can(viewer, "close", consultation):
                continue
            consultation.status = Consultation.Status.CLOSED
            consultation.closed_at = timezone.now()
            with acting_as(viewer.user, via=via):
                consultation.save(update_fields=["status", "closed_at", "updated_at"])
            closed.append(consultation)
    return closed


def _organisation_of(user_id: int) -> str:
    role = Role.objects.active().filter(user_id=user_id, kind=Role.Kind.CONTRIBUTOR).exclude(organisation="")
    return role.values_list("organisation", flat=True).first() or ""


def input_defaults(*, viewer: Viewer) -> dict[str, str]:
    """What the input form starts with: the group or initiative the contributor's role names."""
    return {"organisation": "" if viewer.user_id is None else _organisation_of(viewer.user_id)}


def _after_deadline(consultation: Consultation) -> Conflict:
    message = _("This consultation closed for input on %(when)s: nothing was sent or changed.") % {
        "when": _deadline_words(consultation)
    }
    return Conflict(message, problems=[Problem(message, field="deadline")])


def _input_problems(text: str, organisation: str, member: Member | None, message: str) -> None:
    problems: list[Problem] = []
    require_text(problems, text, _("Write your input."), field="text")
    if member is None:
        require_text(problems, organisation, _("Say which group or initiative you speak for."), field="organisation")
    raise_problems(problems, message)


def input_submit(
    *,
    viewer: Viewer,
    consultation: Consultation,
    text: str,
    organisation: str = "",
    member_id: int | None = None,
    via: str = "web",
) -> ConsultationInput:
    """Input on an open consultation, before its deadline. A contributor speaks for their group or
    initiative (`organisation`, prefilled from their role); a member official, when the consultation asks
    members, for a member they write for (`member_id`; their only one when not given). The state and the
    deadline are checked again with the consultation's row locked: after the deadline nothing is written
    (409)."""
    policy = policy_for(Consultation)
    if not policy.can_view(viewer, consultation):
        raise NotFound()
    message = _("Your input was not sent.")
    with transaction.atomic():
        consultation = locked(consultation)
        if consultation.status == Consultation.Status.OPEN and consultation.is_past_deadline:
            raise _after_deadline(consultation)
        if consultation.status != Consultation.Status.OPEN:
            raise Conflict(
                _("This consultation is not open for input: your input was not sent."),
                problems=[Problem(_("Reload to see what changed."), field="status")],
            )
        policy.require(viewer, "submit", consultation, message=_("This consultation does not ask you for input."))
        member = _answering_member(viewer, consultation, member_id)
        _input_problems(text, organisation, member, message)
        record = ConsultationInput(
            consultation=consultation,
            contributor=viewer.user,
            organisation="" if member is not None else organisation.strip(),
            member=member,
            text=text.strip(),
            is_synthetic=consultation.is_synthetic,
        )
        full_clean(record)
        with acting_as(viewer.user, via=via):
            record.save()
    return record


def _answering_member(viewer: Viewer, consultation: Consultation, member_id: int | None) -> Member | None:
    """The member an official answers for, or None when the viewer answers as a contributor."""
    policy = cast(ConsultationPolicy, policy_for(Consultation))
    as_member = policy.can(viewer, "answer_as_member", consultation)
    if member_id is None and (policy.can(viewer, "answer_as_contributor", consultation) or not as_member):
        return None
    members = policy.answering_members(viewer)
    ids = sorted(members)
    chosen = member_id if member_id is not None else (ids[0] if len(ids) == 1 else None)
    if not as_member or chosen not in members:
        raise ValidationFailed(
            _("Your input was not sent."),
            problems=[Problem(_("Choose a member you answer for."), field="member")],
        )
    return Member.objects.get(pk=chosen)


def input_submit_on_commitment(
    *,
    viewer: Viewer,
    commitment: Commitment,
    text: str,
    organisation: str,
    is_synthetic: bool = False,
    via: str = "web",
) -> ConsultationInput:
    """Input on one of the nine commitments, by a reference-group or initiative contributor, at any time."""
    policy_for(ConsultationInput).require(
        viewer, "submit_on_commitment", message=_("Only reference groups and initiatives send input here.")
    )
    _input_problems(text, organisation, None, _("Your input was not sent."))
    record = ConsultationInput(
        commitment=commitment,
        contributor=viewer.user,
        organisation=organisation.strip(),
        text=text.strip(),
        is_synthetic=is_synthetic,
    )
    full_clean(record)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        record.save()
    return record


def input_edit(
    *, viewer: Viewer, record: ConsultationInput, text: str, version: str | None = None, via: str = "web"
) -> ConsultationInput:
    """Its author corrects input on an open consultation before the deadline and before any response."""
    policy = policy_for(ConsultationInput)
    if not policy.can_view(viewer, record):
        raise NotFound()
    with transaction.atomic():
        record = locked(record)
        check_version(record, version)
        if record.consultation is not None:
            locked(record.consultation)
            if record.consultation.status == Consultation.Status.OPEN and record.consultation.is_past_deadline:
                raise _after_deadline(record.consultation)
        policy.require(viewer, "edit", record, message=_("This input can no longer be changed."))
        _input_problems(text, record.organisation, record.member, _("Your input was not changed."))
        record.text = text.strip()
        full_clean(record)
        with acting_as(viewer.user, via=via):
            record.save(update_fields=["text", "updated_at"])
    return record


def input_respond(
    *, viewer: Viewer, record: ConsultationInput, response: str, version: str | None = None, via: str = "web"
) -> ConsultationInput:
    """The secretariat's reasoned response (required text). Changing a recorded response names the
    version it was based on: a stale one is refused (409). The contributor is told by e-mail."""
    policy = policy_for(ConsultationInput)
    policy.require(viewer, "respond", record, message=_("Only the secretariat responds to input."))
    problems: list[Problem] = []
    require_text(problems, response, _("Write the reasons of the response."), field="response")
    raise_problems(problems, _("The response was not saved."))
    with transaction.atomic():
        record = locked(record)
        check_version(record, version)
        record.response = response.strip()
        record.responded_by = viewer.user
        record.responded_at = timezone.now()
        full_clean(record)
        with acting_as(viewer.user, via=via):
            record.save(update_fields=["response", "responded_by", "responded_at", "updated_at"])
        _tell_contributor(record)
    return record


# --- e-mail ------------------------------------------------------------------------------------


def audience_people(consultation: Consultation) -> list[tuple[int, str]]:
    """(user id, e-mail) of the people a consultation asks: active contributors when it asks reference
    groups and initiatives, the active members' officials when it asks members. One query."""
    q = Q(pk__in=[])
    if consultation.for_contributors:
        q |= Q(kind=Role.Kind.CONTRIBUTOR)
    if consultation.for_members:
        q |= Q(kind__in=list(Role.MEMBER_KINDS), member__status=Member.Status.ACTIVE)
    rows = Role.objects.active().filter(q, user__is_active=True).values_list("user_id", "user__email")
    return sorted({(user_id, email) for user_id, email in rows if email})


def _deadline_words(consultation: Consultation) -> str:
    local = consultation.deadline.astimezone(zoneinfo.ZoneInfo(consultation.time_zone))
    return _("%(when)s, %(zone)s time") % {
        "when": date_format(local, "DATETIME_FORMAT"),
        "zone": consultation.time_zone,
    }


def _link(consultation: Consultation) -> str:
    return settings.SITE_URL + consultation.get_absolute_url()


def _tell_audience(consultation: Consultation) -> int:
    people = audience_people(consultation)
    subject = _("Consultation open: %(title)s") % {"title": consultation.title}
    body = _(
        "The secretariat asks for your input.\n\n%(title)s\n\n%(question)s\n\nSend your input before %(deadline)s: "
        "%(link)s"
    ) % {
        "title": consultation.title,
        "question": consultation.question,
        "deadline": _deadline_words(consultation),
        "link": _link(consultation),
    }
    for _user, address in people:
        email_after_commit(to=[address], subject=subject, body=body)
    return len(people)


def _tell_contributor(record: ConsultationInput) -> None:
    address = record.contributor.email
    if not address:
        return
    on = str(record.consultation or record.commitment)
    subject = _("The secretariat responded to your input on %(on)s") % {"on": on}
    body = _("Your input on %(on)s has a response from the secretariat:\n\n%(response)s\n\n%(link)s") % {
        "on": on,
        "response": record.response,
        "link": settings.SITE_URL + record.get_absolute_url(),
    }
    email_after_commit(to=[address], subject=subject, body=body)


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind the audience of each open consultation whose deadline is within REMINDER_DAYS days, once
    each, of those who have not answered. Returns how many reminders were queued."""
    now = timezone.now()
    soon = now + datetime.timedelta(days=REMINDER_DAYS)
    due = list(Consultation.objects.filter(status=Consultation.Status.OPEN, deadline__gt=now, deadline__lte=soon))
    sent = 0
    for consultation in due:
        answered = set(consultation.inputs.values_list("contributor_id", flat=True))
        reminded = set(consultation.reminders.values_list("user_id", flat=True))
        for user_id, address in audience_people(consultation):
            if user_id in answered or user_id in reminded:
                continue
            with (
                unique_or_conflict(_("This reminder was sent already.")),
                transaction.atomic(),
                acting_as(SYSTEM.user, via="cli"),
            ):
                ConsultationReminderSent.objects.create(consultation=consultation, user_id=user_id)
                email_after_commit(
                    to=[address],
                    subject=_("Reminder: the consultation %(title)s closes %(deadline)s")
                    % {"title": consultation.title, "deadline": _deadline_words(consultation)},
                    body=_("The secretariat still awaits your input on %(title)s before %(deadline)s: %(link)s")
                    % {
                        "title": consultation.title,
                        "deadline": _deadline_words(consultation),
                        "link": _link(consultation),
                    },
                )
            sent += 1
    return sent
