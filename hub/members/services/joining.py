"""Join requests: a government asks to join; the secretariat checks Alliance membership and decides.

The requester has no account. Their link is signed with SECRET_KEY over the request's id and a
random nonce, so it can be sent again in every e-mail and cannot be forged or guessed.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from hub.core.audit import acting_as
from hub.core.concurrency import changed_meanwhile
from hub.core.concurrency import locked
from hub.core.concurrency import unique_or_conflict
from hub.core.errors import Conflict
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.errors import Problem
from hub.core.errors import ValidationFailed
from hub.core.errors import raise_problems
from hub.core.policies import policy_for
from hub.core.tasks import email_after_commit
from hub.core.uploads import PDF
from hub.core.uploads import content_type_of
from hub.core.uploads import sha256_of
from hub.core.validation import full_clean
from hub.core.viewer import ANONYMOUS
from hub.core.viewer import SYSTEM
from hub.core.viewer import Viewer
from hub.members.models import JoinRequest
from hub.members.models import JoinRequestMessage
from hub.members.models import Member
from hub.members.models import MemberStatusChange
from hub.members.models import Role
from hub.members.services.people import invitation_create
from hub.members.services.reference import m49_regions

SALT = "hub.members.join-request"
LETTER_MAX_BYTES = 10 * 1024 * 1024


def join_request_token(join_request: JoinRequest) -> str:
    return signing.dumps({"id": join_request.pk, "n": join_request.token_nonce}, salt=SALT, compress=True)


def join_request_link(join_request: JoinRequest) -> str:
    return settings.SITE_URL + reverse("join_request_status", kwargs={"token": join_request_token(join_request)})


def join_request_for_token(*, token: str) -> JoinRequest:
    """The join request of a requester's link, or NotFound for anything else."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature as exc:
        raise NotFound(_("This link is not valid.")) from exc
    join_request = JoinRequest.objects.filter(pk=data.get("id")).first()
    if join_request is None or not secrets.compare_digest(join_request.token_nonce, str(data.get("n", ""))):
        raise NotFound(_("This link is not valid."))
    return join_request


def _check_letter(letter: UploadedFile | None, problems: list[Problem]) -> str:
    """Size first, then type by content; returns the SHA-256."""
    if letter is None:
        return ""
    if letter.size is None or letter.size > LETTER_MAX_BYTES:
        problems.append(Problem(_("The letter must be a PDF of at most 10 MB."), field="letter"))
        return ""
    if content_type_of(letter) != PDF:
        problems.append(Problem(_("The letter must be a PDF file (its content is not PDF)."), field="letter"))
        return ""
    return sha256_of(letter)


def _check_not_already_member(
    government: str, country: str, problems: list[Problem], *, viewer: Viewer = ANONYMOUS
) -> None:
    """Refuse a request from a current member. Requesters are told only about members the public can
    see; the secretariat's approval checks every member."""
    members = policy_for(Member).visible(viewer).exclude(status=Member.Status.WITHDRAWN)
    if country and members.filter(country=country).exists():
        problems.append(Problem(_("This government is already a member of the Taskforce."), field="country"))
    elif members.filter(name_en__iexact=government.strip()).exists():
        problems.append(Problem(_("This government is already a member of the Taskforce."), field="government"))


def _message(join_request: JoinRequest, *, event: str, text: str = "", author: Any = None) -> None:
    JoinRequestMessage.objects.create(
        join_request=join_request,
        author_kind=JoinRequestMessage.Author.REQUESTER if author is None else JoinRequestMessage.Author.SECRETARIAT,
        author=author,
        event=event,
        text=text,
    )


def _email_requester(join_request: JoinRequest, subject: str, body: str) -> None:
    link = join_request_link(join_request)
    email_after_commit(
        to=[join_request.contact_email],
        subject=subject,
        body=body + "\n\n" + _("Follow your request here:") + "\n" + link + "\n",
    )


