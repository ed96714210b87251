"""Meeting pages: meetings, decisions and written procedures, action items, calendar feeds."""
