from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "hub.commitments"
    label = "commitments"
    verbose_name = _("Commitments")

    def ready(self) -> None:
        from hub.commitments import demo  # noqa: F401
        from hub.commitments import models  # noqa: F401
        from hub.commitments import policies  # noqa: F401
        from hub.commitments.services import reference_commitments_load
        from hub.core import registry
        from hub.core.audit import audit_models

        audit_models(models.Commitment)
        registry.reference_table("commitments", reference_commitments_load)
        registry.demo_seed("commitments", demo.seed_commitments)
