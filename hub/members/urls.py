from django.urls import path

from hub.members.views import directory
from hub.members.views import invitations
from hub.members.views import joining
from hub.members.views import manage
from hub.members.views import profile

urlpatterns = [
    path("profile/", profile.profile, name="profile"),
    path("profile/tokens/<int:pk>/revoke/", profile.api_token_revoke_view, name="api_token_revoke"),
    path("invitations/", invitations.invitations, name="invitations"),
    path("invitations/<int:pk>/revoke/", invitations.invitation_revoke_view, name="invitation_revoke"),
    path("invitations/accept/<str:token>/", invitations.invitation_accept_view, name="invitation_accept"),
    path("members/", directory.directory, name="member_directory"),
    path("members/export.<str:fmt>", directory.directory_export, name="member_directory_export"),
    path("members/map.svg", directory.member_map, name="member_map"),
    path("members/new/", manage.member_new, name="member_new"),
    path("members/<slug:slug>/", directory.profile, name="member_profile"),
    path("members/<slug:slug>/notes/", directory.note_create, name="member_note_create"),
    path("members/<slug:slug>/edit/", manage.member_edit, name="member_edit"),
    path("members/<slug:slug>/status/", manage.member_status, name="member_status"),
    path("members/<slug:slug>/taskforce-roles/", manage.member_taskforce_role, name="member_taskforce_role"),
    path("members/<slug:slug>/people/", manage.member_people, name="member_people"),
    path("members/<slug:slug>/people/<int:pk>/end/", manage.member_role_end, name="member_role_end"),
    path("alliance-figures/", manage.alliance_figures, name="alliance_figures"),
    path("join/", joining.join, name="join"),
    path("join/sent/", joining.join_sent, name="join_sent"),
    path("join/<str:token>/", joining.join_status, name="join_request_status"),
    path("join/<str:token>/letter.pdf", joining.join_letter, name="join_letter"),
    path("join-requests/", joining.join_requests, name="join_requests"),
    path("join-requests/new/", joining.join_request_new, name="join_request_new"),
    path("join-requests/<int:pk>/", joining.join_request_detail, name="join_request_detail"),
    path("join-requests/<int:pk>/letter.pdf", joining.join_request_letter, name="join_request_letter"),
    path("join-requests/<int:pk>/alliance-check/", joining.join_request_check, name="join_request_check"),
    path("join-requests/<int:pk>/ask/", joining.join_request_ask, name="join_request_ask"),
    path("join-requests/<int:pk>/reject/", joining.join_request_reject_view, name="join_request_reject"),
    path("join-requests/<int:pk>/approve/", joining.join_request_approve_view, name="join_request_approve"),
]
