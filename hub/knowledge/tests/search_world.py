"""Records of every searchable kind, at every level, for the search tests; built through the services.

Each record carries a word only it contains (its "secret"), and every record the word "walrus", so one
search lists everything a persona may open."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hub.commitments.services import reference_commitments_load
from hub.core import registry
from hub.core.models import Visibility
from hub.core.viewer import SYSTEM
from hub.meetings.models import Meeting
from hub.meetings.services import AgendaItemInput
from hub.meetings.services import action_item_create
from hub.meetings.services import agenda_item_add
from hub.meetings.services import decision_adopt
from hub.meetings.services import minutes_save
from hub.meetings.tests.helpers import held
from hub.members.models import Member
from hub.reporting.models import QuestionnaireVersion
from hub.reporting.services import report_save
from hub.reporting.tests.helpers import focal_viewer
from hub.reporting.tests.helpers import import_version
from hub.reporting.tests.helpers import new_cycle
from hub.reporting.tests.helpers import report_of


@dataclass
class SearchWorld:
    member_a: Member
    member_b: Member
    meeting_a: Meeting
    meeting_t: Meeting
    meeting_p: Meeting
    records: dict[str, Any]


# The secret words and who may find them ("a": A's officials, "tf": the taskforce).
SECRETS = {
    "zebrafish": "a",  # the title of A's member-level meeting
    "quokka": "a",  # an agenda item of it
    "axolotl": "a",  # a decision of it
    "capybara": "a",  # an action item A owns, member level
    "ibex": "a",  # A's progress report
    "lemur": "b",  # B's progress report
    "narwhal": "secretariat",  # draft minutes of A's meeting
    "pangolin": "tf",  # a taskforce meeting
    "wombat": "tf",  # its circulated minutes
    "okapi": "public",  # a public meeting
}


def build(member_a: Member, member_b: Member) -> SearchWorld:
    reference_commitments_load()
    meeting_a = held("Zebrafish walrus meeting", visibility=Visibility.MEMBER, members=[member_a])
    agenda_item_add(viewer=SYSTEM, meeting=meeting_a, data=AgendaItemInput(title="Quokka walrus item"))
    decision_a = decision_adopt(viewer=SYSTEM, meeting=meeting_a, text="The axolotl walrus decision.")
    minutes_save(viewer=SYSTEM, meeting=meeting_a, text="Narwhal walrus draft minutes.", circulate=False)
    action_a = action_item_create(
        viewer=SYSTEM,
        values={
            "title": "Capybara walrus action",
            "decision": decision_a,
            "owner_member": member_a,
            "due_on": meeting_a.starts_at.date(),
            "visibility": Visibility.MEMBER,
        },
    )
    meeting_t = held("Pangolin walrus plenary", visibility=Visibility.TASKFORCE, members=[member_a, member_b])
    minutes_save(viewer=SYSTEM, meeting=meeting_t, text="Wombat walrus minutes.", circulate=True)
    meeting_p = held("Okapi walrus open meeting", visibility=Visibility.PUBLIC)
    import_version("v1")
    cycle = new_cycle(QuestionnaireVersion.objects.get(code="v1"))
    report_a, report_b = report_of(cycle, member_a), report_of(cycle, member_b)
    report_save(
        viewer=focal_viewer(member_a),
        report_id=report_a.pk,
        answers={"c1-legal": {"status": "limited", "narrative": "An ibex walrus law was drafted."}},
    )
    report_save(
        viewer=focal_viewer(member_b),
        report_id=report_b.pk,
        answers={"c2-resources": {"status": "limited", "narrative": "A lemur walrus budget."}},
    )
    registry.search_rebuild()  # the receivers index after commit; a test's transaction never commits
    return SearchWorld(
        member_a=member_a,
        member_b=member_b,
        meeting_a=meeting_a,
        meeting_t=meeting_t,
        meeting_p=meeting_p,
        records={"decision_a": decision_a, "action_a": action_a, "report_a": report_a, "report_b": report_b},
    )
