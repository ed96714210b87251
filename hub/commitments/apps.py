from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "hub.commitments"
    label = "commitments"
    verbose_name = _("Commitments")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from hub.commitments import demo, models, policies  # noqa: F401
        from hub.commitments.services import reference_commitments_load
        from hub.core import registry

        if not auditlog.contains(models.Commitment):
            auditlog.register(models.Commitment, exclude_fields=["updated_at"])
        registry.reference_table("commitments", reference_commitments_load)
        registry.demo_seed("commitments", demo.seed_commitments)
