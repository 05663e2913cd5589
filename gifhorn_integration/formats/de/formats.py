"""German: "Donnerstag, 26. November 2026, 18:00"."""

DATETIME_FORMAT = "l, j. F Y, H:i"
