"""French: 2 juin 2022, 2 juin 2022, 14:05."""

from taskforce.formats import DATE_INPUT_FORMATS  # noqa: F401
from taskforce.formats import DATETIME_INPUT_FORMATS  # noqa: F401
from taskforce.formats import TIME_FORMAT  # noqa: F401
from taskforce.formats import TIME_INPUT_FORMATS  # noqa: F401

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
