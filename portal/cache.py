"""One version for all public content. Every save or delete of content gives it a new value, which invalidates
everything cached from content at once (navigation, footer, rendered layout, anonymous page cache).

The version lives in the shared cache (every worker process sees the same one) and is read once per request
(`ContentVersionMiddleware`). What is built from content for a version is kept in the worker's own memory
(`cached`): after the one read of the version, navigation, footer and layout cost no further cache access. A
version is a random token, not a counter, so a cache that lost the key (cleared, culled) never brings back a
version whose values a worker still remembers.
"""

import time
import uuid
from contextvars import ContextVar

from django.core.cache import cache

VERSION_KEY = "portal:content-version"

# The version read for the request being handled (None: not read yet, or content changed during it).
_request_version = ContextVar("portal_content_version", default=None)
# This process's values for one version: {"version": …, "values": {key: value}}.
_memory = {"version": None, "values": {}}


def content_version():
    version = _request_version.get()
    if version is None:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, None)
            version = cache.get(VERSION_KEY)
        _request_version.set(version)
    return version


def bump_content_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    forget_version()


def forget_version():
    """Read the version from the shared cache again at its next use, as a new request does."""
    _request_version.set(None)


def cached(key, builder, timeout=300):
    """`builder()` for the current content version, built once per worker process and version, and again after
    `timeout` seconds: content can change without a save, when a scheduled publication date passes."""
    version = content_version()
    if _memory["version"] != version:
        _memory["version"], _memory["values"] = version, {}
    values = _memory["values"]
    now = time.monotonic()
    if key not in values or values[key][0] < now:
        values[key] = (now + timeout, builder())
    return values[key][1]


class ContentVersionMiddleware:
    """Reads the content version at most once per request, and forgets it when the request ends."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_version.set(None)
        try:
            return self.get_response(request)
        finally:
            _request_version.reset(token)
