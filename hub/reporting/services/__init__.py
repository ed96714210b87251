"""Writes of the reporting app."""

from hub.reporting.services.cycles import (
    CycleInput,
    cycle_create,
    cycle_open,
    cycle_reminders_send,
    cycle_transition,
    cycle_update,
    report_create,
)
from hub.reporting.services.questionnaires import QUESTIONNAIRE_COLUMNS, questionnaire_import
from hub.reporting.services.reports import (
    evidence_add,
    evidence_file,
    report_accept,
    report_extend,
    report_return,
    report_save,
    report_submit,
    showcase_propose,
    showcase_sign_off,
    showcase_withdraw,
)

__all__ = [
    "QUESTIONNAIRE_COLUMNS",
    "CycleInput",
    "cycle_create",
    "cycle_open",
    "cycle_reminders_send",
    "cycle_transition",
    "cycle_update",
    "evidence_add",
    "evidence_file",
    "questionnaire_import",
    "report_accept",
    "report_create",
    "report_extend",
    "report_return",
    "report_save",
    "report_submit",
    "showcase_propose",
    "showcase_sign_off",
    "showcase_withdraw",
]
