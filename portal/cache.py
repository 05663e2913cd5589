"""One version number for all public content. Every save or delete of content bumps it, which invalidates
everything cached from content at once (navigation, footer, anonymous page cache)."""

from django.core.cache import cache

VERSION_KEY = "portal:content-version"


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return version


def bump_content_version():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def cached(key, builder, timeout=3600):
    """`builder()` cached under `key` for the current content version."""
    full_key = f"portal:{content_version()}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = builder()
        cache.set(full_key, value, timeout)
    return value
