"""Writes of the reporting app."""

from hub.reporting.services.cycles import CycleInput
from hub.reporting.services.cycles import cycle_create
from hub.reporting.services.cycles import cycle_open
from hub.reporting.services.cycles import cycle_reminders_send
from hub.reporting.services.cycles import cycle_transition
from hub.reporting.services.cycles import cycle_update
from hub.reporting.services.cycles import report_create
from hub.reporting.services.questionnaires import QUESTIONNAIRE_COLUMNS
from hub.reporting.services.questionnaires import questionnaire_import
from hub.reporting.services.reports import EvidenceInput
from hub.reporting.services.reports import evidence_add
from hub.reporting.services.reports import evidence_file
from hub.reporting.services.reports import report_accept
from hub.reporting.services.reports import report_extend
from hub.reporting.services.reports import report_return
from hub.reporting.services.reports import report_save
from hub.reporting.services.reports import report_section_save
from hub.reporting.services.reports import report_submit
from hub.reporting.services.reports import showcase_propose
from hub.reporting.services.reports import showcase_sign_off
from hub.reporting.services.reports import showcase_withdraw

__all__ = [
    "QUESTIONNAIRE_COLUMNS",
    "CycleInput",
    "EvidenceInput",
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
    "report_section_save",
    "report_submit",
    "showcase_propose",
    "showcase_sign_off",
    "showcase_withdraw",
]
