"""Helpers for the load, fault and benchmark commands: a gunicorn server with production settings on the
configured PostgreSQL database, on a free port of this machine (loopback only)."""

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection


def require_postgresql():
    if connection.vendor != "postgresql":
        raise CommandError("Dieser Befehl braucht PostgreSQL: bitte DATABASE_URL=postgres://… setzen.")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(**extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gifhorn_integration.settings",
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "GUNICORN_ACCESSLOG": "",
        "LOG_LEVEL": "WARNING",
        "STATIC_ROOT": str(settings.BASE_DIR / "var" / "loadtest-static"),
    }
    env.update({key: str(value) for key, value in extra.items()})
    return env


@contextmanager
def gunicorn(workers=4, threads=1, **env):
    """Run gunicorn in the background for the duration of the block; yields its base URL."""
    port = free_port()
    environment = production_env(GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS=workers,
                                 GUNICORN_THREADS=threads, **env)
    # Production serves hashed, compressed static files: collect them the way a deployment does.
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=settings.BASE_DIR,
                   env=environment, check=True)
    # A file, not a pipe: a full pipe nobody reads would block gunicorn's error log.
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(settings.BASE_DIR / "gifhorn_integration" / "gunicorn.conf.py"),
         "gifhorn_integration.wsgi"],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL, stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    message = "gunicorn ist nicht gestartet: " + log.read().decode()[-2000:]
                    raise CommandError(message) from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.seek(0)
        errors = [line for line in log.read().decode(errors="replace").splitlines() if '"level": "ERROR"' in line]
        if errors:
            print(f"gunicorn logged {len(errors)} errors, the first: {errors[0][:300]}")
        log.close()
