"""MNR self-assessment's models, one module per part."""

from hub.assessments.models.assessments import *  # noqa: F403
from hub.assessments.models.exchange import *  # noqa: F403
from hub.assessments.models.framework import *  # noqa: F403
