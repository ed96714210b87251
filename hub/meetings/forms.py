from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hub.commitments.models import Commitment
from hub.core.fields import available_time_zones
from hub.core.fields import validate_time_zone
from hub.core.forms import HubForm
from hub.core.models import Visibility
from hub.meetings.models import ActionItem
from hub.meetings.models import AgendaItem
from hub.meetings.models import Meeting
from hub.meetings.models import MeetingInvitation
from hub.members.models import Member

# The only ways a date and time are read: year first (what the browser's date-and-time input sends,
# and ISO 8601 typed by hand). "01/12/2026 06:00" is refused, never guessed.
LOCAL_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S")
WIDGET_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    """The browser's own date-and-time picker (`<input type="datetime-local">`)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=WIDGET_FORMAT)


class LocalDateTimeField(forms.Field):
    """A wall-clock date and time (naive): the form says in which time zone it is read."""

    widget = LocalDateTimeInput
    default_error_messages = {"invalid": _("Enter the date and time as on the calendar, such as 2026-12-01 09:00.")}

    def to_python(self, value: Any) -> datetime.datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.replace(tzinfo=None)
        text = str(value).strip()
        for pattern in LOCAL_FORMATS:
            try:
                return datetime.datetime.strptime(text, pattern)  # noqa: DTZ007 - a wall-clock time, zoned by the form
            except ValueError:
                continue
        raise ValidationError(self.error_messages["invalid"], code="invalid")


def in_zone(value: datetime.datetime | None, zone: str) -> datetime.datetime | None:
    """A wall-clock time read in `zone` (an IANA name)."""
    return None if value is None else value.replace(tzinfo=zoneinfo.ZoneInfo(zone))


def wall_clock(value: datetime.datetime | None, zone: str) -> datetime.datetime | None:
    """A stored moment as the clock in `zone` shows it (what the date-and-time input shows)."""
    return None if value is None else value.astimezone(zoneinfo.ZoneInfo(zone)).replace(tzinfo=None)


def time_zone_choices() -> list[tuple[str, str]]:
    names = sorted(available_time_zones() - {"UTC"})
    return [("UTC", "UTC"), *((n, n.replace("_", " ")) for n in names if "/" in n and not n.startswith("Etc/"))]


class TimeZoneField(forms.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=time_zone_choices, validators=[validate_time_zone], **kwargs)


class MeetingForm(HubForm):
    """Schedule, edit or reschedule a meeting: its times are read in the meeting's own time zone."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Meeting.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    time_zone = TimeZoneField(
        label=_("Time zone of the meeting"),
        initial="UTC",
        help_text=_("Where the meeting takes place; the times below are in this zone."),
    )
    starts_at = LocalDateTimeField(label=_("Starts"), help_text=_("Date and time in the meeting's time zone."))
    ends_at = LocalDateTimeField(label=_("Ends"), help_text=_("Date and time in the meeting's time zone."))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online_link = forms.URLField(label=_("Online link (invitees only)"), required=False, assume_scheme="https")
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices, initial=Visibility.TASKFORCE)
    summary = forms.CharField(label=_("Public summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict[str, Any]:
        return {
            "kind": meeting.kind,
            "title": meeting.title,
            "time_zone": meeting.time_zone,
            "starts_at": wall_clock(meeting.starts_at, meeting.time_zone),
            "ends_at": wall_clock(meeting.ends_at, meeting.time_zone),
            "place": meeting.place,
            "online_link": meeting.online_link,
            "visibility": meeting.visibility,
            "summary": meeting.summary,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        zone = data.get("time_zone")
        if zone:
            for name in ("starts_at", "ends_at"):
                if data.get(name) is not None:
                    data[name] = in_zone(data[name], zone)
        return data


class MeetingStatusForm(HubForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=[c for c in Meeting.Status.choices if c[0] != Meeting.Status.MINUTES_APPROVED]
    )


class AgendaItemForm(HubForm):
    title = forms.CharField(label=_("Agenda item"), max_length=300)
    presenter = forms.CharField(label=_("Presenter"), max_length=200, required=False)
    starts_at = LocalDateTimeField(label=_("Starts at"), required=False)
    minutes_allotted = forms.IntegerField(label=_("Time (minutes)"), required=False, min_value=1, max_value=32767)
    open_for_input = forms.BooleanField(label=_("Open for outside input"), required=False)

    def __init__(self, *args: Any, time_zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.time_zone = time_zone
        self.fields["starts_at"].help_text = _("In the meeting's time zone (%(zone)s).") % {"zone": time_zone}

    @staticmethod
    def initial_for(item: AgendaItem) -> dict[str, Any]:
        return {
            "title": item.title,
            "presenter": item.presenter,
            "starts_at": wall_clock(item.starts_at, item.meeting.time_zone),
            "minutes_allotted": item.minutes_allotted,
            "open_for_input": item.open_for_input,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("starts_at") is not None:
            data["starts_at"] = in_zone(data["starts_at"], self.time_zone)
        return data


class InviteAllForm(HubForm):
    """The one-button form that invites every active member not yet invited."""


class InviteForm(HubForm):
    members: forms.ModelMultipleChoiceField[Member] = forms.ModelMultipleChoiceField(
        label=_("Members to invite"), queryset=Member.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members  # type: ignore[attr-defined]


class DocumentForm(HubForm):
    title = forms.CharField(label=_("Title"), max_length=300)
    agenda_item: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Paper for the agenda item"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("None: a document of the meeting"),
    )
    file = forms.FileField(label=_("File (PDF, DOCX, XLSX, PNG or JPEG; at most 20 MB)"))
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices, initial=Visibility.TASKFORCE)

    def __init__(self, *args: Any, meeting: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("order")  # type: ignore[attr-defined]


class OnBehalfOfForm(HubForm):
    """A form a member official sends in a member's name: the member, from those they may act for."""

    member: forms.ModelChoiceField[Member] = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Member.objects.none()
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members  # type: ignore[attr-defined]


class CommentForm(OnBehalfOfForm):
    text = forms.CharField(label=_("Comment on the minutes"), widget=forms.Textarea(attrs={"rows": 3}))


class MinutesForm(HubForm):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 10}))
    circulate = forms.BooleanField(label=_("Circulate to members for comments"), required=False)


class ApproveMinutesForm(HubForm):
    at_meeting = forms.ModelChoiceField(label=_("Approved at the meeting"), queryset=Meeting.objects.none())

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = meetings  # type: ignore[attr-defined]


class DecisionEditForm(HubForm):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 4}))
    reason = forms.CharField(
        label=_("Why the text changes"),
        max_length=1000,
        help_text=_("Kept with the earlier text in the decision's history."),
    )


