"""Date formats, one style per language (FORMAT_MODULE_PATH): day, month in words, year; 24-hour times.

What a module leaves out (numbers, the first day of the week) comes from Django's own locale.
Dates are read strictly: the ISO forms a native date or time input sends, nothing that could be
taken for another day (01/12/2026 is 1 December in one country and 12 January in another).
"""

DATE_INPUT_FORMATS = ["%Y-%m-%d"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
TIME_FORMAT = "H:i"
