"""Turkish: "26 Kasım 2026 Perşembe, 18:00"."""

DATETIME_FORMAT = "j F Y l, H:i"
