from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "hub.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge, terminology and outside input")

    def ready(self) -> None:
        from hub.knowledge import models  # noqa: F401
        from hub.knowledge import policies  # noqa: F401
        from hub.knowledge.wiring import consultations
        from hub.knowledge.wiring import documents
        from hub.knowledge.wiring import practices
        from hub.knowledge.wiring import search
        from hub.knowledge.wiring import terminology

        for part in (terminology, documents, practices, consultations, search):
            part.register()
