from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "hub.reporting"
    label = "reporting"
    verbose_name = _("Commitments and reporting")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from hub.reporting import models, policies  # noqa: F401

        for model in (
            models.Commitment,
            models.QuestionnaireVersion,
            models.Question,
            models.Indicator,
            models.ReportingCycle,
            models.ProgressReport,
            models.Answer,
            models.IndicatorValue,
            models.Evidence,
            models.ReviewComment,
            models.ShowcaseItem,
            models.CycleReminder,
        ):
            if not auditlog.contains(model):
                auditlog.register(model, exclude_fields=["updated_at"])
