"""Spanish: 2 de junio de 2022, 2 de junio de 2022, 14:05."""

from taskforce.formats import DATE_INPUT_FORMATS  # noqa: F401
from taskforce.formats import DATETIME_INPUT_FORMATS  # noqa: F401
from taskforce.formats import TIME_FORMAT  # noqa: F401
from taskforce.formats import TIME_INPUT_FORMATS  # noqa: F401

DATE_FORMAT = r"j \d\e F \d\e Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
YEAR_MONTH_FORMAT = r"F \d\e Y"
MONTH_DAY_FORMAT = r"j \d\e F"
