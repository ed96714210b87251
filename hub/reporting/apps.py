from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "hub.reporting"
    label = "reporting"
    verbose_name = _("Commitments and reporting")

    def ready(self) -> None:
        from hub.core import registry
        from hub.core.audit import audit_models
        from hub.reporting import dashboard  # noqa: F401
        from hub.reporting import demo  # noqa: F401
        from hub.reporting import models  # noqa: F401
        from hub.reporting import policies  # noqa: F401
        from hub.reporting import search
        from hub.reporting.calendar import reporting_deadlines
        from hub.reporting.services import cycle_reminders_send

        search.register()
        registry.demo_seed("reporting", demo.seed_reporting_lines)
        registry.reminders("reporting", cycle_reminders_send, "{count} reporting reminder(s) queued")
        registry.dashboard_panel(
            "reporting.attention", "reporting/panels/attention.html", dashboard.attention_panel, order=1
        )
        registry.calendar_source("reporting", reporting_deadlines)

        audit_models(
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
        )