def join_request_submit(
    *,
    government: str,
    country: str,
    contact_name: str,
    contact_email: str,
    message: str,
    letter: UploadedFile | None,
    filed_by: Viewer | None = None,
    via: str = "web",
) -> JoinRequest:
    """File a join request. From the public form it waits for the e-mail to be verified by its link;
    filed by the secretariat (from a letter) it is submitted at once."""
    if filed_by is not None and not policy_for(JoinRequest).can(filed_by, "file"):
        raise PermissionDenied(_("Only the secretariat may file a request on a government's behalf."))
    problems: list[Problem] = []
    country = (country or "").strip().upper()
    if country and country not in countries:
        problems.append(Problem(_("%(code)s is not an ISO 3166 country code.") % {"code": country}, field="country"))
    if not government.strip():
        problems.append(Problem(_("Enter the government's name."), field="government"))
    else:
        _check_not_already_member(government, country, problems)
    sha = _check_letter(letter, problems)
    join_request = JoinRequest(
        government=government.strip(),
        country=country,
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip().lower(),
        message=message.strip(),
        letter_sha256=sha,
        token_nonce=secrets.token_hex(16),
        status=JoinRequest.Status.SUBMITTED if filed_by else JoinRequest.Status.UNVERIFIED,
        filed_by=filed_by.user if filed_by else None,
    )
    try:
        full_clean(join_request, exclude=["letter"])
    except ValidationFailed as exc:
        named = {p.field for p in problems}
        problems.extend(p for p in exc.problems if p.field not in named)
    raise_problems(problems, _("The request could not be sent."))
    actor = filed_by.user if filed_by else None
    with transaction.atomic(), acting_as(actor, via=via):
        if letter is not None:
            join_request.letter.save(f"letter-{secrets.token_hex(8)}.pdf", letter, save=False)
        join_request.save()
        if filed_by is not None:
            _message(join_request, event="filed", author=filed_by.user)
            _email_requester(
                join_request,
                _("Your request to join the Global Taskforce"),
                _("The secretariat has filed your government's request to join the Taskforce."),
            )
        else:
            _message(join_request, event="received")
            _email_requester(
                join_request,
                _("Confirm your request to join the Global Taskforce"),
                _("Open the link below to confirm your e-mail address. Your request is filed only then."),
            )
    return join_request


def join_request_verify(*, token: str) -> JoinRequest:
    """Opening the link the first time verifies the e-mail address and files the request."""
    join_request = join_request_for_token(token=token)
    if join_request.status != JoinRequest.Status.UNVERIFIED:
        return join_request
    with transaction.atomic(), acting_as(None, via="requester"):
        join_request = locked(join_request)
        if join_request.status != JoinRequest.Status.UNVERIFIED:
            return join_request  # verified meanwhile (the link opened twice): nothing more to do
        join_request.status = JoinRequest.Status.SUBMITTED
        join_request.email_verified_at = timezone.now()
        join_request.save(update_fields=["status", "email_verified_at", "updated_at"])
        _message(join_request, event="verified")
    return join_request


def join_request_answer(*, token: str, text: str, via: str = "requester") -> JoinRequest:
    """The requester answers the secretariat's question through their link."""
    join_request = join_request_for_token(token=token)
    if join_request.status != JoinRequest.Status.MORE_INFORMATION:
        raise Conflict(_("The secretariat has not asked for more information."))
    if not text.strip():
        raise ValidationFailed(_("The answer is empty."), problems=[Problem(_("Write your answer."), field="text")])
    with transaction.atomic(), acting_as(None, via=via):
        join_request = locked(join_request)
        if join_request.status != JoinRequest.Status.MORE_INFORMATION:
            raise changed_meanwhile(join_request)
        join_request.status = JoinRequest.Status.SUBMITTED
        join_request.save(update_fields=["status", "updated_at"])
        _message(join_request, event="answered", text=text.strip())
    return join_request


def _open_request(viewer: Viewer, request_id: int) -> JoinRequest:
    join_request = policy_for(JoinRequest).get(viewer, request_id)
    if not policy_for(JoinRequest).can(viewer, "review", join_request):
        raise PermissionDenied()
    if not join_request.is_open:
        raise Conflict(
            _("This request is not open for review (its status is %(status)s).")
            % {"status": join_request.get_status_display()}
        )
    return join_request


def _still_open(join_request: JoinRequest, *statuses: str) -> JoinRequest:
    """The request as it is now, locked until the transaction ends; a step on a request decided (or
    answered) meanwhile is refused, naming its state."""
    join_request = locked(join_request)
    if not join_request.is_open or (statuses and join_request.status not in statuses):
        raise changed_meanwhile(join_request)
    return join_request


def join_request_record_alliance_check(
    *, viewer: Viewer, request_id: int, is_alliance_member: bool, source: str, via: str = "web"
) -> JoinRequest:
    """Record whether the government is an Alliance member, and on what source (no list is held here)."""
    join_request = _open_request(viewer, request_id)
    if not source.strip():
        raise ValidationFailed(
            _("The check was not recorded."),
            problems=[Problem(_("Say where you checked Alliance membership."), field="source")],
        )
    with transaction.atomic(), acting_as(viewer.user, via=via):
        join_request = _still_open(join_request)
        join_request.alliance_member = is_alliance_member
        join_request.alliance_source = source.strip()
        join_request.alliance_checked_by = viewer.user
        join_request.alliance_checked_at = timezone.now()
        join_request.save(
            update_fields=[
                "alliance_member",
                "alliance_source",
                "alliance_checked_by",
                "alliance_checked_at",
                "updated_at",
            ]
        )
        _message(
            join_request,
            event="alliance_checked",
            text=(_("Alliance member") if is_alliance_member else _("Not an Alliance member")) + f" ({source.strip()})",
            author=viewer.user,
        )
    return join_request


