from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "hub.reporting"
    label = "reporting"
    verbose_name = _("Commitments and reporting")

    def ready(self) -> None:
        from hub.reporting import policies  # noqa: F401
