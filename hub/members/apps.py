from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "hub.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from hub.core import registry
        from hub.core.policies import register_grant_source
        from hub.core.viewer import register_role_source
        from hub.members import dashboard  # noqa: F401
        from hub.members import demo  # noqa: F401
        from hub.members import models  # noqa: F401
        from hub.members import policies  # noqa: F401
        from hub.members import search
        from hub.members import selectors  # noqa: F401
        from hub.members.services import reference_members_load

        search.register()
        registry.reference_table("members", reference_members_load)
        registry.demo_seed("members", demo.seed_demo_lines)
        registry.dashboard_panel(
            "members.attention", "members/panels/attention.html", dashboard.attention_panel, order=2
        )
        registry.dashboard_panel("members.you", "members/panels/you.html", dashboard.you_panel, order=10)
        registry.dashboard_panel(
            "members.secretariat", "members/panels/secretariat.html", dashboard.secretariat_panel, order=30
        )
        register_role_source(selectors.viewer_roles)
        register_grant_source(policies.granted_ids)

        auditlog.register(models.Grant)
        auditlog.register(models.Role, exclude_fields=["updated_at"])
        auditlog.register(models.Invitation, exclude_fields=["token_hash", "updated_at"])
        auditlog.register(models.Member, exclude_fields=["updated_at"])
        auditlog.register(models.TaskforceRole)
        auditlog.register(models.MemberNote, exclude_fields=["updated_at"])
        auditlog.register(models.MemberStatusChange)
        auditlog.register(models.AllianceFigure)
        auditlog.register(models.JoinRequest, exclude_fields=["token_nonce", "updated_at"])
        auditlog.register(models.JoinRequestMessage)
