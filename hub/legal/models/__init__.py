"""Legal frameworks' models, one module per part."""

from hub.legal.models.checklist import *  # noqa: F403
from hub.legal.models.codings import *  # noqa: F403
from hub.legal.models.profiles import *  # noqa: F403
