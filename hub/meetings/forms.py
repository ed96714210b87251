from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.commitments.models import Commitment
from hub.core.forms import HubForm
from hub.core.models import Visibility
from hub.meetings.models import ActionItem
from hub.meetings.models import AgendaItem
from hub.meetings.models import Meeting
from hub.meetings.models import MeetingInvitation
from hub.members.models import Member

DATETIME_HELP = _("YYYY-MM-DD HH:MM, in UTC")


class MeetingForm(HubForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=Meeting.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts at"), help_text=DATETIME_HELP)
    ends_at = forms.DateTimeField(label=_("Ends at"), help_text=DATETIME_HELP)
    time_zone = forms.CharField(label=_("Local time zone of the meeting"), max_length=64, initial="UTC")
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online_link = forms.URLField(label=_("Online link (invitees only)"), required=False, assume_scheme="https")
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices, initial=Visibility.TASKFORCE)
    summary = forms.CharField(label=_("Public summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class MeetingStatusForm(HubForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=[c for c in Meeting.Status.choices if c[0] != Meeting.Status.MINUTES_APPROVED]
    )


class AgendaItemForm(HubForm):
    title = forms.CharField(label=_("Agenda item"), max_length=300)
    presenter = forms.CharField(label=_("Presenter"), max_length=200, required=False)
    starts_at = forms.DateTimeField(label=_("Starts at"), required=False, help_text=DATETIME_HELP)
    minutes_allotted = forms.IntegerField(label=_("Time (minutes)"), required=False, min_value=1)
    open_for_input = forms.BooleanField(label=_("Open for outside input"), required=False)


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


class DecisionForm(HubForm):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    commitments: forms.ModelMultipleChoiceField[Commitment] = forms.ModelMultipleChoiceField(
        label=_("Commitments it serves"),
        queryset=Commitment.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ActionItemForm(HubForm):
    title = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ChoiceField(label=_("Owner"))
    due_on = forms.DateField(label=_("Due on (YYYY-MM-DD)"))
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("secretariat", _("The secretariat"))] + [(m.slug, m.name) for m in members]
        self.fields["owner"].choices = choices  # type: ignore[attr-defined]


class ProgressForm(HubForm):
    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)
    text = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 3}))
    drop_reason = forms.CharField(label=_("Reason for dropping (if dropped)"), required=False)


class ProcedureForm(HubForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    proposal = forms.CharField(label=_("Proposal"), widget=forms.Textarea(attrs={"rows": 5}))
    deadline = forms.DateTimeField(label=_("Deadline for objections"), help_text=DATETIME_HELP)
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices, initial=Visibility.TASKFORCE)


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
