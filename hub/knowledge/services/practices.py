"""Knowledge: good practices. A member official writes a practice in draft and submits it; the
secretariat publishes it, or returns it with a note (the member revises and submits again); a published
practice may be withdrawn. Steps lock the row and check its state again (a lost race is a 409); edits
name the version they were based on (a stale one is a 409)."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.commitments.models import Commitment
from hub.core.audit import acting_as
from hub.core.concurrency import changed_meanwhile
from hub.core.concurrency import check_version
from hub.core.concurrency import locked
from hub.core.concurrency import unique_or_conflict
from hub.core.errors import NotFound
from hub.core.errors import Problem
from hub.core.errors import ValidationFailed
from hub.core.errors import problems_from_django
from hub.core.errors import raise_problems
from hub.core.errors import require_text
from hub.core.fields import add_field_problems
from hub.core.inputs import UNSET
from hub.core.inputs import Unset
from hub.core.inputs import given
from hub.core.models import Visibility
from hub.core.policies import policy_for
from hub.core.tabular import Row
from hub.core.tabular import read_table
from hub.core.tasks import email_after_commit
from hub.core.validation import full_clean
from hub.core.viewer import Viewer
from hub.knowledge.models import Document
from hub.knowledge.models import GoodPractice
from hub.knowledge.models import PracticeCapability
from hub.knowledge.models.practices import PRACTICE_LEVELS
from hub.knowledge.selectors.practices import capabilities
from hub.members.models import Member
from hub.members.models import Role

TEXT_FIELDS = ("title", "summary", "body", "language", "contact_name", "contact_email", "visibility")
STATUS_CHANGE_FIELDS = ["status", "updated_at"]


@dataclass(frozen=True)
class PracticeInput:
    """What a practice says. On an edit only the fields given change. Commitments by number (1 to 9),
    capabilities by key ("mnr-2016/3"), documents by the library's id (among those the writer sees)."""

    title: str | Unset = UNSET
    summary: str | Unset = UNSET
    body: str | Unset = UNSET
    language: str | Unset = UNSET
    contact_name: str | Unset = UNSET
    contact_email: str | Unset = UNSET
    visibility: str | Unset = UNSET
    commitments: list[int] | Unset = UNSET
    capabilities: list[str] | Unset = UNSET
    documents: list[int] | Unset = UNSET


@dataclass
class _Tags:
    commitments: list[Commitment] | None = None
    capabilities: list[tuple[str, int]] | None = None
    documents: list[Document] | None = None


def _policy() -> Any:
    return policy_for(GoodPractice)


def _get(viewer: Viewer, practice_id: Any) -> GoodPractice:
    return _policy().get(viewer, practice_id, GoodPractice.objects.select_related("member"))


def _require(viewer: Viewer, role: str, practice: GoodPractice | None) -> None:
    """A viewer who may never take this step on this practice is told it does not exist (404)."""
    if not _policy().can(viewer, role, practice):
        raise NotFound()


def _require_state(viewer: Viewer, action: str, practice: GoodPractice) -> None:
    """Under the lock: the practice is still in a state this step starts from, or 409 naming it."""
    if not _policy().can(viewer, action, practice):
        raise changed_meanwhile(practice)


def _tags(viewer: Viewer, data: PracticeInput, problems: list[Problem], *, row: int | None = None) -> _Tags:
    tags = _Tags()
    if not isinstance(data.commitments, Unset):
        numbers = sorted(set(data.commitments))
        found = list(Commitment.objects.filter(number__in=numbers).order_by("number"))
        if len(found) != len(numbers):
            problems.append(Problem(_("Choose commitments by their number, 1 to 9."), field="commitments", row=row))
        tags.commitments = found
    if not isinstance(data.capabilities, Unset):
        known = capabilities()
        keys = list(dict.fromkeys(k.strip() for k in data.capabilities if k.strip()))
        unknown = [k for k in keys if k not in known]
        if unknown:
            problems.append(
                Problem(
                    _("Unknown capability: %(keys)s (use keys such as mnr-2016/3).") % {"keys": ", ".join(unknown)},
                    field="capabilities",
                    row=row,
                )
            )
        tags.capabilities = [(known[k].framework, known[k].number) for k in keys if k in known]
    if not isinstance(data.documents, Unset):
        ids = sorted(set(data.documents))
        found_docs = list(policy_for(Document).visible(viewer).filter(pk__in=ids))
        if len(found_docs) != len(ids):
            problems.append(Problem(_("Choose documents of the library you may see."), field="documents", row=row))
        tags.documents = found_docs
    return tags


