from django.conf import settings
from django.contrib import admin
from django.urls import include
from django.urls import path

from hub.api.api import api
from hub.core import handlers as core_handlers
from hub.core import notification_views
from hub.core import views as core_views

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # E-mail addresses are the identity invitations were sent to: they are not changed by users.
    path("accounts/email/", core_handlers.not_found, name="account_email_disabled"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("dashboard/", core_views.dashboard, name="dashboard"),
    path("notifications/", notification_views.notifications, name="notifications"),
    path("notifications/read/", notification_views.notifications_read_all, name="notifications_read_all"),
    path("notifications/<int:pk>/read/", notification_views.notification_read, name="notification_read"),
    path("audit/", core_views.audit_log, name="audit_log"),
    path("audit/export.csv", core_views.audit_export, name="audit_export"),
    path("audit/records/<str:kind>/<str:pk>/", core_views.audit_record, name="audit_record"),
    path("", include("hub.members.urls")),
    path("", include("hub.commitments.urls")),
    path("", include("hub.meetings.urls")),
    path("", include("hub.reporting.urls")),
    path("", include("hub.knowledge.urls")),
    path("", include("hub.legal.urls")),
    path("", include("hub.assessments.urls")),
    path("", include("hub.public.urls")),
]

# The sent-mail pages exist on a developer's machine only (DEBUG); production never routes them.
if settings.DEBUG:
    urlpatterns.insert(0, path("", include("hub.core.dev_mail")))

handler404 = "hub.core.handlers.not_found"
handler500 = "hub.core.handlers.server_error"
handler403 = "hub.core.handlers.forbidden"
