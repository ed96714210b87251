from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "hub.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from hub.members import models, policies  # noqa: F401

        auditlog.register(models.Member, exclude_fields=["updated_at"])
        auditlog.register(models.TaskforceRole)
        auditlog.register(models.MemberNote, exclude_fields=["updated_at"])
        auditlog.register(models.MemberStatusChange)
        auditlog.register(models.AllianceFigure)
        auditlog.register(models.JoinRequest, exclude_fields=["token_nonce", "updated_at"])
        auditlog.register(models.JoinRequestMessage)