def _check(practice: GoodPractice, problems: list[Problem], *, row: int | None = None) -> None:
    require_text(problems, practice.title, _("Give the practice a title."), field="title")
    require_text(problems, practice.summary, _("Summarise the practice."), field="summary")
    if practice.visibility not in PRACTICE_LEVELS:
        problems.append(Problem(_("Choose public, taskforce or member visibility."), field="visibility", row=row))
    if practice.language not in GoodPractice.Language.values:
        problems.append(Problem(_("Choose English, French, Spanish or another language."), field="language", row=row))
    if row is not None:
        for p in problems:
            p.row = row if p.row is None else p.row
    add_field_problems(problems, practice, row=row)
    named = [p.field for p in problems if p.field]
    exclude = [*named, *(["member"] if practice.member_id is None else [])]
    try:  # the model's own rules (an e-mail address), for the fields not already refused
        practice.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except DjangoValidationError as exc:
        for problem in problems_from_django(exc):
            problem.row = row
            problems.append(problem)


def _apply(practice: GoodPractice, data: PracticeInput) -> list[str]:
    """Set the text fields given; returns the names of those that changed."""
    changed = []
    for name, value in given(data).items():
        if name not in TEXT_FIELDS:
            continue
        value = value.strip() if isinstance(value, str) and name != "body" else value
        if isinstance(value, str) and name == "body":
            value = value.strip("\n")
        if getattr(practice, name) != value:
            setattr(practice, name, value)
            changed.append(name)
    return changed


def _write_tags(practice: GoodPractice, tags: _Tags) -> None:
    if tags.commitments is not None:
        practice.commitments.set(tags.commitments)
    if tags.documents is not None:
        practice.documents.set(tags.documents)
    if tags.capabilities is not None:
        wanted = set(tags.capabilities)
        have = {(t.framework, t.number): t for t in practice.capability_tags.all()}
        for key, tag in have.items():
            if key not in wanted:
                tag.delete()
        for framework, number in tags.capabilities:
            if (framework, number) not in have:
                PracticeCapability.objects.create(practice=practice, framework=framework, number=number)


def _duplicate(member: Member, title: str, *, exclude: int | None = None) -> bool:
    qs = GoodPractice.objects.filter(member=member, title=title.strip())
    return (qs.exclude(pk=exclude) if exclude else qs).exists()


def _clash() -> str:
    return _("This member already has a good practice with this title.")


def practice_create(*, viewer: Viewer, member: Member, data: PracticeInput, via: str = "web") -> GoodPractice:
    """A new practice of `member`, in draft, by one of its officials (or the secretariat)."""
    practice = GoodPractice(member=member, created_by=viewer.user, is_synthetic=member.is_synthetic)
    _require(viewer, "create", practice)
    _apply(practice, data)
    problems: list[Problem] = []
    _check(practice, problems)
    tags = _tags(viewer, data, problems)
    if practice.title and _duplicate(member, practice.title):
        problems.append(Problem(_clash(), field="title"))
    raise_problems(problems, _("The good practice was not saved."))
    with unique_or_conflict(_clash(), field="title"), transaction.atomic(), acting_as(viewer.user, via=via):
        full_clean(practice)
        practice.save()
        _write_tags(practice, tags)
    return practice


def practice_update(
    *, viewer: Viewer, practice_id: Any, data: PracticeInput, version: str | None = None, via: str = "web"
) -> GoodPractice:
    """Change a draft or returned practice. `version` is the version the edit was based on."""
    practice = _get(viewer, practice_id)
    _require(viewer, "write", practice)
    with unique_or_conflict(_clash(), field="title"), transaction.atomic(), acting_as(viewer.user, via=via):
        practice = locked(practice)
        _require_state(viewer, "edit", practice)
        check_version(practice, version)
        changed = _apply(practice, data)
        problems: list[Problem] = []
        _check(practice, problems)
        tags = _tags(viewer, data, problems)
        if "title" in changed and _duplicate(practice.member, practice.title, exclude=practice.pk):
            problems.append(Problem(_clash(), field="title"))
        if problems:
            raise ValidationFailed(_("The good practice was not saved."), problems=problems)
        full_clean(practice)
        # Every edit makes a new version, even one that changed only its tags.
        practice.save(update_fields=[*changed, "updated_at"])
        _write_tags(practice, tags)
    return practice


