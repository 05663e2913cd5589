"""Arabic with the Arabic comma and the 24-hour clock used in Germany: "الخميس، 26 نوفمبر 2026، 18:00";
Django has no Arabic DATETIME_FORMAT and would write the American "نوفمبر 26, 2026, 6:00 م"."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "l، j F Y، H:i"
