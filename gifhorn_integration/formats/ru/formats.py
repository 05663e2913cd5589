"""Russian, month in the genitive (E): "Четверг, 26 ноября 2026 г., 18:00"."""

DATETIME_FORMAT = "l, j E Y г., H:i"
TIME_FORMAT = "H:i"
