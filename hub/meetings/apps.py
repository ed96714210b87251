from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "hub.meetings"
    label = "meetings"
    verbose_name = _("Meetings, decisions and action items")

    def ready(self) -> None:
        from hub.core import registry
        from hub.core.audit import audit_models
        from hub.meetings import dashboard  # noqa: F401
        from hub.meetings import demo  # noqa: F401
        from hub.meetings import models  # noqa: F401
        from hub.meetings import policies  # noqa: F401
        from hub.meetings import search
        from hub.meetings.services import reminders_send

        search.register()
        registry.demo_seed("meetings", demo.seed_meetings_lines)
        registry.dashboard_panel(
            "meetings.attention", "meetings/panels/attention.html", dashboard.attention_panel, order=3
        )
        registry.dashboard_panel("meetings.actions", "meetings/panels/actions.html", dashboard.actions_panel, order=20)
        registry.reminders("meetings", reminders_send, "{count} reminder(s) queued")

        audit_models(
            models.Meeting,
            models.AgendaItem,
            models.MeetingDocument,
            models.MeetingInvitation,
            models.MeetingDelegate,
            models.DecisionRevision,
            models.WrittenProcedure,
            models.Objection,
            models.Decision,
            models.ActionItem,
            models.ActionItemUpdate,
            models.OutsideInput,
            models.CalendarFeed,
            models.MinutesComment,
            models.ReminderSent,
            exclude_fields=["updated_at", "token_hash"],
            m2m_fields={models.Decision: ["commitments"], models.ActionItem: ["commitments"]},
        )