def practice_submit(*, viewer: Viewer, practice_id: Any, via: str = "web") -> GoodPractice:
    """An official of the member sends a draft (or returned) practice to the secretariat for review."""
    practice = _get(viewer, practice_id)
    _require(viewer, "propose", practice)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        practice = locked(practice)
        _require_state(viewer, "submit", practice)
        practice.status = GoodPractice.Status.SUBMITTED
        practice.submitted_by = viewer.user
        practice.submitted_at = timezone.now()
        practice.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
        _tell(
            _secretariat_emails(),
            subject=_("Good practice to review: %(title)s") % {"title": practice.title},
            body=_("%(member)s submitted the good practice “%(title)s” for review.\n\nIts page: %(link)s"),
            practice=practice,
        )
    return practice


def practice_publish(*, viewer: Viewer, practice_id: Any, note: str = "", via: str = "web") -> GoodPractice:
    """The secretariat publishes a submitted practice: it is then seen as far as its visibility says."""
    practice = _get(viewer, practice_id)
    _require(viewer, "review", practice)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        practice = locked(practice)
        _require_state(viewer, "publish", practice)
        practice.status = GoodPractice.Status.PUBLISHED
        practice.reviewed_by = viewer.user
        practice.published_at = timezone.now()
        practice.review_note = note.strip()
        full_clean(practice)
        practice.save(update_fields=["status", "reviewed_by", "published_at", "review_note", "updated_at"])
        _tell(
            _member_emails(practice),
            subject=_("Good practice published: %(title)s") % {"title": practice.title},
            body=_("The secretariat published %(member)s's good practice “%(title)s”.\n\nIts page: %(link)s"),
            practice=practice,
        )
    return practice


def practice_return(*, viewer: Viewer, practice_id: Any, note: str, via: str = "web") -> GoodPractice:
    """The secretariat returns a submitted practice with a note saying what to change."""
    practice = _get(viewer, practice_id)
    _require(viewer, "review", practice)
    problems: list[Problem] = []
    require_text(problems, note, _("Say what needs changing."), field="note")
    raise_problems(problems, _("The good practice was not returned."))
    with transaction.atomic(), acting_as(viewer.user, via=via):
        practice = locked(practice)
        _require_state(viewer, "return", practice)
        practice.status = GoodPractice.Status.RETURNED
        practice.reviewed_by = viewer.user
        practice.review_note = note.strip()
        full_clean(practice)
        practice.save(update_fields=["status", "reviewed_by", "review_note", "updated_at"])
        _tell(
            _member_emails(practice),
            subject=_("Good practice returned: %(title)s") % {"title": practice.title},
            body=_(
                "The secretariat returned %(member)s's good practice “%(title)s” with a note:\n\n%(note)s\n\n"
                "Revise it and submit it again: %(link)s"
            ),
            practice=practice,
        )
    return practice


def practice_withdraw(*, viewer: Viewer, practice_id: Any, via: str = "web") -> GoodPractice:
    """The member or the secretariat withdraws a published practice: only they see it from now on."""
    practice = _get(viewer, practice_id)
    _require(viewer, "write", practice)
    with transaction.atomic(), acting_as(viewer.user, via=via):
        practice = locked(practice)
        _require_state(viewer, "withdraw", practice)
        practice.status = GoodPractice.Status.WITHDRAWN
        practice.save(update_fields=STATUS_CHANGE_FIELDS)
    return practice


# --- who is told ----------------------------------------------------------------------------


def _secretariat_emails() -> list[str]:
    roles = Role.objects.active().filter(kind=Role.Kind.SECRETARIAT)
    return sorted({e for e in roles.values_list("user__email", flat=True) if e})


def _member_emails(practice: GoodPractice) -> list[str]:
    """The member's focal point and deputies, and whoever submitted the practice."""
    roles = Role.objects.active().filter(
        member_id=practice.member_id, kind__in=[Role.Kind.FOCAL_POINT, Role.Kind.DEPUTY_FOCAL_POINT]
    )
    people = set(roles.values_list("user__email", flat=True))
    if practice.submitted_by_id is not None:
        submitter = Role.objects.active().filter(user_id=practice.submitted_by_id, member_id=practice.member_id)
        people.update(submitter.values_list("user__email", flat=True))
    return sorted(p for p in people if p)


def _tell(recipients: list[str], *, subject: str, body: str, practice: GoodPractice) -> None:
    """One message per address (people do not see each other's addresses)."""
    text = body % {
        "member": practice.member.name,
        "title": practice.title,
        "note": practice.review_note,
        "link": settings.SITE_URL + practice.get_absolute_url(),
    }
    for address in recipients:
        email_after_commit(to=[address], subject=subject, body=text)


# --- import ---------------------------------------------------------------------------------

