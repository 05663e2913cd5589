"""Thin override of the settings for the test suite (pytest.ini points here)."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-used-anywhere-else-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SESSION_COOKIE_SECURE", "0")
os.environ.setdefault("CSRF_COOKIE_SECURE", "0")
# Tests log staff in with force_login; the second factor has its own tests (portal/tests/test_second_factor.py).
os.environ.setdefault("STAFF_OTP_REQUIRED", "0")

from .settings import *  # noqa: F403

# Manifest storage needs collectstatic; the tests serve source files as they are.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MEDIA_ROOT = tempfile.mkdtemp(prefix="gifhorn-test-media-")
AUTHENTICATION_BACKENDS = [
    "portal.tests.auth_backend.AxesBackendAllowingClientLogin",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
SITE_URL = "http://testserver"
