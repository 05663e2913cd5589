"""The one log format of the portal and of gunicorn: a JSON object per line (python-json-logger) with the time
in UTC, level, logger, message and the event's own fields (passed as `extra`). A traceback stays inside its
line as "exc_info". Used by settings.LOGGING and gunicorn.conf.py."""

JSON_FORMATTER = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "format": "%(levelname)s %(name)s %(message)s",
    "rename_fields": {"levelname": "level", "name": "logger"},
    "timestamp": "time",  # ISO 8601 in UTC
}