COLUMNS = [
    "member",
    "title",
    "summary",
    "body",
    "language",
    "contact_name",
    "contact_email",
    "visibility",
    "commitments",
    "capabilities",
    "status",
]
REQUIRED = ["member", "title", "summary"]
IMPORT_STATUSES = (GoodPractice.Status.DRAFT, GoodPractice.Status.PUBLISHED)


@dataclass
class ImportReport:
    dry_run: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def _row_input(row: Row, problems: list[Problem]) -> tuple[PracticeInput, str]:
    numbers: list[int] = []
    for part in _split(row.get("commitments")):
        try:
            numbers.append(int(part))
        except ValueError:
            problems.append(Problem(_("Commitments are numbers 1 to 9."), field="commitments", row=row.number))
    status = row.get("status") or GoodPractice.Status.DRAFT
    if status not in IMPORT_STATUSES:
        problems.append(Problem(_("The status is draft or published."), field="status", row=row.number))
    data = PracticeInput(
        title=row.get("title"),
        summary=row.get("summary"),
        body=row.values.get("body", "").strip(),
        language=row.get("language") or GoodPractice.Language.EN,
        contact_name=row.get("contact_name"),
        contact_email=row.get("contact_email"),
        visibility=row.get("visibility") or Visibility.TASKFORCE,
        commitments=numbers,
        capabilities=_split(row.get("capabilities")),
    )
    return data, status


def practices_import(*, viewer: Viewer, name: str, content: bytes, dry_run: bool = False) -> ImportReport:
    """Create or update practices by member (short name) and title. All rows are checked first; any
    problem writes nothing. A row marked published is published at once (the secretariat imports)."""
    _require(viewer, "import", None)
    rows = read_table(name=name, content=content, required=REQUIRED)
    members = {m.slug: m for m in Member.objects.all()}
    problems: list[Problem] = []
    planned: list[tuple[Member, PracticeInput, str, _Tags, str]] = []
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        row_problems: list[Problem] = []
        member = members.get(row.get("member"))
        if member is None:
            row_problems.append(Problem(_("No member with this short name."), field="member", row=row.number))
        data, status = _row_input(row, row_problems)
        key = (row.get("member"), row.get("title"))
        if key in seen:
            row_problems.append(
                Problem(_("Same member and title as row %(row)s.") % {"row": seen[key]}, field="title", row=row.number)
            )
        seen[key] = row.number
        probe = GoodPractice(member=member) if member else GoodPractice()
        _apply(probe, data)
        _check(probe, row_problems, row=row.number)
        tags = _tags(viewer, data, row_problems, row=row.number)
        for p in row_problems:
            p.row = row.number
        problems += row_problems
        if member is not None:
            planned.append((member, data, status, tags, row.get("title")))
    raise_problems(problems, _("The file has errors; nothing was imported."))
    report = ImportReport(dry_run=dry_run)
    existing = {(p.member_id, p.title): p for p in GoodPractice.objects.filter(member__in=[m for m, *_ in planned])}
    with transaction.atomic(), acting_as(viewer.user, via="import"):
        for member, data, status, tags, title in planned:
            practice = existing.get((member.pk, title))
            if practice is None:
                practice = GoodPractice(member=member, created_by=viewer.user, is_synthetic=member.is_synthetic)
                _apply(practice, data)
                _set_status(practice, status, viewer)
                full_clean(practice)
                practice.save()
                _write_tags(practice, tags)
                report.created.append(f"{member.name}: {title}")
                continue
            changed = _apply(practice, data)
            before = (
                {c.number for c in practice.commitments.all()},
                {(t.framework, t.number) for t in practice.capability_tags.all()},
            )
            after = ({c.number for c in tags.commitments or []}, set(tags.capabilities or []))
            if practice.status != status and status == GoodPractice.Status.PUBLISHED:
                changed += _set_status(practice, status, viewer)
            if not changed and before == after:
                report.unchanged += 1
                continue
            full_clean(practice)
            practice.save()
            _write_tags(practice, _Tags(commitments=tags.commitments, capabilities=tags.capabilities))
            report.updated.append(f"{member.name}: {title}")
        if dry_run:
            transaction.set_rollback(True)
    return report


def _set_status(practice: GoodPractice, status: str, viewer: Viewer) -> list[str]:
    if status != GoodPractice.Status.PUBLISHED:
        return []
    practice.status = GoodPractice.Status.PUBLISHED
    practice.published_at = practice.published_at or timezone.now()
    practice.reviewed_by = viewer.user
    return ["status", "published_at", "reviewed_by"]
