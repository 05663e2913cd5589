"""British usage for a German district: "Thursday, 26 November 2026, 18:00", "26/11/2026"; Django's
English is American ("Nov. 26, 2026, 6 p.m.")."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "l, j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
