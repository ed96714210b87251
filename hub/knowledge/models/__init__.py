"""The knowledge hub's models, one module per part."""

from hub.knowledge.models.consultations import *  # noqa: F403
from hub.knowledge.models.documents import *  # noqa: F403
from hub.knowledge.models.practices import *  # noqa: F403
from hub.knowledge.models.search import *  # noqa: F403
from hub.knowledge.models.terminology import *  # noqa: F403
