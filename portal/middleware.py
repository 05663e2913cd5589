import base64
import hashlib
import re

IMPORT_MAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.S)


class ImportMapHashMiddleware:
    """Allow exactly the import map a page carries (django-prose-editor renders one inline in admin forms) by
    adding its SHA-256 hash to the page's Content-Security-Policy. Any other inline script stays blocked.
    Sits after csp.middleware.CSPMiddleware in MIDDLEWARE, so it runs first on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html") and not getattr(response, "streaming", False):
            hashes = [
                "'sha256-" + base64.b64encode(hashlib.sha256(content).digest()).decode() + "'"
                for content in IMPORT_MAP.findall(response.content)
            ]
            if hashes:
                update = dict(getattr(response, "_csp_update", None) or {})
                update["script-src"] = list(update.get("script-src", [])) + hashes
                response._csp_update = update
        return response
