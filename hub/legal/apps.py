from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "hub.legal"
    label = "legal"
    verbose_name = _("Legal frameworks")

    def ready(self) -> None:
        from hub.legal import models  # noqa: F401
        from hub.legal import policies  # noqa: F401
        from hub.legal.wiring import checklist
        from hub.legal.wiring import codings
        from hub.legal.wiring import compare
        from hub.legal.wiring import io
        from hub.legal.wiring import profiles

        for part in (checklist, profiles, codings, compare, io):
            part.register()
