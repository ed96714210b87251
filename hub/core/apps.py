from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "hub.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from hub.core import models
        from hub.core.audit import audit_models

        # What was said is left out (a person's mail is theirs alone; the write that sent it is audited
        # itself): the audit row says who was told, when, and when they read it.
        audit_models(models.Notification, exclude_fields=["subject", "sealed_body", "sealed_link"])


class HubAdminConfig(admin_apps.AdminConfig):
    """The Django admin with our site (administrators only); here, not in admin.py, so that loading
    the app does not import the admin module (which asks the policies) before the apps are ready."""

    default = False  # hub.core's own config is CoreConfig
    default_site = "hub.core.admin.HubAdminSite"
