"""WSGI entry point: `gunicorn -c gifhorn_integration/gunicorn.conf.py gifhorn_integration.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gifhorn_integration.settings")
application = get_wsgi_application()
