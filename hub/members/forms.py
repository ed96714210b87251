from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.forms import HubForm
from hub.core.limits import SEARCH_MAX_LENGTH
from hub.core.models import Visibility
from hub.members.models import REGION_LABELS
from hub.members.models import Member
from hub.members.models import Role
from hub.members.models import TaskforceRole


class DirectoryFilterForm(HubForm):
    q = forms.CharField(label=_("Name contains"), required=False, max_length=SEARCH_MAX_LENGTH)
    region = forms.ChoiceField(label=_("Region"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any"))] + list(Member.Kind.choices))
    role = forms.ChoiceField(
        label=_("Taskforce role"), required=False, choices=[("", _("Any"))] + list(TaskforceRole.Role.choices)
    )

    focal_point = forms.ChoiceField(
        label=_("Focal point"),
        required=False,
        choices=[("", _("Any")), ("missing", _("Active members without a focal point"))],
    )

    def __init__(self, *args: Any, regions: list[str], focal_point_filter: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = [(r, REGION_LABELS.get(r, r)) for r in regions]
        self.fields["region"].choices = [("", _("Any")), *labels]  # type: ignore[attr-defined]
        if not focal_point_filter:  # who speaks for a member is the registry's to filter by
            del self.fields["focal_point"]


class MemberNoteForm(HubForm):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))
    visibility = forms.ChoiceField(label=_("Who may see it"))

    def __init__(self, *args: Any, any_level: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        levels = (
            Visibility.choices
            if any_level
            else [
                (Visibility.TASKFORCE.value, Visibility.TASKFORCE.label),
                (Visibility.MEMBER.value, Visibility.MEMBER.label),
            ]
        )
        self.fields["visibility"].choices = levels  # type: ignore[attr-defined]
        self.fields["visibility"].initial = Visibility.MEMBER


class MemberForm(HubForm):
    """The registry fields the secretariat edits (create and update)."""

    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    name_fr = forms.CharField(label=_("Name (French, unofficial translation)"), max_length=200, required=False)
    name_es = forms.CharField(label=_("Name (Spanish, unofficial translation)"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Member.Kind.choices)
    country = forms.CharField(
        label=_("ISO 3166 country code"), max_length=2, required=False, help_text=_("Two letters, e.g. FR.")
    )
    region = forms.CharField(label=_("Region (UN M49)"), max_length=64, required=False)
    founding_member = forms.BooleanField(label=_("Founding member"), required=False)
    mission_statement = forms.ChoiceField(label=_("Mission statement"), choices=Member.MissionStatement.choices)
    mission_signed_on = forms.DateField(label=_("Date signed (YYYY-MM-DD)"), required=False)
    joined_on = forms.DateField(label=_("Joined on (YYYY-MM-DD)"), required=False)
    alliance_member = forms.NullBooleanField(label=_("Member of WeProtect Global Alliance"), required=False)
    alliance_member_since = forms.DateField(label=_("Alliance member since (YYYY-MM-DD)"), required=False)
    alliance_source = forms.CharField(label=_("Source of the Alliance membership"), max_length=300, required=False)
    public_profile_en = forms.CharField(label=_("Public profile (English)"), widget=forms.Textarea, required=False)
    public_profile_fr = forms.CharField(label=_("Public profile (French)"), widget=forms.Textarea, required=False)
    public_profile_es = forms.CharField(label=_("Public profile (Spanish)"), widget=forms.Textarea, required=False)
    secretariat_notes = forms.CharField(label=_("Secretariat notes"), widget=forms.Textarea, required=False)
    source = forms.CharField(label=_("Source"), max_length=300, required=False)
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices, initial=Visibility.PUBLIC)

    def clean_country(self) -> str:
        return str(self.cleaned_data.get("country", "")).strip().upper()

    @staticmethod
    def initial_for(member: Member) -> dict[str, Any]:
        return {name: getattr(member, name) for name in MemberForm.base_fields}


class StatusChangeForm(HubForm):
    """A new status (the current one is not offered), its date and reason; the page confirms it."""

    status = forms.ChoiceField(label=_("New status"), choices=Member.Status.choices)
    effective_on = forms.DateField(label=_("Effective on (YYYY-MM-DD)"), required=False)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for the change.")},
    )

    def __init__(self, *args: Any, current: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(value, label) for value, label in Member.Status.choices if value != current]
        self.fields["status"].choices = choices  # type: ignore[attr-defined]


class TaskforceRoleForm(HubForm):
    role = forms.ChoiceField(label=_("Role"), choices=TaskforceRole.Role.choices)
    starts_on = forms.DateField(label=_("From (YYYY-MM-DD)"))
    ends_on = forms.DateField(label=_("Until (YYYY-MM-DD)"), required=False)
    source = forms.CharField(label=_("Source"), max_length=300)


class PersonInviteForm(HubForm):
    email = forms.EmailField(label=_("E-mail address"))
    kind = forms.ChoiceField(
        label=_("Role"),
        choices=[
            ("official", _("Member official")),
            ("focal_point", _("Focal point")),
            ("deputy_focal_point", _("Deputy focal point")),
        ],
    )


class JoinRequestForm(HubForm):
    government = forms.CharField(label=_("Government"), max_length=200)
    country = forms.CharField(
        label=_("ISO 3166 country code"), max_length=2, required=False, help_text=_("Two letters, e.g. FR.")
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(label=_("Official e-mail address"))
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    letter = forms.FileField(
        label=_("Letter (PDF, at most 10 MB)"), required=False, help_text=_("The government's letter of request.")
    )


class JoinAnswerForm(HubForm):
    text = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 4}))


class AllianceCheckForm(HubForm):
    is_alliance_member = forms.TypedChoiceField(
        label=_("Is the government a member of WeProtect Global Alliance?"),
        choices=[("true", _("Yes")), ("false", _("No"))],
        coerce=lambda v: v == "true",
    )
    source = forms.CharField(label=_("Source of the check"), max_length=300)


class AskMoreForm(HubForm):
    question = forms.CharField(label=_("Question to the requester"), widget=forms.Textarea(attrs={"rows": 3}))


class RejectForm(HubForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class AllianceFigureForm(HubForm):
    value = forms.IntegerField(label=_("Number of government members of the Alliance"), min_value=0)
    as_of = forms.DateField(label=_("As of (YYYY-MM-DD)"))
    source = forms.CharField(label=_("Source"), max_length=300)


class InvitationForm(HubForm):
    email = forms.EmailField(label=_("E-mail address"))
    kind = forms.ChoiceField(label=_("Role"))
    member: forms.ModelChoiceField[Member] = forms.ModelChoiceField(
        label=_("Member"),
        queryset=Member.objects.none(),
        required=False,
        help_text=_("Required for member officials and focal points; leave empty otherwise."),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        required=False,
        help_text=_("For a reference-group contributor: the group or initiative."),
    )

    def __init__(self, *args: Any, members: Any, allow_administrator: bool, allow_others: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = [
            (k.value, k.label)
            for k in Role.Kind
            if (k == Role.Kind.ADMINISTRATOR and allow_administrator) or (k != Role.Kind.ADMINISTRATOR and allow_others)
        ]
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        self.fields["member"].queryset = members  # type: ignore[attr-defined]


class AcceptInvitationForm(HubForm):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data