class DelegateForm(HubForm):
    """A person who attends for an invited member."""

    invitation: forms.ModelChoiceField[MeetingInvitation] = forms.ModelChoiceField(
        label=_("Attends for"), queryset=MeetingInvitation.objects.none()
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail (optional)"), required=False)
    role = forms.CharField(
        label=_("Role in the delegation (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example: head of delegation, adviser."),
    )

    def __init__(self, *args: Any, invitations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["invitation"]
        field.queryset = invitations  # type: ignore[attr-defined]
        field.label_from_instance = lambda i: i.member.name  # type: ignore[attr-defined]


class DecisionForm(HubForm):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    commitments: forms.ModelMultipleChoiceField[Commitment] = forms.ModelMultipleChoiceField(
        label=_("Commitments it serves"),
        queryset=Commitment.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class DateInput(forms.DateInput):
    """The browser's own date picker (`<input type="date">`, which sends YYYY-MM-DD)."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class ActionItemForm(HubForm):
    title = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ChoiceField(label=_("Owner"))
    due_on = forms.DateField(label=_("Due on"), widget=DateInput, input_formats=["%Y-%m-%d"])
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    decision = forms.ChoiceField(label=_("From the decision"), required=False)

    def __init__(self, *args: Any, members: Any, decisions: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("secretariat", _("The secretariat"))] + [(m.slug, m.name) for m in members]
        self.fields["owner"].choices = choices  # type: ignore[attr-defined]
        offered = [(str(d.pk), decision_label(d)) for d in decisions]
        if offered:
            self.fields["decision"].choices = [("", _("None: from the meeting itself")), *offered]  # type: ignore[attr-defined]
        else:
            del self.fields["decision"]


def decision_label(decision: Any) -> str:
    """A decision as a choice names it: its number and the start of its text."""
    text = " ".join(str(decision.text).split())
    short = text if len(text) <= 90 else text[:89].rstrip() + "…"
    return f"{decision.code}: {short}"


class ProgressForm(HubForm):
    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)
    text = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 3}))
    drop_reason = forms.CharField(label=_("Reason for dropping (if dropped)"), required=False)


class ProcedureForm(HubForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    proposal = forms.CharField(label=_("Proposal"), widget=forms.Textarea(attrs={"rows": 5}))
    deadline = LocalDateTimeField(label=_("Deadline for objections"), help_text=_("Date and time in UTC."))
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices, initial=Visibility.TASKFORCE)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("deadline") is not None:
            data["deadline"] = in_zone(data["deadline"], "UTC")
        return data


class ObjectionForm(OnBehalfOfForm):
    reason = forms.CharField(label=_("Reason for the objection"), widget=forms.Textarea(attrs={"rows": 3}))


class InputForm(HubForm):
    organisation = forms.CharField(label=_("On behalf of (group or initiative)"), max_length=200)
    text = forms.CharField(label=_("Your input"), widget=forms.Textarea(attrs={"rows": 4}))


class ResponseForm(HubForm):
    response = forms.CharField(label=_("Reasoned response"), widget=forms.Textarea(attrs={"rows": 3}))


ATTENDANCE_CHOICES = MeetingInvitation.Attendance.choices


class AttendanceForm(HubForm):
    """One choice per invited member: present, apologies or absent."""

    def __init__(self, *args: Any, invitations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for invitation in invitations:
            self.fields[f"attendance-{invitation.member_id}"] = forms.ChoiceField(
                label=str(invitation.member), choices=ATTENDANCE_CHOICES, initial=invitation.attendance
            )

    @staticmethod
    def attendance_of(cleaned: dict[str, Any]) -> dict[int, str]:
        return {int(k.removeprefix("attendance-")): v for k, v in cleaned.items()}
