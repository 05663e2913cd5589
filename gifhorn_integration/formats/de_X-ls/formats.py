"""Leichte Sprache writes the time with "Uhr": "Donnerstag, 26. November 2026, 18:00 Uhr". Django looks for this
folder by the locale's name (de_X-ls); everything else comes from the German formats."""

TIME_FORMAT = r"H:i \U\h\r"
DATETIME_FORMAT = r"l, j. F Y, H:i \U\h\r"
