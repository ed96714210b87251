from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.forms import HubForm
from hub.core.models import Visibility
from hub.members.models import REGION_LABELS, Member, TaskforceRole


class DirectoryFilterForm(HubForm):
    q = forms.CharField(label=_("Name contains"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any"))] + list(Member.Kind.choices))
    role = forms.ChoiceField(
        label=_("Taskforce role"), required=False, choices=[("", _("Any"))] + list(TaskforceRole.Role.choices)
    )

    def __init__(self, *args: Any, regions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = [(r, REGION_LABELS.get(r, r)) for r in regions]
        self.fields["region"].choices = [("", _("Any")), *labels]  # type: ignore[attr-defined]


class MemberNoteForm(HubForm):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))
    visibility = forms.ChoiceField(label=_("Who may see it"))

    def __init__(self, *args: Any, secretariat: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        levels = (
            Visibility.choices
            if secretariat
            else [
                (Visibility.TASKFORCE.value, Visibility.TASKFORCE.label),
                (Visibility.MEMBER.value, Visibility.MEMBER.label),
            ]
        )
        self.fields["visibility"].choices = levels  # type: ignore[attr-defined]
        self.fields["visibility"].initial = Visibility.MEMBER
