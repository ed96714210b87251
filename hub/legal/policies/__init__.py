"""Who sees and does what in legal frameworks: one module per part, each registering its policies."""

from hub.legal.policies import checklist  # noqa: F401
from hub.legal.policies import codings  # noqa: F401
from hub.legal.policies import io  # noqa: F401
from hub.legal.policies import profiles  # noqa: F401
