"""Who sees and does what in the knowledge hub: one module per part, each registering its policies."""

from hub.knowledge.policies import consultations  # noqa: F401
from hub.knowledge.policies import documents  # noqa: F401
from hub.knowledge.policies import practices  # noqa: F401
from hub.knowledge.policies import search  # noqa: F401
from hub.knowledge.policies import terminology  # noqa: F401
