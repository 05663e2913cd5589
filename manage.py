#!/usr/bin/env python3
"""Django's command-line utility for the Gifhorn Integration Portal."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gifhorn_integration.settings")
    # On a developer's machine (no SECRET_KEY, no DEBUG in the environment) management commands run in debug
    # mode. Production sets SECRET_KEY; the web server's entry point (wsgi.py) never falls back like this.
    if "SECRET_KEY" not in os.environ and "DEBUG" not in os.environ:
        os.environ["DEBUG"] = "1"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
