from django.urls import path

from hub.meetings.views import actions
from hub.meetings.views import changes
from hub.meetings.views import meetings

urlpatterns = [
    path("meetings/", meetings.meetings, name="meetings"),
    path("meetings/new/", meetings.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", changes.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/status/", meetings.meeting_status, name="meeting_status"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/edit/", changes.agenda_edit, name="meeting_agenda_edit"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/move/", changes.agenda_move, name="meeting_agenda_move"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/remove/", changes.agenda_remove, name="meeting_agenda_remove"),
    path("meetings/<int:pk>/invite-all/", changes.invite_all, name="meeting_invite_all"),
    path("meetings/<int:pk>/delegates/", changes.delegate_add, name="meeting_delegate_add"),
    path(
        "meetings/<int:pk>/delegates/<int:delegate_pk>/remove/", changes.delegate_drop, name="meeting_delegate_remove"
    ),
    path("meetings/<int:pk>/agenda/", meetings.agenda_add, name="meeting_agenda_add"),
    path("meetings/<int:pk>/invite/", meetings.invite, name="meeting_invite"),
    path("meetings/<int:pk>/attendance/", meetings.attendance, name="meeting_attendance"),
    path("meetings/<int:pk>/documents/", meetings.document_add, name="meeting_document_add"),
    path("meetings/<int:pk>/minutes/", meetings.minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/minutes/approve/", meetings.minutes_approve, name="meeting_minutes_approve"),
    path("meetings/<int:pk>/minutes/comments/", meetings.minutes_comment_add, name="meeting_minutes_comment"),
    path("meetings/<int:pk>/decisions/", meetings.decision_add, name="meeting_decision_add"),
    path("meetings/<int:pk>/actions/", meetings.action_add, name="meeting_action_add"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/input/", meetings.input_submit, name="meeting_input_submit"),
    path("meetings/<int:pk>/inputs/<int:input_pk>/respond/", meetings.input_respond, name="meeting_input_respond"),
    path("meetings/<int:pk>/<str:kind>.pdf", meetings.meeting_pdf_view, name="meeting_pdf"),
    path("meetings/<int:pk>/meeting.ics", meetings.meeting_ics_view, name="meeting_ics"),
    path("meetings/documents/<int:pk>/", meetings.document_download, name="meeting_document"),
    path("decisions/", actions.decisions, name="decisions"),
    path("decisions/<int:pk>/", changes.decision_detail, name="decision_detail"),
    path("procedures/", actions.procedures, name="procedures"),
    path("procedures/<int:pk>/", actions.procedure_detail, name="procedure_detail"),
    path("actions/", actions.action_items, name="action_items"),
    path("actions/export.<str:fmt>", actions.action_items_export, name="action_items_export"),
    path("actions/<int:pk>/", actions.action_item_detail, name="action_item_detail"),
    path("calendar/", actions.calendar_settings, name="calendar_settings"),
    path("calendar/<str:token>.ics", actions.calendar_feed, name="calendar_feed"),
]
