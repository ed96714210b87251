from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "hub.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from hub.core import registry
        from hub.members import demo, models, policies  # noqa: F401
        from hub.members.services import reference_members_load

        registry.reference_table("members", reference_members_load)
        registry.demo_seed("members", demo.seed_demo_lines)

        auditlog.register(models.Member, exclude_fields=["updated_at"])
        auditlog.register(models.TaskforceRole)
        auditlog.register(models.MemberNote, exclude_fields=["updated_at"])
        auditlog.register(models.MemberStatusChange)
        auditlog.register(models.AllianceFigure)
        auditlog.register(models.JoinRequest, exclude_fields=["token_nonce", "updated_at"])
        auditlog.register(models.JoinRequestMessage)
