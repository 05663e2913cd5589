"""Error pages in the site's layout and the visitor's language, without stack traces."""

import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string

logger = logging.getLogger("portal.errors")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the refusal in the site's layout and the visitor's language (Django's own page is an
    English developer note)."""
    logger.warning("form refused", extra={"event": "csrf_failure", "path": request.path, "reason": reason})
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    # No context processors: the database may be what failed.
    logger.error("server error", extra={"event": "server_error", "path": request.path})
    return HttpResponseServerError(render_to_string("500.html", {"request": request}))