def join_request_ask_more(*, viewer: Viewer, request_id: int, question: str, via: str = "web") -> JoinRequest:
    join_request = _open_request(viewer, request_id)
    if not question.strip():
        raise ValidationFailed(
            _("The question was not sent."), problems=[Problem(_("Write your question."), field="question")]
        )
    with transaction.atomic(), acting_as(viewer.user, via=via):
        join_request = _still_open(join_request)
        join_request.status = JoinRequest.Status.MORE_INFORMATION
        join_request.save(update_fields=["status", "updated_at"])
        _message(join_request, event="more_information_requested", text=question.strip(), author=viewer.user)
        _email_requester(
            join_request,
            _("The secretariat asks for more information"),
            _("The secretariat of the Global Taskforce asks:") + "\n\n" + question.strip(),
        )
    return join_request


def join_request_reject(*, viewer: Viewer, request_id: int, reason: str, via: str = "web") -> JoinRequest:
    join_request = _open_request(viewer, request_id)
    if not reason.strip():
        raise ValidationFailed(
            _("The request was not rejected."), problems=[Problem(_("Give the reason."), field="reason")]
        )
    with transaction.atomic(), acting_as(viewer.user, via=via):
        join_request = _still_open(join_request)
        text = reason.strip()
        if join_request.alliance_member is False:
            text += "\n\n" + _(
                "Membership of the Taskforce is open to government members of WeProtect Global Alliance: "
                "please join the Alliance first."
            )
        join_request.status = JoinRequest.Status.REJECTED
        join_request.decision_reason = text
        join_request.decided_by = viewer.user
        join_request.decided_at = timezone.now()
        join_request.save(update_fields=["status", "decision_reason", "decided_by", "decided_at", "updated_at"])
        _message(join_request, event="rejected", text=text, author=viewer.user)
        _email_requester(join_request, _("Your request to join the Global Taskforce"), text)
    return join_request


def join_request_approve(
    *, viewer: Viewer, request_id: int, kind: str = Member.Kind.GOVERNMENT, via: str = "web"
) -> JoinRequest:
    """Approve: the member becomes active and the contact person is invited as its focal point. Two
    approvals at the same moment: one approves, the other is told it was approved (409)."""
    join_request = _open_request(viewer, request_id)
    message = _("The request was not approved.")
    with unique_or_conflict(message, field="government"), transaction.atomic(), acting_as(viewer.user, via=via):
        join_request = _still_open(join_request)
        problems: list[Problem] = []
        if join_request.status != JoinRequest.Status.SUBMITTED:
            problems.append(Problem(_("Wait for the requester's answer before deciding."), field="status"))
        if join_request.alliance_member is None:
            problems.append(Problem(_("Record the Alliance membership check first."), field="alliance_member"))
        elif join_request.alliance_member is False:
            problems.append(
                Problem(
                    _("Only government members of the Alliance may join: reject with a reason."),
                    field="alliance_member",
                )
            )
        _check_not_already_member(join_request.government, str(join_request.country or ""), problems, viewer=SYSTEM)
        raise_problems(problems, message)
        policy_for(JoinRequest).require(viewer, "approve", join_request, message=message)
        region, subregion = m49_regions().get(str(join_request.country or ""), ("", ""))
        today = timezone.localdate()
        member = Member(
            name=join_request.government,
            name_en=join_request.government,
            slug=_unique_slug(join_request.government),
            kind=kind,
            country=join_request.country,
            region=region,
            subregion=subregion,
            joined_on=today,
            alliance_member=True,
            alliance_source=join_request.alliance_source,
            source=_("Join request approved on %(date)s") % {"date": today.isoformat()},
            is_synthetic=join_request.is_synthetic,
        )
        full_clean(member)
        member.save()
        MemberStatusChange.objects.create(
            member=member,
            status=Member.Status.ACTIVE,
            previous_status=Member.Status.ACTIVE,
            effective_on=today,
            reason=_("Join request approved"),
            actor=viewer.user,
        )
        invitation_create(
            viewer=viewer, email=join_request.contact_email, kind=Role.Kind.FOCAL_POINT, member=member, via=via
        )
        join_request.status = JoinRequest.Status.APPROVED
        join_request.member = member
        join_request.decided_by = viewer.user
        join_request.decided_at = timezone.now()
        join_request.save(update_fields=["status", "member", "decided_by", "decided_at", "updated_at"])
        _message(join_request, event="approved", author=viewer.user)
        _email_requester(
            join_request,
            _("Welcome to the Global Taskforce"),
            _(
                "Your government's request was approved. A separate e-mail invites you to Taskforce Hub "
                "as your member's focal point."
            ),
        )
    return join_request


def _unique_slug(name: str) -> str:
    from django.utils.text import slugify

    base = slugify(name)[:70] or "member"
    slug, n = base, 2
    while Member.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
