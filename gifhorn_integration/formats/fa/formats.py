"""Persian: "پنجشنبه 26 نوامبر 2026، ساعت 18:00"."""

DATETIME_FORMAT = "l j F Y، ساعت G:i"
