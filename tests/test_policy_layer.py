"""The policy layer: visibility levels, author and grants, not-found for hidden records."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured

from conftest import as_viewer
from conftest import make_person
from hub.core.errors import NotFound
from hub.core.errors import PermissionDenied
from hub.core.models import Visibility
from hub.core.models import VisibleModel
from hub.core.policies import navigation_for
from hub.core.policies import platform
from hub.core.policies import policy_for
from hub.core.policies import registered_models
from hub.core.viewer import ANONYMOUS
from hub.core.viewer import SYSTEM
from hub.members.models import Grant
from hub.members.models import Member
from hub.members.models import MemberNote
from hub.members.models import Role


def note(member: Member, author, level: str, text: str = "x") -> MemberNote:
    return MemberNote.objects.create(member=member, author=author, visibility=level, text=text)


@pytest.fixture
def notes(member_a, secretariat):
    return {level: note(member_a, secretariat, level, f"note-{level}") for level in Visibility.values}


def visible_levels(user) -> set[str]:
    return set(policy_for(MemberNote).visible(as_viewer(user)).values_list("visibility", flat=True))


def test_anonymous_sees_only_public_records(notes):
    assert visible_levels(None) == {"public"}


def test_official_of_the_owner_sees_public_taskforce_and_member_records(notes, official_a):
    assert visible_levels(official_a) == {"public", "taskforce", "member"}


def test_official_of_another_member_sees_public_and_taskforce_records(notes, official_b):
    assert visible_levels(official_b) == {"public", "taskforce"}


def test_secretariat_sees_every_level(notes, secretariat):
    assert visible_levels(secretariat) == set(Visibility.values)


def test_contributor_without_a_grant_sees_only_public_records(notes, contributor):
    assert visible_levels(contributor) == {"public"}


def test_administrator_sees_no_member_data_beyond_public(notes, administrator):
    assert visible_levels(administrator) == {"public"}


def test_a_session_without_second_factor_is_anonymous(notes, member_a):
    user = make_person("nofactor@example.org", Role.Kind.OFFICIAL, member_a, mfa=False)
    assert as_viewer(user) == ANONYMOUS
    assert visible_levels(user) == {"public"}


def test_author_always_sees_their_own_record(member_a, official_a, secretariat):
    own = note(member_a, official_a, Visibility.SECRETARIAT, "mine")
    assert policy_for(MemberNote).can_view(as_viewer(official_a), own)


def test_grant_to_a_person_widens_access_to_that_record_only(notes, contributor, secretariat):
    target = notes["member"]
    Grant.objects.create(
        content_type=ContentType.objects.get_for_model(MemberNote),
        object_id=target.pk,
        grantee_user=contributor,
        reason="consultation",
        granted_by=secretariat,
    )
    assert visible_levels(contributor) == {"public", "member"}
    assert not policy_for(MemberNote).can_view(as_viewer(contributor), notes["secretariat"])


def test_grant_to_a_member_reaches_its_officials(notes, official_b, member_b, secretariat):
    Grant.objects.create(
        content_type=ContentType.objects.get_for_model(MemberNote),
        object_id=notes["secretariat"].pk,
        grantee_member=member_b,
        reason="exchange",
        granted_by=secretariat,
    )
    assert visible_levels(official_b) == {"public", "taskforce", "secretariat"}


def test_grants_are_seen_by_grantees_and_secretariat_only(notes, contributor, official_b, member_b, secretariat):
    ct = ContentType.objects.get_for_model(MemberNote)
    Grant.objects.create(content_type=ct, object_id=1, grantee_user=contributor, reason="r", granted_by=secretariat)
    Grant.objects.create(content_type=ct, object_id=2, grantee_member=member_b, reason="r", granted_by=secretariat)
    policy = policy_for(Grant)
    assert policy.visible(as_viewer(contributor)).count() == 1
    assert policy.visible(as_viewer(official_b)).count() == 1
    assert policy.visible(as_viewer(secretariat)).count() == 2
    assert policy.visible(ANONYMOUS).count() == 0


def test_get_raises_not_found_for_hidden_missing_and_malformed_ids(notes, official_b):
    policy = policy_for(MemberNote)
    viewer = as_viewer(official_b)
    with pytest.raises(NotFound):
        policy.get(viewer, notes["member"].pk)
    with pytest.raises(NotFound):
        policy.get(viewer, 999999)
    with pytest.raises(NotFound):
        policy.get(viewer, "not-a-number")
    assert policy.get(viewer, notes["taskforce"].pk) == notes["taskforce"]


def test_require_hides_invisible_records_and_forbids_visible_ones(notes, official_b, secretariat):
    policy = policy_for(MemberNote)
    with pytest.raises(NotFound):
        policy.require(as_viewer(official_b), "choose_any_level", notes["member"])
    with pytest.raises(PermissionDenied, match="Only the secretariat"):
        policy.require(as_viewer(official_b), "choose_any_level", notes["taskforce"], message="Only the secretariat")
    policy.require(as_viewer(secretariat), "choose_any_level", notes["member"])


def test_unknown_action_is_a_programming_error(notes, secretariat):
    with pytest.raises(ValueError, match="knows no action"):
        policy_for(MemberNote).can(as_viewer(secretariat), "fly")


def test_a_model_without_policy_is_refused():
    with pytest.raises(LookupError):
        policy_for(ContentType)


def models_with_a_visibility() -> list[type]:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, VisibleModel) or any(f.name == "visibility" for f in model._meta.get_fields())
    ]


def test_every_visible_model_registers_a_policy():
    visible = models_with_a_visibility()
    assert MemberNote in visible  # the search finds the models it is about
    missing = [model._meta.label for model in visible if model not in registered_models()]
    assert missing == []
    for model in visible:
        assert policy_for(model).model is model


def test_grants_and_the_audit_log_register_a_policy_too():
    assert {Grant, LogEntry} <= set(registered_models())


def test_audit_log_is_for_secretariat_and_administrators(notes, secretariat, administrator, official_a):
    policy = policy_for(LogEntry)
    assert policy.visible(as_viewer(secretariat)).exists()
    assert policy.visible(as_viewer(administrator)).exists()
    assert not policy.visible(as_viewer(official_a)).exists()
    assert not policy.visible(ANONYMOUS).exists()


def test_system_viewer_is_secretariat_without_a_person():
    assert SYSTEM.is_secretariat
    assert not SYSTEM.is_authenticated


def test_administrators_read_the_values_of_people_records_but_not_of_member_data(
    notes, secretariat, administrator, official_a
):
    policy = policy_for(LogEntry)
    note_entry = LogEntry.objects.get_for_object(notes["member"]).first()
    person_entry = LogEntry.objects.get_for_object(official_a).first()
    assert policy.can(as_viewer(secretariat), "read_values", note_entry)
    assert not policy.can(as_viewer(administrator), "read_values", note_entry)
    assert policy.can(as_viewer(administrator), "read_values", person_entry)
    role_entry = LogEntry.objects.get_for_object(Role.objects.get(user=official_a)).first()
    assert policy.can(as_viewer(administrator), "read_values", role_entry)  # roles moved to members: still people
    assert not policy.can(as_viewer(administrator), "read_values")
    assert policy.can(as_viewer(administrator), "browse")
    assert not policy.can(as_viewer(official_a), "browse")
    assert navigation_for(as_viewer(administrator))["audit_log"]
    assert not navigation_for(ANONYMOUS)["audit_log"]


def test_only_administrators_administer_the_platform(administrator, secretariat):
    assert platform.can_administer(as_viewer(administrator))
    assert not platform.can_administer(as_viewer(secretariat))


def test_without_a_registered_grant_source_or_role_source_the_platform_refuses_to_answer(db):
    from hub.core import policies
    from hub.core import viewer

    with pytest.raises(ImproperlyConfigured, match="No grant source"):
        policies._no_grants(SYSTEM, ContentType.objects.get_for_model(Member))
    with pytest.raises(ImproperlyConfigured, match="No role source"):
        viewer._no_roles(None)


def test_a_second_grant_or_role_source_is_refused():
    from hub.core import policies
    from hub.core import viewer

    with pytest.raises(ImproperlyConfigured, match="registered already"):
        policies.register_grant_source(lambda v, ct: ContentType.objects.none())
    with pytest.raises(ImproperlyConfigured, match="registered already"):
        viewer.register_role_source(lambda user: viewer.ViewerRoles())


def test_a_policy_naming_a_member_must_say_which_model_holds_it():
    from hub.core.policies import FollowsParentPolicy

    with pytest.raises(TypeError, match="named_member_model"):
        type("BadPolicy", (FollowsParentPolicy,), {"named_member_path": "member"})
