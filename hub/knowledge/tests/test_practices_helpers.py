"""What the good-practice tests share: practices built through the services (no tests here)."""

from __future__ import annotations

from typing import Any

from hub.commitments.services import reference_commitments_load
from hub.core.viewer import SYSTEM
from hub.core.viewer import Viewer
from hub.knowledge.models import GoodPractice
from hub.knowledge.services.practices import PracticeInput
from hub.knowledge.services.practices import practice_create
from hub.knowledge.services.practices import practice_publish
from hub.knowledge.services.practices import practice_submit
from hub.members.models import Member


def commitments() -> None:
    reference_commitments_load()


def draft(viewer: Viewer, member: Member, title: str = "A national hotline", **extra: Any) -> GoodPractice:
    values: dict[str, Any] = {
        "title": title,
        "summary": "What it is and what it achieved.",
        "body": "How it works.",
        "language": "en",
        "visibility": "taskforce",
        "commitments": [7],
        "capabilities": ["mnr-2016/12"],
        **extra,
    }
    return practice_create(viewer=viewer, member=member, data=PracticeInput(**values))


def submitted(viewer: Viewer, member: Member, title: str = "A national hotline", **extra: Any) -> GoodPractice:
    practice = draft(viewer, member, title, **extra)
    return practice_submit(viewer=viewer, practice_id=practice.pk)


def published(viewer: Viewer, member: Member, title: str = "A national hotline", **extra: Any) -> GoodPractice:
    practice = submitted(viewer, member, title, **extra)
    return practice_publish(viewer=SYSTEM, practice_id=practice.pk)
