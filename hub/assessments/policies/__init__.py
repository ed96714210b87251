"""Who sees and does what in MNR self-assessment: one module per part, each registering its policies."""

from hub.assessments.policies import assessments  # noqa: F401
from hub.assessments.policies import exchange  # noqa: F401
from hub.assessments.policies import framework  # noqa: F401
