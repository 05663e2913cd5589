"""Ukrainian, month in the genitive (E): "Четвер, 26 листопада 2026 р., 18:00"."""

DATETIME_FORMAT = "l, j E Y р., H:i"
