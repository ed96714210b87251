from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "hub.assessments"
    label = "assessments"
    verbose_name = _("MNR self-assessment")

    def ready(self) -> None:
        from hub.assessments import models  # noqa: F401
        from hub.assessments import policies  # noqa: F401
        from hub.assessments.wiring import aggregates
        from hub.assessments.wiring import assessments
        from hub.assessments.wiring import demo
        from hub.assessments.wiring import exchange
        from hub.assessments.wiring import framework

        for part in (framework, assessments, exchange, aggregates, demo):
            part.register()
